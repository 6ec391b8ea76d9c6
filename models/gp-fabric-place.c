/* gp-fabric-place.c: a plan's groups on a glass fabric: circuits chosen for circuit
 * fabrics (TopoOpt), ranks placed on tori, every group routed (gp-fabric.c), and the levels
 * the step-time model reads. Equations in gp-fabric.h. */
#include "gp-fabric.h"
#include "gp-fabric-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Plans ---- */

typedef struct {
  long n[GP_FG_N], s[GP_FG_N];
  int pattern[GP_FG_N];
  long slot_n[MR_SLOTS];      /* TP, CP, PP, EP, DP/EP */
} plan_shape;

static gp_status
plan_check (const gp_fabric *f, const gp_fabric_plan *pl, plan_shape *ps, gp_error *err)
{
  const long deg[GP_FG_N] = { pl->tp, pl->cp, pl->pp, pl->ep, pl->dp };
  for (int k = 0; k < GP_FG_N; k++)
    if (deg[k] < 1)
      return gp_error_set (err, GP_EINVAL, gp_fabric_group_names[k],
                           "%s = %ld is out of range: allowed [1, %ld]",
                           gp_fabric_group_names[k], deg[k], f->n);
  double prod = (double) pl->dp * (double) pl->tp * (double) pl->pp * (double) pl->cp;
  if (prod != (double) f->n)
    return gp_error_set (err, GP_EINVAL, "dp",
                         "dp x tp x pp x cp = %ld x %ld x %ld x %ld = %.0f must equal the "
                         "fabric's accelerators = %ld", pl->dp, pl->tp, pl->pp, pl->cp, prod,
                         f->n);
  if (pl->dp % pl->ep != 0)
    return gp_error_set (err, GP_EINVAL, "ep", "ep = %ld must divide dp = %ld", pl->ep, pl->dp);
  for (int k = 0; k < GP_FG_N; k++)
    if (!(pl->volume_bytes[k] >= 0) || !isfinite (pl->volume_bytes[k]))
      return gp_error_set (err, GP_EINVAL, "volume_bytes",
                           "volume_bytes[%s] = %g is out of range: allowed [0, inf) bytes",
                           gp_fabric_group_names[k], pl->volume_bytes[k]);
  if ((double) f->n * (double) (pl->ep - 1) > 4e8)
    return gp_error_set (err, GP_ERANGE, "ep",
                         "ep = %ld on %ld accelerators is %.3g all-to-all flows to route: "
                         "allowed up to 4e8", pl->ep, f->n,
                         (double) f->n * (double) (pl->ep - 1));
  long inner = pl->tp * pl->cp * pl->pp;
  ps->n[GP_FG_TP] = pl->tp, ps->s[GP_FG_TP] = 1;
  ps->n[GP_FG_CP] = pl->cp, ps->s[GP_FG_CP] = pl->tp;
  ps->n[GP_FG_PP] = pl->pp, ps->s[GP_FG_PP] = pl->tp * pl->cp;
  ps->n[GP_FG_EP] = pl->ep, ps->s[GP_FG_EP] = inner;
  ps->n[GP_FG_DP] = pl->dp, ps->s[GP_FG_DP] = inner;
  for (int k = 0; k < GP_FG_N; k++)
    ps->pattern[k] = k == GP_FG_PP ? GP_PATTERN_CHAIN
                     : k == GP_FG_EP ? GP_PATTERN_ALL_TO_ALL : GP_PATTERN_RING;
  ps->slot_n[0] = pl->tp, ps->slot_n[1] = pl->cp, ps->slot_n[2] = pl->pp;
  ps->slot_n[3] = pl->ep, ps->slot_n[4] = pl->dp / pl->ep;
  return GP_OK;
}

static double
weight (const gp_fabric_plan *pl, int k)
{
  double sum = 0;
  for (int j = 0; j < GP_FG_N; j++)
    sum += pl->volume_bytes[j];
  return sum > 0 ? pl->volume_bytes[k] : 1.0;
}

