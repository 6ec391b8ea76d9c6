/* gp-topology.c: machine interconnects: fat-tree counts, optical fabric, torus,
 * wafer-scale, and the net levels for the step-time model. Equations in gp-topology.h. */
#include "gp-topology.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const gp_topology_kind_names[] = {
  "optical_fabric", "fat_tree", "torus", "wafer_scale", "direct_connect", "circuit_switched",
  NULL,
};
const char *const gp_fabric_mode_names[] = { "passive", "circuit_switched", NULL };

#define F_OPT GP_PARAM_F_OPTIONAL
#define F_POS GP_RANGE_MIN_EXCLUSIVE
#define MAXN 1e9

static const gp_param topology_params[] = {
  GP_P_STRING (gp_topology_params, name, 0, "Topology", "Name of the topology preset"),
  GP_P_ENUM (gp_topology_params, kind, gp_topology_kind_names, 0, "Kind",
             "optical_fabric, fat_tree, torus, wafer_scale, direct_connect or circuit_switched"),
  GP_P_INT (gp_topology_params, accelerators, 1, MAXN, GP_PARAM_F_LOG, "", "Accelerators",
            "Accelerators in the machine (wafer_scale: systems)"),
  GP_P_INT (gp_topology_params, node_accels, 1, 1e6, F_OPT, "", "Accelerators per node",
            "fat_tree: accelerators in one scale-up domain"),
  GP_P_INT (gp_topology_params, scaleup_links_per_accel, 1, 1e4, F_OPT, "", "Scale-up ports",
            "Ports per accelerator into the inner level"),
  GP_P_DOUBLE (gp_topology_params, scaleup_link_rate_gbps, 0, 1e9, F_POS | F_OPT | GP_PARAM_F_LOG,
               "Gb/s", "Scale-up port rate", "Rate of one inner-level port, one direction"),
  GP_P_DOUBLE (gp_topology_params, scaleup_energy_pj_per_bit, 0, 1e4, F_OPT, "pJ/bit",
               "Scale-up link energy", "Energy per bit of one inner-level link end"),
  GP_P_DOUBLE (gp_topology_params, scaleup_endpoint_latency_ns, 0, 1e7, F_OPT, "ns",
               "Scale-up endpoint latency", "Send and receive overhead of one message"),
  GP_P_DOUBLE (gp_topology_params, scaleup_link_latency_ns, 0, 1e7, F_OPT, "ns",
               "Scale-up link latency", "PHY, FEC and flight time of one link"),
  GP_P_DOUBLE (gp_topology_params, scaleup_hop_latency_ns, 0, 1e7, F_OPT, "ns",
               "Scale-up switch latency", "Latency of one switch or router crossed"),
  GP_P_DOUBLE (gp_topology_params, scaleup_transceiver_cost_usd, 0, 1e7, F_OPT, "USD",
               "Scale-up transceiver cost", "Cost of one inner-level link end"),
  GP_P_DOUBLE (gp_topology_params, scaleup_cable_cost_usd, 0, 1e7, F_OPT, "USD",
               "Scale-up cable cost", "Cost of one inner-level fibre, waveguide or cable"),
  GP_P_INT (gp_topology_params, scaleup_switches_per_node, 0, 1e4, F_OPT, "",
            "Scale-up switches per node", "fat_tree: switch chips in one node"),
  GP_P_INT (gp_topology_params, scaleup_switch_radix, 1, MAXN, F_OPT, "", "Scale-up switch radix",
            "Ports of one inner-level switch (NVSwitch, optical circuit switch)"),
  GP_P_DOUBLE (gp_topology_params, scaleup_switch_power_w, 0, 1e6, F_OPT, "W",
               "Scale-up switch power", "Power of one inner-level switch"),
  GP_P_DOUBLE (gp_topology_params, scaleup_switch_cost_usd, 0, 1e8, F_OPT, "USD",
               "Scale-up switch cost", "Cost of one inner-level switch"),
  GP_P_ENUM (gp_topology_params, fabric_mode, gp_fabric_mode_names, F_OPT, "Fabric mode",
             "optical_fabric: passive (no switch) or circuit_switched (OCS per port plane)"),
  GP_P_INT (gp_topology_params, torus_x, 1, MAXN, F_OPT, "", "Torus X", "torus: size of dim 1"),
  GP_P_INT (gp_topology_params, torus_y, 1, MAXN, F_OPT, "", "Torus Y", "torus: size of dim 2"),
  GP_P_INT (gp_topology_params, torus_z, 1, MAXN, F_OPT, "", "Torus Z",
            "torus: size of dim 3 (1 for a 2D torus)"),
  GP_P_INT (gp_topology_params, scaleout_ports_per_node, 1, 1e4, F_OPT, "", "Scale-out ports",
            "NIC ports per node (fat_tree) or system (wafer_scale)"),
  GP_P_DOUBLE (gp_topology_params, scaleout_port_rate_gbps, 0, 1e7, F_POS | F_OPT | GP_PARAM_F_LOG,
               "Gb/s", "Scale-out port rate", "Rate of one scale-out port, one direction"),
  GP_P_DOUBLE (gp_topology_params, scaleout_energy_pj_per_bit, 0, 1e4, F_OPT, "pJ/bit",
               "Scale-out link energy", "Energy per bit of one scale-out link end"),
  GP_P_DOUBLE (gp_topology_params, scaleout_endpoint_latency_ns, 0, 1e7, F_OPT, "ns",
               "Scale-out endpoint latency", "NIC and host overhead of one message"),
  GP_P_DOUBLE (gp_topology_params, scaleout_link_latency_ns, 0, 1e7, F_OPT, "ns",
               "Scale-out link latency", "PHY, FEC and flight time of one link"),
  GP_P_DOUBLE (gp_topology_params, scaleout_hop_latency_ns, 0, 1e7, F_OPT, "ns",
               "Scale-out switch latency", "Port-to-port latency of one switch"),
  GP_P_DOUBLE (gp_topology_params, scaleout_transceiver_cost_usd, 0, 1e7, F_OPT, "USD",
               "Scale-out transceiver cost", "Cost of one scale-out link end"),
  GP_P_DOUBLE (gp_topology_params, scaleout_cable_cost_usd, 0, 1e7, F_OPT, "USD",
               "Scale-out cable cost", "Cost of one scale-out fibre or cable"),
  GP_P_INT (gp_topology_params, scaleout_switch_radix, 4, 1e5, F_OPT, "", "Switch radix k",
            "Ports of one scale-out switch (even)"),
  GP_P_DOUBLE (gp_topology_params, scaleout_oversubscription, 1, 1e3, F_OPT, "",
               "Oversubscription", "Leaf down:up port ratio (1 = non-blocking)"),
  GP_P_DOUBLE (gp_topology_params, scaleout_switch_power_w, 0, 1e6, F_OPT, "W",
               "Scale-out switch power", "Power of one scale-out switch"),
  GP_P_DOUBLE (gp_topology_params, scaleout_switch_cost_usd, 0, 1e8, F_OPT, "USD",
               "Scale-out switch cost", "Cost of one scale-out switch"),
  GP_P_ENUM (gp_topology_params, fabric_shape, gp_fabric_shape_names, F_OPT, "Fabric shape",
             "direct_connect: ring, torus, hypercube or grouped_mesh"),
  GP_P_INT (gp_topology_params, torus_auto_dims, 0, 3, F_OPT, "", "Torus dimensions (auto)",
            "direct_connect torus: 0 = torus_x/y/z as given, 2 or 3 = split N evenly"),
  GP_P_INT (gp_topology_params, mesh_group_accels, 1, 4097, F_OPT, "", "Mesh group",
            "grouped_mesh: accelerators in one fully connected group"),
  GP_P_ENUM (gp_topology_params, circuit_mode, gp_circuit_mode_names, F_OPT, "Circuit mode",
             "circuit_switched: circuits set per_job, per_phase or auto"),
  GP_P_DOUBLE (gp_topology_params, ocs_reconfig_ms, 0, 1e6, F_OPT, "ms", "OCS reconfiguration",
               "circuit_switched: time to set new circuits"),
  GP_P_DOUBLE (gp_topology_params, ocs_port_cost_usd, 0, 1e7, F_OPT, "USD", "OCS port cost",
               "circuit_switched: cost per optical switch port"),
  GP_P_DOUBLE (gp_topology_params, ocs_port_power_w, 0, 1e4, F_OPT, "W", "OCS port power",
               "circuit_switched: power per optical switch port"),
  GP_P_DOUBLE (gp_topology_params, ocs_port_kgco2e, 0, 1e5, F_OPT, "kgCO2e", "OCS port carbon",
               "circuit_switched: embodied carbon per optical switch port"),
  GP_P_DOUBLE (gp_topology_params, glass_cost_usd_per_accel, 0, 1e7, F_OPT, "USD",
               "Glass cost per site", "Glass substrate and waveguides per accelerator site"),
  GP_P_DOUBLE (gp_topology_params, glass_kgco2e_per_accel, 0, 1e5, F_OPT, "kgCO2e",
               "Glass carbon per site", "Embodied carbon of the glass per accelerator site"),
};

