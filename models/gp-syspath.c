/* gp-syspath.c: dotted paths to every numeric input of a system, its study and the node
 * table; which changes need gp_system_prepare; the fields that move together. */
#include "gp-syspath.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  SEC_SYS,
  SEC_PACKAGE,
  SEC_PART,
  SEC_ACCEL,
  SEC_TOPOLOGY,
  SEC_LINK,
  SEC_FAILURE,
  SEC_CARBON,
  SEC_COST,
  SEC_POWER,
  SEC_POOL,
  SEC_STUDY,
  SEC_WORKLOAD,
  SEC_STUDY_CARBON,
  SEC_SEARCH,
  SEC_NODE,
  SEC_N
} section_id;

typedef struct {
  const char *name;            /* the path prefix before the field */
  const gp_param_table *table;
  unsigned flags;              /* defaults for its fields */
} section;

/* Order = listing order. What gp_system_prepare caches decides GP_SYSPATH_F_PREPARE:
 * gp_package_prepare and gp_carbon_package (package, parts, nodes, study carbon), the link
 * budget and the topology, a copy of the accelerator, the step-time context over the
 * workload; gp_system_eval reads the rest afresh (gp-system.c). */
static const section sections[SEC_N] = {
  [SEC_SYS] = { "sys", &gp_system_param_table, 0 },
  [SEC_PACKAGE] = { "package", &gp_package_param_table, GP_SYSPATH_F_PREPARE },
  [SEC_PART] = { "package.parts", &gp_package_part_param_table, GP_SYSPATH_F_PREPARE },
  [SEC_ACCEL] = { "accel", &gp_accel_param_table, GP_SYSPATH_F_PREPARE },
  [SEC_TOPOLOGY] = { "topology", &gp_topology_param_table, GP_SYSPATH_F_PREPARE },
  [SEC_LINK] = { "link", &gp_link_param_table, GP_SYSPATH_F_PREPARE },
  [SEC_FAILURE] = { "failure", &gp_failure_param_table, 0 },
  [SEC_CARBON] = { "carbon", &gp_carbon_system_param_table, 0 },
  [SEC_COST] = { "cost", &gp_cost_param_table, 0 },
  /* the die power model and the pool's reach feed the prepared accelerator (clock, tier 2) */
  [SEC_POWER] = { "power", &gp_power_param_table, GP_SYSPATH_F_PREPARE },
  [SEC_POOL] = { "pool", &gp_mempool_param_table, GP_SYSPATH_F_PREPARE },
  [SEC_STUDY] = { "study", &gp_study_param_table, GP_SYSPATH_F_STUDY },
  [SEC_WORKLOAD] = { "study.workload", &gp_workload_param_table,
                     GP_SYSPATH_F_STUDY | GP_SYSPATH_F_PREPARE },
  [SEC_STUDY_CARBON] = { "study.carbon", &gp_carbon_param_table,
                         GP_SYSPATH_F_STUDY | GP_SYSPATH_F_PREPARE },
  [SEC_SEARCH] = { "study.search", &gp_search_param_table, GP_SYSPATH_F_STUDY },
  [SEC_NODE] = { "nodes", &gp_node_param_table, GP_SYSPATH_F_NODE | GP_SYSPATH_F_PREPARE },
};

/* Exceptions to a section's default. */
typedef struct {
  int sec;
  const char *field;
  bool prepare;
} prepare_rule;

