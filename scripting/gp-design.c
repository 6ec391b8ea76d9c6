/* gp-design.c: reading system presets and design files into gp_system / gp_design, and
 * writing designs back as explicit Lua table files (rules in gp-design.h).
 *
 * Nested tables are taken apart the way gp-presets-package.c does it: the sub-table keys
 * are detached from an entry (raw access, in the loader's own sandbox state) and kept on
 * the stack, the flat rest is read with gp_lua_read_params, then each sub-table is read
 * onto its base. The preset files a design refers to are loaded once per load, on first
 * use, so a broken unrelated preset file does not stop a design that does not use it. */
#include "gp-design.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "gp-datafile.h"
#include "gp-export.h"
#include "gp-luaparam.h"
#include "gp-models.h"
#include "gp-numfmt.h"
#include "gp-presets-link.h"
#include "gp-presets-package.h"
#include "gp-presets.h"

/* ---- the presets a file may name ---------------------------------------------------- */

typedef enum {
  K_PACKAGE, K_LINK, K_TOPOLOGY, K_FAILURE, K_CARBON, K_WORKLOAD, K_SYSTEM,
  K_COST,    /* a system's cost table: `cost = { preset = "dgx-h100", ... }` */
  K_NONE,
} preset_kind;

static const char *const kind_file[] = {
  "packages.lua", "links.lua", "topologies.lua", "failures.lua", "carbon.lua",
  "workloads.lua", "systems.lua", "systems.lua", "",
};

typedef struct {
  gp_package_params *packages;
  size_t n_packages;
  gp_link_params *links;
  size_t n_links;
  gp_topology_params *topologies;
  size_t n_topologies;
  gp_failure_params *failures;
  size_t n_failures;
  gp_carbon_system_params *carbons;
  size_t n_carbons;
  gp_carbon_params carbon;
  gp_workload *workloads;
  size_t n_workloads;
  bool have[K_NONE];
  /* systems: data/systems.lua for a design; the entries read so far for systems.lua */
  gp_system *systems;
  size_t n_systems;
  bool own_systems;
  /* data/nodes.lua, to check the nodes parts name at load rather than at evaluation */
  gp_node *nodes;
  size_t n_nodes;
  bool have_nodes;
} catalog;

static void
catalog_free (catalog *c)
{
  free (c->packages);
  free (c->links);
  free (c->topologies);
  free (c->failures);
  free (c->carbons);
  free (c->workloads);
  free (c->nodes);
  if (c->own_systems)
    free (c->systems);
  memset (c, 0, sizeof *c);
}

static void failure_init_cb (void *e) { gp_failure_params_init (e); }
static void workload_init_cb (void *e) { gp_workload_params_init (e); }

static gp_status
catalog_need (catalog *c, preset_kind k, gp_error *err)
{
  if (k == K_COST)
    k = K_SYSTEM;
  if (k == K_NONE || c->have[k])
    return GP_OK;
  char path[4096];
  gp_data_path (path, sizeof path, kind_file[k]);
  gp_status st = GP_OK;
  void *arr = NULL;
  switch (k)
    {
    case K_PACKAGE: st = gp_packages_load (NULL, &c->packages, &c->n_packages, err); break;
    case K_LINK: st = gp_links_load (NULL, &c->links, &c->n_links, err); break;
    case K_TOPOLOGY: st = gp_topologies_load (NULL, &c->topologies, &c->n_topologies, err); break;
    case K_FAILURE:
      st = gp_preset_list_load (path, "failures", &gp_failure_param_table,
                                sizeof (gp_failure_params), failure_init_cb, &arr,
                                &c->n_failures, err);
      c->failures = arr;
      break;
    case K_CARBON:
      st = gp_carbon_load (NULL, &c->carbon, NULL, NULL, &c->carbons, &c->n_carbons, err);
      break;
    case K_WORKLOAD:
      st = gp_preset_list_load (path, "workloads", &gp_workload_param_table,
                                sizeof (gp_workload), workload_init_cb, &arr, &c->n_workloads,
                                err);
      c->workloads = arr;
      break;
    case K_SYSTEM:
      st = gp_systems_load (NULL, &c->systems, &c->n_systems, err);
      c->own_systems = true;
      break;
    default: break;
    }
  if (st == GP_OK)
    c->have[k] = true;
  return st;
}

/* Copy the preset NAME of kind K into OBJ. */
static gp_status
catalog_find (catalog *c, preset_kind k, const char *name, void *obj, gp_error *err)
{
  GP_TRY (catalog_need (c, k, err));
  const void *hit = NULL;
  size_t size = 0;
  switch (k)
    {
    case K_PACKAGE:
      hit = gp_packages_find (c->packages, c->n_packages, name);
      size = sizeof (gp_package_params);
      break;
    case K_LINK:
      hit = gp_links_find (c->links, c->n_links, name);
      size = sizeof (gp_link_params);
      break;
    case K_TOPOLOGY:
      hit = gp_topologies_find (c->topologies, c->n_topologies, name);
      size = sizeof (gp_topology_params);
      break;
    case K_FAILURE:
      for (size_t i = 0; i < c->n_failures && !hit; i++)
        if (strcmp (c->failures[i].name, name) == 0)
          hit = &c->failures[i];
      size = sizeof (gp_failure_params);
      break;
    case K_CARBON:
      for (size_t i = 0; i < c->n_carbons && !hit; i++)
        if (strcmp (c->carbons[i].name, name) == 0)
          hit = &c->carbons[i];
      size = sizeof (gp_carbon_system_params);
      break;
    case K_WORKLOAD:
      for (size_t i = 0; i < c->n_workloads && !hit; i++)
        if (strcmp (c->workloads[i].name, name) == 0)
          hit = &c->workloads[i];
      size = sizeof (gp_workload);
      break;
    case K_SYSTEM:
      hit = gp_systems_find (c->systems, c->n_systems, name);
      size = sizeof (gp_system);
      break;
    case K_COST:
      {
        const gp_system *sys = gp_systems_find (c->systems, c->n_systems, name);
        hit = sys ? &sys->cost : NULL;
        size = sizeof (gp_cost_params);
      }
      break;
    default:
      return gp_error_set (err, GP_EINVAL, "preset", "this table has no presets: give a table");
    }
  if (hit == NULL)
    return gp_error_set (err, GP_ENOTFOUND, "preset", "preset '%s' is not in data/%s%s", name,
                         kind_file[k],
                         (k == K_SYSTEM || k == K_COST) && !c->own_systems
                           ? " (above this entry)" : "");
  memcpy (obj, hit, size);
  return GP_OK;
}

/* catalog_find with the name at stack index IDX of L: a name with a NUL byte in it
 * ("dgx-h100\0evil") is refused, not cut short at the NUL. */