/* The slot whose rings carry group K (DP: its outer part, or EP's when dp = ep). */
static int
group_slot (const plan_shape *ps, int k)
{
  if (k == GP_FG_DP)
    return ps->slot_n[4] > 1 ? 4 : 3;
  return k; /* TP, CP, PP, EP are slots 0..3 */
}

static double
lring (long n)
{
  double l = 0;
  for (long h = 1; 2 * h < n; h++)
    l += (double) h;
  if (n % 2 == 0)
    l += (double) (n / 2);
  return l;
}

/* Closed-form bandwidth (units of r) of group K under circuits C (gp-fabric.h). */
static double
circuit_bw_units (const plan_shape *ps, const gp_fabric_circuits *c, int k)
{
  int slot = group_slot (ps, k);
  long n = ps->n[k];
  int pat = ps->pattern[k];
  double x, s = 1.0;
  bool outer = true;
  if (c->merged_mask & (1u << slot))
    {
      x = (double) c->merged_rings;
      double m = 1.0;
      for (int j = 0; j < MR_SLOTS; j++)
        if (c->merged_mask & (1u << j))
          {
            if (j == slot)
              s = m;
            if (j > slot && ps->slot_n[j] > 1)
              outer = false;
            m *= (double) ps->slot_n[j];
          }
    }
  else
    x = (double) c->rings[slot == 4 ? GP_FG_DP : slot];
  if (x <= 0)
    return 0;
  if (pat == GP_PATTERN_RING)
    return (outer ? 2.0 : 1.0) * x / s;
  if (pat == GP_PATTERN_CHAIN)
    return x / s;
  return (double) (n - 1) * x / (s * lring (n));
}

static double
circuits_objective (const gp_fabric *f, const gp_fabric_plan *pl, const plan_shape *ps,
                    const gp_fabric_circuits *c)
{
  double r = gp_fabric_rate_bytes (f), t = 0;
  for (int k = 0; k < GP_FG_N; k++)
    {
      if (ps->n[k] < 2)
        continue;
      double bw;
      if (c->mode == GP_CIRCUITS_PER_PHASE && k == GP_FG_DP)
        bw = 2.0 * (double) c->dp_phase_rings * r;
      else
        bw = circuit_bw_units (ps, c, k) * r;
      if (bw <= 0)
        return INFINITY;
      t += weight (pl, k) / bw;
    }
  if (c->mode == GP_CIRCUITS_PER_PHASE)
    t += 2.0 * f->p.reconfig_ms * 1e-3;
  return t;
}

/* Best circuits for the slots in ACTIVE (bit j) using RINGS rings: every merged subset,
 * then rings by greedy marginal gain (each slot's cost is C_j / x_j, convex and separable,
 * and every ring costs 2 ports, so greedy is exact). */
static double
choose_for (const gp_fabric *f, const gp_fabric_plan *pl, const plan_shape *ps,
            unsigned active, long rings, int mode, long dp_rings, gp_fabric_circuits *best)
{
  double best_t = INFINITY;
  for (unsigned m = 0; m < (1u << MR_SLOTS); m++)
    {
      if ((m & ~active) != 0)
        continue;
      int nm = __builtin_popcount (m);
      if (nm == 1)
        continue;
      int nown = __builtin_popcount (active & ~m);
      long need = nown + (nm > 0 ? 1 : 0);
      if (need > rings)
        continue;
      gp_fabric_circuits c;
      memset (&c, 0, sizeof c);
      c.mode = mode;
      c.dp_phase_rings = dp_rings;
      c.merged_mask = m;
      c.merged_rings = nm > 0 ? 1 : 0;
      for (int j = 0; j < MR_SLOTS; j++)
        if ((active & ~m) & (1u << j))
          c.rings[j == 4 ? GP_FG_DP : j] = 1;
      for (long left = rings - need; left > 0; left--)
        {
          /* give one more ring where the objective falls most */
          double bt = INFINITY;
          gp_fabric_circuits bc = c;
          for (int j = -1; j < MR_SLOTS; j++)
            {
              gp_fabric_circuits t = c;
              if (j < 0)
                {
                  if (nm == 0)
                    continue;
                  t.merged_rings++;
                }
              else
                {
                  if (!((active & ~m) & (1u << j)))
                    continue;
                  t.rings[j == 4 ? GP_FG_DP : j]++;
                }
              double o = circuits_objective (f, pl, ps, &t);
              if (o < bt)
                bt = o, bc = t;
            }
          c = bc;
        }
      double o = circuits_objective (f, pl, ps, &c);
      if (o < best_t)
        best_t = o, *best = c;
    }
  return best_t;
}

