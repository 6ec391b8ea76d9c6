/* fuzz-datafile.c: arbitrary bytes as a data file. They go through the sandboxed loader
 * (gp_datafile_load_buffer) and, when they load, every list a preset file can hold is read
 * the way gp_preset_list_load reads it (gp_lua_read_params over each entry's defaults,
 * every required key) and then through the real path-based readers (nodes, links,
 * topologies, packages with their nested parts, carbon, workloads, failures); packages
 * that read are priced and their carbon computed against data/nodes.lua.
 *
 * Invariants checked: a failed load or read has a message naming the file; a successful
 * read leaves a struct that validates and that survives a write/read round trip; a
 * package that prepares prices to finite numbers; the sandbox's stack holds only the root. */
#include "gp-fuzz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "gp-datafile.h"
#include "gp-luaparam.h"
#include "gp-models.h"
#include "gp-presets-link.h"
#include "gp-presets-package.h"
#include "gp-presets.h"

/* Tighter than the defaults so each input is quick; the caps themselves are tested by
 * tests/test-loader.c at their real values. */
#define FUZZ_MEMORY_BYTES ((size_t) 32 << 20)
#define FUZZ_INSTRUCTIONS 2000000L
/* Entries read per list: enough to reach every path, few enough to stay fast. */
#define FUZZ_LIST_MAX 64

typedef struct {
  const char *key;              /* the list (or single table) in the root */
  const gp_param_table *table;
  size_t size;
  void (*init) (void *obj);
  bool single;                  /* ROOT[key] is one entry, not a list */
} list_kind;

static void node_init (void *o) { gp_node_init (o); }
static void link_init (void *o) { gp_link_params_init (o); }
static void topology_init (void *o) { gp_topology_params_init (o); }
static void workload_init (void *o) { gp_workload_params_init (o); }
static void failure_init (void *o) { gp_failure_params_init (o); }
static void carbon_init (void *o) { gp_carbon_params_init (o); }
static void carbon_system_init (void *o) { gp_carbon_system_params_init (o); }
static void wafer_init (void *o) { gp_wafer_params_init (o); }
static void grid_init (void *o)
{
  gp_grid *g = o;
  memset (g, 0, sizeof *g);
  strcpy (g->name, "grid");
  g->ci_g_per_kwh = 300;
}

static const list_kind kinds[] = {
  { "nodes", &gp_node_param_table, sizeof (gp_node), node_init, false },
  { "links", &gp_link_param_table, sizeof (gp_link_params), link_init, false },
  { "topologies", &gp_topology_param_table, sizeof (gp_topology_params), topology_init, false },
  { "workloads", &gp_workload_param_table, sizeof (gp_workload), workload_init, false },
  { "failures", &gp_failure_param_table, sizeof (gp_failure_params), failure_init, false },
  { "grids", &gp_grid_param_table, sizeof (gp_grid), grid_init, false },
  { "systems", &gp_carbon_system_param_table, sizeof (gp_carbon_system_params),
    carbon_system_init, false },
  { "carbon", &gp_carbon_param_table, sizeof (gp_carbon_params), carbon_init, true },
  { "wafer", &gp_wafer_param_table, sizeof (gp_wafer_params), wafer_init, true },
};

/* Field-by-field equality through the descriptors (padding is not compared). */
static void
check_same (const char *what, const gp_param_table *t, const void *a, const void *b)
{
  for (size_t i = 0; i < t->n_params; i++)
    {
      const gp_param *p = &t->params[i];
      if (p->type == GP_PARAM_STRING)
        {
          const char *sa = (const char *) a + p->offset, *sb = (const char *) b + p->offset;
          if (strncmp (sa, sb, p->string_size) != 0)
            gp_fuzz_fail ("%s: %s.%s changed on a round trip: \"%s\" -> \"%s\"", what,
                          t->name, p->name, sa, sb);
        }
      else if (gp_param_get (p, a) != gp_param_get (p, b))
        gp_fuzz_fail ("%s: %s.%s changed on a round trip: %.17g -> %.17g", what, t->name,
                      p->name, gp_param_get (p, a), gp_param_get (p, b));
    }
}

/* OBJ was read without error: it must validate, and writing it to a table and reading
 * that back (every key required) must give the same struct. */