const gp_param_table gp_topology_param_table = {
  "topology", topology_params, GP_N_ELEMENTS (topology_params),
};

void
gp_topology_params_init (gp_topology_params *p)
{
  /* data/topologies.lua "dgx-h100-ndr": keep the two in step. */
  memset (p, 0, sizeof *p);
  strcpy (p->name, "dgx-h100-ndr");
  p->kind = GP_TOPO_FAT_TREE;
  p->accelerators = 1024;
  p->node_accels = 8;
  p->scaleup_links_per_accel = 18;
  p->scaleup_link_rate_gbps = 200;
  p->scaleup_energy_pj_per_bit = 5.5;
  p->scaleup_endpoint_latency_ns = 700;
  p->scaleup_link_latency_ns = 20;
  p->scaleup_hop_latency_ns = 100;
  p->scaleup_transceiver_cost_usd = 0;
  p->scaleup_cable_cost_usd = 0;
  p->scaleup_switches_per_node = 4;
  p->scaleup_switch_radix = 64;
  p->scaleup_switch_power_w = 90;
  p->scaleup_switch_cost_usd = 2000;
  p->fabric_mode = GP_FABRIC_PASSIVE;
  p->torus_x = p->torus_y = p->torus_z = 1;
  p->scaleout_ports_per_node = 8;
  p->scaleout_port_rate_gbps = 400;
  p->scaleout_energy_pj_per_bit = 18.75;
  p->scaleout_endpoint_latency_ns = 1000;
  p->scaleout_link_latency_ns = 150;
  p->scaleout_hop_latency_ns = 130;
  p->scaleout_transceiver_cost_usd = 700;
  p->scaleout_cable_cost_usd = 100;
  p->scaleout_switch_radix = 64;
  p->scaleout_oversubscription = 1;
  p->scaleout_switch_power_w = 750;
  p->scaleout_switch_cost_usd = 25000;
  /* glass fabric fields, unused by a fat tree: data/topologies.lua "glass-ocs-128" */
  p->fabric_shape = GP_FABRIC_TORUS;
  p->torus_auto_dims = 0;
  p->mesh_group_accels = 8;
  p->circuit_mode = GP_CIRCUITS_PER_JOB;
  p->ocs_reconfig_ms = 3;
  p->ocs_port_cost_usd = 500;
  p->ocs_port_power_w = 0.8;
  p->ocs_port_kgco2e = 5;
  p->glass_cost_usd_per_accel = 0;
  p->glass_kgco2e_per_accel = 0;
}

