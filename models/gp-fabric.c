/* gp-fabric.c: direct-connect and circuit-switched optical fabrics, the placement of a
 * plan's groups on them, their cost and power, and port failures. Equations and sources are
 * in gp-fabric.h. */
#include "gp-fabric.h"
#include "gp-fabric-private.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const gp_fabric_shape_names[] = {
  "ring", "torus", "hypercube", "grouped_mesh", "port_map", "circuit", NULL,
};
const char *const gp_circuit_mode_names[] = { "per_job", "per_phase", "auto", NULL };
const char *const gp_fabric_group_names[] = { "tp", "cp", "pp", "ep", "dp", NULL };
const char *const gp_traffic_pattern_names[] = { "ring", "chain", "all_to_all", NULL };

#define F_OPT GP_PARAM_F_OPTIONAL
#define F_POS GP_RANGE_MIN_EXCLUSIVE
#define MAXN 1e8

static const gp_param fabric_params[] = {
  GP_P_ENUM (gp_fabric_params, shape, gp_fabric_shape_names, 0, "Fabric shape",
             "ring, torus, hypercube, grouped_mesh, port_map or circuit"),
  GP_P_INT (gp_fabric_params, accelerators, 1, MAXN, GP_PARAM_F_LOG, "", "Accelerators",
            "Accelerators on the fabric"),
  GP_P_INT (gp_fabric_params, ports_per_accel, 1, 4096, 0, "", "Ports per accelerator",
            "Optical ports of one accelerator (d)"),
  GP_P_DOUBLE (gp_fabric_params, port_rate_gbps, 0, 1e7, F_POS | GP_PARAM_F_LOG, "Gb/s",
               "Port rate", "Rate of one port, one direction (r)"),
  GP_P_DOUBLE (gp_fabric_params, energy_pj_per_bit, 0, 1e4, F_OPT, "pJ/bit", "Link energy",
               "Energy per bit of one link end (the link model's total)"),
  GP_P_DOUBLE (gp_fabric_params, endpoint_latency_ns, 0, 1e7, F_OPT, "ns", "Endpoint latency",
               "Send and receive overhead of one message"),
  GP_P_DOUBLE (gp_fabric_params, link_latency_ns, 0, 1e7, F_OPT, "ns", "Link latency",
               "PHY and flight time of one link (through the switch, if any)"),
  GP_P_DOUBLE (gp_fabric_params, forward_latency_ns, 0, 1e7, F_OPT, "ns", "Forwarding latency",
               "Latency of an intermediate accelerator forwarding a message"),
  GP_P_INT (gp_fabric_params, torus_x, 1, MAXN, F_OPT, "", "Torus X", "torus: size of dim 1"),
  GP_P_INT (gp_fabric_params, torus_y, 1, MAXN, F_OPT, "", "Torus Y", "torus: size of dim 2"),
  GP_P_INT (gp_fabric_params, torus_z, 1, MAXN, F_OPT, "", "Torus Z", "torus: size of dim 3"),
  GP_P_INT (gp_fabric_params, mesh_group_accels, 1, 4097, F_OPT, "", "Mesh group",
            "grouped_mesh: accelerators in one fully connected group (g)"),
  GP_P_INT (gp_fabric_params, switch_ports, 2, MAXN, F_OPT, "", "Switch ports",
            "circuit: ports of one optical circuit switch (Palomar: 136)"),
  GP_P_DOUBLE (gp_fabric_params, reconfig_ms, 0, 1e6, F_OPT, "ms", "Reconfiguration time",
               "circuit: time to set new circuits (MEMS: ~1-3 ms)"),
  GP_P_ENUM (gp_fabric_params, circuit_mode, gp_circuit_mode_names, F_OPT, "Circuit mode",
             "circuit: per_job, per_phase or auto"),
  GP_P_DOUBLE (gp_fabric_params, transceiver_cost_usd, 0, 1e7, F_OPT, "USD",
               "Transceiver cost", "Cost of one port (0 when priced in the package)"),
  GP_P_DOUBLE (gp_fabric_params, waveguide_cost_usd, 0, 1e7, F_OPT, "USD", "Waveguide cost",
               "Cost of one link (waveguide in glass, or fibre to the switch)"),
  GP_P_DOUBLE (gp_fabric_params, switch_port_cost_usd, 0, 1e7, F_OPT, "USD",
               "Switch port cost", "circuit: cost per optical switch port"),
  GP_P_DOUBLE (gp_fabric_params, switch_port_power_w, 0, 1e4, F_OPT, "W", "Switch port power",
               "circuit: power per optical switch port"),
  GP_P_DOUBLE (gp_fabric_params, switch_port_kgco2e, 0, 1e5, F_OPT, "kgCO2e",
               "Switch port carbon", "circuit: embodied carbon per switch port"),
  GP_P_DOUBLE (gp_fabric_params, glass_cost_usd_per_accel, 0, 1e7, F_OPT, "USD",
               "Glass cost per site", "Glass substrate and waveguides per accelerator site"),
  GP_P_DOUBLE (gp_fabric_params, glass_kgco2e_per_accel, 0, 1e5, F_OPT, "kgCO2e",
               "Glass carbon per site", "Embodied carbon of the glass per accelerator site"),
};

