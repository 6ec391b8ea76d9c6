/* gp-param-group.c: subjects, panel groups and value text (see gp-param-group.h). */
#include "gp-param-group.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

static const struct {
  const char *title;
  gboolean study;
} subjects[GP_SUBJECT_N] = {
  [GP_SUBJECT_SYSTEM] = { N_("Servers, power and economics"), FALSE },
  [GP_SUBJECT_PACKAGE] = { N_("Package"), FALSE },
  [GP_SUBJECT_PART] = { N_("Part"), FALSE },
  [GP_SUBJECT_ACCEL] = { N_("Accelerator and memory"), FALSE },
  [GP_SUBJECT_TOPOLOGY] = { N_("Interconnect topology"), FALSE },
  [GP_SUBJECT_LINK] = { N_("Scale-up link"), FALSE },
  [GP_SUBJECT_FAILURE] = { N_("Failures and checkpointing"), FALSE },
  [GP_SUBJECT_SYSTEM_CARBON] = { N_("Embodied carbon of the servers"), FALSE },
  [GP_SUBJECT_COST] = { N_("Build costs, margins and the glass fabric"), FALSE },
  [GP_SUBJECT_STUDY] = { N_("Training run"), TRUE },
  [GP_SUBJECT_WORKLOAD] = { N_("Workload"), TRUE },
  [GP_SUBJECT_STUDY_CARBON] = { N_("Carbon figures"), TRUE },
  [GP_SUBJECT_SEARCH] = { N_("Parallelism search space"), TRUE },
};

const gp_param_table *
gp_subject_table (GpSubject subject)
{
  switch (subject)
    {
    case GP_SUBJECT_SYSTEM: return &gp_system_param_table;
    case GP_SUBJECT_PACKAGE: return &gp_package_param_table;
    case GP_SUBJECT_PART: return &gp_package_part_param_table;
    case GP_SUBJECT_ACCEL: return &gp_accel_param_table;
    case GP_SUBJECT_TOPOLOGY: return &gp_topology_param_table;
    case GP_SUBJECT_LINK: return &gp_link_param_table;
    case GP_SUBJECT_FAILURE: return &gp_failure_param_table;
    case GP_SUBJECT_SYSTEM_CARBON: return &gp_carbon_system_param_table;
    case GP_SUBJECT_COST: return &gp_cost_param_table;
    case GP_SUBJECT_STUDY: return &gp_study_param_table;
    case GP_SUBJECT_WORKLOAD: return &gp_workload_param_table;
    case GP_SUBJECT_STUDY_CARBON: return &gp_carbon_param_table;
    case GP_SUBJECT_SEARCH: return &gp_search_param_table;
    case GP_SUBJECT_N: break;
    }
  g_return_val_if_reached (NULL);
}

static const char *const subject_keys[GP_SUBJECT_N] = {
  "system", "package", "part", "accel", "topology", "link", "failure", "system_carbon",
  "cost", "study", "workload", "study_carbon", "search",
};

const char *
gp_subject_key (GpSubject subject)
{
  g_return_val_if_fail (subject < GP_SUBJECT_N, "");
  return subject_keys[subject];
}

const char *
gp_subject_title (GpSubject subject)
{
  g_return_val_if_fail (subject < GP_SUBJECT_N, "");
  return _(subjects[subject].title);
}

gboolean
gp_subject_is_study (GpSubject subject)
{
  return subject < GP_SUBJECT_N && subjects[subject].study;
}

void *
gp_subject_target (GpSubject subject, gp_system *s, gp_study *st, int part)
{
  if (gp_subject_is_study (subject) ? st == NULL : s == NULL)
    return NULL;
  switch (subject)
    {
    case GP_SUBJECT_SYSTEM: return &s->sys;
    case GP_SUBJECT_PACKAGE: return &s->package;
    case GP_SUBJECT_PART:
      if (part < 0 || part >= s->package.n_parts || part >= GP_PACKAGE_PARTS_MAX)
        return NULL;
      return &s->package.parts[part];
    case GP_SUBJECT_ACCEL: return &s->accel;
    case GP_SUBJECT_TOPOLOGY: return &s->topology;
    case GP_SUBJECT_LINK: return &s->link;
    case GP_SUBJECT_FAILURE: return &s->failure;
    case GP_SUBJECT_SYSTEM_CARBON: return &s->carbon;
    case GP_SUBJECT_COST: return &s->cost;
    case GP_SUBJECT_STUDY: return st;
    case GP_SUBJECT_WORKLOAD: return &st->workload;
    case GP_SUBJECT_STUDY_CARBON: return &st->carbon;
    case GP_SUBJECT_SEARCH: return &st->search;
    case GP_SUBJECT_N: break;
    }
  return NULL;
}

static const struct {
  const char *title;
  gboolean study;
  GpSubject subjects[3];
  guint n;
} groups[GP_GROUP_N] = {
  [GP_GROUP_DIE] = { N_("Process and die"), FALSE, { GP_SUBJECT_PART }, 1 },
  [GP_GROUP_PACKAGE] = { N_("Package and memory"), FALSE,
                         { GP_SUBJECT_PACKAGE, GP_SUBJECT_ACCEL }, 2 },
  [GP_GROUP_TOPOLOGY] = { N_("Optics and topology"), FALSE,
                          { GP_SUBJECT_TOPOLOGY, GP_SUBJECT_LINK }, 2 },
  [GP_GROUP_POWER] = { N_("Power, cost and carbon"), FALSE,
                       { GP_SUBJECT_SYSTEM, GP_SUBJECT_COST, GP_SUBJECT_SYSTEM_CARBON }, 3 },
  [GP_GROUP_FAILURE] = { N_("Failures"), FALSE, { GP_SUBJECT_FAILURE }, 1 },
  [GP_GROUP_WORKLOAD] = { N_("Workload and parallelism"), TRUE,
                          { GP_SUBJECT_WORKLOAD, GP_SUBJECT_SEARCH }, 2 },
  [GP_GROUP_RUN] = { N_("Training run and carbon"), TRUE,
                     { GP_SUBJECT_STUDY, GP_SUBJECT_STUDY_CARBON }, 2 },
};

