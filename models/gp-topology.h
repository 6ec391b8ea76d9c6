/* gp-topology.h: the interconnect of a whole machine: bandwidth, hops, latency, switch
 * and transceiver counts, power and cost per level, and the gp_net_levels the step-time
 * model reads.
 *
 * Four kinds (brief sec. 1 and 3.4):
 *   optical_fabric  one full-bisection optical level: every accelerator one hop from every
 *                   other (GLASS, Lite-GPU). Either passive (a wavelength-routed passive
 *                   router in glass: each port has one connection into it, no switch, no
 *                   switch power; its insertion loss belongs in the link budget) or
 *                   circuit-switched (one optical circuit switch per port plane, each with
 *                   radix >= accelerators so that one hop reaches everyone).
 *   fat_tree        a scale-up domain (node_accels accelerators on switches: DGX with
 *                   NVSwitch) and a fat tree of radix-k switches outside (InfiniBand).
 *   torus           a 2D or 3D torus of torus_x x torus_y x torus_z accelerators, two ports
 *                   per dimension longer than 1, routers in the accelerators.
 *   wafer_scale     one accelerator per wafer-scale system: an on-wafer fabric level (its
 *                   power and cost are inside the wafer's) and a fat tree joining the
 *                   systems through their external I/O (data-parallel scale-out).
 *   direct_connect  the glass fabric as a real network (gp-fabric.h): d ports per
 *                   accelerator wired as a ring, torus, hypercube or grouped mesh
 *                   (fabric_shape), multi-hop traffic forwarded by the accelerators.
 *   circuit_switched  the glass fabric with every port on an optical circuit switch plane
 *                   (scaleup_switch_radix ports each), circuits chosen for the traffic.
 *
 * Conventions (same as gp-link.h): bandwidth per accelerator is one direction; energy per
 * bit of a link is per end; a link end is a "transceiver" (an optical module, or a SerDes
 * for an electrical link, whose cost may be 0). Power of a level is what it draws with
 * every link up: ends x port rate x energy per end + switches x switch power. The level's
 * energy per bit is what one bit costs on an average path:
 *   E = links crossed (avg) x E_link + switches crossed (avg) x P_switch / (radix x port rate).
 * Latency of a level is the average path: endpoint + links x link latency + switches x
 * switch latency. */
#pragma once

#include <stdbool.h>

#include "gp-fabric.h"
#include "gp-netlevel.h"
#include "gp-node.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_TOPO_OPTICAL_FABRIC,
  GP_TOPO_FAT_TREE,
  GP_TOPO_TORUS,
  GP_TOPO_WAFER_SCALE,
  GP_TOPO_DIRECT_CONNECT,
  GP_TOPO_CIRCUIT_SWITCHED,
  GP_TOPO_N
} gp_topology_kind;

/* "optical_fabric", "fat_tree", "torus", "wafer_scale", "direct_connect",
 * "circuit_switched", NULL */
extern const char *const gp_topology_kind_names[];

typedef enum {
  GP_FABRIC_PASSIVE,
  GP_FABRIC_CIRCUIT_SWITCHED,
  GP_FABRIC_N
} gp_fabric_mode;

/* "passive", "circuit_switched", NULL */
extern const char *const gp_fabric_mode_names[];