const gp_param_table gp_fabric_param_table = {
  "fabric", fabric_params, GP_N_ELEMENTS (fabric_params),
};

void
gp_fabric_params_init (gp_fabric_params *p)
{
  /* data/topologies.lua "glass-torus-16x16x16": keep the two in step. */
  memset (p, 0, sizeof *p);
  p->shape = GP_FABRIC_TORUS;
  p->accelerators = 4096;
  p->ports_per_accel = 7;
  p->port_rate_gbps = 1600;
  p->energy_pj_per_bit = 5.6;
  p->endpoint_latency_ns = 500;
  p->link_latency_ns = 10;
  p->forward_latency_ns = 100;
  p->torus_x = p->torus_y = p->torus_z = 16;
  p->mesh_group_accels = 8;
  p->switch_ports = 136;
  p->reconfig_ms = 3;
  p->circuit_mode = GP_CIRCUITS_PER_JOB;
  p->waveguide_cost_usd = 5;
  p->switch_port_cost_usd = 500;
  p->switch_port_power_w = 0.8;
  p->switch_port_kgco2e = 5;
  p->glass_cost_usd_per_accel = 50;
  p->glass_kgco2e_per_accel = 2;
}

void
gp_fabric_mr_finish (mr_torus *t)
{
  for (int d = 0; d < t->ndim; d++)
    {
      int cnt = 0, last = -1;
      for (int j = 0; j < MR_SLOTS; j++)
        if (t->mask[d] & (1u << j))
          cnt++, last = j;
      t->single[d] = cnt == 1 ? last : -1;
    }
}

const gp_fabric_params *
gp_fabric_get_params (const gp_fabric *f)
{
  return &f->p;
}

static void
mr_decompose (const mr_torus *t, long a, long idx[MR_SLOTS])
{
  for (int j = 0; j < t->nslot; j++)
    idx[j] = (a / t->rs[j]) % t->n[j];
}

static long
mr_compose (const mr_torus *t, const long idx[MR_SLOTS])
{
  long a = 0;
  for (int j = 0; j < t->nslot; j++)
    a += idx[j] * t->rs[j];
  return a;
}

static long
mr_dim_value (const mr_torus *t, int d, const long idx[MR_SLOTS])
{
  long v = 0, m = 1;
  for (int j = 0; j < t->nslot; j++)
    if (t->mask[d] & (1u << j))
      {
        v += idx[j] * m;
        m *= t->n[j];
      }
  return v;
}

static void
mr_dim_set (const mr_torus *t, int d, long v, long idx[MR_SLOTS])
{
  for (int j = 0; j < t->nslot; j++)
    if (t->mask[d] & (1u << j))
      {
        idx[j] = v % t->n[j];
        v /= t->n[j];
      }
}

static inline void
bump (gp_fabric *f, long node, long port, double mult)
{
  struct slotcount *c = &f->cnt[(size_t) node * (size_t) f->pstride + (size_t) port];
  if (c->stamp != f->cur)
    {
      c->stamp = f->cur;
      c->count = 0;
    }
  c->count++;
  double l = mult == 1.0 ? (double) c->count : (double) c->count / mult;
  if (l > f->maxload)
    f->maxload = l;
}

static long
route_torus (gp_fabric *f, const mr_torus *t, long a, long b, bool count)
{
  long ia[MR_SLOTS], ib[MR_SLOTS];
  if (f->coord_of == t)
    {
      const int32_t *ca = f->coord + (size_t) a * MR_SLOTS, *cb = f->coord + (size_t) b * MR_SLOTS;
      for (int j = 0; j < t->nslot; j++)
        ia[j] = ca[j], ib[j] = cb[j];
    }
  else
    {
      mr_decompose (t, a, ia);
      mr_decompose (t, b, ib);
    }
  long hops = 0, node = a;
  for (int d = 0; d < t->ndim; d++)
    {
      long k = t->msize[d];
      int j1 = t->single[d];
      bool single = j1 >= 0;
      if (!single)
        j1 = 0;
      long va = single ? ia[j1] : mr_dim_value (t, d, ia);
      long vb = single ? ib[j1] : mr_dim_value (t, d, ib);
      long delta = vb - va; /* both in [0, k) */
      if (delta < 0)
        delta += k;
      if (delta == 0)
        continue;
      int dir = delta <= k - delta ? 0 : 1;
      long steps = dir == 0 ? delta : k - delta;
      if (single)
        {
          /* one slot: a step moves the rank by its stride, wrapping around the ring */
          int j = j1;
          long rs = t->rs[j], c = ia[j];
          for (long s = 0; s < steps; s++)
            {
              if (count)
                bump (f, node, 2 * d + dir, t->mult[d]);
              if (dir == 0)
                {
                  node += c == k - 1 ? -(k - 1) * rs : rs;
                  c = c == k - 1 ? 0 : c + 1;
                }
              else
                {
                  node += c == 0 ? (k - 1) * rs : -rs;
                  c = c == 0 ? k - 1 : c - 1;
                }
            }
          ia[j] = c;
          hops += steps;
          continue;
        }
      for (long s = 0; s < steps; s++)
        {
          if (count)
            bump (f, node, 2 * d + dir, t->mult[d]);
          va = dir == 0 ? (va + 1) % k : (va + k - 1) % k;
          mr_dim_set (t, d, va, ia);
          node = mr_compose (t, ia);
        }
      hops += steps;
    }
  return hops;
}