/* ---- Fat tree ---- */

static long
ceil_div (long a, long b)
{
  return (a + b - 1) / b;
}

/* Counts and hops of a fat tree: equations above gp_fat_tree_build in gp-topology.h. */
gp_status
gp_fat_tree_build (long hosts, long radix, double oversubscription, gp_fat_tree *out,
                   gp_error *err)
{
  if (hosts < 1)
    return gp_error_set (err, GP_EINVAL, "hosts",
                         "hosts = %ld is out of range: allowed [1, inf)", hosts);
  if (radix < 4 || radix % 2 != 0 || radix > 100000)
    return gp_error_set (err, GP_EINVAL, "scaleout_switch_radix",
                         "scaleout_switch_radix = %ld is out of range: allowed even values "
                         "in [4, 100000]", radix);
  GP_TRY (gp_check_range (err, "scaleout_oversubscription", oversubscription, 1.0, 1e3, 0, ""));

  memset (out, 0, sizeof *out);
  out->hosts = hosts;
  out->radix = radix;
  const long k = radix, half = radix / 2;

  if (hosts <= k)
    {
      /* One switch holds everyone: no uplinks, nothing is oversubscribed. */
      out->tiers = 1;
      out->down_ports = k;
      out->up_ports = 0;
      out->oversubscription = 1.0;
      out->capacity = k;
      out->switches[0] = 1;
      out->links[0] = hosts;
      out->switches_total = 1;
      out->links_total = hosts;
      out->transceivers = 2 * hosts;
      out->switches_avg = out->switches_max = 1.0;
      return GP_OK;
    }

  long d = (long) floor ((double) k * oversubscription / (1.0 + oversubscription));
  if (d > k - 1)
    d = k - 1;
  if (d < 1)
    d = 1;
  const long u = k - d;
  out->down_ports = d;
  out->up_ports = u;
  out->oversubscription = (double) d / (double) u;

  /* Fewest tiers whose capacity d k (k/2)^(t-2) holds the hosts. */
  int t = 2;
  double cap = (double) d * (double) k;
  while (cap < (double) hosts)
    {
      if (t == GP_FAT_TREE_MAX_TIERS)
        return gp_error_set (err, GP_EINFEASIBLE, "hosts",
                             "a fat tree of radix %ld switches holds at most %.0f hosts in %d "
                             "tiers; %ld hosts need more", k, cap, GP_FAT_TREE_MAX_TIERS, hosts);
      cap *= (double) half;
      t++;
    }
  out->tiers = t;
  out->capacity = (long) cap;

  out->links[0] = hosts;
  out->switches[0] = ceil_div (hosts, d);
  long up = out->switches[0] * u;
  for (int j = 1; j < t - 1; j++)
    {
      out->links[j] = up;
      out->switches[j] = ceil_div (up, half);
      up = out->switches[j] * half;
    }
  out->links[t - 1] = up;
  out->switches[t - 1] = ceil_div (up, k);

  for (int j = 0; j < t; j++)
    {
      out->switches_total += out->switches[j];
      out->links_total += out->links[j];
    }
  out->transceivers = 2 * out->links_total;

  /* Average switches crossed over distinct host pairs. A pair first meets in a subtree
   * rooted at tier j (sizes d, d k/2, d (k/2)^2, ..., H) and crosses 2j - 1 switches. */
  double prev = 0.0, avg = 0.0, size = (double) d;
  for (int j = 1; j <= t; j++)
    {
      double n_j = (j == t) ? (double) hosts : fmin (size, (double) hosts);
      double p_le = (n_j - 1.0) / ((double) hosts - 1.0);
      avg += (2.0 * j - 1.0) * (p_le - prev);
      prev = p_le;
      size *= (double) half;
    }
  out->switches_avg = avg;
  out->switches_max = 2.0 * t - 1.0;
  return GP_OK;
}

