/* gp-param-group.h: where each parameter of a design lives and how the explorer groups
 * them, with no widgets: the sub-structs of a system and of the study ("subjects"), the
 * panels they appear in, which fields the panels leave out (derived by the system model),
 * which changes need the expensive gp_system_prepare() or a new plan search, and the text
 * form of a value (what an entry shows and parses). */
#pragma once

#include <glib.h>

#include "gp-system.h"

G_BEGIN_DECLS

typedef enum {
  /* per system */
  GP_SUBJECT_SYSTEM,        /* gp_system.sys            gp_system_param_table */
  GP_SUBJECT_PACKAGE,       /* gp_system.package        gp_package_param_table */
  GP_SUBJECT_PART,          /* gp_system.package.parts[i] gp_package_part_param_table */
  GP_SUBJECT_ACCEL,         /* gp_system.accel          gp_accel_param_table */
  GP_SUBJECT_TOPOLOGY,      /* gp_system.topology       gp_topology_param_table */
  GP_SUBJECT_LINK,          /* gp_system.link           gp_link_param_table */
  GP_SUBJECT_FAILURE,       /* gp_system.failure        gp_failure_param_table */
  GP_SUBJECT_SYSTEM_CARBON, /* gp_system.carbon         gp_carbon_system_param_table */
  GP_SUBJECT_COST,          /* gp_system.cost           gp_cost_param_table */
  /* shared by every system */
  GP_SUBJECT_STUDY,         /* gp_study                 gp_study_param_table */
  GP_SUBJECT_WORKLOAD,      /* gp_study.workload        gp_workload_param_table */
  GP_SUBJECT_STUDY_CARBON,  /* gp_study.carbon          gp_carbon_param_table */
  GP_SUBJECT_SEARCH,        /* gp_study.search          gp_search_param_table */
  GP_SUBJECT_N
} GpSubject;

typedef enum {
  GP_GROUP_DIE,       /* process and die: the package's parts */
  GP_GROUP_PACKAGE,   /* package and memory: the package and the accelerator */
  GP_GROUP_TOPOLOGY,  /* optics and topology: the interconnect and the scale-up link */
  GP_GROUP_POWER,     /* power, cost and carbon: the system's servers, power, economics,
                         carbon and its build costs and margins (gp-cost.h) */
  GP_GROUP_FAILURE,   /* failures */
  GP_GROUP_WORKLOAD,  /* study: workload and parallelism (the plan search space) */
  GP_GROUP_RUN,       /* study: token budget, grid, fab carbon figures */
  GP_GROUP_N
} GpGroup;

const gp_param_table *gp_subject_table (GpSubject subject);
/* Short key: "system", "package", "part", "accel", ... (widget names, messages). */
const char *gp_subject_key (GpSubject subject);
/* Heading in the panel: "Accelerator", "Scale-up link", ... */
const char *gp_subject_title (GpSubject subject);
gboolean gp_subject_is_study (GpSubject subject);
/* The struct holding SUBJECT's fields inside SYSTEM or STUDY (whichever applies; the
 * other may be NULL). NULL for a part index outside the package's parts. */
void *gp_subject_target (GpSubject subject, gp_system *system, gp_study *study, int part);

const char *gp_group_title (GpGroup group);
gboolean gp_group_is_study (GpGroup group);
/* The subjects shown in GROUP, in order; returns how many (at most CAP written). */
guint gp_group_subjects (GpGroup group, GpSubject *out, guint cap);

/* Fields the panels do not show: names (renamed from the sidebar) and fields the system
 * model keeps equal to others (topology and failure accelerator counts, package counts in
 * the carbon struct, the search's accelerator count). */
gboolean gp_param_is_hidden (GpSubject subject, const gp_param *param);

/* Whether a change of PARAM in SUBJECT invalidates gp_system_prepare()'s cache (die
 * geometry, the link budget, the topology, the accelerator, the workload) or only the
 * cheap arithmetic of gp_system_eval (prices, power shares, PUE, failures, carbon per
 * server part, token budget, grid). Unknown cases count as needing a prepare. */
gboolean gp_param_needs_prepare (GpSubject subject, const gp_param *param);
/* Whether it may change the best parallelism plan (so a new search is due). */
gboolean gp_param_needs_search (GpSubject subject, const gp_param *param);

/* VALUE as an entry shows it: integers in full, doubles with 6 significant digits. */
void gp_param_format (const gp_param *param, double value, char *buf, gsize len);
/* Parse TEXT for PARAM (leading/trailing blanks allowed, "1.5e13", "1,024" refused).
 * GP_EINVAL naming the parameter when TEXT is not a number ("token_budget: 'abc' is not
 * a number"); the range is checked by gp_param_set, not here. */
gp_status gp_param_parse (const gp_param *param, const char *text, double *value,
                          gp_error *err);

G_END_DECLS