const char *
gp_group_title (GpGroup group)
{
  g_return_val_if_fail (group < GP_GROUP_N, "");
  return _(groups[group].title);
}

gboolean
gp_group_is_study (GpGroup group)
{
  return group < GP_GROUP_N && groups[group].study;
}

guint
gp_group_subjects (GpGroup group, GpSubject *out, guint cap)
{
  g_return_val_if_fail (group < GP_GROUP_N, 0);
  guint n = MIN (cap, groups[group].n);
  for (guint i = 0; i < n; i++)
    out[i] = groups[group].subjects[i];
  return n;
}

static gboolean
name_in (const char *name, const char *const *list)
{
  for (; *list; list++)
    if (strcmp (name, *list) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gp_param_is_hidden (GpSubject subject, const gp_param *p)
{
  /* Names are edited from the sidebar (systems) or are labels of presets. */
  if (strcmp (p->name, "name") == 0)
    return TRUE;
  static const char *const topology[] = { "accelerators", NULL };
  static const char *const failure[] = { "n_accel", NULL };
  static const char *const carbon[] = { "packages", "package_kgco2e", NULL };
  static const char *const search[] = { "n_accel", NULL };
  switch (subject)
    {
    case GP_SUBJECT_TOPOLOGY: return name_in (p->name, topology);
    case GP_SUBJECT_FAILURE: return name_in (p->name, failure);
    case GP_SUBJECT_SYSTEM_CARBON: return name_in (p->name, carbon);
    case GP_SUBJECT_SEARCH: return name_in (p->name, search);
    default: return FALSE;
    }
}

gboolean
gp_param_needs_prepare (GpSubject subject, const gp_param *p)
{
  /* Read by every gp_system_eval: prices, shares, facility and economics, failures,
   * per-server carbon, the token budget and the grid where the run happens. The server
   * count follows from accelerators and accels_per_server, which the topology needs. */
  static const char *const system_cheap[] = {
    "server_cost_usd", "server_power_w", "host_dram_gb", "host_ssd_gb",
    "integration_cost_fraction", "accel_memory_power_share", "accel_io_power_share",
    "power_delivery_efficiency", "pue", "electricity_usd_per_kwh", "lifetime_years", NULL
  };
  static const char *const study_cheap[] = { "token_budget", "grid_ci_g_per_kwh", "cost_basis",
                                             NULL };
  /* the topology's prices are read by gp_cost_capex at every evaluation */
  static const char *const topology_cheap[] = {
    "scaleup_transceiver_cost_usd", "scaleup_cable_cost_usd", "scaleup_switch_cost_usd",
    "scaleout_transceiver_cost_usd", "scaleout_cable_cost_usd", "scaleout_switch_cost_usd", NULL
  };
  switch (subject)
    {
    case GP_SUBJECT_SYSTEM: return !name_in (p->name, system_cheap);
    case GP_SUBJECT_FAILURE:
    case GP_SUBJECT_SYSTEM_CARBON:
    case GP_SUBJECT_COST:
    case GP_SUBJECT_SEARCH:
      return FALSE;
    case GP_SUBJECT_TOPOLOGY: return !name_in (p->name, topology_cheap);
    case GP_SUBJECT_STUDY: return !name_in (p->name, study_cheap);
    default: return TRUE;
    }
}

gboolean
gp_param_needs_search (GpSubject subject, const gp_param *p)
{
  switch (subject)
    {
    case GP_SUBJECT_SEARCH:
    case GP_SUBJECT_WORKLOAD:
    case GP_SUBJECT_ACCEL:
    case GP_SUBJECT_TOPOLOGY:
    case GP_SUBJECT_LINK:
      return TRUE;
    case GP_SUBJECT_SYSTEM:
      return strcmp (p->name, "accelerators") == 0 || strcmp (p->name, "accels_per_server") == 0
             || strcmp (p->name, "family") == 0 || strcmp (p->name, "use_scaleup_link") == 0;
    default:
      return FALSE;
    }
}

void
gp_param_format (const gp_param *p, double v, char *buf, gsize len)
{
  if (!isfinite (v))
    g_snprintf (buf, len, "%s", isnan (v) ? "nan" : v > 0 ? "inf" : "-inf");
  else if (p->type == GP_PARAM_INT || p->type == GP_PARAM_ENUM || p->type == GP_PARAM_BOOL)
    g_snprintf (buf, len, "%.0f", v);
  else
    g_snprintf (buf, len, "%.6g", v);
}

gp_status
gp_param_parse (const gp_param *p, const char *text, double *value, gp_error *err)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  if (t[0] == '\0')
    return gp_error_set (err, GP_EINVAL, p->name, _("%s: a value is required"), p->name);
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (t, &end);
  if (end == t || *end != '\0')
    return gp_error_set (err, GP_EINVAL, p->name, _("%s: '%s' is not a number"), p->name, t);
  if (errno == ERANGE && isinf (v))
    return gp_error_set (err, GP_EINVAL, p->name, _("%s: '%s' is too large"), p->name, t);
  *value = v;
  return GP_OK;
}
