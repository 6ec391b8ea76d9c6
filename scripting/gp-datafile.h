/* gp-datafile.h: the sandboxed loader for presets and design files.
 *
 * A data file is a Lua chunk that returns one table of numbers, strings, booleans and
 * tables. It runs in a fresh lua_State that has no io, os, require, load, dofile,
 * loadfile, string.dump, debug, pcall, setmetatable or collectgarbage (nor the string
 * pattern functions or table.move, which can spin inside one C call), with a cap on the
 * instructions it may execute and on the memory it may allocate, and binary chunks are
 * refused. A broken or hostile file therefore gives an error with file and line, and
 * nothing else happens. The returned table is checked to hold only plain data. */
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
  size_t memory_bytes;  /* allocator cap; default 64 MiB */
  long instructions;    /* VM instruction cap; default 50 million */
  int max_depth;        /* table nesting cap for the returned value; default 32 */
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
 * so this cannot run code in either state. Like any lua_push*, it raises a Lua error in
 * DST if DST runs out of memory. */
void gp_datafile_push_copy (gp_datafile *df, lua_State *dst);

#ifdef __cplusplus
}
#endif