static gp_status
catalog_find_at (catalog *c, preset_kind k, lua_State *L, int idx, void *obj, gp_error *err)
{
  size_t len;
  const char *name = lua_tolstring (L, idx, &len);
  if (name == NULL || strlen (name) != len)
    return gp_error_set (err, GP_EINVAL, "preset", "a preset name contains a NUL byte");
  return catalog_find (c, k, name, obj, err);
}

/* Every node a package names (its logic dies' and its carrier's) must be in
 * data/nodes.lua: said at load, naming the part, not first at evaluation. */
static gp_status
check_nodes (catalog *c, const gp_package_params *pk, gp_error *err)
{
  if (!c->have_nodes)
    {
      GP_TRY (gp_nodes_load (NULL, &c->nodes, &c->n_nodes, err));
      c->have_nodes = true;
    }
  for (int j = 0; j < pk->n_parts; j++)
    {
      const char *node = pk->parts[j].node;
      if (node[0] != '\0' && gp_nodes_find (c->nodes, c->n_nodes, node) == NULL)
        return gp_error_set (err, GP_ENOTFOUND, "node", "package.parts[%d] (%s): node '%s' "
                             "is not in data/nodes.lua", j + 1, pk->parts[j].name, node);
    }
  if (pk->carrier_node[0] != '\0'
      && gp_nodes_find (c->nodes, c->n_nodes, pk->carrier_node) == NULL)
    return gp_error_set (err, GP_ENOTFOUND, "carrier_node", "package.carrier_node '%s' is "
                         "not in data/nodes.lua", pk->carrier_node);
  return GP_OK;
}

/* The table at IDX must be a list numbered 1..N (N = its length) and nothing else: a gap
 * ({[1] = a, [3] = b}) or a stray key beside the entries is refused rather than dropped. */
static gp_status
check_list (lua_State *L, int idx, const char *what, gp_error *err)
{
  idx = lua_absindex (L, idx);
  lua_Unsigned n = lua_rawlen (L, idx), count = 0;
  gp_status st = GP_OK;
  lua_pushnil (L);
  while (lua_next (L, idx) != 0)
    {
      lua_pop (L, 1);
      count++;
      if (lua_type (L, -1) == LUA_TSTRING)
        {
          st = gp_error_set (err, GP_EINVAL, what, "%s has a key '%.60s' beside its entries; "
                             "it must be a list { {...}, {...} }", what, lua_tostring (L, -1));
          lua_pop (L, 1);
          break;
        }
      if (!lua_isinteger (L, -1) || lua_tointeger (L, -1) < 1
          || (lua_Unsigned) lua_tointeger (L, -1) > n)
        {
          st = gp_error_set (err, GP_EINVAL, what, "%s has a gap or a stray key; it must be a "
                             "list { {...}, {...} } numbered from 1 without gaps", what);
          lua_pop (L, 1);
          break;
        }
    }
  if (st == GP_OK && count != n)
    st = gp_error_set (err, GP_EINVAL, what, "%s has a gap; it must be a list { {...}, {...} } "
                       "numbered from 1 without gaps", what);
  return st;
}

/* ---- Lua helpers -------------------------------------------------------------------- */

/* Push t[KEY] of the table at IDX (raw); returns its type. */
static int
raw_field (lua_State *L, int idx, const char *key)
{
  idx = lua_absindex (L, idx);
  lua_pushstring (L, key);
  return lua_rawget (L, idx);
}

/* Push t[KEY] and remove it from t: the flat reader then never sees it. */
static int
detach (lua_State *L, int idx, const char *key)
{
  idx = lua_absindex (L, idx);
  int t = raw_field (L, idx, key);
  lua_pushstring (L, key);
  lua_pushnil (L);
  lua_rawset (L, idx);
  return t;
}

static gp_status
fail_ctx (gp_error *err, const char *ctx, gp_status st)
{
  gp_error_prefix (err, ctx);
  return st;
}

/* ---- sub-tables --------------------------------------------------------------------- */

typedef struct {
  const char *key;
  const gp_param_table *table;
  preset_kind kind;
  void (*init) (void *);
} sub_desc;

static void accel_init_cb (void *e) { gp_accel_params_init (e); }
static void topology_init_cb (void *e) { gp_topology_params_init (e); }
static void link_init_cb (void *e) { gp_link_params_init (e); }
static void carbon_sys_init_cb (void *e) { gp_carbon_system_params_init (e); }
static void cost_init_cb (void *e) { gp_cost_params_init (e); }

/* Read the value at V (a preset name, a table, or nil) onto OBJ. COMPLETE: no base, so a
 * table without `preset` starts from INIT and must give every non-optional key. Sets
 * *GAVE (may be NULL) when a table gives GAVE_KEY. */
static gp_status
read_sub (lua_State *L, int v, const sub_desc *sd, catalog *cat, bool complete, void *obj,
          const char *gave_key, bool *gave, gp_error *err)
{
  int top = lua_gettop (L);
  v = lua_absindex (L, v);
  gp_status st = GP_OK;
  int t = lua_type (L, v);
  if (t == LUA_TSTRING)
    {
      st = catalog_find_at (cat, sd->kind, L, v, obj, err);
      if (st != GP_OK)
        st = fail_ctx (err, sd->key, st);
    }
  else if (t == LUA_TTABLE)
    {
      bool from_preset = false;
      int pt = detach (L, v, "preset");
      if (pt == LUA_TSTRING)
        {
          st = catalog_find_at (cat, sd->kind, L, -1, obj, err);
          if (st != GP_OK)
            st = fail_ctx (err, sd->key, st);
          from_preset = true;
        }
      else if (pt != LUA_TNIL)
        st = gp_error_set (err, GP_EINVAL, "preset", "%s.preset must be a string naming a "
                           "preset, got %s", sd->key, luaL_typename (L, -1));
      lua_pop (L, 1);
      if (gave_key && gave)
        {
          *gave = raw_field (L, v, gave_key) != LUA_TNIL;
          lua_pop (L, 1);
        }
      if (st == GP_OK)
        {
          bool all = complete && !from_preset;
          if (all)
            sd->init (obj);
          st = gp_lua_read_params (L, v, sd->table, obj, all ? GP_LUAPARAM_REQUIRE_ALL : 0,
                                   sd->key, err);
        }
    }
  else if (t == LUA_TNIL)
    {
      if (complete)
        st = gp_error_set (err, GP_EINVAL, sd->key, "missing '%s' (a preset name or a table; "
                           "an entry without preset or derive gives every part)", sd->key);
    }
  else
    st = gp_error_set (err, GP_EINVAL, sd->key, "%s must be a preset name or a table, got %s",
                       sd->key, luaL_typename (L, v));
  lua_settop (L, top);
  return st;
}