/* ---- Levels ---- */

static void
level_name (gp_topology_level *lv, const char *name)
{
  snprintf (lv->name, sizeof lv->name, "%s", name);
}

/* Latency and energy of a level from its path: see the header comment of gp-topology.h. */
static void
level_path (gp_topology_level *lv, double endpoint_ns, double link_ns, double hop_ns,
            double e_link_pj, double e_switch_pj)
{
  lv->latency_s = 1e-9 * (endpoint_ns + lv->links_avg * link_ns + lv->switches_avg * hop_ns);
  lv->latency_max_s = 1e-9 * (endpoint_ns + lv->links_max * link_ns + lv->switches_max * hop_ns);
  lv->energy_pj_per_bit = lv->links_avg * e_link_pj + lv->switches_avg * e_switch_pj;
}

/* Energy per bit crossing one switch: its power over its port throughput, pJ/bit
 * (W / (Gb/s) = 1e3 pJ/bit). */
static double
switch_pj_per_bit (double power_w, long radix, double port_gbps)
{
  if (radix <= 0 || port_gbps <= 0.0)
    return 0.0;
  return power_w / ((double) radix * port_gbps) * 1e3;
}

/* Scale-out fat tree level over HOSTS ports of RATE, ACCELS accelerators. */
static gp_status
scaleout_level (const gp_topology_params *p, long accels, long hosts, gp_fat_tree *ft,
                gp_topology_level *lv, gp_error *err)
{
  GP_TRY (gp_fat_tree_build (hosts, p->scaleout_switch_radix, p->scaleout_oversubscription,
                             ft, err));
  const double r = p->scaleout_port_rate_gbps;
  level_name (lv, "scale-out fat tree");
  lv->group_size = accels;
  lv->bw_gbps = (double) hosts * r / (double) accels;
  lv->bisection_gbps = lv->bw_gbps / ft->oversubscription;
  /* Accelerators under one leaf: its d down ports at hosts / accels ports each; one tier
   * has no core. */
  if (ft->tiers <= 1)
    lv->local_size = accels;
  else
    {
      double under = floor ((double) ft->down_ports * (double) accels / (double) hosts);
      lv->local_size = under < 1.0 ? 1 : (long) under;
    }
  lv->switches_avg = ft->switches_avg;
  lv->switches_max = ft->switches_max;
  lv->links_avg = ft->switches_avg + 1.0;
  lv->links_max = ft->switches_max + 1.0;
  lv->switches = ft->switches_total;
  lv->transceivers = ft->transceivers;
  lv->cables = ft->links_total;
  lv->power_w = (double) lv->transceivers * r * p->scaleout_energy_pj_per_bit * 1e-3
                + (double) lv->switches * p->scaleout_switch_power_w;
  lv->cost_usd = (double) lv->transceivers * p->scaleout_transceiver_cost_usd
                 + (double) lv->cables * p->scaleout_cable_cost_usd
                 + (double) lv->switches * p->scaleout_switch_cost_usd;
  level_path (lv, p->scaleout_endpoint_latency_ns, p->scaleout_link_latency_ns,
              p->scaleout_hop_latency_ns, p->scaleout_energy_pj_per_bit,
              switch_pj_per_bit (p->scaleout_switch_power_w, p->scaleout_switch_radix, r));
  return GP_OK;
}

static gp_status
eval_optical_fabric (const gp_topology_params *p, gp_topology_result *out, gp_error *err)
{
  const long n = p->accelerators, l = p->scaleup_links_per_accel;
  const double r = p->scaleup_link_rate_gbps;
  const bool ocs = p->fabric_mode == GP_FABRIC_CIRCUIT_SWITCHED;
  if (ocs && p->scaleup_switch_radix < n)
    return gp_error_set (err, GP_EINFEASIBLE, "scaleup_switch_radix",
                         "a circuit-switched single-hop fabric puts every accelerator on every "
                         "switch: scaleup_switch_radix = %ld is below accelerators = %ld "
                         "(use a fat tree or a passive fabric)", p->scaleup_switch_radix, n);

  gp_topology_level *lv = &out->level[0];
  level_name (lv, ocs ? "optical fabric (OCS)" : "optical fabric (passive)");
  lv->group_size = n;
  lv->bw_gbps = (double) l * r;
  lv->bisection_gbps = lv->bw_gbps;
  lv->local_size = n;
  lv->links_avg = lv->links_max = n > 1 ? 1.0 : 0.0;
  /* An OCS is crossed as light, not as packets: one switch on the path, its latency a
   * parameter (near zero for MEMS mirrors). */
  lv->switches_avg = lv->switches_max = (ocs && n > 1) ? 1.0 : 0.0;
  lv->switches = ocs ? l : 0;
  lv->transceivers = n * l;
  lv->cables = n * l;
  lv->power_w = (double) lv->transceivers * r * p->scaleup_energy_pj_per_bit * 1e-3
                + (double) lv->switches * p->scaleup_switch_power_w;
  lv->cost_usd = (double) lv->transceivers * p->scaleup_transceiver_cost_usd
                 + (double) lv->cables * p->scaleup_cable_cost_usd
                 + (double) lv->switches * p->scaleup_switch_cost_usd;
  level_path (lv, p->scaleup_endpoint_latency_ns, p->scaleup_link_latency_ns,
              p->scaleup_hop_latency_ns, p->scaleup_energy_pj_per_bit,
              ocs ? switch_pj_per_bit (p->scaleup_switch_power_w, p->scaleup_switch_radix, r)
                  : 0.0);
  out->n_levels = 1;
  return GP_OK;
}

