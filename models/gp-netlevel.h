/* gp-netlevel.h: the interconnect as the step-time model sees it.
 *
 * The topology model (gp-topology) describes a machine's network as up to
 * GP_MAX_NET_LEVELS nested levels, innermost first: a scale-up domain (NVLink within a
 * DGX, the on-wafer fabric), then scale-out (InfiniBand fat tree), and so on. A
 * full-bisection optical fabric is a single level spanning the whole machine. The step-time
 * model places tensor/context/pipeline/data-parallel groups on these levels and times
 * collectives with the alpha-beta model using them.
 *
 * Contention: a level's core may carry less than every accelerator's injection bandwidth
 * at once (a fat tree oversubscribed above its leaves, a torus's bisection). A group whose
 * ranks span more than LOCAL_SIZE accelerators of the level crosses that core, and every
 * such group crosses it at the same time (the plan's groups of one kind run together), so
 * its collectives see bw_bytes_per_s x CORE_SHARE. Any richer network model (the glass
 * fabric of models/gp-fabric*, issue 14) plugs in by filling these five numbers per level
 * for the machine and job it describes. */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

#define GP_MAX_NET_LEVELS 4

typedef struct {
  char name[32];            /* "NVLink4 via NVSwitch", "InfiniBand NDR fat tree", ... */
  long group_size;          /* accelerators reachable within this level (its domain size);
                               the outermost level's group_size is the whole machine */
  double bw_bytes_per_s;    /* bandwidth per accelerator into this level, one direction, B/s */
  double latency_s;         /* end-to-end latency of one message across this level, s */
  double energy_pj_per_bit; /* energy to move one bit across this level, pJ/bit */
  long local_size;          /* accelerators reachable without crossing the level's core
                               (one leaf switch, one torus ring); 0 = the whole level */
  double core_share;        /* fraction of bw_bytes_per_s left to each accelerator when all
                               send across the core at once: 1 / oversubscription for a fat
                               tree, bisection / injection for a torus; (0, 1], 0 = 1 */
} gp_net_level;

typedef struct {
  int n_levels;             /* 1..GP_MAX_NET_LEVELS */
  gp_net_level level[GP_MAX_NET_LEVELS];
} gp_net_levels;

#ifdef __cplusplus
}
#endif
