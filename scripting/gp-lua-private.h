/* gp-lua-private.h: what the glasspane module's files (gp-lua-*.c) share: raising or
 * returning model errors, reading optional parameter tables, the node table cache, result
 * descriptor tables for model outputs that have none in models/, and each file's
 * functions. Not installed; not for the GUI. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <lauxlib.h>
#include <lua.h>

#include "gp-carbon.h"
#include "gp-failure.h"
#include "gp-link.h"
#include "gp-lua.h"
#include "gp-luaparam.h"
#include "gp-node.h"
#include "gp-package.h"
#include "gp-search.h"
#include "gp-steptime.h"
#include "gp-system.h"
#include "gp-topology.h"
#include "gp-workload.h"

/* A model error: GP_EINVAL and GP_ENOTFOUND are the caller's mistake and raise
 * "bad argument #ARG to 'f' (message)"; anything else (infeasible, no convergence,
 * cancelled, I/O) returns nil, message to the script. Returns the number of results. */
int gp_lua_fail (lua_State *L, int arg, gp_status st, const gp_error *err);

/* Push nil, message (message from ERR, or the status name); returns 2. */
int gp_lua_push_fail (lua_State *L, const gp_error *err);

/* Read the table at IDX (absent or nil: keep OBJ as it is) into OBJ through TABLE, raising
 * a bad-argument error naming ARG (and CONTEXT, e.g. "plan") on any mistake. */
void gp_lua_check_params (lua_State *L, int arg, int idx, const gp_param_table *table,
                          void *obj, const char *context);

/* Read field KEY of the table at ARG into OBJ (nil or absent: keep OBJ). */
void gp_lua_check_field_params (lua_State *L, int arg, const char *key,
                                const gp_param_table *table, void *obj);

/* Reject keys of the table at ARG that are not in ALLOWED (NULL-terminated), naming them. */
void gp_lua_check_keys (lua_State *L, int arg, const char *const *allowed);

/* The node table (data/nodes.lua), loaded once per lua_State and kept in the registry. */
const gp_node *gp_lua_nodes (lua_State *L, size_t *n);

/* A preset list entry from data/FILE_KIND.lua by name, copied into L's stack as a table;
 * raises a bad-argument error on ARG when the file or the name is unknown. */
void gp_lua_push_preset (lua_State *L, int arg, const char *kind, const char *name);

/* ---- sweeps (gp-lua.c), shared by glasspane.sweep and glasspane.sweep_system ---- */

/* One swept axis as scripts write it: {KEY = name, from =, to =, n =, log =}. */
typedef struct {
  char name[96];   /* the parameter name or path */
  double from, to;
  long n;          /* points, 1..1e8 */
  bool log;        /* geometric spacing (from, to > 0) */
  bool whole;      /* a whole-number parameter: points rounded to the nearest integer */
} gp_lua_axis;

/* Read field FIELD ("x", "y") of the table at IDX; KEY names the parameter's key ("param",
 * "path"). Mistakes raise bad-argument errors on ARG. */
void gp_lua_read_axis (lua_State *L, int arg, int idx, const char *field, const char *key,
                       gp_lua_axis *a);
/* Point I of N: from + I (to - from) / (N - 1), or geometric; the first and last are exactly
 * FROM and TO, every point lies between them, and a whole axis rounds to integers. */
double gp_lua_axis_value (const gp_lua_axis *a, long i);

/* The rows [*FIRST, *LAST) of TOTAL this call computes: the table's `shard = {k, n}` or the
 * runner's --shard, as contiguous blocks so shards concatenate to the whole sweep. */
void gp_lua_sweep_rows (lua_State *L, int arg, int idx, long total, long *first, long *last);

/* The worker count for a call: field `threads` of the table at IDX (1..GP_THREADS_MAX,
 * else a bad-argument error on ARG), else $GP_THREADS, else the online processors. */
int gp_lua_threads_opt (lua_State *L, int arg, int idx);

/* ---- frames and their columns (gp-lua-column.c) ---- */

/* A column frame under construction: gp_lua_frame_begin pushes the frame, its column, unit,
 * error and data tables and one block of ROWS x NC doubles (the store), column C at
 * gp_lua_frame_col (F, C); the caller (or its worker threads, on disjoint rows) fills the
 * store, then gp_lua_frame_end leaves the finished frame on the stack: { n, columns, units,
 * errors, total, first, data = { [name] = column } }, each column a glasspane.column
 * userdata over its slice (the first column, the row index, reads back as integers).
 * NAMES and UNITS must outlive gp_lua_frame_end. */
typedef struct {
  lua_State *L;
  int frame, errors, data, store_idx, nc;
  long rows;
  double *store;
  const char *const *names;
} gp_lua_frame;

void gp_lua_frame_begin (lua_State *L, gp_lua_frame *f, long rows, int nc,
                         const char *const *names, const char *const *units);
