/* gp-fabric-plan.h: each plan's own placement on a glass fabric, for the step-time model
 * and so the parallelism search.
 *
 * A direct_connect or circuit_switched topology has no plan-independent answer to "what
 * bandwidth does this group get": a TP group of 8 on a 3D torus of 16 x 16 x 16 fits one
 * ring, a TP group of 32 spans two dimensions and shares links, a DP ring crossing every
 * dimension is forwarded through intermediate accelerators. gp_fabric_plan_net places the
 * plan's degrees on the fabric (gp_fabric_place: hops, busiest link, multi-hop fallback;
 * circuits chosen for the plan on a circuit fabric) and returns its levels
 * (gp_fabric_net_levels_for_plan), so contention is per link and the best plan changes with
 * d, r and the fabric kind. It is the gp_steptime_ctx plan_net hook gp_system_eval installs
 * for the glass kinds.
 *
 * Cost: the fabric is built once per thread per parameter set, and placements are kept per
 * thread keyed by (tp, cp, pp, ep, dp) (a search visits many plans of one shape: micro-batch,
 * ZeRO, recomputation), so a search pays one placement per shape. Circuit choice uses equal
 * group weights (volume_bytes 0): the weights of a plan's own traffic would make the
 * placement depend on more than its degrees. */
#pragma once

#include "gp-netlevel.h"
#include "gp-steptime.h"
#include "gp-topology.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Levels of PLAN placed on the glass topology T (kind direct_connect or circuit_switched):
 * [tp, tp cp pp, N] with the TP ring's, the PP chain's and the DP ring's bandwidth, latency
 * and energy. Errors: GP_EINVAL naming "kind" for another topology kind, the fabric's
 * errors (gp_fabric_new) and the plan's (gp_fabric_place: degrees whose product is not N). */
gp_status gp_fabric_plan_net (const gp_topology_params *t, const gp_plan *plan,
                              gp_net_levels *out, gp_error *err);

/* The same as a gp_steptime_ctx plan_net hook: USER is a const gp_topology_params *;
 * returns 0 on success, nonzero (and leaves OUT undefined) on any error. */
int gp_fabric_plan_net_hook (void *user, const gp_plan *plan, gp_net_levels *out);

/* Placements computed (misses) and served from the cache (hits) on this thread since it
 * started, for benchmarks and tests. */
void gp_fabric_plan_cache_stats (long *hits, long *misses);

#ifdef __cplusplus
}
#endif
