/* gp-fuzz.h: the fuzz entry points, shared by the libFuzzer targets (built with
 * -Dfuzzing=true) and by tests/test-fuzz-replay.c, which runs every saved regression and
 * seed through the same functions in the normal build.
 *
 * Each entry takes arbitrary bytes and returns 0. Besides not crashing, it checks the
 * promises the code makes (an error always has a message, a read that succeeds leaves a
 * struct that validates, a model that returns GP_OK returns finite numbers, the Lua stack
 * is balanced); a broken promise is reported by gp_fuzz_fail(), which aborts, so libFuzzer
 * saves the input and the replay test fails. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "gp-error.h"
#include "gp-node.h"
#include "gp-package.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A data file through the sandbox, then its lists through the preset readers. */
int gp_fuzz_datafile (const uint8_t *data, size_t size);

/* Lua tables of any shape, built from the bytes, read into every model's input struct. */
int gp_fuzz_luaparam (const uint8_t *data, size_t size);

/* "FUNCTION\nDATA FILE": the data file's table (loaded through the sandbox) passed to
 * glasspane.FUNCTION(t) under pcall. */
int gp_fuzz_lua_api (const uint8_t *data, size_t size);

/* A design file through gp_design_load (a no-op until scripting/gp-design.h exists). */
int gp_fuzz_design (const uint8_t *data, size_t size);

/* 1 when gp_fuzz_design exercises a real design loader in this build. */
int gp_fuzz_design_available (void);

/* ---- shared by the targets (gp-fuzz-common.c) ---- */

/* Print "fuzz invariant broken: ..." to stderr and abort(). */
void gp_fuzz_fail (const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__ ((format (printf, 1, 2), noreturn))
#endif
  ;

/* A failed call must say why: ERR's status is STATUS (not GP_OK) and its message is a
 * non-empty, terminated string. WHAT names the call in the failure report. */
void gp_fuzz_check_error (const char *what, gp_status status, const gp_error *err);

/* Every DOUBLE field of OBJ (described by TABLE) is finite. */
void gp_fuzz_check_finite (const char *what, const gp_param_table *table, const void *obj);

/* Print OBJ's fields (described by TABLE) to stderr, one "name = value" per line: the
 * inputs behind a broken invariant, for the report. */
void gp_fuzz_dump (const char *what, const gp_param_table *table, const void *obj);

/* The node table (data/nodes.lua) for pricing packages, loaded once; NULL with *N = 0 if
 * it cannot be read. */
const gp_node *gp_fuzz_reference_nodes (size_t *n);

/* Prepare and price package P and its carbon; any error must say why (gp_fuzz_check_error),
 * and GP_OK must mean finite, positive totals whose breakdowns sum to them. The inputs are
 * dumped on a broken invariant. */
void gp_fuzz_price_package (const gp_package_params *p);

/* A file holding exactly LEN bytes of DATA, rewritten on every call; the same path for the
 * life of the process (removed at exit). NULL if it cannot be written. */
const char *gp_fuzz_temp_file (const void *data, size_t len);

#ifdef __cplusplus
}
#endif