static unsigned
active_slots (const plan_shape *ps, bool with_dp)
{
  unsigned a = 0;
  for (int j = 0; j < MR_SLOTS; j++)
    if (ps->slot_n[j] > 1 && (with_dp || j < 4))
      a |= 1u << j;
  return a;
}

gp_status
gp_fabric_choose_circuits (gp_fabric *f, const gp_fabric_plan *pl, gp_fabric_circuits *out,
                           gp_error *err)
{
  if (f->p.shape != GP_FABRIC_CIRCUIT)
    return gp_error_set (err, GP_EINVAL, "shape",
                         "circuits are chosen for circuit fabrics only, shape = %s",
                         gp_fabric_shape_names[f->p.shape]);
  plan_shape ps;
  GP_TRY (plan_check (f, pl, &ps, err));
  long rings = f->p.ports_per_accel / 2;
  memset (out, 0, sizeof *out);
  double tj = INFINITY, tp = INFINITY;
  gp_fabric_circuits cj, cp;
  memset (&cj, 0, sizeof cj);
  memset (&cp, 0, sizeof cp);
  int mode = f->p.circuit_mode;
  unsigned all = active_slots (&ps, true);
  if (mode != GP_CIRCUITS_PER_PHASE)
    tj = choose_for (f, pl, &ps, all, rings, GP_CIRCUITS_PER_JOB, 0, &cj);
  if (mode != GP_CIRCUITS_PER_JOB)
    {
      /* compute phase: TP, CP, PP and EP share every port; DP gets every port in its own
       * phase, as one ring through its ranks. EP's slot stays in the compute phase. */
      unsigned comp = all & ~(1u << 4);
      if (ps.n[GP_FG_EP] < 2)
        comp &= ~(1u << 3);
      if (comp == 0 && ps.n[GP_FG_DP] > 1)
        tp = INFINITY; /* nothing to switch between: per-job covers it */
      else
        tp = choose_for (f, pl, &ps, comp, rings, GP_CIRCUITS_PER_PHASE, rings, &cp);
    }
  if (!isfinite (tj) && !isfinite (tp))
    {
      if (all == 0)
        return GP_OK; /* one accelerator: nothing to connect */
      return gp_error_set (err, GP_EINVAL, "ports_per_accel",
                           "ports_per_accel = %ld cannot give this plan's groups a ring "
                           "each: it needs at least 2", f->p.ports_per_accel);
    }
  *out = tj <= tp ? cj : cp;
  return GP_OK;
}

