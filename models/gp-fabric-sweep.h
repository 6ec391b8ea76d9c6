/* gp-fabric-sweep.h: the glass fabric's charts as data: a system's step time, cost per
 * trained model and wall power against ports per accelerator or per-port rate, one call per
 * fabric kind; and the "optics speedup" of a glass server over a packet-switched fat tree
 * of the same per-accelerator bandwidth and of the same interconnect cost (the comparison
 * SiP-ML, Khani et al., SIGCOMM 2021, and TopoOpt, Wang et al., NSDI 2023, report:
 * 1.3-9.1x and up to 3.4x over a fat tree of similar cost).
 *
 * Every point is a full gp_system_prepare + gp_system_eval with the parallelism search, so
 * the best plan is re-chosen for each fabric, port count and rate. Callers own the arrays;
 * nothing is allocated. The GUI's fabric card and scripting/gp-lua-fabric.c call these. */
#pragma once

#include <stddef.h>

#include "gp-system.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_SWEEP_FABRIC_AS_GIVEN,   /* the system's own topology, ports and rate swept */
  GP_SWEEP_FABRIC_RING,       /* direct_connect ring (2 ports used) */
  GP_SWEEP_FABRIC_TORUS_2D,   /* direct_connect torus, N split into 2 near-equal sizes */
  GP_SWEEP_FABRIC_TORUS_3D,   /* direct_connect torus, N split into 3 near-equal sizes */
  GP_SWEEP_FABRIC_HYPERCUBE,  /* direct_connect hypercube (log2 N ports, N a power of 2) */
  GP_SWEEP_FABRIC_CIRCUIT,    /* circuit_switched, circuits chosen per job (TopoOpt) */
  GP_SWEEP_FABRIC_FAT_TREE,   /* packet-switched non-blocking fat tree, one accelerator per
                                 node, d NIC ports of r (gp_fabric_fat_tree_like) */
  GP_SWEEP_FABRIC_N
} gp_sweep_fabric;

/* "as_given", "ring", "torus_2d", "torus_3d", "hypercube", "circuit", "fat_tree", NULL */
extern const char *const gp_sweep_fabric_names[];
/* "Given", "Ring", "2D torus", "3D torus", "Hypercube", "OCS (per job)", "Fat tree", NULL:
 * legend labels */
extern const char *const gp_sweep_fabric_labels[];

typedef enum {
  GP_SWEEP_PORTS,             /* x = ports per accelerator d, rate kept */
  GP_SWEEP_RATE,              /* x = per-port rate r in Gb/s, ports kept */
  GP_SWEEP_AXIS_N
} gp_sweep_axis;

/* "ports", "rate_gbps", NULL */
extern const char *const gp_sweep_axis_names[];

typedef struct {
  gp_status status;           /* GP_OK, or why the point cannot be built or run */
  char why[GP_ERROR_MESSAGE_MAX]; /* "" when OK: the message naming the field */
  long ports;                 /* d used */
  double rate_gbps;           /* r used */
  double step_time_s;         /* with the best plan found */
  double usd_per_model;       /* cost to train the study's model */
  double power_w;             /* from the wall at training load */
  double capex_interconnect_usd;
  gp_plan plan;               /* the best plan */
} gp_fabric_point;

/* Write into *S the topology of fabric KIND with PORTS ports of RATE_GBPS each, keeping
 * the rest of S (prices, energies, latencies of its scale-up level). Direct kinds set
 * kind = direct_connect and the shape; the circuit kind sets circuit_switched, per_job, and
 * a switch radix of at least N (one plane per port: TopoOpt's patch panels, larger than
 * Palomar's 136 ports); the fat tree sets gp_fabric_fat_tree_like and cost.glass_fabric off.
 * Errors: GP_EINVAL naming "kind", "ports" (< 1) or "rate_gbps" (not > 0). */
gp_status gp_fabric_apply_kind (gp_system *s, int kind, long ports, double rate_gbps,
                                gp_error *err);

/* A packet-switched non-blocking fat tree for S's N accelerators, one accelerator per node
 * with PORTS NIC ports of RATE_GBPS: the scale-out figures of data/topologies.lua
 * "dgx-h100-ndr" (gp_topology_params_init: 64-port switches, their cost and power, 18.75
 * pJ/bit per end) with the pluggable's price scaled by RATE / 400 Gb/s (priced per Gb/s). */
void gp_fabric_fat_tree_like (gp_topology_params *t, long accelerators, long ports,
                              double rate_gbps);

/* Evaluate BASE with fabric KIND at each of the N values X[i] along AXIS (the other of d,
 * r taken from BASE's topology: scaleup_links_per_accel, scaleup_link_rate_gbps), filling
 * OUT[i]. A point the fabric cannot build (a hypercube with too few ports) or that does not
 * fit gets its status and message in OUT[i] and the sweep goes on. Returns GP_OK when the
 * sweep ran (some points may have failed); GP_EINVAL naming "kind", "axis", "n" (0) or
 * "x" (a NaN or non-positive value) for caller mistakes. */
gp_status gp_fabric_sweep (const gp_system *base, const gp_study *st, const gp_node *nodes,
                           size_t n_nodes, int kind, int axis, const double *x, size_t n,
                           gp_fabric_point *out, gp_error *err);

typedef struct {
  gp_fabric_point glass;          /* the system as given */
  gp_fabric_point same_bandwidth; /* fat tree with the glass's d ports of r */
  gp_fabric_point same_cost;      /* fat tree whose interconnect capex is closest to the
                                     glass's, ports 1..max(4 d, 16) of rate r */
  long same_cost_ports;
  double speedup_same_bandwidth;  /* fat-tree step time / glass step time; 0 if either
                                     point failed */
  double speedup_same_cost;
} gp_optics_speedup;

/* The optics speedup of GLASS (any fabric; normally a direct_connect or circuit_switched
 * glass server) over fat trees as above. Fails (status of the glass point) only when the
 * glass system itself cannot be evaluated. Cost: 2 + up to max(4 d, 16) evaluations. */
gp_status gp_fabric_optics_speedup (const gp_system *glass, const gp_study *st,
                                    const gp_node *nodes, size_t n_nodes,
                                    gp_optics_speedup *out, gp_error *err);

#ifdef __cplusplus
}
#endif