typedef struct {
  char name[GP_NAME_MAX];
  int kind;                           /* gp_topology_kind */
  long accelerators;                  /* N; for wafer_scale the number of systems */
  /* inner level: the optical fabric, the torus, the scale-up domain or the on-wafer fabric */
  long node_accels;                   /* fat_tree: accelerators per scale-up domain */
  long scaleup_links_per_accel;       /* ports per accelerator (torus: derived from dims) */
  double scaleup_link_rate_gbps;      /* per port, one direction */
  double scaleup_energy_pj_per_bit;   /* per link end */
  double scaleup_endpoint_latency_ns; /* send + receive overhead at the two ends */
  double scaleup_link_latency_ns;     /* per link: PHY, FEC, flight */
  double scaleup_hop_latency_ns;      /* per switch or router crossed */
  double scaleup_transceiver_cost_usd;/* per link end */
  double scaleup_cable_cost_usd;      /* per link (fibre, waveguide, cable) */
  long scaleup_switches_per_node;     /* fat_tree: switch chips per node (NVSwitch) */
  long scaleup_switch_radix;          /* ports of one switch (NVSwitch, OCS) */
  double scaleup_switch_power_w;
  double scaleup_switch_cost_usd;
  int fabric_mode;                    /* optical_fabric: gp_fabric_mode */
  long torus_x, torus_y, torus_z;     /* torus: size per dimension (1 = unused) */
  /* outer level: the scale-out fat tree (fat_tree, wafer_scale) */
  long scaleout_ports_per_node;       /* NIC ports per node (DGX: 8) or system (CS-3: 12) */
  double scaleout_port_rate_gbps;     /* per port, one direction */
  double scaleout_energy_pj_per_bit;  /* per link end */
  double scaleout_endpoint_latency_ns;
  double scaleout_link_latency_ns;
  double scaleout_hop_latency_ns;
  double scaleout_transceiver_cost_usd;
  double scaleout_cable_cost_usd;
  long scaleout_switch_radix;         /* k, even, >= 4 */
  double scaleout_oversubscription;   /* leaf down:up ratio, >= 1 */
  double scaleout_switch_power_w;
  double scaleout_switch_cost_usd;
  /* glass fabric kinds (direct_connect, circuit_switched; gp-fabric.h): ports, rate, energy,
   * latencies (hop = forwarding by an intermediate accelerator), transceiver and waveguide
   * costs, torus sizes and the switch's ports are the scale-up fields above; node_accels is
   * the circuit fabric's inner block for the search's levels */
  int fabric_shape;                   /* direct_connect: ring, torus, hypercube, grouped_mesh */
  long torus_auto_dims;               /* direct_connect torus: 0 = torus_x/y/z as given; 2 or 3 =
                                         N split into that many near-equal sizes (so the
                                         machine can be resized) */
  long mesh_group_accels;             /* grouped_mesh: g */
  int circuit_mode;                   /* circuit_switched: per_job, per_phase, auto */
  double ocs_reconfig_ms;             /* circuit_switched: reconfiguration time */
  double ocs_port_cost_usd;           /* per switch port */
  double ocs_port_power_w;            /* per switch port */
  double ocs_port_kgco2e;             /* per switch port, embodied */
  double glass_cost_usd_per_accel;    /* glass substrate per accelerator site */
  double glass_kgco2e_per_accel;      /* glass substrate per accelerator site, embodied */
} gp_topology_params;

extern const gp_param_table gp_topology_param_table;

/* Defaults: the "dgx-h100-ndr" preset of data/topologies.lua (128 DGX H100, NVSwitch inside,
 * 8 x 400 Gb/s NDR per node in a non-blocking fat tree of 64-port switches). */
void gp_topology_params_init (gp_topology_params *p);

/* ---- Fat tree ---- */

#define GP_FAT_TREE_MAX_TIERS 5

typedef struct {
  long hosts;                          /* endpoints (NIC ports) */
  long radix;                          /* k */
  int tiers;                           /* 1..GP_FAT_TREE_MAX_TIERS */
  long down_ports, up_ports;           /* per leaf (tier 1) */
  double oversubscription;             /* down_ports / up_ports actually built (1 tier: 1) */
  long capacity;                       /* most hosts this many tiers can hold */
  long switches[GP_FAT_TREE_MAX_TIERS];/* per tier, leaves first */
  long links[GP_FAT_TREE_MAX_TIERS];   /* links into tier i from below (links[0]: hosts) */
  long switches_total;
  long links_total;
  long transceivers;                   /* 2 x links_total: every link optical at both ends */
  double switches_avg, switches_max;   /* switches crossed between two distinct hosts */
} gp_fat_tree;

/* Build a fat tree of radix-K switches for HOSTS endpoints with leaf oversubscription O.
 * Leaf: d = floor(k O / (1 + O)) ports down (at most k - 1), u = k - d up; tiers above have
 * k/2 down and k/2 up, the top tier k down. One tier when hosts <= k; otherwise the fewest
 * tiers t >= 2 whose capacity d k (k/2)^(t-2) holds the hosts (O = 1: k^2/2 for two tiers,
 * k^3/4 for three: Al-Fares et al., SIGCOMM 2008). Switches per tier are what terminates the
 * links from below: S1 = ceil(H/d), S_j = ceil(U_{j-1} / (k/2)), top S_t = ceil(U_{t-1}/k),
 * U_j = S_j x uplinks. Full k-ary three-tier: 5 k^2/4 switches (k = 4: 20 for 16 hosts).
 * Average switches crossed: a pair whose lowest common subtree is at tier j crosses 2j - 1,
 * with subtree sizes d, d k/2, d (k/2)^2, ... assumed full.
 * Errors: GP_EINVAL for hosts < 1, an odd radix or one below 4, oversubscription < 1 or
 * not finite; GP_EINFEASIBLE if more than GP_FAT_TREE_MAX_TIERS tiers would be needed. */
gp_status gp_fat_tree_build (long hosts, long radix, double oversubscription,
                             gp_fat_tree *out, gp_error *err);

