/* gp-syspath.h: names for every numeric input of a system and its study, as dotted paths
 * ("package.parts[2].usd_per_gb", "study.workload.layers", "nodes.N5.d0_per_cm2"), so
 * that sweeps, uncertainty studies, Lua and the GUI can address any of them by one string.
 *
 * Grammar (section, then a field of that section's gp_param_table):
 *   sys.F              gp_system_param_table          (gp_system.sys)
 *   package.F          gp_package_param_table         (gp_system.package)
 *   package.parts[S].F gp_package_part_param_table, S = a 1-based index (as in data files,
 *                      Lua and every message) or a part kind (logic, hbm, optics, other:
 *                      the first part of that kind), e.g. "package.parts[hbm].usd_per_gb"
 *   accel.F, topology.F, link.F, failure.F            (gp_accel, gp_topology_params,
 *                                                      gp_link_params, gp_failure_params)
 *   carbon.F           gp_carbon_system_param_table   (gp_system.carbon)
 *   power.F, pool.F    gp_power_param_table, gp_mempool_param_table (gp_system.power and
 *                      .pool; the die fields power.die_area_mm2, dies, active_fraction,
 *                      mem_bw_gb_per_s, io_gb_per_s and tdp_w are filled by the system and
 *                      refused; rack, server and the pool's price, power, carbon and
 *                      latency are eval-only, the rest needs a prepare)
 *   study.F            gp_study_param_table           (token_budget, grid_ci_g_per_kwh)
 *   study.workload.F, study.carbon.F, study.search.F  (gp_workload, gp_carbon_params,
 *                                                      gp_search_params)
 *   nodes.NAME.F       gp_node_param_table of the node NAME in the caller's node table
 *
 * A path resolves to the descriptor and the struct that holds the field, so gp_param_get
 * and gp_param_set work on it, plus flags: whether a change needs gp_system_prepare again
 * or only gp_system_eval (from what gp_system_prepare caches: the package's die and
 * carrier geometry and yields and its embodied carbon, the link budget, the topology, the
 * accelerator, the workload, the node table, the machine's size; prices and the per-run
 * figures are read by every evaluation), and whether setting it must go through
 * gp_syspath_ref_set because other fields follow it:
 *   sys.accelerators          also topology.accelerators and failure.n_accel
 *                             (gp_system_set_accelerators);
 *   accel.peak_tflop_per_s    also package.peak_pflops when that is given (> 0);
 *   package.peak_pflops       also accel.peak_tflop_per_s;
 *   an HBM part's capacity_gb, count or active_count, and accel.mem_capacity_gb: the
 *                             accelerator's memory stays the package's active HBM
 *                             capacity (accel.mem_capacity_gb scales every HBM part's
 *                             capacity_gb by the same factor);
 * (gp_system_validate requires those equalities). Fields the system fills in itself are
 * aliases or refused: topology.accelerators and failure.n_accel are sys.accelerators,
 * failure.accel_per_node and carbon.packages are sys.accels_per_server, carbon.dram_gb and
 * carbon.ssd_gb are sys.host_dram_gb and sys.host_ssd_gb; failure.mem_stacks_per_accel,
 * failure.dies_per_accel, failure.logic_area_mm2, failure.blast_radius_accel,
 * failure.checkpoint_writers, failure.checkpoint_gb and carbon.package_kgco2e are computed
 * and cannot be set. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "gp-error.h"
#include "gp-node.h"
#include "gp-param.h"
#include "gp-system.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_SYSPATH_MAX 96

enum {
  GP_SYSPATH_F_PREPARE = 1u << 0, /* a change needs gp_system_prepare before eval */
  GP_SYSPATH_F_STUDY = 1u << 1,   /* lives in the study (shared by every system on it) */
  GP_SYSPATH_F_NODE = 1u << 2,    /* lives in the node table (shared as well) */
  GP_SYSPATH_F_COUPLED = 1u << 3, /* set it with gp_syspath_ref_set: others follow it */
};

/* Where paths resolve. Any pointer may be NULL: the paths into it are then unknown. */
typedef struct {
  gp_system *sys;
  gp_study *study;
  gp_node *nodes;
  size_t n_nodes;
} gp_syspath_target;

typedef struct {
  const gp_param *param;  /* name (the last path segment, or the alias' target), unit,
                             range, doc */
  void *owner;            /* the struct holding the field */
  unsigned flags;         /* GP_SYSPATH_F_* */
  gp_system *sys;         /* the system it belongs to (coupled setters); NULL for study
                             and node paths */
  int coupling;           /* internal: which coupled rule applies (0: none) */
  char path[GP_SYSPATH_MAX]; /* the canonical path (an alias resolves to its target's) */
} gp_syspath_ref;

/* Resolve PATH against T. Errors: GP_ENOTFOUND for an unknown section, field, node or
 * part kind, with the nearest known name suggested ("unknown path 'package.carier_yield'
 * (did you mean 'package.carrier_yield'?)"), or a part index past the package's parts
 * ("package.parts[9]: the package has 3 parts (1..3)"); GP_EINVAL for a malformed path,
 * a computed field, or a section whose struct T does not have (no study, no nodes). */
gp_status gp_syspath_resolve (const gp_syspath_target *t, const char *path,
                              gp_syspath_ref *ref, gp_error *err);

/* The field's value as a double (gp_param_get). */
double gp_syspath_ref_get (const gp_syspath_ref *ref);

/* Set the field (range-checked by gp_param_set; on error nothing changes), then apply its
 * coupling rule. Integer fields need whole numbers. */
gp_status gp_syspath_ref_set (const gp_syspath_ref *ref, double value, gp_error *err);

/* Resolve and read / write in one call. *NEEDS_PREPARE (may be NULL) says whether the
 * system must be prepared again. */
gp_status gp_syspath_get (const gp_syspath_target *t, const char *path, double *value,
                          gp_error *err);
gp_status gp_syspath_set (const gp_syspath_target *t, const char *path, double value,
                          bool *needs_prepare, gp_error *err);

/* Does a change of PATH need gp_system_prepare? Resolves against an internal default
 * system (gp_system_init, gp_study_init) and a one-node table named after the node in the
 * path, so it answers without a target. GP_ENOTFOUND as gp_syspath_resolve. */
gp_status gp_syspath_needs_prepare (const char *path, bool *needs_prepare, gp_error *err);

typedef struct {
  char path[GP_SYSPATH_MAX];
  const gp_param *param;  /* name, type, unit, range, label, doc */
  unsigned flags;
} gp_syspath_info;

/* Every numeric path (double, integer, boolean, enumeration; not names) of T, in the
 * order of the grammar above, parts by index, nodes by name; aliases and computed fields
 * are left out. Fills OUT[0..min(total, CAP)-1] (OUT may be NULL when CAP is 0) and
 * returns the total, so a caller can size its buffer with a first call. */
size_t gp_syspath_list (const gp_syspath_target *t, gp_syspath_info *out, size_t cap);

#ifdef __cplusplus
}
#endif