static gp_status
eval_fat_tree (const gp_topology_params *p, gp_topology_result *out, gp_error *err)
{
  const long n = p->accelerators, node = p->node_accels, l = p->scaleup_links_per_accel;
  const double r = p->scaleup_link_rate_gbps;
  if (n % node != 0)
    return gp_error_set (err, GP_EINVAL, "node_accels",
                         "accelerators = %ld is not a multiple of node_accels = %ld", n, node);
  const long nodes = n / node;

  gp_topology_level *su = &out->level[0];
  level_name (su, "scale-up (switched)");
  su->group_size = node;
  su->bw_gbps = (double) l * r;
  su->bisection_gbps = su->bw_gbps;
  su->local_size = node;
  const bool one = node == 1;
  /* Accelerator -> switch -> accelerator. */
  su->links_avg = su->links_max = one ? 0.0 : 2.0;
  su->switches_avg = su->switches_max = one ? 0.0 : 1.0;
  su->switches = one ? 0 : nodes * p->scaleup_switches_per_node;
  su->transceivers = one ? 0 : 2 * n * l;
  su->cables = one ? 0 : n * l;
  su->power_w = (double) su->transceivers * r * p->scaleup_energy_pj_per_bit * 1e-3
                + (double) su->switches * p->scaleup_switch_power_w;
  su->cost_usd = (double) su->transceivers * p->scaleup_transceiver_cost_usd
                 + (double) su->cables * p->scaleup_cable_cost_usd
                 + (double) su->switches * p->scaleup_switch_cost_usd;
  level_path (su, p->scaleup_endpoint_latency_ns, p->scaleup_link_latency_ns,
              p->scaleup_hop_latency_ns, p->scaleup_energy_pj_per_bit,
              switch_pj_per_bit (p->scaleup_switch_power_w, p->scaleup_switch_radix, r));

  GP_TRY (scaleout_level (p, n, nodes * p->scaleout_ports_per_node, &out->fat_tree,
                          &out->level[1], err));
  out->has_fat_tree = true;
  out->n_levels = 2;
  return GP_OK;
}

/* Mean shortest distance on a ring of K nodes over all K destinations (self included). */
static double
ring_mean_distance (long k)
{
  double kk = (double) k;
  return (k % 2 == 0) ? kk / 4.0 : (kk * kk - 1.0) / (4.0 * kk);
}

static gp_status
eval_torus (const gp_topology_params *p, gp_topology_result *out, gp_error *err)
{
  const long n = p->accelerators;
  const long dims[3] = { p->torus_x, p->torus_y, p->torus_z };
  double prod = 1.0;
  for (int i = 0; i < 3; i++)
    prod *= (double) dims[i];
  if (prod != (double) n)
    return gp_error_set (err, GP_EINVAL, "torus_x",
                         "torus_x x torus_y x torus_z = %ld x %ld x %ld = %.0f must equal "
                         "accelerators = %ld", dims[0], dims[1], dims[2], prod, n);

  const double r = p->scaleup_link_rate_gbps;
  long ports = 0, kmax = 1;
  double mean = 0.0, diameter = 0.0;
  for (int i = 0; i < 3; i++)
    {
      if (dims[i] < 2)
        continue;
      ports += 2;
      mean += ring_mean_distance (dims[i]);
      diameter += (double) (dims[i] / 2);
      if (dims[i] > kmax)
        kmax = dims[i];
    }

  if (ports == 0)
    return gp_error_set (err, GP_EINVAL, "torus_x",
                         "a torus needs a dimension of size 2 or more: torus_x x torus_y x "
                         "torus_z = 1 x 1 x 1");

  gp_topology_level *lv = &out->level[0];
  level_name (lv, p->torus_z > 1 ? "3D torus" : "2D torus");
  lv->group_size = n;
  lv->bw_gbps = (double) ports * r;
  lv->bisection_gbps = ports > 0 ? 4.0 * r / (double) kmax : 0.0;
  /* One ring along the first dimension longer than 1 runs on its own links. */
  lv->local_size = dims[0] > 1 ? dims[0] : dims[1] > 1 ? dims[1] : dims[2];
  lv->links_avg = n > 1 ? mean * (double) n / (double) (n - 1) : 0.0;
  lv->links_max = diameter;
  /* Routers in the intermediate accelerators. */
  lv->switches_avg = fmax (lv->links_avg - 1.0, 0.0);
  lv->switches_max = fmax (diameter - 1.0, 0.0);
  lv->switches = 0;
  lv->transceivers = n * ports;
  lv->cables = n * ports / 2;
  lv->power_w = (double) lv->transceivers * r * p->scaleup_energy_pj_per_bit * 1e-3;
  lv->cost_usd = (double) lv->transceivers * p->scaleup_transceiver_cost_usd
                 + (double) lv->cables * p->scaleup_cable_cost_usd;
  level_path (lv, p->scaleup_endpoint_latency_ns, p->scaleup_link_latency_ns,
              p->scaleup_hop_latency_ns, p->scaleup_energy_pj_per_bit, 0.0);
  out->n_levels = 1;
  return GP_OK;
}