/* A failure table saved by glasspane 0.1 charged each accelerator one on-die rate
 * (accel_failures_per_hour) and gave the spares as a count, with no checkpoint overhead.
 * Rewrite it in place into today's fields with the same meaning (one die at that rate, no
 * area term, no spare share, no overhead), so no saved work is lost; fields the file
 * already gives are kept. */
static void
legacy_failure (lua_State *L, int v)
{
  if (!lua_istable (L, v))
    return;
  v = lua_absindex (L, v);
  if (lua_getfield (L, v, "accel_failures_per_hour") != LUA_TNUMBER)
    {
      lua_pop (L, 1);
      return;
    }
  static const char *const zero_if_absent[] = {
    "area_failures_per_hour_mm2", "logic_area_mm2", "spare_share", "checkpoint_overhead",
  };
  if (lua_getfield (L, v, "die_failures_per_hour") == LUA_TNIL)
    {
      lua_pushvalue (L, -2);
      lua_setfield (L, v, "die_failures_per_hour");
    }
  lua_pop (L, 2);
  lua_pushnil (L);
  lua_setfield (L, v, "accel_failures_per_hour");
  if (lua_getfield (L, v, "dies_per_accel") == LUA_TNIL)
    {
      lua_pushinteger (L, 1);
      lua_setfield (L, v, "dies_per_accel");
    }
  lua_pop (L, 1);
  for (size_t i = 0; i < sizeof zero_if_absent / sizeof zero_if_absent[0]; i++)
    {
      if (lua_getfield (L, v, zero_if_absent[i]) == LUA_TNIL)
        {
          lua_pushinteger (L, 0);
          lua_setfield (L, v, zero_if_absent[i]);
        }
      lua_pop (L, 1);
    }
}

/* The package: like read_sub, plus the `parts` list (each part complete, as in
 * data/packages.lua), which replaces the base's parts when given. */
static gp_status
read_package (lua_State *L, int v, catalog *cat, bool complete, gp_package_params *pk,
              gp_error *err)
{
  int top = lua_gettop (L);
  v = lua_absindex (L, v);
  gp_status st = GP_OK;
  int t = lua_type (L, v);
  if (t == LUA_TSTRING)
    {
      st = catalog_find_at (cat, K_PACKAGE, L, v, pk, err);
      if (st != GP_OK)
        st = fail_ctx (err, "package", st);
      lua_settop (L, top);
      return st;
    }
  if (t == LUA_TNIL)
    {
      lua_settop (L, top);
      if (complete)
        return gp_error_set (err, GP_EINVAL, "package", "missing 'package' (a preset name or "
                             "a table; an entry without preset or derive gives every part)");
      return GP_OK;
    }
  if (t != LUA_TTABLE)
    {
      st = gp_error_set (err, GP_EINVAL, "package", "package must be a preset name or a "
                         "table, got %s", luaL_typename (L, v));
      lua_settop (L, top);
      return st;
    }
  bool from_preset = false;
  int pt = detach (L, v, "preset");
  if (pt == LUA_TSTRING)
    {
      from_preset = true;
      st = catalog_find_at (cat, K_PACKAGE, L, -1, pk, err);
      if (st != GP_OK)
        st = fail_ctx (err, "package", st);
    }
  else if (pt != LUA_TNIL)
    st = gp_error_set (err, GP_EINVAL, "preset", "package.preset must be a string naming a "
                       "preset, got %s", luaL_typename (L, -1));
  int parts_t = detach (L, v, "parts");
  int parts = lua_gettop (L);
  bool all = complete && !from_preset;
  if (st == GP_OK)
    {
      if (all)
        gp_package_params_init (pk);
      st = gp_lua_read_params (L, v, &gp_package_param_table, pk,
                               all ? GP_LUAPARAM_REQUIRE_ALL : 0, "package", err);
    }
  if (st == GP_OK)
    {
      if (parts_t == LUA_TNIL)
        {
          if (all)
            st = gp_error_set (err, GP_EINVAL, "parts", "package.parts is missing: a package "
                               "without a preset lists its parts");
        }
      else if (parts_t != LUA_TTABLE)
        st = gp_error_set (err, GP_EINVAL, "parts", "package.parts must be a list of parts, "
                           "got %s", luaL_typename (L, parts));
      else if ((st = check_list (L, parts, "package.parts", err)) == GP_OK)
        {
          lua_Unsigned n = lua_rawlen (L, parts);
          if (n < 1 || n > GP_PACKAGE_PARTS_MAX)
            st = gp_error_set (err, GP_EINVAL, "parts", "package.parts has %llu entries: "
                               "allowed [1, %d]", (unsigned long long) n, GP_PACKAGE_PARTS_MAX);
          for (lua_Unsigned j = 1; st == GP_OK && j <= n; j++)
            {
              char ctx[48];
              snprintf (ctx, sizeof ctx, "package.parts[%llu]", (unsigned long long) j);
              if (lua_rawgeti (L, parts, (lua_Integer) j) != LUA_TTABLE)
                st = gp_error_set (err, GP_EINVAL, "parts", "%s must be a table, got %s", ctx,
                                   luaL_typename (L, -1));
              else
                {
                  gp_package_part_init (&pk->parts[j - 1]);
                  st = gp_lua_read_params (L, -1, &gp_package_part_param_table,
                                           &pk->parts[j - 1], GP_LUAPARAM_REQUIRE_ALL, ctx,
                                           err);
                }
              lua_pop (L, 1);
            }
          if (st == GP_OK)
            pk->n_parts = (int) n;
        }
    }
  lua_settop (L, top);
  return st;
}

/* A link given by name or table (optics of a derive): base gp_link_params_init. */
static gp_status
read_link_value (lua_State *L, int v, catalog *cat, const char *key, gp_link_params *lp,
                 gp_error *err)
{
  sub_desc sd = { key, &gp_link_param_table, K_LINK, link_init_cb };
  gp_link_params_init (lp);
  return read_sub (L, v, &sd, cat, true, lp, NULL, NULL, err);
}