static const prepare_rule prepare_rules[] = {
  /* the machine's size and shape are cached (topology, failure stacks, checks) */
  { SEC_SYS, "family", true },
  { SEC_SYS, "accelerators", true },
  { SEC_SYS, "accels_per_server", true },
  { SEC_SYS, "use_scaleup_link", true },
  /* prices read by every gp_package_cost; neither the die model nor the carbon model
     reads them (gp-package.h lists what the cache holds) */
  { SEC_PACKAGE, "carrier_usd_per_mm2", false },
  { SEC_PACKAGE, "substrate_usd_per_mm2", false },
  { SEC_PACKAGE, "assembly_cost_usd", false },
  { SEC_PACKAGE, "bond_cost_usd", false },
  { SEC_PACKAGE, "final_test_cost_usd", false },
  { SEC_PART, "usd_per_gb", false },
  { SEC_PART, "unit_cost_usd", false },
  /* prices of the topology's parts: gp_cost_capex reads them at every evaluation */
  { SEC_TOPOLOGY, "scaleup_transceiver_cost_usd", false },
  { SEC_TOPOLOGY, "scaleup_cable_cost_usd", false },
  { SEC_TOPOLOGY, "scaleup_switch_cost_usd", false },
  { SEC_TOPOLOGY, "scaleout_transceiver_cost_usd", false },
  { SEC_TOPOLOGY, "scaleout_cable_cost_usd", false },
  { SEC_TOPOLOGY, "scaleout_switch_cost_usd", false },
  /* rack and server limits are checked by every gp_system_eval */
  { SEC_POWER, "air_rack_w", false },
  { SEC_POWER, "liquid_rack_w", false },
  { SEC_POWER, "immersion_rack_w", false },
  { SEC_POWER, "servers_per_rack", false },
  { SEC_POWER, "server_limit_w", false },
  /* the pool's price, power, carbon and latency are read by every gp_system_eval */
  { SEC_POOL, "latency_ns", false },
  { SEC_POOL, "usd_per_gb", false },
  { SEC_POOL, "usd_per_port", false },
  { SEC_POOL, "controller_usd", false },
  { SEC_POOL, "w_per_gb", false },
  { SEC_POOL, "w_per_port", false },
  { SEC_POOL, "kgco2e_per_gb", false },
  { SEC_POOL, "kgco2e_per_port", false },
  { SEC_POOL, "controller_kgco2e", false },
};

enum {
  COUPLE_NONE,
  COUPLE_ACCELERATORS,     /* gp_system_set_accelerators */
  COUPLE_PEAK_FROM_ACCEL,  /* package.peak_pflops follows accel.peak_tflop_per_s */
  COUPLE_PEAK_FROM_PACKAGE,/* accel.peak_tflop_per_s follows package.peak_pflops */
  COUPLE_MEM_FROM_ACCEL,   /* HBM capacity_gb scaled to accel.mem_capacity_gb */
  COUPLE_MEM_FROM_PARTS,   /* accel.mem_capacity_gb = the package's active HBM capacity */
};

typedef struct {
  int sec;
  const char *field;
  int coupling;
} coupling_rule;

static const coupling_rule coupling_rules[] = {
  { SEC_SYS, "accelerators", COUPLE_ACCELERATORS },
  { SEC_ACCEL, "peak_tflop_per_s", COUPLE_PEAK_FROM_ACCEL },
  { SEC_PACKAGE, "peak_pflops", COUPLE_PEAK_FROM_PACKAGE },
  { SEC_ACCEL, "mem_capacity_gb", COUPLE_MEM_FROM_ACCEL },
  { SEC_PART, "capacity_gb", COUPLE_MEM_FROM_PARTS },
  { SEC_PART, "count", COUPLE_MEM_FROM_PARTS },
  { SEC_PART, "active_count", COUPLE_MEM_FROM_PARTS },
};

/* Fields the system fills in: an alias to the input that decides them, or (to == NULL)
 * computed, with the reason. */
typedef struct {
  const char *from;
  const char *to;
  const char *why;
} alias_rule;

static const alias_rule alias_rules[] = {
  { "topology.accelerators", "sys.accelerators", NULL },
  { "failure.n_accel", "sys.accelerators", NULL },
  { "failure.accel_per_node", "sys.accels_per_server", NULL },
  { "carbon.packages", "sys.accels_per_server", NULL },
  { "carbon.dram_gb", "sys.host_dram_gb", NULL },
  { "carbon.ssd_gb", "sys.host_ssd_gb", NULL },
  { "failure.mem_stacks_per_accel", NULL, "the package's active HBM stacks" },
  { "failure.checkpoint_gb", NULL, "the workload's weights and optimizer state" },
  { "failure.dies_per_accel", NULL, "the package's logic dies" },
  { "failure.logic_area_mm2", NULL, "the package's logic silicon" },
  { "failure.blast_radius_accel", NULL, "the family (a DGX node, one Lite-GPU, one wafer)" },
  { "failure.checkpoint_writers", NULL, "the plan's shards" },
  { "carbon.package_kgco2e", NULL, "the package carbon model" },
  { "power.die_area_mm2", NULL, "the package's main logic die" },
  { "power.dies", NULL, "the package's main logic die count" },
  { "power.active_fraction", NULL, "the main die's enabled units" },
  { "power.mem_bw_gb_per_s", NULL, "accel.mem_bw_gb_per_s" },
  { "power.io_gb_per_s", NULL, "the topology's level-0 injection bandwidth" },
  { "power.tdp_w", NULL, "accel.power_w" },
  { "study.search.n_accel", NULL, "sys.accelerators of each system" },
  { "study.search.top_k", NULL, "the system evaluation (it keeps the best plan)" },
};