/* Fill the coordinate table for T (O(N x slots)), so routing needs no division. */
static void
coords_for (gp_fabric *f, const mr_torus *t)
{
  long idx[MR_SLOTS] = { 0 };
  for (long a = 0; a < f->n; a++)
    {
      int32_t *c = f->coord + (size_t) a * MR_SLOTS;
      for (int j = 0; j < t->nslot; j++)
        c[j] = (int32_t) idx[j];
      for (int j = 0; j < t->nslot; j++)
        {
          if (++idx[j] < t->n[j])
            break;
          idx[j] = 0;
        }
    }
  f->coord_of = t;
  f->coord_nslot = t->nslot;
  memcpy (f->coord_n, t->n, sizeof f->coord_n);
}

/* Make the coordinate table valid for T: slot indices depend only on the slot sizes. */
static void
ensure_coords (gp_fabric *f, const mr_torus *t)
{
  if (f->coord_nslot == t->nslot && memcmp (f->coord_n, t->n, sizeof f->coord_n) == 0)
    f->coord_of = t;
  else
    coords_for (f, t);
}

static long
route_cube (gp_fabric *f, long a, long b, bool count)
{
  long hops = 0, node = a, diff = a ^ b;
  for (int i = 0; i < f->bits; i++)
    if (diff & (1L << i))
      {
        if (count)
          bump (f, node, i, 1.0);
        node ^= 1L << i;
        hops++;
      }
  return hops;
}

/* Grouped mesh ports: 0..g-2 inside the group (to position q at port q < pos ? q : q - 1),
 * then inter-group port 2(o-1) to group +o and 2(o-1) + 1 to group -o (same position). */
static long
mesh_inter_half (const gp_fabric *f)
{
  if (f->groups <= 2)
    return f->groups == 2 ? 1 : 0;
  long m = f->h / 2, lim = (f->groups - 1) / 2;
  return m < lim ? m : (f->groups % 2 == 0 ? f->groups / 2 : lim);
}

static long
route_mesh (gp_fabric *f, long a, long b, bool count)
{
  long g = f->g, G = f->groups, hops = 0;
  long ga = a / g, pa = a % g, gb = b / g, pb = b % g;
  long node = a;
  if (ga != gb)
    {
      long m = mesh_inter_half (f);
      long delta = ((gb - ga) % G + G) % G;
      int dir = (G == 2 || delta <= G - delta) ? 0 : 1;
      long rem = dir == 0 ? delta : G - delta;
      while (rem > 0)
        {
          long o = rem < m ? rem : m;
          long port = (g - 1) + (G == 2 ? 0 : 2 * (o - 1) + dir);
          if (count)
            bump (f, node, port, 1.0);
          long gc = node / g;
          gc = dir == 0 ? (gc + o) % G : (gc - o + G) % G;
          node = gc * g + pa;
          rem -= o;
          hops++;
        }
    }
  if (pa != pb)
    {
      long pos = node % g;
      if (count)
        bump (f, node, pb < pos ? pb : pb - 1, 1.0);
      hops++;
    }
  return hops;
}

/* Neighbour of U through PORT on the physical graph, -1 if none. */
static long
phys_neighbour (const gp_fabric *f, long u, long port)
{
  switch (f->gkind)
    {
    case G_TORUS:
      {
        const mr_torus *t = &f->phys;
        int d = (int) (port / 2);
        if (d >= t->ndim)
          return -1;
        long idx[MR_SLOTS];
        mr_decompose (t, u, idx);
        long k = t->msize[d], v = mr_dim_value (t, d, idx);
        v = port % 2 == 0 ? (v + 1) % k : (v + k - 1) % k;
        mr_dim_set (t, d, v, idx);
        return mr_compose (t, idx);
      }
    case G_CUBE:
      return port < f->bits ? u ^ (1L << port) : -1;
    case G_MESH:
      {
        long g = f->g, pos = u % g, grp = u / g;
        if (port < g - 1)
          return grp * g + (port < pos ? port : port + 1);
        long j = port - (g - 1);
        long m = mesh_inter_half (f);
        if (f->groups == 2)
          return j == 0 ? ((grp + 1) % 2) * g + pos : -1;
        if (j >= 2 * m)
          return -1;
        long o = j / 2 + 1;
        long gg = j % 2 == 0 ? (grp + o) % f->groups : (grp - o + f->groups) % f->groups;
        return gg * g + pos;
      }
    case G_MAP:
      {
        long deg = f->adj_off[u + 1] - f->adj_off[u];
        return port < deg ? f->adj[f->adj_off[u] + port] : -1;
      }
    default:
      return -1;
    }
}

/* Breadth-first search from A on the physical graph, skipping the link (SKIP_U, SKIP_P)
 * and its reverse; stops at B (B < 0: visits everything). Returns the distance to B (or
 * the number of nodes reached when B < 0); -1 if B is unreachable. Parents kept for
 * route_map. */