static gp_status
eval_wafer_scale (const gp_topology_params *p, gp_topology_result *out, gp_error *err)
{
  const long n = p->accelerators;
  gp_topology_level *w = &out->level[0];
  level_name (w, "on-wafer fabric");
  w->group_size = 1;
  w->bw_gbps = (double) p->scaleup_links_per_accel * p->scaleup_link_rate_gbps;
  w->bisection_gbps = w->bw_gbps;
  w->local_size = 1;
  w->links_avg = w->links_max = 1.0;
  /* Power and cost of the on-wafer fabric are part of the wafer's own (CS-3 ~23 kW, brief
   * sec. 4); counting them here would count them twice. */
  w->power_w = 0.0;
  w->cost_usd = 0.0;
  level_path (w, p->scaleup_endpoint_latency_ns, p->scaleup_link_latency_ns,
              p->scaleup_hop_latency_ns, p->scaleup_energy_pj_per_bit, 0.0);

  GP_TRY (scaleout_level (p, n, n * p->scaleout_ports_per_node, &out->fat_tree,
                          &out->level[1], err));
  out->has_fat_tree = true;
  out->n_levels = 2;
  return GP_OK;
}

/* The fabric model's field names in the topology's words. */
static void
rename_param (gp_error *err)
{
  static const char *const map[][2] = {
    { "ports_per_accel", "scaleup_links_per_accel" },
    { "switch_ports", "scaleup_switch_radix" },
    { "shape", "fabric_shape" },
    { "port_rate_gbps", "scaleup_link_rate_gbps" },
  };
  if (err == NULL)
    return;
  for (size_t i = 0; i < GP_N_ELEMENTS (map); i++)
    if (strcmp (err->param, map[i][0]) == 0)
      {
        char msg[GP_ERROR_MESSAGE_MAX];
        const char *at = strstr (err->message, map[i][0]);
        if (at != NULL)
          {
            snprintf (msg, sizeof msg, "%.*s%s%s", (int) (at - err->message), err->message,
                      map[i][1], at + strlen (map[i][0]));
            snprintf (err->message, sizeof err->message, "%s", msg);
          }
        snprintf (err->param, sizeof err->param, "%s", map[i][1]);
        return;
      }
}

/* N split into K sizes as equal as the prime factors allow: each prime, largest first, goes
 * to the dimension with the smallest product so far (4,096 -> 16 x 16 x 16). */
static void
auto_dims (long n, long k, long dims[3])
{
  dims[0] = dims[1] = dims[2] = 1;
  long primes[64];
  int np = 0;
  for (long q = 2; q * q <= n && np < 63; q++)
    while (n % q == 0)
      primes[np++] = q, n /= q;
  if (n > 1)
    primes[np++] = n;
  for (int i = np - 1; i >= 0; i--)
    {
      int best = 0;
      for (int j = 1; j < k; j++)
        if (dims[j] < dims[best])
          best = j;
      dims[best] *= primes[i];
    }
  /* largest first, so x is the longest ring */
  for (int a = 0; a < 2; a++)
    for (int b = a + 1; b < 3; b++)
      if (dims[b] > dims[a])
        {
          long t = dims[a];
          dims[a] = dims[b], dims[b] = t;
        }
}

/* Routing a fabric costs O(N x hops) (~0.5 ms for 4,096), and a sweep or an uncertainty
 * study re-prepares the same fabric with new prices, rates or energies. The routed figures
 * (loads, hops, counts) depend only on the graph, so each thread keeps the last few: a hit
 * rescales bandwidth by the rate, rebuilds latency from the hops and prices the counts. */
typedef struct {
  int shape, mode;
  long n, d, x, y, z, g, switch_ports, block;
  double rate, reconfig;     /* circuit fabrics whose mode weighs reconfiguration only */
} glass_key;

typedef struct {
  bool used;
  glass_key key;
  double rate;               /* the rate the figures below were routed at */
  gp_fabric_result fabric;
  gp_net_levels net;
  double la[GP_MAX_NET_LEVELS], lm[GP_MAX_NET_LEVELS], extra_s[GP_MAX_NET_LEVELS];
} glass_entry;

#define GLASS_CACHE 4
static _Thread_local glass_entry glass_cache[GLASS_CACHE];
static _Thread_local int glass_next;

static double
glass_path_s (const gp_fabric_params *fp, double hops_max)
{
  return 1e-9 * (fp->endpoint_latency_ns + hops_max * fp->link_latency_ns
                 + fmax (hops_max - 1.0, 0.0) * fp->forward_latency_ns);
}

