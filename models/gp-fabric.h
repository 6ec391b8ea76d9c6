/* gp-fabric.h: the glass fabric as a real network: accelerators with d optical ports of
 * rate r, joined directly (ring, torus, hypercube, full mesh inside groups, a user's port
 * map) or through optical circuit switches whose circuits are chosen for the plan; the
 * placement of a plan's parallel groups on it (hops, busiest link, effective bandwidth per
 * rank), its cost, power and carbon, and what one failed port does.
 *
 * Sources: direct-connect tori and hypercubes, dimension-order and e-cube routing (Dally
 * and Towles, "Principles and Practices of Interconnection Networks", 2004, ch. 3-5, 8);
 * circuits chosen for the parallelisation and few fast ports per accelerator (SiP-ML, Khani
 * et al., SIGCOMM 2021; TopoOpt, Wang et al., NSDI 2023); optical circuit switches between
 * TPU v4 cubes (Jouppi et al., ISCA 2023: Palomar OCS, 136 ports, reconfigured in ms).
 * Figures with sources are in data/topologies.lua.
 *
 * Conventions: bandwidth is one direction; a port is one duplex link end; energy per bit is
 * per link end (as gp-link.h); ranks follow the Megatron order TP innermost, then CP, PP,
 * EP, and the rest of DP (so TP groups have stride 1, DP stride tp cp pp); rank i sits on
 * accelerator i in the shape's natural order (row-major torus coordinates, binary hypercube
 * addresses, group-major meshes, the port map's numbering). */
#pragma once

#include <stdbool.h>

#include "gp-netlevel.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_FABRIC_RING,         /* direct: a bidirectional ring, 2 ports */
  GP_FABRIC_TORUS,        /* direct: torus_x x torus_y x torus_z, 2 ports per dimension > 1 */
  GP_FABRIC_HYPERCUBE,    /* direct: log2 N ports, N a power of two */
  GP_FABRIC_GROUPED_MESH, /* direct: full mesh inside groups of g (g - 1 ports), the other
                             ports to the same position in the groups +-1, +-2, ... */
  GP_FABRIC_PORT_MAP,     /* direct: the user's list of links */
  GP_FABRIC_CIRCUIT,      /* every port on an optical circuit switch plane; circuits per plan */
  GP_FABRIC_SHAPE_N
} gp_fabric_shape;

/* "ring", "torus", "hypercube", "grouped_mesh", "port_map", "circuit", NULL */
extern const char *const gp_fabric_shape_names[];

typedef enum {
  GP_CIRCUITS_PER_JOB,    /* one set of circuits serves every group all step */
  GP_CIRCUITS_PER_PHASE,  /* compute phase (TP, CP, PP, EP) and DP phase each get all ports;
                             two reconfigurations per step */
  GP_CIRCUITS_AUTO,       /* whichever of the two is faster for the plan */
  GP_CIRCUITS_N
} gp_circuit_mode;

/* "per_job", "per_phase", "auto", NULL */
extern const char *const gp_circuit_mode_names[];

typedef struct {
  int shape;                      /* gp_fabric_shape */
  long accelerators;              /* N */
  long ports_per_accel;           /* d */
  double port_rate_gbps;          /* r, per port, one direction */
  double energy_pj_per_bit;       /* per link end (the link model's total) */
  double endpoint_latency_ns;     /* send + receive overhead of one message */
  double link_latency_ns;         /* per link crossed (PHY, flight; through the OCS if any) */
  double forward_latency_ns;      /* per intermediate accelerator forwarding a message */
  long torus_x, torus_y, torus_z; /* torus: sizes (1 = unused) */
  long mesh_group_accels;         /* grouped_mesh: g */
  long switch_ports;              /* circuit: ports of one optical circuit switch */
  double reconfig_ms;             /* circuit: time to set new circuits */
  int circuit_mode;               /* gp_circuit_mode */
  double transceiver_cost_usd;    /* per port used (0 when priced in the package) */
  double waveguide_cost_usd;      /* per link (waveguide in glass, or fibre to the switch) */
  double switch_port_cost_usd;    /* circuit: per switch port */
  double switch_port_power_w;     /* circuit: per switch port */
  double switch_port_kgco2e;      /* circuit: embodied per switch port */
  double glass_cost_usd_per_accel;/* glass substrate and its waveguides, per accelerator site */
  double glass_kgco2e_per_accel;  /* embodied, per accelerator site */
  /* port_map only (borrowed, not in the parameter table): link i joins map_from[i] and
   * map_to[i], accelerators numbered 0..N-1 */
  long map_links;
  const long *map_from, *map_to;
} gp_fabric_params;