static long
bfs (gp_fabric *f, long a, long b, long skip_u, long skip_v)
{
  f->mcur++;
  if (f->mcur == 0)
    {
      memset (f->mark, 0, sizeof *f->mark * (size_t) f->n);
      f->mcur = 1;
    }
  long head = 0, tail = 0;
  f->q[tail++] = a;
  f->mark[a] = f->mcur;
  f->par[a] = -1;
  while (head < tail)
    {
      long u = f->q[head++];
      if (u == b)
        break;
      for (long port = 0; port < f->pstride; port++)
        {
          long v = phys_neighbour (f, u, port);
          if (v < 0)
            continue;
          if ((u == skip_u && v == skip_v) || (u == skip_v && v == skip_u))
            continue;
          if (f->mark[v] == f->mcur)
            continue;
          f->mark[v] = f->mcur;
          f->par[v] = u;
          f->parport[v] = (int) port;
          f->q[tail++] = v;
        }
    }
  if (b < 0)
    return tail;
  if (f->mark[b] != f->mcur)
    return -1;
  long hops = 0;
  for (long v = b; v != a; v = f->par[v])
    hops++;
  return hops;
}

static long
route_map (gp_fabric *f, long a, long b, bool count)
{
  long hops = bfs (f, a, b, -1, -1);
  if (count)
    for (long v = b; v != a; v = f->par[v])
      bump (f, f->par[v], f->parport[v], 1.0);
  return hops;
}

/* Fill perm from the placement's digit parts (O(N x parts)); only a routed family needs it. */
static void
perm_fill (gp_fabric *f)
{
  const mr_torus *t = &f->phys;
  long idx[MR_SLOTS] = { 0 };
  for (long a = 0; a < f->n; a++)
    {
      long x[MR_SLOTS] = { 0 }, q[MR_SLOTS];
      for (int k = 0; k < MR_SLOTS; k++)
        q[k] = idx[k];
      for (int i = 0; i < f->ntpart; i++)
        {
          const struct fabric_part *pt = &f->tpart[i];
          long dgt = q[pt->slot] % pt->g;
          q[pt->slot] /= pt->g;
          x[pt->dim] += dgt * pt->stride;
        }
      long node = 0;
      for (int j = 0; j < t->nslot; j++)
        node += x[j] * t->rs[j];
      f->perm[a] = node;
      for (int k = 0; k < MR_SLOTS; k++)
        {
          if (++idx[k] < f->perm_for[k])
            break;
          idx[k] = 0;
        }
    }
  f->perm_filled = true;
}

void
gp_fabric_set_routed (gp_fabric *f, bool on)
{
  f->routed_only = on;
}

void
gp_fabric_path_counts (const gp_fabric *f, long *closed, long *routed)
{
  *closed = f->n_closed;
  *routed = f->n_routed;
}

static long
route (gp_fabric *f, long a, long b, bool count)
{
  if (f->use_perm && f->tor == NULL)
    a = f->perm[a], b = f->perm[b];
  if (a == b)
    return 0;
  if (f->tor != NULL)
    return route_torus (f, f->tor, a, b, count);
  switch (f->gkind)
    {
    case G_CUBE: return route_cube (f, a, b, count);
    case G_MESH: return route_mesh (f, a, b, count);
    case G_MAP: return route_map (f, a, b, count);
    default: return route_torus (f, &f->phys, a, b, count);
    }
}

/* ---- Building ---- */

static bool
is_pow2 (long n)
{
  return n > 0 && (n & (n - 1)) == 0;
}

static gp_status
build_map (gp_fabric *f, gp_error *err)
{
  const gp_fabric_params *p = &f->p;
  long n = f->n;
  if (p->map_links < 1 || p->map_from == NULL || p->map_to == NULL)
    return gp_error_set (err, GP_EINVAL, "port_map",
                         "port_map: a port_map fabric needs at least one link");
  f->adj_off = calloc ((size_t) n + 1, sizeof *f->adj_off);
  f->adj = malloc (sizeof *f->adj * (size_t) (2 * p->map_links));
  if (!f->adj_off || !f->adj)
    return gp_error_set (err, GP_ENOMEM, "port_map", "port_map: out of memory");
  for (long i = 0; i < p->map_links; i++)
    {
      long a = p->map_from[i], b = p->map_to[i];
      if (a < 0 || a >= n || b < 0 || b >= n)
        return gp_error_set (err, GP_EINVAL, "port_map",
                             "port_map[%ld] = {%ld, %ld} references accelerator %ld, which "
                             "does not exist: allowed [0, %ld]", i + 1, a, b,
                             (a < 0 || a >= n) ? a : b, n - 1);
      if (a == b)
        return gp_error_set (err, GP_EINVAL, "port_map",
                             "port_map[%ld] joins accelerator %ld to itself", i + 1, a);
      f->adj_off[a + 1]++;
      f->adj_off[b + 1]++;
    }
  long maxdeg = 0;
  for (long u = 0; u < n; u++)
    {
      long deg = f->adj_off[u + 1];
      if (deg > p->ports_per_accel)
        return gp_error_set (err, GP_EINVAL, "ports_per_accel",
                             "port_map gives accelerator %ld %ld links, above "
                             "ports_per_accel = %ld", u, deg, p->ports_per_accel);
      if (deg > maxdeg)
        maxdeg = deg;
      f->adj_off[u + 1] += f->adj_off[u];
    }
  long *fill = calloc ((size_t) n, sizeof *fill);
  if (!fill)
    return gp_error_set (err, GP_ENOMEM, "port_map", "port_map: out of memory");
  for (long i = 0; i < p->map_links; i++)
    {
      long a = p->map_from[i], b = p->map_to[i];
      f->adj[f->adj_off[a] + fill[a]++] = b;
      f->adj[f->adj_off[b] + fill[b]++] = a;
    }
  free (fill);
  f->pstride = maxdeg;
  return GP_OK;
}