/* derive = { parent, fraction, optics, optics_usd_per_gbps, accels_per_server } */
static gp_status
read_derive (lua_State *L, int v, catalog *cat, gp_system *out, gp_error *err)
{
  int top = lua_gettop (L);
  v = lua_absindex (L, v);
  static const char *const keys[] = { "parent", "fraction", "optics", "optics_usd_per_gbps",
                                      "accels_per_server", "sources", "note", NULL };
  gp_status st = GP_OK;
  lua_pushnil (L);
  while (st == GP_OK && lua_next (L, v) != 0)
    {
      bool ok = false;
      if (lua_type (L, -2) == LUA_TSTRING)
        for (int i = 0; keys[i] && !ok; i++)
          ok = strcmp (lua_tostring (L, -2), keys[i]) == 0;
      if (!ok)
        st = gp_error_set (err, GP_ENOTFOUND, "derive", "derive: unknown key '%s' (allowed: "
                           "parent, fraction, optics, optics_usd_per_gbps, accels_per_server)",
                           lua_type (L, -2) == LUA_TSTRING ? lua_tostring (L, -2) : "?");
      lua_pop (L, 1);
    }
  if (st != GP_OK)
    {
      lua_settop (L, top);
      return st;
    }
  gp_system parent;
  if (raw_field (L, v, "parent") != LUA_TSTRING)
    st = gp_error_set (err, GP_EINVAL, "parent", "derive.parent must name a system preset");
  else if ((st = catalog_find_at (cat, K_SYSTEM, L, -1, &parent, err)) != GP_OK)
    gp_error_prefix (err, "derive.parent");
  lua_pop (L, 1);
  double fraction = 0, usd = 0.1;
  if (st == GP_OK)
    {
      if (raw_field (L, v, "fraction") != LUA_TNUMBER)
        st = gp_error_set (err, GP_EINVAL, "fraction", "derive.fraction must be a number in "
                           "(0, 1]");
      else
        fraction = lua_tonumber (L, -1);
      lua_pop (L, 1);
    }
  if (st == GP_OK)
    {
      int t = raw_field (L, v, "optics_usd_per_gbps");
      if (t == LUA_TNUMBER)
        usd = lua_tonumber (L, -1);
      else if (t != LUA_TNIL)
        st = gp_error_set (err, GP_EINVAL, "optics_usd_per_gbps",
                           "derive.optics_usd_per_gbps must be a number");
      lua_pop (L, 1);
    }
  gp_link_params optics;
  bool have_optics = false;
  if (st == GP_OK)
    {
      int t = raw_field (L, v, "optics");
      if (t != LUA_TNIL)
        {
          st = read_link_value (L, -1, cat, "derive.optics", &optics, err);
          have_optics = true;
        }
      lua_pop (L, 1);
    }
  if (st == GP_OK)
    {
      if (!have_optics)
        {
          if (parent.link.medium == GP_LINK_OPTICAL)
            optics = parent.link;
          else
            gp_link_params_init (&optics);
        }
      st = gp_system_derive_lite_with (&parent, fraction, &optics, usd, out, err);
      if (st != GP_OK)
        gp_error_prefix (err, "derive");
    }
  if (st == GP_OK)
    {
      int t = raw_field (L, v, "accels_per_server");
      if (t == LUA_TNUMBER && lua_isinteger (L, -1))
        st = gp_system_regroup (out, (long) lua_tointeger (L, -1), err);
      else if (t != LUA_TNIL)
        st = gp_error_set (err, GP_EINVAL, "accels_per_server",
                           "derive.accels_per_server must be a whole number");
      if (st != GP_OK)
        gp_error_prefix (err, "derive");
      lua_pop (L, 1);
    }
  lua_settop (L, top);
  return st;
}

/* "systems[I] (NAME)" for messages: the entry's name, else what it starts from. Leaves
 * values on the stack: the caller restores its top. */
static void
entry_label (lua_State *L, int idx, size_t i, char *buf, size_t len)
{
  idx = lua_absindex (L, idx);
  if (raw_field (L, idx, "name") == LUA_TSTRING)
    snprintf (buf, len, "systems[%zu] (%.*s)", i, GP_NAME_MAX, lua_tostring (L, -1));
  else if (raw_field (L, idx, "preset") == LUA_TSTRING)
    snprintf (buf, len, "systems[%zu] (%.*s)", i, GP_NAME_MAX, lua_tostring (L, -1));
  else if (raw_field (L, idx, "derive") == LUA_TTABLE
           && raw_field (L, -1, "parent") == LUA_TSTRING)
    snprintf (buf, len, "systems[%zu] (Lite-GPU of %.*s)", i, GP_NAME_MAX, lua_tostring (L, -1));
  else
    snprintf (buf, len, "systems[%zu]", i);
}

enum { S_PRESET, S_DERIVE, S_PACKAGE, S_ACCEL, S_TOPOLOGY, S_LINK, S_FAILURE, S_CARBON,
       S_COST, S_POWER, S_POOL, S_N };
static const char *const sub_keys[S_N] = {
  "preset", "derive", "package", "accel", "topology", "link", "failure", "carbon", "cost",
  "power", "pool",
};

/* "power" and "pool" (issue 18) are optional in every entry: a table overrides the keys it
 * gives over the system's own (gp_system_init's for a complete entry, so older files and
 * entries that leave them out keep the defaults: an H100 die, air cooled, no pool). The
 * cooling class is named ("air", "liquid", "immersion"). */
static gp_status
read_optional (lua_State *L, int v, const gp_param_table *table, const char *key, void *obj,
               gp_error *err)
{
  int t = lua_type (L, v);
  if (t == LUA_TNIL)
    return GP_OK;
  if (t != LUA_TTABLE)
    return gp_error_set (err, GP_EINVAL, key, "%s must be a table, got %s", key,
                         luaL_typename (L, v));
  return gp_lua_read_params (L, v, table, obj, 0, key, err);
}