static unsigned
field_flags (int sec, const char *field)
{
  unsigned f = sections[sec].flags;
  for (size_t i = 0; i < GP_N_ELEMENTS (prepare_rules); i++)
    if (prepare_rules[i].sec == sec && strcmp (prepare_rules[i].field, field) == 0)
      f = prepare_rules[i].prepare ? f | GP_SYSPATH_F_PREPARE : f & ~GP_SYSPATH_F_PREPARE;
  return f;
}

static int
field_coupling (int sec, const char *field)
{
  for (size_t i = 0; i < GP_N_ELEMENTS (coupling_rules); i++)
    if (coupling_rules[i].sec == sec && strcmp (coupling_rules[i].field, field) == 0)
      return coupling_rules[i].coupling;
  return COUPLE_NONE;
}

/* ---- suggestions ------------------------------------------------------------------ */

/* Levenshtein distance of two short strings (longer ones are cut at 63 characters). */
static size_t
edit_distance (const char *a, const char *b)
{
  size_t la = strlen (a), lb = strlen (b);
  if (la > 63)
    la = 63;
  if (lb > 63)
    lb = 63;
  size_t row[64];
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++)
    {
      size_t diag = row[0];
      row[0] = i;
      for (size_t j = 1; j <= lb; j++)
        {
          size_t up = row[j];
          size_t sub = diag + (a[i - 1] != b[j - 1]);
          size_t v = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
          row[j] = sub < v ? sub : v;
          diag = up;
        }
    }
  return row[lb];
}

typedef struct {
  const char *word;
  const char *best;
  size_t dist;
} nearest;

static void
nearest_try (nearest *n, const char *candidate)
{
  size_t d = edit_distance (n->word, candidate);
  if (n->best == NULL || d < n->dist)
    {
      n->best = candidate;
      n->dist = d;
    }
}

/* A suggestion is worth making when it is within a third of the word's length (at least
 * 2 edits), or the word is a prefix of it. */
static bool
nearest_ok (const nearest *n)
{
  if (n->best == NULL)
    return false;
  size_t len = strlen (n->word);
  size_t lim = len / 3 > 2 ? len / 3 : 2;
  return n->dist <= lim || (len >= 3 && strncmp (n->best, n->word, len) == 0);
}

static gp_status
unknown (gp_error *err, const char *path, const char *prefix, const nearest *n)
{
  if (nearest_ok (n))
    return gp_error_set (err, GP_ENOTFOUND, "path",
                         "unknown path '%s' (did you mean '%s%s'?)", path, prefix, n->best);
  return gp_error_set (err, GP_ENOTFOUND, "path", "unknown path '%s'", path);
}

/* ---- parsing ---------------------------------------------------------------------- */

typedef struct {
  int sec;
  char field[GP_SYSPATH_MAX];
  char node[GP_SYSPATH_MAX];   /* SEC_NODE */
  long part_index;             /* SEC_PART: 1-based, or 0 when a kind was given */
  int part_kind;               /* SEC_PART: gp_part_kind, or -1 */
} parsed;

static bool
is_ident (const char *s)
{
  if (*s == '\0')
    return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return false;
  return true;
}