static gp_status
alloc_work (gp_fabric *f, gp_error *err)
{
  /* circuit fabrics route on a logical torus of up to 2 x MR_SLOTS ports per node */
  if (f->p.shape == GP_FABRIC_CIRCUIT)
    f->pstride = 2 * MR_SLOTS;
  if (f->pstride < 1)
    f->pstride = 1;
  size_t links = (size_t) f->n * (size_t) f->pstride;
  f->cnt = calloc (links, sizeof *f->cnt);
  f->q = malloc (sizeof *f->q * (size_t) f->n);
  f->par = malloc (sizeof *f->par * (size_t) f->n);
  f->parport = malloc (sizeof *f->parport * (size_t) f->n);
  f->mark = calloc ((size_t) f->n, sizeof *f->mark);
  f->coord = malloc (sizeof *f->coord * (size_t) f->n * MR_SLOTS);
  f->perm = malloc (sizeof *f->perm * (size_t) f->n);
  f->prof = calloc (5 * (size_t) f->n, sizeof *f->prof);
  f->mtab = malloc (sizeof *f->mtab * 2 * (size_t) f->n);
  if (!f->prof || !f->mtab || !f->perm || !f->cnt || !f->q || !f->par || !f->parport || !f->mark || !f->coord)
    return gp_error_set (err, GP_ENOMEM, "accelerators",
                         "accelerators = %ld: out of memory for the fabric workspace", f->n);
  return GP_OK;
}

void
gp_fabric_free (gp_fabric *f)
{
  if (f == NULL)
    return;
  free (f->adj_off);
  free (f->adj);
  free (f->cnt);
  free (f->q);
  free (f->par);
  free (f->parport);
  free (f->mark);
  free (f->coord);
  free (f->perm);
  free (f->prof);
  free (f->mtab);
  free (f);
}

static void
torus_single (mr_torus *t, int nslot, const long *sizes)
{
  memset (t, 0, sizeof *t);
  long rs = 1;
  t->nslot = nslot;
  for (int j = 0; j < nslot; j++)
    {
      t->n[j] = sizes[j];
      t->rs[j] = rs;
      rs *= sizes[j];
      if (sizes[j] > 1)
        {
          int d = t->ndim++;
          t->mask[d] = 1u << j;
          t->msize[d] = sizes[j];
          t->mult[d] = 1.0;
        }
    }
  gp_fabric_mr_finish (t);
}