/* One system entry at IDX (the I-th, 1-based) into *OUT. */
static gp_status
read_system (lua_State *L, int idx, size_t i, catalog *cat, gp_system *out, gp_error *err)
{
  int top = lua_gettop (L);
  idx = lua_absindex (L, idx);
  char label[GP_NAME_MAX + 64];
  if (!lua_istable (L, idx))
    return gp_error_set (err, GP_EINVAL, "systems", "systems[%zu] must be a table, got %s", i,
                         luaL_typename (L, idx));
  int tt = lua_gettop (L);
  entry_label (L, idx, i, label, sizeof label);
  lua_settop (L, tt);

  int slot[S_N];
  for (int k = 0; k < S_N; k++)
    {
      detach (L, idx, sub_keys[k]);
      slot[k] = lua_gettop (L);
    }
  gp_status st = GP_OK;
  gp_system s;
  int tp = lua_type (L, slot[S_PRESET]), td = lua_type (L, slot[S_DERIVE]);
  bool complete = tp == LUA_TNIL && td == LUA_TNIL;
  if (tp != LUA_TNIL && td != LUA_TNIL)
    st = gp_error_set (err, GP_EINVAL, "preset", "give preset or derive, not both");
  else if (tp == LUA_TSTRING)
    st = catalog_find_at (cat, K_SYSTEM, L, slot[S_PRESET], &s, err);
  else if (tp != LUA_TNIL)
    st = gp_error_set (err, GP_EINVAL, "preset", "preset must be a string naming a system in "
                       "data/systems.lua, got %s", luaL_typename (L, slot[S_PRESET]));
  else if (td == LUA_TTABLE)
    st = read_derive (L, slot[S_DERIVE], cat, &s, err);
  else if (td != LUA_TNIL)
    st = gp_error_set (err, GP_EINVAL, "derive", "derive must be a table, got %s",
                       luaL_typename (L, slot[S_DERIVE]));
  else
    gp_system_init (&s);

  if (st == GP_OK)
    st = gp_lua_read_params (L, idx, &gp_system_param_table, &s.sys,
                             complete ? GP_LUAPARAM_REQUIRE_ALL : 0, NULL, err);
  if (st == GP_OK)
    st = read_package (L, slot[S_PACKAGE], cat, complete, &s.package, err);
  static const sub_desc accel_d = { "accel", &gp_accel_param_table, K_NONE, accel_init_cb };
  static const sub_desc topo_d = { "topology", &gp_topology_param_table, K_TOPOLOGY,
                                   topology_init_cb };
  static const sub_desc link_d = { "link", &gp_link_param_table, K_LINK, link_init_cb };
  static const sub_desc fail_d = { "failure", &gp_failure_param_table, K_FAILURE,
                                   failure_init_cb };
  static const sub_desc carb_d = { "carbon", &gp_carbon_system_param_table, K_CARBON,
                                   carbon_sys_init_cb };
  bool gave_accels = false;
  if (st == GP_OK)
    st = read_sub (L, slot[S_ACCEL], &accel_d, cat, complete, &s.accel, NULL, NULL, err);
  if (st == GP_OK)
    st = read_sub (L, slot[S_TOPOLOGY], &topo_d, cat, complete, &s.topology, "accelerators",
                   &gave_accels, err);
  if (st == GP_OK)
    {
      /* A complete entry that does not use the link model may leave the link out. */
      bool need_link = complete && s.sys.use_scaleup_link;
      if (complete && !need_link && lua_isnil (L, slot[S_LINK]))
        gp_link_params_init (&s.link);
      else
        st = read_sub (L, slot[S_LINK], &link_d, cat, need_link || (complete && !lua_isnil (L, slot[S_LINK])),
                       &s.link, NULL, NULL, err);
    }
  if (st == GP_OK)
    legacy_failure (L, slot[S_FAILURE]);
  if (st == GP_OK)
    st = read_sub (L, slot[S_FAILURE], &fail_d, cat, complete, &s.failure, NULL, NULL, err);
  if (st == GP_OK)
    st = read_sub (L, slot[S_CARBON], &carb_d, cat, complete, &s.carbon, NULL, NULL, err);
  static const sub_desc cost_d = { "cost", &gp_cost_param_table, K_COST, cost_init_cb };
  if (st == GP_OK && complete && lua_isnil (L, slot[S_COST]))
    {
      /* Complete entries saved before cost tables existed (glasspane 0.1 designs) have
       * none: they take the cost figures of their family's reference system rather than
       * being refused, so no saved work is lost. A file saved now writes its own. */
      static const char *const family_cost[GP_FAMILY_N] = {
        [GP_FAMILY_DGX] = "dgx-h100",
        [GP_FAMILY_LITE_GPU] = "lite-gpu-glass",
        [GP_FAMILY_WAFER_SCALE] = "cs-3",
      };
      int fam = (int) s.sys.family;
      lua_pushstring (L, fam >= 0 && fam < GP_FAMILY_N ? family_cost[fam] : "dgx-h100");
      st = read_sub (L, lua_gettop (L), &cost_d, cat, false, &s.cost, NULL, NULL, err);
      lua_pop (L, 1);
      /* Such a file priced its fabric ports and optical engines as constants in `topology`
       * and `package`: keep them (the same capex as when it was saved) rather than the
       * glass fabric's parts model, which would count them twice. */
      s.cost.glass_fabric = false;
    }
  else if (st == GP_OK)
    st = read_sub (L, slot[S_COST], &cost_d, cat, complete, &s.cost, NULL, NULL, err);
  if (st == GP_OK)
    st = read_optional (L, slot[S_POWER], &gp_power_param_table, "power", &s.power, err);
  if (st == GP_OK)
    st = read_optional (L, slot[S_POOL], &gp_mempool_param_table, "pool", &s.pool, err);

  if (st == GP_OK)
    {
      /* The machine has one count and one server size. */
      if (!gave_accels)
        s.topology.accelerators = s.sys.accelerators;
      s.failure.n_accel = s.sys.accelerators;
      s.carbon.packages = s.sys.accels_per_server;
      s.carbon.dram_gb = s.sys.host_dram_gb;
      s.carbon.ssd_gb = s.sys.host_ssd_gb;
      st = gp_system_validate (&s, err);
    }
  if (st == GP_OK)
    st = check_nodes (cat, &s.package, err);
  lua_settop (L, top);
  if (st != GP_OK)
    return fail_ctx (err, label, st);
  *out = s;
  return GP_OK;
}

static gp_status
check_kind (lua_State *L, const char *file, const char *want, gp_error *err)
{
  int t = raw_field (L, 1, "kind");
  gp_status st = GP_OK;
  if (t != LUA_TSTRING || strcmp (lua_tostring (L, -1), want) != 0)
    st = gp_error_set (err, GP_EINVAL, "kind", "%s: kind must be \"%s\"", file, want);
  lua_pop (L, 1);
  return st;
}

/* Read the list at LIST (N entries) into ARR, resolving presets from CAT. */
static gp_status
read_system_list (lua_State *L, int list, size_t n, const char *file, catalog *cat,
                  gp_system *arr, bool self_presets, gp_error *err)
{
  for (size_t i = 0; i < n; i++)
    {
      if (self_presets)
        {
          cat->systems = arr;
          cat->n_systems = i;
        }
      lua_rawgeti (L, list, (lua_Integer) (i + 1));
      gp_status st = read_system (L, -1, i + 1, cat, &arr[i], err);
      lua_pop (L, 1);
      if (st == GP_OK && self_presets)
        for (size_t j = 0; j < i; j++)
          if (strcmp (arr[j].sys.name, arr[i].sys.name) == 0)
            st = gp_error_set (err, GP_EINVAL, "name", "systems[%zu]: duplicate name '%s' "
                               "(also systems[%zu])", i + 1, arr[i].sys.name, j + 1);
      if (st != GP_OK)
        return fail_ctx (err, file, st);
    }
  return GP_OK;
}