/* ---- Whole topology ---- */

typedef struct {
  char name[32];
  long group_size;            /* accelerators within this level */
  double bw_gbps;             /* injection per accelerator, one direction, Gb/s */
  double bisection_gbps;      /* per accelerator across the level's bisection, Gb/s */
  long local_size;            /* accelerators reachable without crossing the level's core:
                                 one leaf switch (fat tree), one ring along torus_x (torus),
                                 the whole level (optical fabric, scale-up domain) */
  double links_avg, links_max;        /* links crossed between two accelerators */
  double switches_avg, switches_max;  /* switches or routers crossed */
  double latency_s, latency_max_s;    /* average path, worst path */
  long switches;
  long transceivers;          /* link ends */
  long cables;                /* links (fibres, waveguides, cables) */
  double power_w;
  double cost_usd;
  double energy_pj_per_bit;   /* per bit on an average path (header comment) */
  double embodied_kgco2e;     /* parts the level prices itself (glass fabric: switch ports,
                                 glass); link ends and switches are counted by the system */
} gp_topology_level;

typedef struct {
  int kind;
  int n_levels;
  gp_topology_level level[GP_MAX_NET_LEVELS];
  bool has_fat_tree;
  gp_fat_tree fat_tree;       /* the scale-out tree (fat_tree, wafer_scale) */
  long switches, transceivers, cables;
  double power_w, cost_usd;
  double power_w_per_accel, cost_usd_per_accel;
  double bisection_tbps;      /* whole machine, outermost level, one direction */
  gp_net_levels net;          /* what the step-time model reads */
  bool has_fabric;
  gp_fabric_result fabric;    /* direct_connect, circuit_switched: the fabric's own figures */
} gp_topology_result;

/* Evaluate P: see the header comment for the conventions. Per kind:
 *   optical_fabric  bw = links x rate; 1 link crossed (+1 OCS if circuit-switched);
 *                   bisection = bw; transceivers N L, connections N L, switches 0 or L.
 *   fat_tree        scale-up: bw = links x rate, 2 links and 1 switch crossed, 2 N L
 *                   transceivers, N/node x switches_per_node switches. Scale-out: a fat tree
 *                   of N/node x ports hosts (gp_fat_tree_build), bw = ports x rate / node,
 *                   bisection bw / oversubscription.
 *   torus           ports = 2 per dimension > 1; avg hops = N/(N-1) sum a(k_i), a(k) = k/4
 *                   (k even), (k^2 - 1)/(4k) (k odd) (mean ring distance over all
 *                   destinations); diameter sum floor(k_i/2); bisection 2 N / k_max links
 *                   (wrap-around), per accelerator 4 rate / k_max (Dally and Towles,
 *                   "Principles and Practices of Interconnection Networks", ch. 3 and 5).
 * Contention in the net levels (gp-netlevel.h): core_share = bisection / injection of the
 * level, local_size as in gp_topology_level (a fat tree's leaf holds floor(d / ports per
 * node) nodes, at least one).
 *   wafer_scale     on-wafer level of group 1 (power and cost 0: inside the wafer), then a
 *                   fat tree of N x ports hosts.
 *   direct_connect, circuit_switched  gp_fabric_eval for counts, power, cost and carbon
 *                   (all on level 0) and gp_fabric_net_levels for the search's levels:
 *                   nested blocks, each level's bandwidth, hops and latency those of ring
 *                   collectives placed on the fabric (gp-fabric.h). These two kinds allocate
 *                   a workspace linear in N while they run.
 * Errors: GP_EINVAL naming the field (table ranges; accelerators not a multiple of
 * node_accels; torus dims whose product is not accelerators); GP_EINFEASIBLE for a
 * circuit-switched fabric whose switch radix is below the accelerator count (one hop needs
 * every accelerator on every switch) and for a fat tree past GP_FAT_TREE_MAX_TIERS; the
 * glass kinds' errors name the topology field (scaleup_links_per_accel, scaleup_switch_radix,
 * fabric_shape, ...). Allocates nothing and costs O(1) except for the glass kinds. */
gp_status gp_topology_eval (const gp_topology_params *p, gp_topology_result *out,
                            gp_error *err);

/* The gp-fabric parameters of a direct_connect or circuit_switched topology P (ports,
 * rate, energy, latencies, torus sizes with torus_auto_dims resolved, switch ports, prices):
 * what gp_topology_eval builds its fabric from, for callers placing plans on it. */
void gp_topology_fabric_params (const gp_topology_params *p, gp_fabric_params *fp);

#ifdef __cplusplus
}
#endif