extern const gp_param_table gp_fabric_param_table;

/* Defaults: data/topologies.lua "glass-torus-16x16x16": 4,096 accelerators in a 3D torus,
 * 7 ports of 1.6 Tb/s (one spare). */
void gp_fabric_params_init (gp_fabric_params *p);

/* A built fabric: the parameters, the port map's adjacency and a workspace, all linear in
 * N x ports (no N^2 table). Placement and failure queries allocate nothing. */
typedef struct gp_fabric gp_fabric;

/* Validate P and build. Errors (GP_EINVAL, the field named): the table ranges
 * (ports_per_accel = 0 among them); torus sizes whose product is not N; a hypercube N not a
 * power of two; a shape needing more ports than ports_per_accel; grouped_mesh with N not a
 * multiple of g or an odd number of inter-group ports; a port map with a link to a missing
 * accelerator, a self-link, more links on one accelerator than its ports, or leaving the
 * fabric disconnected ("port_map"); a circuit fabric with more accelerators than
 * switch_ports ("switch_ports": every accelerator's port k sits on switch plane k). */
gp_status gp_fabric_new (const gp_fabric_params *p, gp_fabric **out, gp_error *err);
void gp_fabric_free (gp_fabric *f);
const gp_fabric_params *gp_fabric_get_params (const gp_fabric *f);

/* ---- The whole fabric: size, cost, power, carbon ---- */

typedef struct {
  double ports_used_per_accel;    /* ports the shape wires (circuit: all d) */
  long link_ends;                 /* transceivers: sum of ports used */
  long links;                     /* waveguides / fibres */
  long switches;                  /* circuit: one switch per port plane */
  long switch_ports;              /* circuit: N x d */
  double diameter_hops;           /* worst shortest path (circuit: of the chosen circuits) */
  double hops_avg;                /* mean shortest path over distinct pairs (port map: from
                                     up to 64 sources) */
  double bisection_gbps;          /* per accelerator across the worst bisection, one way */
  /* cost per part, USD */
  double transceivers_usd, waveguides_usd, switch_ports_usd, glass_usd, cost_usd;
  /* power per part, W */
  double links_w, switches_w, power_w;
  /* embodied carbon of the fabric's own parts (switch ports, glass), kgCO2e; link ends are
   * counted by the system's per-transceiver figure */
  double switch_ports_kg, glass_kg, embodied_kg;
} gp_fabric_result;

/* Counts and money: link ends = N x ports used; links = ends / 2 (direct) or ends (to the
 * switch); power = ends x r x E + switch ports x P_port; cost = ends x C_trx + links x
 * C_wg + switch ports x C_port + N x C_glass; carbon = switch ports x kg_port + N x kg_glass.
 * Hops: torus sum of mean ring distances x N/(N-1) (gp-topology.h), hypercube b/2 x
 * N/(N-1), grouped mesh and port map by breadth-first search. */
gp_status gp_fabric_eval (gp_fabric *f, gp_fabric_result *out, gp_error *err);

/* Fill OUT's cost, power and carbon from its counts (link_ends, links, switch_ports) and P's
 * prices: the money part of gp_fabric_eval, for callers that keep the counts. */
void gp_fabric_price (const gp_fabric_params *p, gp_fabric_result *out);

/* ---- Placement of a plan ---- */

typedef enum { GP_FG_TP, GP_FG_CP, GP_FG_PP, GP_FG_EP, GP_FG_DP, GP_FG_N }
  gp_fabric_group_kind;