static inline double *
gp_lua_frame_col (const gp_lua_frame *f, int col)
{
  return f->store + (size_t) col * (size_t) f->rows;
}
void gp_lua_frame_error (gp_lua_frame *f, long row, const char *message);
void gp_lua_frame_end (gp_lua_frame *f, long total, long first);

/* Number lists as arguments: a glasspane.column or a Lua table. */
bool gp_lua_is_numlist (lua_State *L, int idx);
lua_Integer gp_lua_numlist_len (lua_State *L, int idx);
/* Push element I (nil outside the list) and return its type, as lua_rawgeti. */
int gp_lua_numlist_geti (lua_State *L, int idx, lua_Integer i);
/* A column's values and length (*N), or NULL when the value at IDX is not a column. */
const double *gp_lua_column_values (lua_State *L, int idx, lua_Integer *n);

/* Inputs that are not generic models (package, part, accel, plan, search, carbon ...), so
 * glasspane.params / defaults / outputs can describe them too. */
typedef struct {
  const char *name;
  const gp_param_table *params;
  size_t size;
  void (*init) (void *obj);
  const gp_param_table *result;   /* the scalar outputs of the function of that name, or NULL */
  void (*push) (lua_State *L, const void *obj); /* NULL: gp_lua_push_params (nested inputs) */
} gp_lua_input;

extern const gp_lua_input gp_lua_inputs[];
const gp_lua_input *gp_lua_input_find (const char *name);

/* Result descriptor tables for model outputs (scalars only; breakdowns are pushed by the
 * *_push_extra functions of gp-lua-results.c). */
extern const gp_param_table gp_lua_link_result_table;
extern const gp_param_table gp_lua_shoreline_result_table;
extern const gp_param_table gp_lua_topology_result_table;
extern const gp_param_table gp_lua_topology_level_table;
extern const gp_param_table gp_lua_fat_tree_table;
extern const gp_param_table gp_lua_net_level_table;
extern const gp_param_table gp_lua_workload_sizes_table;
extern const gp_param_table gp_lua_failure_result_table;
extern const gp_param_table gp_lua_carbon_run_result_table;
extern const gp_param_table gp_lua_carbon_system_result_table;
extern const gp_param_table gp_lua_package_result_table;
extern const gp_param_table gp_lua_package_yields_table;
extern const gp_param_table gp_lua_package_part_prep_table;
extern const gp_param_table gp_lua_carbon_package_result_table;
extern const gp_param_table gp_lua_steptime_result_table;
extern const gp_param_table gp_lua_search_result_table;

void gp_lua_link_push_extra (lua_State *L, const void *params, const void *result);
void gp_lua_topology_push_extra (lua_State *L, const void *params, const void *result);
void gp_lua_workload_push_extra (lua_State *L, const void *params, const void *result);
void gp_lua_failure_push_extra (lua_State *L, const void *params, const void *result);
void gp_lua_push_fat_tree (lua_State *L, const gp_fat_tree *ft);
void gp_lua_push_net_levels (lua_State *L, const gp_net_levels *net);

/* A steptime result with its phase and bound breakdown (table pushed). */
void gp_lua_push_steptime_result (lua_State *L, const gp_steptime_result *r);

/* Read a plan / accelerator / interconnect / workload from Lua (gp-lua-steptime.c):
 * NET from field "net" (a list of levels) or "topology" (parameters or a preset name). */
void gp_lua_check_net (lua_State *L, int arg, gp_net_levels *net);
void gp_lua_check_workload (lua_State *L, int arg, const char *key, gp_workload *w);

/* Read a package (fields plus a `parts` list, or a preset name) at IDX (gp-lua-package.c). */
void gp_lua_check_package (lua_State *L, int arg, int idx, gp_package_params *p);
void gp_lua_push_package_result (lua_State *L, const gp_package_params *p,
                                 const gp_package_prepared *prep, const gp_package_result *r);

/* A system entry (preset name or table) and the default study, through the design reader
 * (gp-lua-system.c). */
void gp_lua_check_system (lua_State *L, int arg, int idx, gp_system *s, gp_study *st);

/* Add gp-lua.c's functions and one closure per generic model to the table on the stack top. */
void gp_lua_open_models (lua_State *L);

/* Each file's functions, added to the module table by gp-lua-module.c. */
extern const luaL_Reg gp_lua_input_fns[];
extern const luaL_Reg gp_lua_package_fns[];
extern const luaL_Reg gp_lua_steptime_fns[];
extern const luaL_Reg gp_lua_data_fns[];
extern const luaL_Reg gp_lua_csv_fns[];
extern const luaL_Reg gp_lua_chart_fns[];
extern const luaL_Reg gp_lua_system_fns[];
extern const luaL_Reg gp_lua_fabric_fns[];   /* gp-lua-fabric.c */
extern const luaL_Reg gp_lua_inference_fns[];

/* Create the chart userdata's metatable (gp-lua-chart.c). */
void gp_lua_chart_open (lua_State *L);