static gp_status
parse (const char *path, parsed *p, gp_error *err)
{
  memset (p, 0, sizeof *p);
  p->part_kind = -1;
  if (path == NULL || *path == '\0')
    return gp_error_set (err, GP_EINVAL, "path", "empty path: write e.g. 'sys.pue'");
  size_t len = strlen (path);
  if (len >= GP_SYSPATH_MAX)
    return gp_error_set (err, GP_EINVAL, "path", "path '%.40s...' is longer than %d characters",
                         path, GP_SYSPATH_MAX - 1);

  if (strncmp (path, "nodes.", 6) == 0)
    {
      const char *rest = path + 6;
      const char *dot = strrchr (rest, '.');
      if (dot == NULL || dot == rest || dot[1] == '\0')
        return gp_error_set (err, GP_EINVAL, "path",
                             "path '%s': write nodes.NAME.FIELD, e.g. nodes.N5.d0_per_cm2", path);
      p->sec = SEC_NODE;
      memcpy (p->node, rest, (size_t) (dot - rest));
      p->node[dot - rest] = '\0';
      strcpy (p->field, dot + 1);
      return GP_OK;
    }
  if (strncmp (path, "package.parts", 13) == 0)
    {
      const char *s = path + 13;
      const char *close = s[0] == '[' ? strchr (s, ']') : NULL;
      if (close == NULL || close == s + 1 || close[1] != '.' || close[2] == '\0')
        return gp_error_set (err, GP_EINVAL, "path",
                             "path '%s': write package.parts[N].FIELD (N from 1) or "
                             "package.parts[KIND].FIELD (KIND logic, hbm, optics, other)", path);
      char sel[GP_SYSPATH_MAX];
      size_t n = (size_t) (close - s - 1);
      memcpy (sel, s + 1, n);
      sel[n] = '\0';
      p->sec = SEC_PART;
      strcpy (p->field, close + 2);
      if (sel[0] >= '0' && sel[0] <= '9')
        {
          char *end;
          long v = strtol (sel, &end, 10);
          if (*end != '\0' || v < 1)
            return gp_error_set (err, GP_EINVAL, "path",
                                 "path '%s': part index '%s' must be a whole number from 1",
                                 path, sel);
          p->part_index = v;
          return GP_OK;
        }
      p->part_kind = gp_enum_lookup (gp_part_kind_names, sel);
      if (p->part_kind < 0)
        {
          nearest nk = { sel, NULL, 0 };
          for (int i = 0; gp_part_kind_names[i]; i++)
            nearest_try (&nk, gp_part_kind_names[i]);
          return gp_error_set (err, GP_ENOTFOUND, "path",
                               "path '%s': '%s' is neither a part index nor a part kind "
                               "(logic, hbm, optics, other)%s%s%s", path, sel,
                               nearest_ok (&nk) ? "; did you mean '" : "",
                               nearest_ok (&nk) ? nk.best : "", nearest_ok (&nk) ? "'?" : "");
        }
      return GP_OK;
    }
  /* Longest section prefix followed by '.'. */
  int best = -1;
  size_t best_len = 0;
  for (int i = 0; i < SEC_N; i++)
    {
      if (i == SEC_NODE || i == SEC_PART)
        continue;
      size_t l = strlen (sections[i].name);
      if (l > best_len && strncmp (path, sections[i].name, l) == 0 && path[l] == '.')
        best = i, best_len = l;
    }
  if (best < 0)
    {
      char head[GP_SYSPATH_MAX];
      size_t h = strcspn (path, ".[");
      memcpy (head, path, h);
      head[h] = '\0';
      nearest n = { head, NULL, 0 };
      for (int i = 0; i < SEC_N; i++)
        if (strchr (sections[i].name, '.') == NULL)
          nearest_try (&n, sections[i].name);
      if (nearest_ok (&n))
        return gp_error_set (err, GP_ENOTFOUND, "path",
                             "unknown path '%s': no section '%s' (did you mean '%s'?; "
                             "sections: sys, package, package.parts[N], accel, topology, "
                             "link, failure, carbon, power, pool, study, study.workload, study.carbon, "
                             "study.search, nodes.NAME)", path, head, n.best);
      return gp_error_set (err, GP_ENOTFOUND, "path",
                           "unknown path '%s': no section '%s' (sections: sys, package, "
                           "package.parts[N], accel, topology, link, failure, carbon, power, pool, study, "
                           "study.workload, study.carbon, study.search, nodes.NAME)",
                           path, head);
    }
  p->sec = best;
  strcpy (p->field, path + best_len + 1);
  return GP_OK;
}

/* ---- resolution ------------------------------------------------------------------- */

static const alias_rule *
find_alias (const char *path)
{
  for (size_t i = 0; i < GP_N_ELEMENTS (alias_rules); i++)
    if (strcmp (alias_rules[i].from, path) == 0)
      return &alias_rules[i];
  return NULL;
}