static gp_status
glass_cached (const gp_fabric_params *fp, long block, gp_fabric_result *fr, gp_net_levels *net,
              double la[GP_MAX_NET_LEVELS], double lm[GP_MAX_NET_LEVELS], gp_error *err)
{
  glass_key key;
  memset (&key, 0, sizeof key);
  key.shape = fp->shape, key.n = fp->accelerators, key.d = fp->ports_per_accel;
  key.x = fp->torus_x, key.y = fp->torus_y, key.z = fp->torus_z;
  key.g = fp->mesh_group_accels, key.switch_ports = fp->switch_ports, key.block = block;
  key.mode = fp->circuit_mode;
  if (fp->shape == GP_FABRIC_CIRCUIT && fp->circuit_mode != GP_CIRCUITS_PER_JOB)
    key.rate = fp->port_rate_gbps, key.reconfig = fp->reconfig_ms;
  glass_entry *e = NULL;
  for (int i = 0; i < GLASS_CACHE; i++)
    if (glass_cache[i].used && memcmp (&glass_cache[i].key, &key, sizeof key) == 0)
      e = &glass_cache[i];
  if (e == NULL)
    {
      glass_entry fresh;
      memset (&fresh, 0, sizeof fresh);
      fresh.key = key;
      fresh.rate = fp->port_rate_gbps;
      gp_fabric *f = NULL;
      gp_status rc = gp_fabric_new (fp, &f, err);
      if (rc == GP_OK)
        rc = gp_fabric_eval (f, &fresh.fabric, err);
      if (rc == GP_OK)
        rc = gp_fabric_net_levels (f, block, &fresh.net, fresh.la, fresh.lm, err);
      gp_fabric_free (f);
      if (rc != GP_OK)
        return rc;
      for (int i = 0; i < fresh.net.n_levels; i++)
        fresh.extra_s[i] = fresh.net.level[i].latency_s - glass_path_s (fp, fresh.lm[i]);
      fresh.used = true;
      e = &glass_cache[glass_next];
      glass_next = (glass_next + 1) % GLASS_CACHE;
      *e = fresh;
    }
  double scale = fp->port_rate_gbps / e->rate;
  *fr = e->fabric;
  fr->bisection_gbps *= scale;
  gp_fabric_price (fp, fr);
  *net = e->net;
  for (int i = 0; i < net->n_levels; i++)
    {
      gp_net_level *lv = &net->level[i];
      la[i] = e->la[i], lm[i] = e->lm[i];
      lv->bw_bytes_per_s *= scale;
      lv->latency_s = glass_path_s (fp, e->lm[i]) + e->extra_s[i];
      lv->energy_pj_per_bit = e->la[i] * fp->energy_pj_per_bit;
    }
  return GP_OK;
}

void
gp_topology_fabric_params (const gp_topology_params *p, gp_fabric_params *fp)
{
  gp_fabric_params_init (fp);
  bool circuit = p->kind == GP_TOPO_CIRCUIT_SWITCHED;
  fp->shape = circuit ? GP_FABRIC_CIRCUIT : p->fabric_shape;
  fp->accelerators = p->accelerators;
  fp->ports_per_accel = p->scaleup_links_per_accel;
  fp->port_rate_gbps = p->scaleup_link_rate_gbps;
  fp->energy_pj_per_bit = p->scaleup_energy_pj_per_bit;
  fp->endpoint_latency_ns = p->scaleup_endpoint_latency_ns;
  fp->link_latency_ns = p->scaleup_link_latency_ns;
  fp->forward_latency_ns = p->scaleup_hop_latency_ns;
  fp->torus_x = p->torus_x, fp->torus_y = p->torus_y, fp->torus_z = p->torus_z;
  if (!circuit && p->fabric_shape == GP_FABRIC_TORUS && p->torus_auto_dims >= 1)
    {
      long dims[3];
      auto_dims (p->accelerators, p->torus_auto_dims, dims);
      fp->torus_x = dims[0], fp->torus_y = dims[1], fp->torus_z = dims[2];
    }
  fp->mesh_group_accels = p->mesh_group_accels;
  fp->switch_ports = p->scaleup_switch_radix < 2 ? 2 : p->scaleup_switch_radix;
  fp->reconfig_ms = p->ocs_reconfig_ms;
  fp->circuit_mode = p->circuit_mode;
  fp->transceiver_cost_usd = p->scaleup_transceiver_cost_usd;
  fp->waveguide_cost_usd = p->scaleup_cable_cost_usd;
  fp->switch_port_cost_usd = p->ocs_port_cost_usd;
  fp->switch_port_power_w = p->ocs_port_power_w;
  fp->switch_port_kgco2e = p->ocs_port_kgco2e;
  fp->glass_cost_usd_per_accel = p->glass_cost_usd_per_accel;
  fp->glass_kgco2e_per_accel = p->glass_kgco2e_per_accel;
}

