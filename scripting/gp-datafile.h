/* gp-datafile.h: the sandboxed loader for presets and design files.
 *
 * A data file is a Lua chunk that returns one table of numbers, strings, booleans and
 * tables. It runs in a fresh lua_State that has no io, os, require, load, dofile,
 * loadfile, string.dump, debug, pcall, setmetatable or collectgarbage (nor the string
 * pattern functions, string.pack/unpack, table.move or table.sort, which can spin inside
 * one C call), under the C locale, with caps on the instructions it may execute, the
 * memory it may allocate, the length of any one string, and the CPU and wall-clock time it
 * may take; binary chunks are refused. Time is bounded for real, not only in VM
 * instructions: a count hook every 100 instructions checks a monotonic clock (and the
 * thread's CPU clock), the allocator checks it every few MiB, the C functions whose work
 * grows with a table's length (table.insert, remove, concat, unpack, string.byte,
 * tonumber on a string) charge that work to the instruction budget, and the string cap
 * bounds what one comparison or number conversion can cost. A broken or hostile file
 * therefore gives an error with file and line, and nothing else happens. The returned
 * table is checked to hold only plain data, and to be small enough to copy out. */
#pragma once

#include <stddef.h>

#include <lua.h>

#include "gp-error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Highest data-file format this build understands. A file whose root table has
 * format = N with N greater than this is refused rather than misread. */
#define GP_FORMAT_VERSION 1

typedef struct {
  size_t memory_bytes;  /* allocator cap; default 64 MiB. Also the budget for the tables
                           gp_datafile_push_copy builds (see there) */
  long instructions;    /* VM instruction cap, plus the work charged by C functions;
                           default 50 million */
  int max_depth;        /* table nesting cap for the returned value; default 32 */
  size_t string_bytes;  /* longest string the file may make; default 1 MiB */
  double cpu_seconds;   /* CPU time of the loading thread, parse and run; default 2 s */
  double wall_seconds;  /* wall-clock time, parse and run; default 10 s */
} gp_sandbox_limits;

typedef struct gp_datafile gp_datafile;

void gp_sandbox_limits_init (gp_sandbox_limits *limits);

/* Load PATH. LIMITS may be NULL for the defaults. Returns NULL and fills ERR on any
 * failure: unreadable file (GP_EIO), syntax or runtime error, exceeded limit, a root
 * value that is not a table, a function/userdata/thread anywhere in it, or a newer
 * format version (GP_EINVAL). Messages start with "PATH:LINE:" where a line is known. */
gp_datafile *gp_datafile_load (const char *path, const gp_sandbox_limits *limits,
                               gp_error *err);

/* Same, from memory; CHUNKNAME names it in messages (e.g. "design.lua"). */
gp_datafile *gp_datafile_load_buffer (const char *chunkname, const char *buf, size_t len,
                                      const gp_sandbox_limits *limits, gp_error *err);

/* NULL-safe. */
void gp_datafile_free (gp_datafile *df);

/* The sandbox state; the returned root table is at stack index 1. Read it with raw
 * access only (lua_rawget*): it has no metatables, but callers should not rely on that. */
lua_State *gp_datafile_lua (gp_datafile *df);

/* The name used in messages (path or chunkname). */
const char *gp_datafile_name (const gp_datafile *df);

/* Deep-copy the root table into DST (pushes one table). Only plain data exists in it,
 * so this cannot run code in either state. Each distinct long string is copied once and
 * shared by every place that refers to it (strings are immutable, so nothing can tell);
 * tables are copied each time they are reached, so edits to one place never show in
 * another. The load refused a file whose tables, counted that way, would take more than
 * limits->memory_bytes to copy, so the copy allocates at most about twice the sandbox's
 * cap. Like any lua_push*, it raises a Lua error in DST if DST runs out of memory. */
void gp_datafile_push_copy (gp_datafile *df, lua_State *dst);

#ifdef __cplusplus
}
#endif