gp_status
gp_fabric_new (const gp_fabric_params *p, gp_fabric **out, gp_error *err)
{
  if (out == NULL || p == NULL)
    return gp_error_set (err, GP_EINVAL, "fabric", "fabric: parameters and output must not be NULL");
  *out = NULL;
  GP_TRY (gp_params_validate (&gp_fabric_param_table, p, err));
  gp_fabric *f = calloc (1, sizeof *f);
  if (f == NULL)
    return gp_error_set (err, GP_ENOMEM, "fabric", "fabric: out of memory");
  f->p = *p;
  f->n = p->accelerators;
  long n = f->n, d = p->ports_per_accel, need = 0;
  gp_status rc = GP_OK;

  switch ((gp_fabric_shape) p->shape)
    {
    case GP_FABRIC_RING:
      {
        f->gkind = G_TORUS;
        torus_single (&f->phys, 1, &n);
        need = n > 2 ? 2 : (n == 2 ? 1 : 0);
        f->pstride = 2;
        break;
      }
    case GP_FABRIC_TORUS:
      {
        long dims[3] = { p->torus_x, p->torus_y, p->torus_z };
        double prod = (double) dims[0] * (double) dims[1] * (double) dims[2];
        if (prod != (double) n)
          {
            rc = gp_error_set (err, GP_EINVAL, "torus_x",
                               "torus_x x torus_y x torus_z = %ld x %ld x %ld = %.0f must "
                               "equal accelerators = %ld", dims[0], dims[1], dims[2], prod, n);
            break;
          }
        f->gkind = G_TORUS;
        torus_single (&f->phys, 3, dims);
        need = 2L * f->phys.ndim;
        f->pstride = need;
        break;
      }
    case GP_FABRIC_HYPERCUBE:
      if (!is_pow2 (n))
        {
          rc = gp_error_set (err, GP_EINVAL, "accelerators",
                             "a hypercube needs a power-of-two accelerator count: "
                             "accelerators = %ld", n);
          break;
        }
      f->gkind = G_CUBE;
      while ((1L << f->bits) < n)
        f->bits++;
      need = f->bits;
      f->pstride = f->bits;
      break;
    case GP_FABRIC_GROUPED_MESH:
      {
        long g = p->mesh_group_accels;
        if (g > n || n % g != 0)
          {
            rc = gp_error_set (err, GP_EINVAL, "mesh_group_accels",
                               "accelerators = %ld is not a multiple of mesh_group_accels = %ld",
                               n, g);
            break;
          }
        f->gkind = G_MESH;
        f->g = g;
        f->groups = n / g;
        f->h = d - (g - 1);
        if (f->groups > 1 && f->h < 1)
          {
            rc = gp_error_set (err, GP_EINVAL, "ports_per_accel",
                               "ports_per_accel = %ld leaves no port between groups: a full "
                               "mesh of %ld takes %ld ports", d, g, g - 1);
            break;
          }
        if (f->groups > 2 && f->h % 2 != 0 && f->h / 2 < (f->groups - 1) / 2)
          f->h -= 1; /* an odd port has no partner group: left unwired */
        if (f->groups > 2 && f->h < 2)
          {
            rc = gp_error_set (err, GP_EINVAL, "ports_per_accel",
                               "ports_per_accel = %ld: joining %ld groups in a ring takes 2 "
                               "ports beyond the %ld of the mesh", d, f->groups, g - 1);
            break;
          }
        need = (g - 1) + (f->groups == 1 ? 0 : (f->groups == 2 ? 1 : 2 * mesh_inter_half (f)));
        f->pstride = need > 0 ? need : 1;
        break;
      }
    case GP_FABRIC_PORT_MAP:
      f->gkind = G_MAP;
      rc = build_map (f, err);
      need = 0;
      break;
    case GP_FABRIC_CIRCUIT:
      if (n > p->switch_ports)
        {
          rc = gp_error_set (err, GP_EINVAL, "switch_ports",
                             "a circuit fabric puts port k of every accelerator on switch "
                             "plane k: accelerators = %ld need %ld circuits' ends per plane, "
                             "above switch_ports = %ld", n, n, p->switch_ports);
          break;
        }
      if (n > 2 && d < 2)
        {
          rc = gp_error_set (err, GP_EINVAL, "ports_per_accel",
                             "ports_per_accel = %ld: circuits joining %ld accelerators need "
                             "at least 2 ports each (a ring)", d, n);
          break;
        }
      f->gkind = G_TORUS;
      f->pstride = 2 * MR_SLOTS;
      need = d;
      break;
    case GP_FABRIC_SHAPE_N:
    default:
      rc = gp_error_set (err, GP_EINVAL, "shape", "shape = %d is unknown", p->shape);
    }
  if (rc == GP_OK && need > d)
    rc = gp_error_set (err, GP_EINVAL, "ports_per_accel",
                       "ports_per_accel = %ld is below the %ld ports a %s of %ld "
                       "accelerators needs", d, need, gp_fabric_shape_names[p->shape], n);
  if (rc == GP_OK)
    rc = alloc_work (f, err);
  if (rc == GP_OK && f->gkind == G_MAP)
    {
      long reached = bfs (f, 0, -1, -1, -1);
      if (reached < n)
        {
          long lost = 0;
          while (lost < n && f->mark[lost] == f->mcur)
            lost++;
          rc = gp_error_set (err, GP_EINVAL, "port_map",
                             "port_map leaves the fabric disconnected: accelerator %ld cannot "
                             "be reached from accelerator 0 (%ld of %ld reachable)", lost,
                             reached, n);
        }
    }
  if (rc != GP_OK)
    {
      gp_fabric_free (f);
      return rc;
    }
  *out = f;
  return GP_OK;
}

/* ---- One group family placed ---- */

double
gp_fabric_rate_bytes (const gp_fabric *f)
{
  return f->p.port_rate_gbps * 1e9 / 8.0;
}

static long
ports_needed (int pattern, long n)
{
  if (n < 2)
    return 0;
  if (pattern == GP_PATTERN_ALL_TO_ALL)
    return n - 1;
  return n == 2 ? 1 : 2;
}

static void family_finish (const gp_fabric *f, int pattern, long n, double hsum,
                           double flows, long hmax, gp_fabric_group *g);

/* Every group of N ranks at STRIDE (PATTERN): closed form where it applies, else every flow
 * routed; fill G. */