static void
check_read_struct (lua_State *L, const list_kind *k, const void *obj, const char *what)
{
  gp_error err;
  gp_status st = gp_params_validate (k->table, obj, &err);
  if (st != GP_OK)
    gp_fuzz_fail ("%s: read without error but does not validate: %s", what, err.message);
  int top = lua_gettop (L);
  gp_lua_push_params (L, k->table, obj);
  void *copy = malloc (k->size);
  if (copy == NULL)
    abort ();
  k->init (copy);
  st = gp_lua_read_params (L, -1, k->table, copy, GP_LUAPARAM_REQUIRE_ALL, NULL, &err);
  if (st != GP_OK)
    gp_fuzz_fail ("%s: its own table does not read back: %s", what, err.message);
  check_same (what, k->table, obj, copy);
  free (copy);
  lua_settop (L, top);
}

/* Read one entry (the table on the stack top) as gp_preset_list_load does. */
static void
read_entry (lua_State *L, const list_kind *k, const char *context)
{
  void *obj = malloc (k->size);
  if (obj == NULL)
    abort ();
  k->init (obj);
  int top = lua_gettop (L);
  gp_error err;
  gp_status st = gp_lua_read_params (L, -1, k->table, obj, GP_LUAPARAM_REQUIRE_ALL, context,
                                     &err);
  if (lua_gettop (L) != top)
    gp_fuzz_fail ("gp_lua_read_params (%s): stack %d -> %d", context, top, lua_gettop (L));
  if (st == GP_OK)
    check_read_struct (L, k, obj, context);
  else
    gp_fuzz_check_error (context, st, &err);
  free (obj);
}

static void
read_lists (lua_State *L)
{
  for (size_t i = 0; i < GP_N_ELEMENTS (kinds); i++)
    {
      const list_kind *k = &kinds[i];
      lua_pushstring (L, k->key);
      if (lua_rawget (L, 1) != LUA_TTABLE)
        {
          lua_pop (L, 1);
          continue;
        }
      if (k->single)
        read_entry (L, k, k->key);
      else
        {
          lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
          for (lua_Integer j = 1; j <= n && j <= FUZZ_LIST_MAX; j++)
            {
              char context[64];
              snprintf (context, sizeof context, "%s[%lld]", k->key, (long long) j);
              if (lua_rawgeti (L, -1, j) == LUA_TTABLE)
                read_entry (L, k, context);
              lua_pop (L, 1);
            }
        }
      lua_pop (L, 1);
    }
}

static bool
has_key (lua_State *L, const char *key)
{
  lua_pushstring (L, key);
  bool present = lua_rawget (L, 1) != LUA_TNIL;
  lua_pop (L, 1);
  return present;
}


static void
check_loaded_array (const char *what, gp_status st, const gp_error *err, const void *arr,
                    size_t n, size_t size, const gp_param_table *t)
{
  if (st != GP_OK)
    {
      gp_fuzz_check_error (what, st, err);
      if (arr != NULL || n != 0)
        gp_fuzz_fail ("%s: failed but left %zu entries", what, n);
      return;
    }
  for (size_t i = 0; i < n; i++)
    {
      gp_error verr;
      if (gp_params_validate (t, (const char *) arr + i * size, &verr) != GP_OK)
        gp_fuzz_fail ("%s: entry %zu loaded but does not validate: %s", what, i + 1,
                      verr.message);
    }
}