/* The logical torus of circuits C for plan shape PS; DP_PHASE: the DP phase's ring. */
static void
circuit_torus (const plan_shape *ps, const gp_fabric_circuits *c, bool dp_phase, mr_torus *t)
{
  memset (t, 0, sizeof *t);
  t->nslot = MR_SLOTS;
  long rs = 1;
  for (int j = 0; j < MR_SLOTS; j++)
    {
      t->n[j] = ps->slot_n[j];
      t->rs[j] = rs;
      rs *= ps->slot_n[j];
    }
  if (dp_phase)
    {
      unsigned m = 0;
      long size = 1;
      for (int j = 3; j < MR_SLOTS; j++)
        if (ps->slot_n[j] > 1)
          m |= 1u << j, size *= ps->slot_n[j];
      if (m)
        {
          t->mask[0] = m;
          t->msize[0] = size;
          t->mult[0] = (double) c->dp_phase_rings;
          t->ndim = 1;
        }
      gp_fabric_mr_finish (t);
      return;
    }
  bool merged_done = false;
  for (int j = 0; j < MR_SLOTS; j++)
    {
      if (ps->slot_n[j] < 2)
        continue;
      if (c->merged_mask & (1u << j))
        {
          if (merged_done)
            continue;
          merged_done = true;
          int d = t->ndim++;
          t->mask[d] = c->merged_mask;
          long size = 1;
          for (int i = 0; i < MR_SLOTS; i++)
            if (c->merged_mask & (1u << i))
              size *= ps->slot_n[i];
          t->msize[d] = size;
          t->mult[d] = (double) c->merged_rings;
          continue;
        }
      long x = c->rings[j == 4 ? GP_FG_DP : j];
      if (x < 1)
        continue; /* no circuits (per-phase DP slot in the compute phase) */
      int d = t->ndim++;
      t->mask[d] = 1u << j;
      t->msize[d] = ps->slot_n[j];
      t->mult[d] = (double) x;
    }
  gp_fabric_mr_finish (t);
}

static gp_status
circuits_check (const gp_fabric *f, const plan_shape *ps, const gp_fabric_circuits *c,
                gp_error *err)
{
  long rings = c->merged_rings;
  for (int k = 0; k < GP_FG_N; k++)
    {
      if (c->rings[k] < 0)
        return gp_error_set (err, GP_EINVAL, "circuits",
                             "circuits: rings[%s] = %ld is negative", gp_fabric_group_names[k],
                             c->rings[k]);
      rings += c->rings[k];
    }
  if (c->mode != GP_CIRCUITS_PER_JOB && c->mode != GP_CIRCUITS_PER_PHASE)
    return gp_error_set (err, GP_EINVAL, "circuits", "circuits: mode = %d is unknown", c->mode);
  if (2 * rings > f->p.ports_per_accel
      || (c->mode == GP_CIRCUITS_PER_PHASE && 2 * c->dp_phase_rings > f->p.ports_per_accel))
    return gp_error_set (err, GP_EINVAL, "circuits",
                         "circuits: %ld rings take %ld ports per accelerator, above "
                         "ports_per_accel = %ld", rings, 2 * rings, f->p.ports_per_accel);
  for (int j = 0; j < MR_SLOTS; j++)
    {
      int k = j == 4 ? GP_FG_DP : j;
      bool active = ps->slot_n[j] > 1;
      bool merged = (c->merged_mask & (1u << j)) != 0;
      bool dp_phase_slot = c->mode == GP_CIRCUITS_PER_PHASE && j == 4;
      if (!active && (c->rings[k] > 0 || merged))
        return gp_error_set (err, GP_EINVAL, "circuits",
                             "circuits: %s has no group of 2 or more ranks in this plan",
                             gp_fabric_group_names[k]);
      if (active && !dp_phase_slot && !merged && c->rings[k] < 1
          && !(c->mode == GP_CIRCUITS_PER_PHASE && j == 3 && ps->n[GP_FG_EP] < 2))
        return gp_error_set (err, GP_EINVAL, "circuits",
                             "circuits: %s's groups get no ring (give it rings or merge it)",
                             gp_fabric_group_names[k]);
    }
  if (c->merged_mask && c->merged_rings < 1)
    return gp_error_set (err, GP_EINVAL, "circuits", "circuits: merged groups need a ring");
  return GP_OK;
}

static void
finish_placement (gp_fabric *f, const gp_fabric_plan *pl, gp_fabric_placement *out)
{
  out->ports_available = f->p.ports_per_accel;
  out->degree_needed = 0;
  out->multi_hop_mask = 0;
  double t = 0, r = gp_fabric_rate_bytes (f);
  (void) r;
  for (int k = 0; k < GP_FG_N; k++)
    {
      const gp_fabric_group *g = &out->group[k];
      if (g->size < 2)
        continue;
      out->degree_needed += g->ports_needed;
      if (g->multi_hop)
        out->multi_hop_mask |= 1u << k;
      t += weight (pl, k) / g->bw_bytes_per_s;
    }
  out->comm_estimate_s = t + out->reconfig_s_per_step;
}