/* The glass fabric kinds: gp-fabric.h does the work; level 0 carries every part. */
static gp_status
eval_glass (const gp_topology_params *p, gp_topology_result *out, gp_error *err)
{
  bool circuit = p->kind == GP_TOPO_CIRCUIT_SWITCHED;
  if (!circuit && p->fabric_shape != GP_FABRIC_RING && p->fabric_shape != GP_FABRIC_TORUS
      && p->fabric_shape != GP_FABRIC_HYPERCUBE && p->fabric_shape != GP_FABRIC_GROUPED_MESH)
    return gp_error_set (err, GP_EINVAL, "fabric_shape",
                         "fabric_shape = %s: a direct_connect topology is a ring, torus, "
                         "hypercube or grouped_mesh (port maps: glasspane.fabric)",
                         gp_fabric_shape_names[p->fabric_shape]);
  gp_fabric_params fp;
  gp_topology_fabric_params (p, &fp);

  double la[GP_MAX_NET_LEVELS] = { 0 }, lm[GP_MAX_NET_LEVELS] = { 0 };
  gp_net_levels net;
  gp_status rc = glass_cached (&fp, circuit ? p->node_accels : 0, &out->fabric, &net, la, lm,
                               err);
  if (rc != GP_OK)
    {
      rename_param (err);
      return rc;
    }
  const gp_fabric_result *fr = &out->fabric;
  out->has_fabric = true;
  out->n_levels = net.n_levels;
  for (int i = 0; i < net.n_levels; i++)
    {
      gp_topology_level *lv = &out->level[i];
      const gp_net_level *nl = &net.level[i];
      memcpy (lv->name, nl->name, sizeof lv->name);
      lv->group_size = nl->group_size;
      lv->bw_gbps = nl->bw_bytes_per_s * 8.0 / 1e9;
      lv->bisection_gbps = lv->bw_gbps;
      lv->links_avg = la[i];
      lv->links_max = lm[i];
      /* an OCS crossed per link; accelerators forwarding otherwise */
      lv->switches_avg = circuit ? la[i] : fmax (la[i] - 1.0, 0.0);
      lv->switches_max = circuit ? lm[i] : fmax (lm[i] - 1.0, 0.0);
      lv->latency_s = nl->latency_s;
      lv->latency_max_s = nl->latency_s;
      lv->energy_pj_per_bit = nl->energy_pj_per_bit;
    }
  out->level[net.n_levels - 1].bisection_gbps = fr->bisection_gbps;
  gp_topology_level *l0 = &out->level[0];
  /* optical circuit switches are priced and counted per port by the fabric (its
   * switch_ports, embodied_kgco2e), not per switch box */
  l0->switches = 0;
  /* every port built is a link end to price (a direct fabric may leave spares unwired,
   * e.g. 6 of 7 for a 3D torus); power counts the wired ones only (fr->power_w) */
  l0->transceivers = p->accelerators * p->scaleup_links_per_accel;
  l0->cables = fr->links;
  l0->power_w = fr->power_w;
  l0->cost_usd = fr->cost_usd;
  l0->embodied_kgco2e = fr->embodied_kg;
  return GP_OK;
}

gp_status
gp_topology_eval (const gp_topology_params *p, gp_topology_result *out, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_topology_param_table, p, err));
  memset (out, 0, sizeof *out);
  out->kind = p->kind;

  switch ((gp_topology_kind) p->kind)
    {
    case GP_TOPO_OPTICAL_FABRIC: GP_TRY (eval_optical_fabric (p, out, err)); break;
    case GP_TOPO_FAT_TREE: GP_TRY (eval_fat_tree (p, out, err)); break;
    case GP_TOPO_TORUS: GP_TRY (eval_torus (p, out, err)); break;
    case GP_TOPO_WAFER_SCALE: GP_TRY (eval_wafer_scale (p, out, err)); break;
    case GP_TOPO_DIRECT_CONNECT:
    case GP_TOPO_CIRCUIT_SWITCHED: GP_TRY (eval_glass (p, out, err)); break;
    case GP_TOPO_N:
    default:
      return gp_error_set (err, GP_EINVAL, "kind", "kind = %d is unknown", p->kind);
    }

  out->net.n_levels = out->n_levels;
  for (int i = 0; i < out->n_levels; i++)
    {
      const gp_topology_level *lv = &out->level[i];
      out->switches += lv->switches;
      out->transceivers += lv->transceivers;
      out->cables += lv->cables;
      out->power_w += lv->power_w;
      out->cost_usd += lv->cost_usd;

      gp_net_level *nl = &out->net.level[i];
      memcpy (nl->name, lv->name, sizeof nl->name);
      nl->group_size = lv->group_size;
      nl->bw_bytes_per_s = lv->bw_gbps * 1e9 / 8.0;
      nl->latency_s = lv->latency_s;
      nl->energy_pj_per_bit = lv->energy_pj_per_bit;
      nl->local_size = lv->local_size;
      nl->core_share = lv->bw_gbps > 0.0 ? fmin (1.0, lv->bisection_gbps / lv->bw_gbps) : 1.0;
    }
  const gp_topology_level *outer = &out->level[out->n_levels - 1];
  out->bisection_tbps = outer->bisection_gbps * (double) p->accelerators / 2.0 * 1e-3;
  out->power_w_per_accel = out->power_w / (double) p->accelerators;
  out->cost_usd_per_accel = out->cost_usd / (double) p->accelerators;

  if (!isfinite (out->power_w) || !isfinite (out->cost_usd))
    return gp_error_set (err, GP_ERANGE, "accelerators",
                         "interconnect power or cost is not finite for accelerators = %ld",
                         p->accelerators);
  return GP_OK;
}