void
gp_fabric_route_family (gp_fabric *f, int pattern, long n, long s, gp_fabric_group *g)
{
  memset (g, 0, sizeof *g);
  g->size = n;
  g->stride = s;
  g->pattern = pattern;
  if (n < 2)
    return;
  g->ports_needed = ports_needed (pattern, n);
  double hsum = 0, flows = 0;
  long hmax = 0;
  if (gp_fabric_closed_family (f, pattern, n, s, &hsum, &flows, &hmax, &f->maxload))
    {
      f->n_closed++;
      family_finish (f, pattern, n, hsum, flows, hmax, g);
      return;
    }
  if (!f->routed_only)
    f->n_routed++;
  if (f->use_perm && f->tor == NULL && !f->perm_filled)
    perm_fill (f);
  const mr_torus *tt = f->tor ? f->tor : (f->gkind == G_TORUS ? &f->phys : NULL);
  if (tt != NULL)
    ensure_coords (f, tt);
  f->cur++;
  if (f->cur == 0)
    {
      memset (f->cnt, 0, sizeof *f->cnt * (size_t) f->n * (size_t) f->pstride);
      f->cur = 1;
    }
  f->maxload = 0;
  long i = 0, within = 0; /* i = (a / s) % n, kept without dividing */
  for (long a = 0; a < f->n; a++, within == s - 1 ? (within = 0, i = i == n - 1 ? 0 : i + 1)
                                                  : within++)
    {
      long h;
      switch (pattern)
        {
        case GP_PATTERN_RING:
          h = route (f, a, i == n - 1 ? a - (n - 1) * s : a + s, true);
          hsum += (double) h, flows++, hmax = h > hmax ? h : hmax;
          h = route (f, a, i == 0 ? a + (n - 1) * s : a - s, true);
          hsum += (double) h, flows++, hmax = h > hmax ? h : hmax;
          break;
        case GP_PATTERN_CHAIN:
          if (i < n - 1)
            {
              h = route (f, a, a + s, true);
              hsum += (double) h, flows++, hmax = h > hmax ? h : hmax;
            }
          break;
        default:
          for (long j = 0; j < n; j++)
            if (j != i)
              {
                h = route (f, a, a + (j - i) * s, true);
                hsum += (double) h, flows++, hmax = h > hmax ? h : hmax;
              }
        }
    }
  family_finish (f, pattern, n, hsum, flows, hmax, g);
}

/* The group's figures from its flows' hops and the busiest link (F->maxload). */
static void
family_finish (const gp_fabric *f, int pattern, long n, double hsum, double flows, long hmax,
               gp_fabric_group *g)
{
  double r = gp_fabric_rate_bytes (f), L = f->maxload > 0 ? f->maxload : 1.0;
  g->max_link_load = f->maxload;
  g->hops_avg = flows > 0 ? hsum / flows : 0;
  g->hops_max = (double) hmax;
  g->multi_hop = hmax > 1;
  g->bw_bytes_per_s = pattern == GP_PATTERN_RING ? 2.0 * r / L
                      : pattern == GP_PATTERN_CHAIN ? r / L
                                                    : (double) (n - 1) * r / L;
  double hm = (double) hmax;
  g->latency_s = 1e-9 * (f->p.endpoint_latency_ns + hm * f->p.link_latency_ns
                         + fmax (hm - 1.0, 0.0) * f->p.forward_latency_ns);
}

/* ---- Whole-fabric figures ---- */

static double
ring_mean (long k)
{
  double kk = (double) k;
  return (k % 2 == 0) ? kk / 4.0 : (kk * kk - 1.0) / (4.0 * kk);
}

gp_status
gp_fabric_eval (gp_fabric *f, gp_fabric_result *out, gp_error *err)
{
  (void) err;
  memset (out, 0, sizeof *out);
  const gp_fabric_params *p = &f->p;
  long n = f->n;
  double used = 0, diam = 0, avg = 0, bis = 0, r = p->port_rate_gbps;
  switch (f->gkind)
    {
    case G_TORUS:
      if (p->shape == GP_FABRIC_CIRCUIT)
        {
          used = (double) p->ports_per_accel;
          diam = 1; /* any pair can be given a circuit */
          avg = 1;
          bis = used * r;
          break;
        }
      {
        long kmax = 1;
        for (int d = 0; d < f->phys.ndim; d++)
          {
            long k = f->phys.msize[d];
            used += 2;
            avg += ring_mean (k);
            diam += (double) (k / 2);
            kmax = k > kmax ? k : kmax;
          }
        if (n == 2)
          used = 1;
        avg = n > 1 ? avg * (double) n / (double) (n - 1) : 0;
        bis = 4.0 * r / (double) kmax; /* 2 N / k_max links across, both ways */
        if (n <= 2)
          bis = used * r;
      }
      break;
    case G_CUBE:
      used = f->bits;
      diam = f->bits;
      avg = n > 1 ? (double) f->bits / 2.0 * (double) n / (double) (n - 1) : 0;
      bis = r; /* N/2 links across the bisection, one per accelerator on each side */
      break;
    case G_MESH:
    case G_MAP:
      {
        if (f->gkind == G_MESH)
          used = (double) (f->g - 1)
                 + (f->groups == 1 ? 0 : (f->groups == 2 ? 1 : 2 * mesh_inter_half (f)));
        else
          used = (double) f->adj_off[n] / (double) n;
        long src = n < 64 ? n : 64;
        double sum = 0;
        long pairs = 0;
        for (long a = 0; a < src; a++)
          {
            long s = a * (n / src);
            bfs (f, s, -1, -1, -1);
            /* distances by walking parents: BFS order gives nondecreasing distances */
            for (long i = 1; i < n; i++)
              {
                long v = f->q[i], h = 0;
                for (long w = v; w != s; w = f->par[w])
                  h++;
                sum += (double) h;
                pairs++;
                if ((double) h > diam)
                  diam = (double) h;
              }
          }
        avg = pairs > 0 ? sum / (double) pairs : 0;
        if (f->gkind == G_MESH)
          {
            /* one group: (g/2)^2 links across the cut for g/2 accelerators a side; several:
             * the circulant of groups cut in half, about 2 x m(m+1)/2 x g links each way
             * (offsets 1..m) for N/2 accelerators (m = inter-group offsets used) */
            double m = (double) mesh_inter_half (f), G = (double) f->groups;
            bis = f->groups == 1 ? (double) (f->g / 2) * r
                                 : m * (m + 1.0) * (double) f->g * r / ((double) n / 2.0);
            if (f->groups == 2)
              bis = r;
            (void) G;
          }
        else
          bis = 0; /* unknown for an arbitrary map */
      }
      break;
    default:
      break;
    }
  out->ports_used_per_accel = used;
  out->diameter_hops = diam;
  out->hops_avg = avg;
  out->bisection_gbps = bis;
  out->link_ends = (long) llround (used * (double) n);
  bool circuit = p->shape == GP_FABRIC_CIRCUIT;
  out->links = circuit ? out->link_ends : out->link_ends / 2;
  out->switches = circuit ? p->ports_per_accel : 0;
  out->switch_ports = circuit ? n * p->ports_per_accel : 0;
  gp_fabric_price (p, out);
  return GP_OK;
}