gp_status
gp_systems_load (const char *path, gp_system **out, size_t *n_out, gp_error *err)
{
  if (out == NULL || n_out == NULL)
    return gp_error_set (err, GP_EINVAL, NULL, "gp_systems_load: missing argument");
  *out = NULL;
  *n_out = 0;
  char buf[4096];
  if (path == NULL)
    path = gp_data_path (buf, sizeof buf, "systems.lua");
  gp_datafile *df = gp_datafile_load (path, NULL, err);
  if (df == NULL)
    return err ? err->status : GP_EIO;
  lua_State *L = gp_datafile_lua (df);
  const char *file = gp_datafile_name (df);
  catalog cat;
  memset (&cat, 0, sizeof cat);
  gp_system *arr = NULL;
  gp_status st = check_kind (L, file, "systems", err);
  size_t n = 0;
  if (st == GP_OK)
    {
      if (raw_field (L, 1, "systems") != LUA_TTABLE)
        st = gp_error_set (err, GP_EINVAL, "systems", "%s: no \"systems\" list", file);
      else if ((st = check_list (L, -1, "systems", err)) != GP_OK)
        gp_error_prefix (err, file);
      else if ((n = (size_t) lua_rawlen (L, -1)) == 0)
        st = gp_error_set (err, GP_EINVAL, "systems", "%s: the \"systems\" list is empty", file);
      else if ((arr = calloc (n, sizeof *arr)) == NULL)
        st = gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory", file);
    }
  if (st == GP_OK)
    {
      cat.have[K_SYSTEM] = true; /* earlier entries of this very file */
      st = read_system_list (L, lua_gettop (L), n, file, &cat, arr, true, err);
      cat.systems = NULL;
    }
  catalog_free (&cat);
  gp_datafile_free (df);
  if (st != GP_OK)
    {
      free (arr);
      return st;
    }
  gp_error_clear (err);
  *out = arr;
  *n_out = n;
  return GP_OK;
}

const gp_system *
gp_systems_find (const gp_system *systems, size_t n, const char *name)
{
  for (size_t i = 0; systems && name && i < n; i++)
    if (strcmp (systems[i].sys.name, name) == 0)
      return &systems[i];
  return NULL;
}

gp_status
gp_system_preset (const char *name, gp_system *out, gp_error *err)
{
  if (name == NULL || out == NULL)
    return gp_error_set (err, GP_EINVAL, "name", "name and out must not be NULL");
  gp_system *arr;
  size_t n;
  GP_TRY (gp_systems_load (NULL, &arr, &n, err));
  const gp_system *hit = gp_systems_find (arr, n, name);
  gp_status st = GP_OK;
  if (hit)
    *out = *hit;
  else
    st = gp_error_set (err, GP_ENOTFOUND, "name", "system preset '%s' is not in "
                       "data/systems.lua", name);
  free (arr);
  return st;
}

/* ---- designs ------------------------------------------------------------------------ */

void
gp_design_init (gp_design *d)
{
  memset (d, 0, sizeof *d);
  gp_study_init (&d->study);
  gp_inference_params_init (&d->inference);
}

static void search_init_cb (void *e) { gp_study st; gp_study_init (&st); *(gp_search_params *) e = st.search; }
static void carbon_init_cb (void *e) { gp_carbon_params_init (e); }

static void inference_init_cb (void *e) { gp_inference_params_init (e); }

/* The study, and its optional inference study (study.inference = { serving parameters },
 * read onto the defaults of gp_inference_params_init; *HAS_INF says whether it was given). */
static gp_status
read_study (lua_State *L, int v, catalog *cat, gp_study *st, gp_inference_params *inf,
            bool *has_inf, gp_error *err)
{
  int top = lua_gettop (L);
  v = lua_absindex (L, v);
  if (!lua_istable (L, v))
    return gp_error_set (err, GP_EINVAL, "study", "study must be a table, got %s",
                         luaL_typename (L, v));
  gp_study_init (st);
  detach (L, v, "workload");
  int w = lua_gettop (L);
  detach (L, v, "carbon");
  int c = lua_gettop (L);
  detach (L, v, "search");
  int s = lua_gettop (L);
  detach (L, v, "inference");
  int in = lua_gettop (L);
  gp_status rc = gp_lua_read_params (L, v, &gp_study_param_table, st, GP_LUAPARAM_REQUIRE_ALL,
                                     "study", err);
  static const sub_desc work_d = { "study.workload", &gp_workload_param_table, K_WORKLOAD,
                                   workload_init_cb };
  static const sub_desc carb_d = { "study.carbon", &gp_carbon_param_table, K_NONE,
                                   carbon_init_cb };
  static const sub_desc search_d = { "study.search", &gp_search_param_table, K_NONE,
                                     search_init_cb };
  if (rc == GP_OK)
    rc = read_sub (L, w, &work_d, cat, true, &st->workload, NULL, NULL, err);
  if (rc == GP_OK && !lua_isnil (L, c))
    {
      /* Base: data/carbon.lua's "carbon" table, the same figures as gp_carbon_params_init. */
      rc = catalog_need (cat, K_CARBON, err);
      if (rc == GP_OK)
        {
          st->carbon = cat->carbon;
          rc = read_sub (L, c, &carb_d, cat, false, &st->carbon, NULL, NULL, err);
        }
    }
  if (rc == GP_OK && !lua_isnil (L, s))
    rc = read_sub (L, s, &search_d, cat, false, &st->search, NULL, NULL, err);
  static const sub_desc inf_d = { "study.inference", &gp_inference_param_table, K_NONE,
                                  inference_init_cb };
  gp_inference_params_init (inf);
  *has_inf = !lua_isnil (L, in);
  if (rc == GP_OK && *has_inf)
    rc = read_sub (L, in, &inf_d, cat, false, inf, NULL, NULL, err);
  if (rc == GP_OK)
    rc = gp_workload_validate (&st->workload, err);
  lua_settop (L, top);
  return rc;
}