static long
gcd_l (long a, long b)
{
  while (b != 0)
    {
      long t = a % b;
      a = b, b = t;
    }
  return a;
}

/* Placement on a ring or torus that keeps each group on as few dimensions as it can: the
 * plan's slots (TP, CP, PP, EP, rest of DP), innermost first, each take the torus
 * dimension whose remaining size they fill exactly, else the one sharing the largest
 * factor with them, splitting a slot over several dimensions when it must. A group then
 * moves along one dimension (a whole ring when it fills it) instead of wrapping across
 * rows. Keeps the placement as digit parts (the closed forms read them; the permutation is
 * filled from them only if a family must be routed). Returns false (identity placement)
 * when the sizes share no factors. */
static bool
torus_placement (gp_fabric *f, const plan_shape *ps)
{
  const mr_torus *t = &f->phys;
  enum { MAXP = (int) (sizeof f->tpart / sizeof f->tpart[0]) };
  long rem[MR_SLOTS], used[MR_SLOTS];
  struct fabric_part *part = f->tpart;
  int np = 0;
  f->ntpart = 0;
  for (int j = 0; j < t->nslot; j++)
    rem[j] = t->n[j], used[j] = 1;
  for (int k = 0; k < MR_SLOTS; k++)
    {
      long m = ps->slot_n[k];
      while (m > 1)
        {
          int best = -1;
          long bg = 1;
          for (int j = 0; j < t->nslot; j++)
            {
              long g = rem[j] == m ? m + 1 : gcd_l (m, rem[j]);
              if (g > bg)
                bg = g, best = j;
            }
          if (best < 0 || np == MAXP)
            return false;
          long g = gcd_l (m, rem[best]);
          part[np].slot = k, part[np].dim = best, part[np].g = g, part[np].stride = used[best];
          np++;
          used[best] *= g, rem[best] /= g, m /= g;
        }
    }
  f->ntpart = np;
  return true;
}

gp_status
gp_fabric_place_with (gp_fabric *f, const gp_fabric_plan *pl, const gp_fabric_circuits *c,
                      gp_fabric_placement *out, gp_error *err)
{
  plan_shape ps;
  GP_TRY (plan_check (f, pl, &ps, err));
  memset (out, 0, sizeof *out);
  if (f->p.shape == GP_FABRIC_CIRCUIT)
    {
      if (c == NULL)
        return gp_error_set (err, GP_EINVAL, "circuits", "circuits: a circuit fabric needs them");
      GP_TRY (circuits_check (f, &ps, c, err));
      out->circuits = *c;
      mr_torus comp, dpph;
      circuit_torus (&ps, c, false, &comp);
      circuit_torus (&ps, c, true, &dpph);
      for (int k = 0; k < GP_FG_N; k++)
        {
          bool dp_here = c->mode == GP_CIRCUITS_PER_PHASE && k == GP_FG_DP;
          f->tor = dp_here ? &dpph : &comp;
          gp_fabric_route_family (f, ps.pattern[k], ps.n[k], ps.s[k], &out->group[k]);
          if (ps.n[k] > 1)
            {
              int slot = group_slot (&ps, k);
              out->group[k].circuit_ports
                = dp_here ? 2 * c->dp_phase_rings
                : (c->merged_mask & (1u << slot)) ? 2 * c->merged_rings
                                                  : 2 * c->rings[slot == 4 ? GP_FG_DP : slot];
            }
        }
      f->tor = NULL;
      bool has_dp = ps.n[GP_FG_DP] > 1;
      out->reconfig_s_per_step = c->mode == GP_CIRCUITS_PER_PHASE && has_dp
                                   ? 2.0 * f->p.reconfig_ms * 1e-3 : 0.0;
    }
  else
    {
      f->tor = NULL;
      if (f->gkind == G_TORUS && memcmp (f->perm_for, ps.slot_n, sizeof f->perm_for) != 0)
        {
          f->perm_ok = torus_placement (f, &ps);
          f->perm_filled = false;
          memcpy (f->perm_for, ps.slot_n, sizeof f->perm_for);
        }
      f->use_perm = f->gkind == G_TORUS && f->perm_ok;
      for (int k = 0; k < GP_FG_N; k++)
        gp_fabric_route_family (f, ps.pattern[k], ps.n[k], ps.s[k], &out->group[k]);
      f->use_perm = false;
    }
  finish_placement (f, pl, out);
  return GP_OK;
}