void
gp_fabric_price (const gp_fabric_params *p, gp_fabric_result *out)
{
  double r = p->port_rate_gbps, n = (double) p->accelerators;
  out->transceivers_usd = (double) out->link_ends * p->transceiver_cost_usd;
  out->waveguides_usd = (double) out->links * p->waveguide_cost_usd;
  out->switch_ports_usd = (double) out->switch_ports * p->switch_port_cost_usd;
  out->glass_usd = n * p->glass_cost_usd_per_accel;
  out->cost_usd = out->transceivers_usd + out->waveguides_usd + out->switch_ports_usd
                  + out->glass_usd;
  out->links_w = (double) out->link_ends * r * p->energy_pj_per_bit * 1e-3;
  out->switches_w = (double) out->switch_ports * p->switch_port_power_w;
  out->power_w = out->links_w + out->switches_w;
  out->switch_ports_kg = (double) out->switch_ports * p->switch_port_kgco2e;
  out->glass_kg = n * p->glass_kgco2e_per_accel;
  out->embodied_kg = out->switch_ports_kg + out->glass_kg;
}

/* ---- Failures ---- */

gp_status
gp_fabric_fail_port (gp_fabric *f, long accel, long port, gp_fabric_failure *out,
                     gp_error *err)
{
  if (accel < 0 || accel >= f->n)
    return gp_error_set (err, GP_EINVAL, "accel", "accel = %ld is out of range: allowed [0, %ld]",
                         accel, f->n - 1);
  const gp_fabric_params *p = &f->p;
  memset (out, 0, sizeof *out);
  if (p->shape == GP_FABRIC_CIRCUIT)
    {
      if (port < 0 || port >= p->ports_per_accel)
        return gp_error_set (err, GP_EINVAL, "port", "port = %ld is out of range: allowed "
                             "[0, %ld]", port, p->ports_per_accel - 1);
      double d = (double) p->ports_per_accel;
      out->peer = -1;
      /* the circuits are re-laid on the d - 1 ports left: a ring needs 2 */
      bool cut = p->ports_per_accel - 1 < 2 && f->n > 2;
      out->disconnected_accels = cut ? 1 : 0;
      out->detour_hops = cut ? 0.0 : 1.0; /* a new circuit on another port; none if cut */
      out->bw_share_left = (d - 1.0) / d;
      out->blast_radius_accel = (double) out->disconnected_accels;
      out->equivalent_accel_lost = (double) out->disconnected_accels + 1.0 / d;
      return GP_OK;
    }
  long peer = port >= 0 && port < f->pstride ? phys_neighbour (f, accel, port) : -1;
  if (peer < 0)
    return gp_error_set (err, GP_EINVAL, "port",
                         "port = %ld of accelerator %ld is not wired in this %s", port, accel,
                         gp_fabric_shape_names[p->shape]);
  out->peer = peer;
  long hops = bfs (f, accel, peer, accel, peer);
  /* ports actually wired at the two ends */
  long used = 0;
  for (long q = 0; q < f->pstride; q++)
    if (phys_neighbour (f, accel, q) >= 0)
      used++;
  double pu = (double) used;
  if (hops < 0)
    {
      long reached = bfs (f, accel, -1, accel, peer);
      long lost = reached < f->n - reached ? reached : f->n - reached;
      out->disconnected_accels = lost;
      out->detour_hops = 0;
    }
  else
    out->detour_hops = (double) hops;
  out->bw_share_left = pu > 0 ? (pu - 1.0) / pu : 0.0;
  out->blast_radius_accel = (double) out->disconnected_accels;
  out->equivalent_accel_lost = (double) out->disconnected_accels + (pu > 0 ? 2.0 / pu : 0.0);
  return GP_OK;
}