static gp_status
read_design (gp_datafile *df, gp_design *out, gp_error *err)
{
  lua_State *L = gp_datafile_lua (df);
  const char *file = gp_datafile_name (df);
  gp_design *d = calloc (1, sizeof *d);
  if (d == NULL)
    return gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory", file);
  gp_design_init (d);
  catalog cat;
  memset (&cat, 0, sizeof cat);
  gp_status st = check_kind (L, file, "design", err);

  /* Root keys. */
  static const char *const root_keys[] = { "format", "kind", "name", "study", "systems",
                                           "baseline", "note", "sources", NULL };
  lua_pushnil (L);
  while (st == GP_OK && lua_next (L, 1) != 0)
    {
      bool ok = false;
      if (lua_type (L, -2) == LUA_TSTRING)
        for (int i = 0; root_keys[i] && !ok; i++)
          ok = strcmp (lua_tostring (L, -2), root_keys[i]) == 0;
      if (!ok)
        st = gp_error_set (err, GP_ENOTFOUND, NULL, "%s: unknown key '%s' (a design has "
                           "format, kind, name, study, systems, baseline)", file,
                           lua_type (L, -2) == LUA_TSTRING ? lua_tostring (L, -2) : "?");
      lua_pop (L, 1);
    }
  if (lua_gettop (L) > 1)
    lua_settop (L, 1);

  if (st == GP_OK)
    {
      int t = raw_field (L, 1, "name");
      if (t == LUA_TSTRING)
        {
          size_t len;
          const char *nm = lua_tolstring (L, -1, &len);
          if (len >= sizeof d->name || strlen (nm) != len)
            st = gp_error_set (err, GP_EINVAL, "name", "%s: name must be a string of at most "
                               "%zu characters", file, sizeof d->name - 1);
          else
            memcpy (d->name, nm, len + 1);
        }
      else if (t != LUA_TNIL)
        st = gp_error_set (err, GP_EINVAL, "name", "%s: name must be a string", file);
      lua_settop (L, 1);
    }
  if (st == GP_OK)
    {
      raw_field (L, 1, "study");
      st = read_study (L, -1, &cat, &d->study, &d->inference, &d->has_inference, err);
      if (st != GP_OK)
        gp_error_prefix (err, file);
      lua_settop (L, 1);
    }
  if (st == GP_OK)
    {
      size_t n = 0;
      if (raw_field (L, 1, "systems") != LUA_TTABLE)
        st = gp_error_set (err, GP_EINVAL, "systems", "%s: no \"systems\" list", file);
      else if ((st = check_list (L, -1, "systems", err)) != GP_OK)
        gp_error_prefix (err, file);
      else if ((n = (size_t) lua_rawlen (L, -1)) < 1 || n > GP_DESIGN_MAX_SYSTEMS)
        st = gp_error_set (err, GP_EINVAL, "systems", "%s: the \"systems\" list has %zu "
                           "entries: allowed [1, %d]", file, n, GP_DESIGN_MAX_SYSTEMS);
      else
        {
          st = read_system_list (L, lua_gettop (L), n, file, &cat, d->systems, false, err);
          d->n_systems = (int) n;
        }
      lua_settop (L, 1);
    }
  if (st == GP_OK)
    {
      int t = raw_field (L, 1, "baseline");
      if (t == LUA_TNUMBER && lua_isinteger (L, -1))
        {
          lua_Integer b = lua_tointeger (L, -1);
          if (b < 1 || b > d->n_systems)
            st = gp_error_set (err, GP_EINVAL, "baseline", "%s: baseline = %lld is out of "
                               "range: allowed [1, %d] (an index into systems)", file,
                               (long long) b, d->n_systems);
          else
            d->baseline = (int) b - 1;
        }
      else if (t == LUA_TSTRING)
        {
          size_t blen;
          const char *b = lua_tolstring (L, -1, &blen);
          int hit = -1;
          if (strlen (b) != blen)
            b = ""; /* a NUL inside: matches no name */
          for (int i = 0; i < d->n_systems && hit < 0; i++)
            if (strcmp (d->systems[i].sys.name, b) == 0)
              hit = i;
          if (hit < 0)
            st = gp_error_set (err, GP_ENOTFOUND, "baseline", "%s: baseline '%s' names no "
                               "system of this design", file, b);
          else
            d->baseline = hit;
        }
      else if (t != LUA_TNIL)
        st = gp_error_set (err, GP_EINVAL, "baseline", "%s: baseline must be a system's "
                           "index (1-based) or name", file);
      lua_settop (L, 1);
    }
  catalog_free (&cat);
  if (st == GP_OK)
    {
      gp_error_clear (err);
      *out = *d;
    }
  free (d);
  return st;
}

gp_status
gp_design_load (const char *path, gp_design *d, gp_error *err)
{
  if (path == NULL || d == NULL)
    return gp_error_set (err, GP_EINVAL, "path", "path and design must not be NULL");
  gp_design_init (d);
  gp_datafile *df = gp_datafile_load (path, NULL, err);
  if (df == NULL)
    return err ? err->status : GP_EIO;
  gp_status st = read_design (df, d, err);
  gp_datafile_free (df);
  return st;
}

gp_status
gp_design_load_buffer (const char *chunkname, const char *buf, size_t len, gp_design *d,
                       gp_error *err)
{
  if (buf == NULL || d == NULL)
    return gp_error_set (err, GP_EINVAL, "buf", "buffer and design must not be NULL");
  gp_design_init (d);
  gp_datafile *df = gp_datafile_load_buffer (chunkname ? chunkname : "design", buf, len, NULL,
                                             err);
  if (df == NULL)
    return err ? err->status : GP_EIO;
  gp_status st = read_design (df, d, err);
  gp_datafile_free (df);
  return st;
}

gp_status
gp_design_load_default (gp_design *d, gp_error *err)
{
  char path[4096];
  gp_data_path (path, sizeof path, "comparison.lua");
  return gp_design_load (path, d, err);
}

/* ---- writing ------------------------------------------------------------------------ */

typedef struct {
  char *p;
  size_t len, cap;
  bool oom;
} sbuf;