/* The descriptor of P's field, with suggestions when it is unknown. */
static gp_status
find_field (const char *path, const parsed *p, const gp_param **out, gp_error *err)
{
  const gp_param_table *tab = sections[p->sec].table;
  const gp_param *prm = is_ident (p->field) ? gp_param_table_find (tab, p->field) : NULL;
  if (prm == NULL)
    {
      char prefix[GP_SYSPATH_MAX * 2 + 8];
      size_t plen = strlen (path) - strlen (p->field);
      memcpy (prefix, path, plen);
      prefix[plen] = '\0';
      nearest n = { p->field, NULL, 0 };
      for (size_t i = 0; i < tab->n_params; i++)
        nearest_try (&n, tab->params[i].name);
      return unknown (err, path, prefix, &n);
    }
  *out = prm;
  return GP_OK;
}

static void *
section_owner (const gp_syspath_target *t, const parsed *p, int part)
{
  gp_system *s = t->sys;
  gp_study *st = t->study;
  switch (p->sec)
    {
    case SEC_SYS: return &s->sys;
    case SEC_PACKAGE: return &s->package;
    case SEC_PART: return &s->package.parts[part];
    case SEC_ACCEL: return &s->accel;
    case SEC_TOPOLOGY: return &s->topology;
    case SEC_LINK: return &s->link;
    case SEC_FAILURE: return &s->failure;
    case SEC_CARBON: return &s->carbon;
    case SEC_COST: return &s->cost;
    case SEC_POWER: return &s->power;
    case SEC_POOL: return &s->pool;
    case SEC_STUDY: return st;
    case SEC_WORKLOAD: return &st->workload;
    case SEC_STUDY_CARBON: return &st->carbon;
    case SEC_SEARCH: return &st->search;
    default: return NULL;
    }
}

/* LOCATE false: check the path against the tables only (no target). */
static gp_status
resolve (const gp_syspath_target *t, const char *path, gp_syspath_ref *ref, bool locate,
         gp_error *err)
{
  memset (ref, 0, sizeof *ref);
  parsed p;
  GP_TRY (parse (path, &p, err));
  const gp_param *prm = NULL;
  GP_TRY (find_field (path, &p, &prm, err));

  const alias_rule *al = find_alias (path);
  if (al != NULL && al->to == NULL)
    return gp_error_set (err, GP_EINVAL, "path",
                         "%s is computed by the system from %s and cannot be set", path,
                         al->why);
  if (al != NULL)
    return resolve (t, al->to, ref, locate, err);

  ref->param = prm;
  ref->flags = field_flags (p.sec, prm->name);
  ref->coupling = field_coupling (p.sec, prm->name);
  if (ref->coupling != COUPLE_NONE)
    ref->flags |= GP_SYSPATH_F_COUPLED;
  snprintf (ref->path, sizeof ref->path, "%s", path);
  if (!locate)
    return GP_OK;

  if (p.sec == SEC_NODE)
    {
      if (t == NULL || t->nodes == NULL || t->n_nodes == 0)
        return gp_error_set (err, GP_EINVAL, "path", "%s: no node table was given", path);
      for (size_t i = 0; i < t->n_nodes; i++)
        if (strcmp (t->nodes[i].name, p.node) == 0)
          {
            ref->owner = &t->nodes[i];
            return GP_OK;
          }
      nearest n = { p.node, NULL, 0 };
      char list[160] = "";
      size_t used = 0;
      for (size_t i = 0; i < t->n_nodes; i++)
        {
          nearest_try (&n, t->nodes[i].name);
          if (used < sizeof list - 1)
            used += (size_t) snprintf (list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                       t->nodes[i].name);
        }
      if (nearest_ok (&n))
        return gp_error_set (err, GP_ENOTFOUND, "path",
                             "%s: no node '%s' (did you mean '%s'?; known: %s)", path, p.node,
                             n.best, list);
      return gp_error_set (err, GP_ENOTFOUND, "path", "%s: no node '%s' (known: %s)", path,
                           p.node, list);
    }
  if (ref->flags & GP_SYSPATH_F_STUDY)
    {
      if (t == NULL || t->study == NULL)
        return gp_error_set (err, GP_EINVAL, "path", "%s: no study was given", path);
      ref->owner = section_owner (t, &p, 0);
      return GP_OK;
    }
  if (t == NULL || t->sys == NULL)
    return gp_error_set (err, GP_EINVAL, "path", "%s: no system was given", path);
  ref->sys = t->sys;
  int part = 0;
  if (p.sec == SEC_PART)
    {
      const gp_package_params *pk = &t->sys->package;
      int n = pk->n_parts < 0 ? 0 : pk->n_parts > GP_PACKAGE_PARTS_MAX ? GP_PACKAGE_PARTS_MAX
                                                                         : pk->n_parts;
      if (p.part_kind >= 0)
        {
          part = -1;
          for (int i = 0; i < n && part < 0; i++)
            if (pk->parts[i].kind == p.part_kind)
              part = i;
          if (part < 0)
            return gp_error_set (err, GP_ENOTFOUND, "path",
                                 "%s: the package (%s) has no %s part", path, pk->name,
                                 gp_part_kind_names[p.part_kind]);
        }
      else
        {
          if (p.part_index > n)
            return gp_error_set (err, GP_ENOTFOUND, "path",
                                 "%s: index %ld is out of range: the package (%s) has %d "
                                 "part%s (1..%d)", path, p.part_index, pk->name, n,
                                 n == 1 ? "" : "s", n);
          part = (int) p.part_index - 1;
        }
      /* The canonical path names the index, so kind selectors list like the rest. */
      snprintf (ref->path, sizeof ref->path, "package.parts[%d].%s", part + 1, prm->name);
    }
  if (p.sec == SEC_TOPOLOGY && t->sys->sys.use_scaleup_link
      && strcmp (prm->name, "scaleup_energy_pj_per_bit") == 0)
    return gp_error_set (err, GP_EINVAL, "path",
                         "%s is computed from the link model while sys.use_scaleup_link is "
                         "true: vary a link.* term, or set sys.use_scaleup_link = false",
                         path);
  ref->owner = section_owner (t, &p, part);
  return GP_OK;
}