/* "tp", "cp", "pp", "ep", "dp", NULL */
extern const char *const gp_fabric_group_names[];

typedef enum { GP_PATTERN_RING, GP_PATTERN_CHAIN, GP_PATTERN_ALL_TO_ALL } gp_traffic_pattern;
/* "ring", "chain", "all_to_all", NULL */
extern const char *const gp_traffic_pattern_names[];

typedef struct {
  long dp, tp, pp, cp, ep;        /* degrees; dp tp pp cp = N; ep divides dp */
  double volume_bytes[GP_FG_N];/* bytes per rank per step of each group's collectives,
                                     weights for the circuit choice (all 0: equal weights) */
} gp_fabric_plan;

/* Circuits for a circuit fabric: rings[k] parallel rings (2 ports each) for group k on its
 * own; the groups in merged_mask (bit k) share merged_rings rings laid through their
 * combined ranks (their traffic crosses intermediate accelerators). */
typedef struct {
  int mode;                       /* GP_CIRCUITS_PER_JOB or GP_CIRCUITS_PER_PHASE */
  long rings[GP_FG_N];
  unsigned merged_mask;
  long merged_rings;
  long dp_phase_rings;            /* per_phase: DP's rings in its own phase */
} gp_fabric_circuits;

typedef struct {
  long size, stride;              /* n ranks, rank stride */
  int pattern;                    /* gp_traffic_pattern */
  long ports_needed;              /* ports each member needs for direct links (ring, chain 2;
                                     all-to-all n - 1; 1 when n = 2) */
  double bw_bytes_per_s;          /* effective per-rank bandwidth for the alpha-beta model:
                                     ring 2 min(c/L), chain min(c/L), all-to-all (n-1) min(c/L) */
  double latency_s;               /* one step on the worst path */
  double hops_avg, hops_max;
  double max_link_load;           /* flows on the busiest link per unit of port capacity */
  bool multi_hop;                 /* some flow is forwarded by intermediate accelerators */
  long circuit_ports;             /* circuit: ports given to this group's rings (own or shared) */
} gp_fabric_group;

typedef struct {
  gp_fabric_group group[GP_FG_N]; /* size 1: inactive, zeros but size */
  long degree_needed;             /* sum of ports_needed over active groups */
  long ports_available;           /* d */
  unsigned multi_hop_mask;        /* bit k: group k falls back to multi-hop */
  gp_fabric_circuits circuits;    /* circuit fabrics: the circuits used */
  double reconfig_s_per_step;     /* circuit, per_phase: 2 x reconfiguration */
  double comm_estimate_s;         /* sum of volume / bandwidth + reconfiguration: the
                                     circuit choice's objective */
} gp_fabric_placement;

/* Place PLAN: every flow of every group (ring: each rank to its successor and predecessor,
 * each direction carrying half; chain: stage i to i + 1; all-to-all: every ordered pair)
 * on the shortest path (dimension order on tori and rings, e-cube on hypercubes,
 * across groups then inside on meshes, breadth-first on port maps and circuit graphs),
 * counting flows per directed link over all groups of a kind at once. Circuit fabrics choose
 * their circuits first (gp_fabric_choose_circuits). Cost: O(one group's flows x hops) where
 * a closed form applies (gp_fabric_set_routed), else O(N x hops) per group kind; no
 * allocation.
 * Errors: GP_EINVAL naming dp/tp/pp/cp/ep for degrees < 1, a product other than N or ep
 * not dividing dp. */
gp_status gp_fabric_place (gp_fabric *f, const gp_fabric_plan *plan,
                           gp_fabric_placement *out, gp_error *err);

/* Route every flow of every group (ON true) instead of the closed forms the regular
 * fabrics use (ring, torus, circuit rings, hypercube, a group inside one mesh group: one
 * representative group and the link sharing from translation symmetry, gp-fabric-closed.c).
 * Both give the same figures; the routed path is the reference the tests hold the closed
 * forms to, and the only path for port maps and mesh groups spanning several groups. */
void gp_fabric_set_routed (gp_fabric *f, bool on);