static void
sb_put (sbuf *b, const char *s, size_t n)
{
  if (b->oom)
    return;
  if (b->len + n + 1 > b->cap)
    {
      size_t cap = b->cap ? b->cap : 4096;
      while (cap < b->len + n + 1)
        cap *= 2;
      char *q = realloc (b->p, cap);
      if (q == NULL)
        {
          b->oom = true;
          return;
        }
      b->p = q;
      b->cap = cap;
    }
  memcpy (b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void
sb_printf (sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__ ((format (printf, 2, 3)))
#endif
  ;

static void
sb_printf (sbuf *b, const char *fmt, ...)
{
  char tmp[512];
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (tmp, sizeof tmp, fmt, ap);
  va_end (ap);
  if (n < 0)
    {
      b->oom = true;
      return;
    }
  sb_put (b, tmp, (size_t) n < sizeof tmp ? (size_t) n : sizeof tmp - 1);
}

/* A Lua string literal, escaped as string.format's %q does: quote, backslash and newline
 * escaped, other control bytes as \ddd; everything else (UTF-8 included) as is. */
static void
sb_quote (sbuf *b, const char *s)
{
  sb_put (b, "\"", 1);
  for (const unsigned char *c = (const unsigned char *) s; *c; c++)
    {
      if (*c == '"' || *c == '\\')
        {
          char e[2] = { '\\', (char) *c };
          sb_put (b, e, 2);
        }
      else if (*c == '\n')
        sb_put (b, "\\n", 2);
      else if (*c == '\r')
        sb_put (b, "\\r", 2);
      else if (*c < 32 || *c == 127)
        sb_printf (b, "\\%03u", (unsigned) *c);
      else
        sb_put (b, (const char *) c, 1);
    }
  sb_put (b, "\"", 1);
}

static void
sb_indent (sbuf *b, int depth)
{
  for (int i = 0; i < depth; i++)
    sb_put (b, "  ", 2);
}

/* Every parameter of OBJ, one per line. */
static void
write_params (sbuf *b, const gp_param_table *t, const void *obj, int depth)
{
  for (size_t i = 0; i < t->n_params; i++)
    {
      const gp_param *p = &t->params[i];
      sb_indent (b, depth);
      sb_printf (b, "%s = ", p->name);
      switch (p->type)
        {
        case GP_PARAM_DOUBLE:
          {
            /* Shortest round-trip digits, '.' whatever LC_NUMERIC the GUI or os.setlocale set. */
            char num[GP_FMT_DOUBLE_MAX];
            double v = gp_param_get (p, obj);
            if (isnan (v))
              sb_printf (b, "0/0");
            else if (isinf (v))
              sb_printf (b, "%s", v > 0 ? "1/0" : "-1/0");
            else
              {
                gp_fmt_double (num, sizeof num, v);
                sb_printf (b, "%s", num);
              }
          }
          break;
        case GP_PARAM_INT:
          sb_printf (b, "%ld", *(const long *) ((const char *) obj + p->offset));
          break;
        case GP_PARAM_BOOL:
          sb_printf (b, "%s", *(const bool *) ((const char *) obj + p->offset) ? "true" : "false");
          break;
        case GP_PARAM_ENUM:
          {
            int v = *(const int *) ((const char *) obj + p->offset);
            int n = 0;
            while (p->enum_names[n])
              n++;
            sb_quote (b, v >= 0 && v < n ? p->enum_names[v] : "?");
            break;
          }
        case GP_PARAM_STRING:
          sb_quote (b, (const char *) obj + p->offset);
          break;
        }
      sb_put (b, ",\n", 2);
    }
}

static void
write_table (sbuf *b, const char *key, const gp_param_table *t, const void *obj, int depth)
{
  sb_indent (b, depth);
  sb_printf (b, "%s = {\n", key);
  write_params (b, t, obj, depth + 1);
  sb_indent (b, depth);
  sb_put (b, "},\n", 3);
}

gp_status
gp_design_to_string (const gp_design *d, char **out, size_t *len, gp_error *err)
{
  if (d == NULL || out == NULL)
    return gp_error_set (err, GP_EINVAL, "design", "design and out must not be NULL");
  *out = NULL;
  if (len)
    *len = 0;
  if (d->n_systems < 1 || d->n_systems > GP_DESIGN_MAX_SYSTEMS)
    return gp_error_set (err, GP_EINVAL, "n_systems", "n_systems = %d is out of range: "
                         "allowed [1, %d]", d->n_systems, GP_DESIGN_MAX_SYSTEMS);
  if (d->baseline < 0 || d->baseline >= d->n_systems)
    return gp_error_set (err, GP_EINVAL, "baseline", "baseline = %d is out of range: allowed "
                         "[0, %d]", d->baseline, d->n_systems - 1);
  if (memchr (d->name, '\0', sizeof d->name) == NULL)
    return gp_error_set (err, GP_EINVAL, "name", "the design's name is not terminated");
  GP_TRY (gp_params_validate (&gp_study_param_table, &d->study, err));
  GP_TRY (gp_workload_validate (&d->study.workload, err));
  GP_TRY (gp_params_validate (&gp_carbon_param_table, &d->study.carbon, err));
  GP_TRY (gp_params_validate (&gp_search_param_table, &d->study.search, err));
  if (d->has_inference)
    GP_TRY (gp_params_validate (&gp_inference_param_table, &d->inference, err));
  for (int i = 0; i < d->n_systems; i++)
    {
      gp_status st = gp_system_validate (&d->systems[i], err);
      if (st != GP_OK)
        {
          char ctx[GP_NAME_MAX + 32];
          snprintf (ctx, sizeof ctx, "systems[%d] (%s)", i + 1, d->systems[i].sys.name);
          return fail_ctx (err, ctx, st);
        }
    }

  sbuf b = { 0 };
  sb_printf (&b, "-- glasspane design file, written by glasspane %s. Every parameter is "
             "explicit, so it\n-- reads back the same whatever the presets in data/ become.\n",
             gp_models_version ());
  sb_printf (&b, "return {\n  format = %d,\n  kind = \"design\",\n  name = ", GP_FORMAT_VERSION);
  sb_quote (&b, d->name);
  sb_printf (&b, ",\n  baseline = %d,\n", d->baseline + 1);
  sb_printf (&b, "  study = {\n");
  write_params (&b, &gp_study_param_table, &d->study, 2);
  write_table (&b, "workload", &gp_workload_param_table, &d->study.workload, 2);
  write_table (&b, "carbon", &gp_carbon_param_table, &d->study.carbon, 2);
  write_table (&b, "search", &gp_search_param_table, &d->study.search, 2);
  if (d->has_inference)
    write_table (&b, "inference", &gp_inference_param_table, &d->inference, 2);
  sb_printf (&b, "  },\n  systems = {\n");
  for (int i = 0; i < d->n_systems; i++)
    {
      const gp_system *s = &d->systems[i];
      sb_printf (&b, "    {\n");
      write_params (&b, &gp_system_param_table, &s->sys, 3);
      sb_printf (&b, "      package = {\n");
      write_params (&b, &gp_package_param_table, &s->package, 4);
      sb_printf (&b, "        parts = {\n");
      for (int j = 0; j < s->package.n_parts; j++)
        {
          sb_printf (&b, "          {\n");
          write_params (&b, &gp_package_part_param_table, &s->package.parts[j], 6);
          sb_printf (&b, "          },\n");
        }
      sb_printf (&b, "        },\n      },\n");
      write_table (&b, "accel", &gp_accel_param_table, &s->accel, 3);
      write_table (&b, "topology", &gp_topology_param_table, &s->topology, 3);
      write_table (&b, "link", &gp_link_param_table, &s->link, 3);
      write_table (&b, "failure", &gp_failure_param_table, &s->failure, 3);
      write_table (&b, "carbon", &gp_carbon_system_param_table, &s->carbon, 3);
      write_table (&b, "cost", &gp_cost_param_table, &s->cost, 3);
      write_table (&b, "power", &gp_power_param_table, &s->power, 3);
      write_table (&b, "pool", &gp_mempool_param_table, &s->pool, 3);
      sb_printf (&b, "    },\n");
    }
  sb_printf (&b, "  },\n}\n");
  if (b.oom || b.p == NULL)
    {
      free (b.p);
      return gp_error_set (err, GP_ENOMEM, NULL, "out of memory writing a design");
    }
  *out = b.p;
  if (len)
    *len = b.len;
  return GP_OK;
}

gp_status
gp_design_save (const char *path, const gp_design *d, gp_error *err)
{
  if (path == NULL)
    return gp_error_set (err, GP_EINVAL, "path", "path must not be NULL");
  char *text;
  size_t len;
  GP_TRY (gp_design_to_string (d, &text, &len, err));
  gp_status st = gp_atomic_write_file (path, text, len, err);
  free (text);
  return st;
}