gp_status
gp_syspath_resolve (const gp_syspath_target *t, const char *path, gp_syspath_ref *ref,
                    gp_error *err)
{
  return resolve (t, path, ref, true, err);
}

double
gp_syspath_ref_get (const gp_syspath_ref *ref)
{
  return gp_param_get (ref->param, ref->owner);
}

/* Active HBM capacity of a package, as gp_system_validate counts it. */
static double
hbm_capacity (const gp_package_params *pk, long *stacks)
{
  double gb = 0;
  *stacks = 0;
  for (int i = 0; i < pk->n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
    {
      const gp_package_part *pt = &pk->parts[i];
      if (pt->kind != GP_PART_HBM)
        continue;
      long act = pt->active_count < 0 ? pt->count : pt->active_count;
      gb += (double) act * pt->capacity_gb;
      *stacks += act;
    }
  return gb;
}

gp_status
gp_syspath_ref_set (const gp_syspath_ref *ref, double value, gp_error *err)
{
  if (ref == NULL || ref->param == NULL || ref->owner == NULL)
    return gp_error_set (err, GP_EINVAL, "path", "unresolved path");
  gp_system *s = ref->sys;
  switch (ref->coupling)
    {
    case COUPLE_ACCELERATORS:
      if (value != floor (value))
        return gp_error_set (err, GP_EINVAL, "accelerators",
                             "accelerators = %.6g must be a whole number", value);
      GP_TRY (gp_check_range (err, "accelerators", value, 1, 1e9, 0, ""));
      return gp_system_set_accelerators (s, (long) value, err);
    case COUPLE_PEAK_FROM_ACCEL:
      GP_TRY (gp_param_set (ref->param, ref->owner, value, err));
      if (s->package.peak_pflops > 0)
        s->package.peak_pflops = value / 1000.0;
      return GP_OK;
    case COUPLE_PEAK_FROM_PACKAGE:
      {
        const gp_param *pk = gp_param_table_find (&gp_accel_param_table, "peak_tflop_per_s");
        gp_accel probe = s->accel;
        if (value > 0)
          GP_TRY (gp_param_set (pk, &probe, value * 1000.0, err));
        GP_TRY (gp_param_set (ref->param, ref->owner, value, err));
        s->accel = probe;
        return GP_OK;
      }
    case COUPLE_MEM_FROM_ACCEL:
      {
        long stacks;
        double have = hbm_capacity (&s->package, &stacks);
        GP_TRY (gp_param_set (ref->param, ref->owner, value, err));
        if (!s->accel.wafer_scale && stacks > 0 && have > 0)
          for (int i = 0; i < s->package.n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
            if (s->package.parts[i].kind == GP_PART_HBM)
              s->package.parts[i].capacity_gb *= value / have;
        return GP_OK;
      }
    case COUPLE_MEM_FROM_PARTS:
      {
        GP_TRY (gp_param_set (ref->param, ref->owner, value, err));
        long stacks;
        double gb = hbm_capacity (&s->package, &stacks);
        if (!s->accel.wafer_scale && stacks > 0)
          s->accel.mem_capacity_gb = gb;
        return GP_OK;
      }
    default:
      return gp_param_set (ref->param, ref->owner, value, err);
    }
}

gp_status
gp_syspath_get (const gp_syspath_target *t, const char *path, double *value, gp_error *err)
{
  gp_syspath_ref ref;
  GP_TRY (gp_syspath_resolve (t, path, &ref, err));
  if (ref.param->type == GP_PARAM_STRING)
    return gp_error_set (err, GP_EINVAL, "path", "%s is a name, not a number", path);
  *value = gp_syspath_ref_get (&ref);
  return GP_OK;
}

gp_status
gp_syspath_set (const gp_syspath_target *t, const char *path, double value,
                bool *needs_prepare, gp_error *err)
{
  gp_syspath_ref ref;
  GP_TRY (gp_syspath_resolve (t, path, &ref, err));
  gp_status st = gp_syspath_ref_set (&ref, value, err);
  if (st != GP_OK)
    {
      gp_error_prefix (err, path);
      return st;
    }
  if (needs_prepare)
    *needs_prepare = (ref.flags & GP_SYSPATH_F_PREPARE) != 0;
  return GP_OK;
}

gp_status
gp_syspath_needs_prepare (const char *path, bool *needs_prepare, gp_error *err)
{
  gp_syspath_ref ref;
  GP_TRY (resolve (NULL, path, &ref, false, err));
  *needs_prepare = (ref.flags & GP_SYSPATH_F_PREPARE) != 0;
  return GP_OK;
}

/* ---- listing ---------------------------------------------------------------------- */

static bool
listable (const gp_param *prm)
{
  return prm->type != GP_PARAM_STRING;
}

static void
emit (const gp_syspath_target *t, const char *path, gp_syspath_info *out, size_t cap,
      size_t *n)
{
  if (find_alias (path) != NULL)
    return;
  gp_syspath_ref ref;
  if (resolve (t, path, &ref, true, NULL) != GP_OK || !listable (ref.param))
    return;
  if (*n < cap)
    {
      snprintf (out[*n].path, sizeof out[*n].path, "%s", ref.path);
      out[*n].param = ref.param;
      out[*n].flags = ref.flags;
    }
  (*n)++;
}

size_t
gp_syspath_list (const gp_syspath_target *t, gp_syspath_info *out, size_t cap)
{
  size_t n = 0;
  char path[GP_SYSPATH_MAX * 2];
  if (t == NULL)
    return 0;
  for (int sec = 0; sec < SEC_N; sec++)
    {
      const gp_param_table *tab = sections[sec].table;
      if (sec == SEC_NODE)
        {
          for (size_t k = 0; t->nodes && k < t->n_nodes; k++)
            for (size_t i = 0; i < tab->n_params; i++)
              {
                snprintf (path, sizeof path, "nodes.%s.%s", t->nodes[k].name,
                          tab->params[i].name);
                emit (t, path, out, cap, &n);
              }
          continue;
        }
      if (sec == SEC_PART)
        {
          int parts = t->sys ? t->sys->package.n_parts : 0;
          for (int k = 0; k < parts && k < GP_PACKAGE_PARTS_MAX; k++)
            for (size_t i = 0; i < tab->n_params; i++)
              {
                snprintf (path, sizeof path, "package.parts[%d].%s", k + 1,
                          tab->params[i].name);
                emit (t, path, out, cap, &n);
              }
          continue;
        }
      for (size_t i = 0; i < tab->n_params; i++)
        {
          snprintf (path, sizeof path, "%s.%s", sections[sec].name, tab->params[i].name);
          emit (t, path, out, cap, &n);
        }
    }
  return n;
}