/* Group families of 2 or more ranks placed by closed form, and routed because no closed
 * form covers them (not counting those routed on request), since F was built (for tests
 * and benchmarks). */
void gp_fabric_path_counts (const gp_fabric *f, long *closed, long *routed);

/* The same with the circuits given (circuit fabrics only), e.g. to compare choices. Errors:
 * GP_EINVAL naming "circuits" when they need more ports than ports_per_accel, leave an
 * active group without a ring, or name an inactive group. */
gp_status gp_fabric_place_with (gp_fabric *f, const gp_fabric_plan *plan,
                                const gp_fabric_circuits *c, gp_fabric_placement *out,
                                gp_error *err);

/* TopoOpt's idea for a circuit fabric: every subset of the active groups that may share
 * rings, then the ring counts by exact dynamic programming over the ports, minimising
 * sum_k V_k / B_k (+ 2 reconfigurations per step in per-phase mode), where B_k is the
 * closed form of the placement above: own rings 2 x rings x r (ring), rings x r (chain),
 * (n-1) x rings x r / L_ring(n) (all-to-all, L_ring(n) = sum_{h<n/2} h + [n even] n/2);
 * in shared rings a group of stride s gets 2 r x / s if it is the outermost there,
 * r x / s otherwise (its wrap-around crosses back over the others). */
gp_status gp_fabric_choose_circuits (gp_fabric *f, const gp_fabric_plan *plan,
                                     gp_fabric_circuits *out, gp_error *err);

/* ---- What the step-time model reads ---- */

/* Levels for PLAN's placement in the step-time model's Megatron layout: [tp, tp x cp x pp,
 * N] with each level's bandwidth and latency those of the group that lands on it (TP, the
 * PP chain, DP), so a plan whose groups do not fit the ports pays in the step time. */
gp_status gp_fabric_net_levels_for_plan (const gp_fabric *f, const gp_fabric_placement *pl,
                                         gp_net_levels *net, gp_error *err);

/* Plan-independent levels for the parallelism search (what gp_topology_eval fills): a chain
 * of nested blocks L0 < L1 < ... < N (torus: x, x y, N; hypercube: 2^ceil(b/2), N; mesh: g,
 * N; ring: the largest divisor <= sqrt N, N; circuit: BLOCK, N); level 0 is a ring over each
 * block of L0 ranks, level i a ring through one rank of each block of L(i-1) (the outer step
 * of a two-level collective, and where DP lands), each placed on the fabric as above (the
 * circuit fabric with circuits chosen for that two-level traffic at equal weights).
 * LINKS_AVG gets the mean links crossed per level. */
gp_status gp_fabric_net_levels (gp_fabric *f, long block, gp_net_levels *net,
                                double links_avg[GP_MAX_NET_LEVELS],
                                double links_max[GP_MAX_NET_LEVELS], gp_error *err);

/* ---- Resilience ---- */

typedef struct {
  long peer;                      /* accelerator at the other end of the link (-1: switch) */
  long disconnected_accels;       /* accelerators cut off from accelerator 0's side */
  double detour_hops;             /* shortest path between the two ends without the link */
  double bw_share_left;           /* of the two ends' injection bandwidth, (p - 1) / p */
  double blast_radius_accel;      /* accelerators lost: only those cut off (0 = rerouted) */
  double equivalent_accel_lost;   /* plus the bandwidth lost at the ends, in accelerators:
                                     disconnected + 2 / p (1 / p for a switch port) */
} gp_fabric_failure;

/* Fail port PORT of accelerator ACCEL (its link goes with it) and reroute: direct fabrics
 * search the shortest path around it; a circuit fabric re-lays its circuits on the ports
 * left (disconnected only when fewer than 2 remain). What the failure model's blast
 * radius for a link failure should use instead of a whole accelerator. Errors: GP_EINVAL
 * naming accel or port when out of range or the port is not wired. */
gp_status gp_fabric_fail_port (gp_fabric *f, long accel, long port, gp_fabric_failure *out,
                               gp_error *err);

#ifdef __cplusplus
}
#endif