gp_status
gp_fabric_place (gp_fabric *f, const gp_fabric_plan *pl, gp_fabric_placement *out,
                 gp_error *err)
{
  if (f->p.shape != GP_FABRIC_CIRCUIT)
    return gp_fabric_place_with (f, pl, NULL, out, err);
  gp_fabric_circuits c;
  GP_TRY (gp_fabric_choose_circuits (f, pl, &c, err));
  return gp_fabric_place_with (f, pl, &c, out, err);
}

/* ---- Net levels ---- */

static void
set_level (gp_net_level *lv, const char *name, long size, const gp_fabric_group *g,
           const gp_fabric *f)
{
  snprintf (lv->name, sizeof lv->name, "%s", name);
  lv->group_size = size;
  if (g != NULL && g->size > 1)
    {
      lv->bw_bytes_per_s = g->bw_bytes_per_s;
      lv->latency_s = g->latency_s;
      lv->energy_pj_per_bit = g->hops_avg * f->p.energy_pj_per_bit;
    }
  else
    {
      /* no group lands here: one direct link */
      lv->bw_bytes_per_s = gp_fabric_rate_bytes (f);
      lv->latency_s = 1e-9 * (f->p.endpoint_latency_ns + f->p.link_latency_ns);
      lv->energy_pj_per_bit = f->p.energy_pj_per_bit;
    }
}

gp_status
gp_fabric_net_levels_for_plan (const gp_fabric *f, const gp_fabric_placement *pl,
                               gp_net_levels *net, gp_error *err)
{
  if (f == NULL || pl == NULL || net == NULL)
    return gp_error_set (err, GP_EINVAL, "fabric", "fabric, placement and levels must be given");
  memset (net, 0, sizeof *net);
  const gp_fabric_group *g = pl->group;
  long tp = g[GP_FG_TP].size, inner = tp * g[GP_FG_CP].size * g[GP_FG_PP].size;
  net->n_levels = 3;
  set_level (&net->level[0], "fabric: tensor-parallel ring", tp, &g[GP_FG_TP], f);
  set_level (&net->level[1], "fabric: pipeline neighbours", inner, &g[GP_FG_PP], f);
  set_level (&net->level[2], "fabric: data-parallel ring", f->n, &g[GP_FG_DP], f);
  return GP_OK;
}

static long
largest_divisor_le (long n, long lim)
{
  for (long d = lim; d > 1; d--)
    if (n % d == 0)
      return d;
  return 1;
}