/* The real readers, which take a path: the bytes go to a scratch file first. */
static void
read_through_front_doors (lua_State *L, const uint8_t *data, size_t size)
{
  static const char *const keys[] = { "nodes", "links", "topologies", "packages", "carbon",
                                      "grids", "systems", "workloads", "failures", NULL };
  bool any = false;
  for (int i = 0; keys[i] && !any; i++)
    any = has_key (L, keys[i]);
  if (!any)
    return;
  const char *path = gp_fuzz_temp_file (data, size);
  if (path == NULL)
    return;
  gp_error err;
  gp_status st;
  if (has_key (L, "nodes"))
    {
      gp_node *nodes = NULL;
      size_t n = 0;
      st = gp_nodes_load (path, &nodes, &n, &err);
      check_loaded_array ("gp_nodes_load", st, &err, nodes, n, sizeof *nodes,
                          &gp_node_param_table);
      free (nodes);
    }
  if (has_key (L, "links"))
    {
      gp_link_params *links = NULL;
      size_t n = 0;
      st = gp_links_load (path, &links, &n, &err);
      check_loaded_array ("gp_links_load", st, &err, links, n, sizeof *links,
                          &gp_link_param_table);
      for (size_t i = 0; st == GP_OK && i < n; i++)
        {
          gp_link_result r;
          gp_status lst = gp_link_eval (&links[i], &r, &err);
          if (lst != GP_OK)
            gp_fuzz_check_error ("gp_link_eval", lst, &err);
          else if (!isfinite (r.total_pj_per_bit) || !(r.total_pj_per_bit >= 0))
            gp_fuzz_fail ("gp_link_eval: %s: GP_OK with %g pJ/bit", links[i].name,
                          r.total_pj_per_bit);
        }
      free (links);
    }
  if (has_key (L, "topologies"))
    {
      gp_topology_params *t = NULL;
      size_t n = 0;
      st = gp_topologies_load (path, &t, &n, &err);
      check_loaded_array ("gp_topologies_load", st, &err, t, n, sizeof *t,
                          &gp_topology_param_table);
      free (t);
    }
  if (has_key (L, "packages"))
    {
      gp_package_params *p = NULL;
      size_t n = 0;
      st = gp_packages_load (path, &p, &n, &err);
      check_loaded_array ("gp_packages_load", st, &err, p, n, sizeof *p,
                          &gp_package_param_table);
      for (size_t i = 0; st == GP_OK && i < n; i++)
        {
          if (p[i].n_parts < 1 || p[i].n_parts > GP_PACKAGE_PARTS_MAX)
            gp_fuzz_fail ("gp_packages_load: %s has %d parts", p[i].name, p[i].n_parts);
          for (int j = 0; j < p[i].n_parts; j++)
            if (gp_params_validate (&gp_package_part_param_table, &p[i].parts[j], &err) != GP_OK)
              gp_fuzz_fail ("gp_packages_load: %s part %d does not validate: %s", p[i].name,
                            j + 1, err.message);
          if (i < 4)
            gp_fuzz_price_package (&p[i]);
        }
      free (p);
    }
  if (has_key (L, "carbon"))
    {
      gp_carbon_params c;
      gp_grid *grids = NULL;
      gp_carbon_system_params *systems = NULL;
      size_t ng = 0, ns = 0;
      st = gp_carbon_load (path, &c, &grids, &ng, &systems, &ns, &err);
      if (st != GP_OK)
        gp_fuzz_check_error ("gp_carbon_load", st, &err);
      else if (gp_params_validate (&gp_carbon_param_table, &c, &err) != GP_OK)
        gp_fuzz_fail ("gp_carbon_load: carbon does not validate: %s", err.message);
      free (grids);
      free (systems);
    }
  /* Lists with no reader of their own go through gp_preset_list_load itself. */
  for (size_t i = 0; i < GP_N_ELEMENTS (kinds); i++)
    {
      const list_kind *k = &kinds[i];
      if ((strcmp (k->key, "workloads") != 0 && strcmp (k->key, "failures") != 0)
          || !has_key (L, k->key))
        continue;
      void *arr = NULL;
      size_t n = 0;
      st = gp_preset_list_load (path, k->key, k->table, k->size, k->init, &arr, &n, &err);
      check_loaded_array ("gp_preset_list_load", st, &err, arr, n, k->size, k->table);
      free (arr);
    }
}

int
gp_fuzz_datafile (const uint8_t *data, size_t size)
{
  gp_models_init ();
  gp_sandbox_limits limits;
  gp_sandbox_limits_init (&limits);
  limits.memory_bytes = FUZZ_MEMORY_BYTES;
  limits.instructions = FUZZ_INSTRUCTIONS;
  /* Time-bomb seeds (tests/data/slow-*.lua) stop in a quarter second, not two. */
  limits.cpu_seconds = 0.25;
  limits.wall_seconds = 2.0;
  gp_error err;
  gp_datafile *df = gp_datafile_load_buffer ("fuzz.lua", (const char *) data, size, &limits,
                                             &err);
  if (df == NULL)
    {
      gp_fuzz_check_error ("gp_datafile_load_buffer", err.status, &err);
      if (strstr (err.message, "fuzz.lua") == NULL)
        gp_fuzz_fail ("gp_datafile_load_buffer: message does not name the file: %s",
                      err.message);
      return 0;
    }
  lua_State *L = gp_datafile_lua (df);
  if (lua_gettop (L) != 1 || lua_type (L, 1) != LUA_TTABLE)
    gp_fuzz_fail ("gp_datafile_load_buffer: stack holds %d values, root a %s", lua_gettop (L),
                  luaL_typename (L, 1));
  read_lists (L);
  if (lua_gettop (L) != 1)
    gp_fuzz_fail ("reading the lists left %d values on the stack", lua_gettop (L));
  read_through_front_doors (L, data, size);
  gp_datafile_free (df);
  return 0;
}

#ifdef GP_FUZZ_MAIN
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  return gp_fuzz_datafile (data, size);
}
#endif