gp_status
gp_fabric_net_levels (gp_fabric *f, long block, gp_net_levels *net,
                      double links_avg[GP_MAX_NET_LEVELS], double links_max[GP_MAX_NET_LEVELS],
                      gp_error *err)
{
  long n = f->n, sizes[GP_MAX_NET_LEVELS];
  int m = 0;
  const gp_fabric_params *p = &f->p;
  switch ((gp_fabric_shape) p->shape)
    {
    case GP_FABRIC_TORUS:
      {
        long c = 1;
        const long dims[3] = { p->torus_x, p->torus_y, p->torus_z };
        for (int i = 0; i < 3; i++)
          if (dims[i] > 1)
            {
              c *= dims[i];
              sizes[m++] = c;
            }
        break;
      }
    case GP_FABRIC_HYPERCUBE:
      if (f->bits >= 2)
        sizes[m++] = 1L << ((f->bits + 1) / 2);
      break;
    case GP_FABRIC_GROUPED_MESH:
      if (f->g > 1 && f->g < n)
        sizes[m++] = f->g;
      break;
    case GP_FABRIC_RING:
      {
        long b = largest_divisor_le (n, (long) floor (sqrt ((double) n)));
        if (b > 1)
          sizes[m++] = b;
        break;
      }
    case GP_FABRIC_CIRCUIT:
      if (block > 1 && block < n && n % block == 0)
        sizes[m++] = block;
      else if (block != 0 && block != 1 && block != n)
        return gp_error_set (err, GP_EINVAL, "node_accels",
                             "the circuit block node_accels = %ld must divide accelerators = "
                             "%ld", block, n);
      break;
    default:
      break;
    }
  if (m == 0 || sizes[m - 1] != n)
    sizes[m++] = n;
  memset (net, 0, sizeof *net);
  net->n_levels = m;
  gp_fabric_circuits c;
  plan_shape ps;
  for (int i = 0; i < m; i++)
    {
      long s = i == 0 ? 1 : sizes[i - 1];
      long cnt = sizes[i] / s;
      gp_fabric_group g;
      if (p->shape == GP_FABRIC_CIRCUIT)
        {
          /* two-level traffic (inner ring over the block, outer ring across blocks) at
           * equal weights; the circuits chosen for it */
          gp_fabric_plan pl;
          memset (&pl, 0, sizeof pl);
          pl.tp = m > 1 ? sizes[0] : n;
          pl.dp = n / pl.tp;
          pl.pp = pl.cp = pl.ep = 1;
          GP_TRY (gp_fabric_choose_circuits (f, &pl, &c, err));
          GP_TRY (plan_check (f, &pl, &ps, err));
          mr_torus t;
          circuit_torus (&ps, &c, false, &t);
          f->tor = &t;
          gp_fabric_route_family (f, GP_PATTERN_RING, cnt, s, &g);
          if (c.mode == GP_CIRCUITS_PER_PHASE && i == m - 1 && m > 1)
            {
              circuit_torus (&ps, &c, true, &t);
              gp_fabric_route_family (f, GP_PATTERN_RING, cnt, s, &g);
              /* two reconfigurations per step, paid once by a flat ring all-reduce over
               * the outer level (2 (n-1) latency terms) */
              if (cnt > 1)
                g.latency_s += 2.0 * p->reconfig_ms * 1e-3 / (2.0 * (double) (cnt - 1));
            }
          f->tor = NULL;
        }
      else if (p->shape == GP_FABRIC_TORUS)
        {
          /* level i is every ring along torus dimension i (the sizes are the cumulative
           * dimensions): rings on disjoint lines, each flow one hop, one flow per link and
           * direction (a dimension of 2 has a + and a - link between the pair), so 2 r,
           * as routing them gives (tests/test-fabric.c) */
          memset (&g, 0, sizeof g);
          g.size = cnt, g.stride = s, g.pattern = GP_PATTERN_RING;
          g.ports_needed = cnt == 2 ? 1 : 2;
          g.hops_avg = g.hops_max = 1.0;
          g.max_link_load = 1.0;
          g.bw_bytes_per_s = 2.0 * gp_fabric_rate_bytes (f);
          g.latency_s = 1e-9 * (p->endpoint_latency_ns + p->link_latency_ns);
        }
      else
        gp_fabric_route_family (f, GP_PATTERN_RING, cnt, s, &g);
      char name[32];
      snprintf (name, sizeof name, "%s level %d", gp_fabric_shape_names[p->shape], i);
      set_level (&net->level[i], name, sizes[i], &g, f);
      if (links_avg)
        links_avg[i] = g.size > 1 ? g.hops_avg : 1.0;
      if (links_max)
        links_max[i] = g.size > 1 ? g.hops_max : 1.0;
    }
  return GP_OK;
}

