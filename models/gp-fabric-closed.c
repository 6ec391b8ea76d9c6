/* gp-fabric-closed.c: a group family's hops and busiest link without routing every group,
 * for the regular fabrics (ring, torus, circuit rings, hypercube, inside a mesh group).
 *
 * Why it is exact. On a torus (a ring and the circuits' logical torus are tori, a hypercube
 * is a torus of dimensions of 2, e-cube order being dimension order) the placements used
 * here are digit maps: the rank's mixed-radix digits ("parts") each land on one dimension
 * at a stride, and the parts of a dimension tile it (coordinate = sum digit x stride, no
 * carries). A family of groups of n ranks at stride s is then one representative group
 * (rank 0's) translated by offsets c drawn from the other parts, independently per
 * dimension, and dimension-order routing with a tie rule that depends only on the
 * difference commutes with translation, so:
 * - every group has the representative's hops (hops_avg, hops_max from its flows alone);
 * - the flows crossing a dimension-d link at node z come from groups whose offsets in the
 *   other dimensions are fixed by z (group and other digits of a coordinate are unique),
 *   so only the offsets in d add up: load(z) = sum_{c in C_d} P_d(z - c), with P_d the
 *   representative's crossings of dimension-d links (indexed by the group's coordinates in
 *   the other dimensions and the position along d) and C_d the other parts of d below the
 *   group's top part (the parts above give disjoint translates, whose arcs cannot wrap:
 *   the group's block B_d <= k_d / 2 makes every minimal arc the direct one). C_d is a sum
 *   of combs {0, t, .., (m-1) t}, so the sum is a sliding window per comb (cyclic when
 *   B_d = k_d, linear otherwise).
 * Cost O(flows of one group x hops + n x |C_d| x combs) instead of O(N x hops); the routed
 * path (gp-fabric.c) stays for port maps, meshes spanning groups, placements that are not
 * digit maps, and as the reference (gp_fabric_set_routed; tests/test-fabric-closed.c). */
#include "gp-fabric-private.h"

#include <string.h>

#define MAXD 32
#define MAXPARTS 48

typedef struct {
  long rs, size;    /* rank stride, digit size */
  int dim;
  long dstride;     /* stride of the digit in its dimension's coordinate */
} dpart;

typedef struct {
  int ndim;
  long k[MAXD];
  double mult[MAXD];
  unsigned phantom;   /* bit d: a slot without rings (never crossed; no group may move there) */
  int np;
  dpart p[MAXPARTS];
} dmap;

static bool
add_part (dmap *m, long rs, long size, int dim, long dstride)
{
  if (size < 2)
    return true;
  if (m->np == MAXPARTS || dim < 0 || dim >= m->ndim)
    return false;
  m->p[m->np++] = (dpart) { rs, size, dim, dstride };
  return true;
}

/* Parts of the torus T with rank = node (circuits' logical torus, unpermuted tori). */
static bool
map_of_torus (const mr_torus *t, dmap *m)
{
  m->ndim = t->ndim;
  for (int d = 0; d < t->ndim; d++)
    m->k[d] = t->msize[d], m->mult[d] = t->mult[d];
  for (int j = 0; j < t->nslot; j++)
    {
      if (t->n[j] < 2)
        continue;
      int dim = -1;
      long ds = 1;
      for (int d = 0; d < t->ndim && dim < 0; d++)
        if (t->mask[d] & (1u << j))
          {
            dim = d;
            for (int i = 0; i < j; i++)
              if (t->mask[d] & (1u << i))
                ds *= t->n[i];
          }
      if (dim < 0 && m->ndim < MAXD)
        {
          /* a slot without rings (per-phase DP in the compute phase): its own dimension,
           * which only families that do not move in it may use */
          dim = m->ndim++;
          m->k[dim] = t->n[j], m->mult[dim] = 1.0;
          m->phantom |= 1u << dim;
        }
      if (!add_part (m, t->rs[j], t->n[j], dim, ds))
        return false;
    }
  return true;
}

/* Parts of the plan's placement on the physical torus (gp-fabric-place.c). */
static bool
map_of_placement (const gp_fabric *f, dmap *m)
{
  const mr_torus *t = &f->phys;
  m->ndim = t->ndim;
  for (int d = 0; d < t->ndim; d++)
    m->k[d] = t->msize[d], m->mult[d] = t->mult[d];
  long slot_rs[MR_SLOTS], acc[MR_SLOTS], rs = 1;
  for (int k = 0; k < MR_SLOTS; k++)
    slot_rs[k] = rs, acc[k] = 1, rs *= f->perm_for[k];
  for (int i = 0; i < f->ntpart; i++)
    {
      const struct fabric_part *q = &f->tpart[i];
      int dim = -1;
      for (int d = 0; d < t->ndim; d++)
        if (t->single[d] == q->dim)
          dim = d;
      if (!add_part (m, slot_rs[q->slot] * acc[q->slot], q->g, dim, q->stride))
        return false;
      acc[q->slot] *= q->g;
    }
  return true;
}

/* Split the part holding rank stride X so that a part starts there. */
static bool
split_at (dmap *m, long x)
{
  for (int i = 0; i < m->np; i++)
    {
      dpart *p = &m->p[i];
      if (p->rs == x || x <= p->rs || x >= p->rs * p->size)
        continue;
      if (x % p->rs != 0 || p->size % (x / p->rs) != 0 || m->np == MAXPARTS)
        return false;
      long a = x / p->rs;
      m->p[m->np++] = (dpart) { x, p->size / a, p->dim, p->dstride * a };
      p->size = a;
      return true;
    }
  return true;
}

/* Sort by rank stride and check the parts tile the ranks and each dimension. */
static bool
check_tiling (dmap *m, long n_total)
{
  for (int i = 1; i < m->np; i++)
    for (int j = i; j > 0 && m->p[j].rs < m->p[j - 1].rs; j--)
      {
        dpart t = m->p[j];
        m->p[j] = m->p[j - 1], m->p[j - 1] = t;
      }
  long r = 1;
  for (int i = 0; i < m->np; i++)
    {
      if (m->p[i].rs != r)
        return false;
      r *= m->p[i].size;
    }
  if (r != n_total)
    return false;
  for (int d = 0; d < m->ndim; d++)
    {
      long c = 1;
      for (;;)
        {
          int next = -1;
          for (int i = 0; i < m->np; i++)
            if (m->p[i].dim == d && m->p[i].dstride == c)
              next = i;
          if (next < 0)
            break;
          c *= m->p[next].size;
        }
      if (c != m->k[d])
        return false;
    }
  return true;
}

/* The representative group: per dimension its coordinate u and digit index g of member I. */
typedef struct {
  int ng;
  struct { long gm, size, dstride, gw; int dim; } gp[MAXPARTS];
} rep_group;

static void
member (const rep_group *r, int ndim, long i, long u[MAXD], long gd[MAXD])
{
  for (int d = 0; d < ndim; d++)
    u[d] = 0, gd[d] = 0;
  for (int q = 0; q < r->ng; q++)
    {
      long dg = (i / r->gp[q].gm) % r->gp[q].size;
      u[r->gp[q].dim] += dg * r->gp[q].dstride;
      gd[r->gp[q].dim] += dg * r->gp[q].gw;
    }
}

/* One sweep over the representative group's flows: PASS < 0 sums hops; PASS = t counts
 * the crossings of active dimension act[t] into P (rows keyed by the member's digit
 * indices in the other active dimensions: already moved ones at the destination's, the
 * rest at the source's, as dimension order goes). */
typedef struct {
  const rep_group *rg;
  const dmap *m;
  int na, pass;
  const int *act;
  long n;
  int32_t *tab;        /* member i, active dim t: (u, digit index) at 2 (i na + t), or NULL */
  double hsum, flows;
  long hmax;
  uint32_t *P;
  uint32_t *list, *flag; /* rows touched in this pass, and a mark per row (kept zero) */
  long nlist;
  long rows, B;
  long keyw[MAXD];
} walk;

static inline void
coord_of (const walk *w, long i, long u[MAXD], long gd[MAXD])
{
  if (w->tab != NULL)
    {
      const int32_t *c = w->tab + 2 * (size_t) i * (size_t) w->na;
      for (int t = 0; t < w->na; t++)
        u[t] = c[2 * t], gd[t] = c[2 * t + 1];
      return;
    }
  long uu[MAXD], gg[MAXD];
  member (w->rg, w->m->ndim, i, uu, gg);
  for (int t = 0; t < w->na; t++)
    u[t] = uu[w->act[t]], gd[t] = gg[w->act[t]];
}

static inline void
one_flow (walk *w, const long *ui, const long *gi, const long *uj, const long *gj)
{
  if (w->pass < 0)
    {
      long h = 0;
      for (int t = 0; t < w->na; t++)
        {
          long k = w->m->k[w->act[t]], delta = uj[t] - ui[t];
          if (delta < 0)
            delta += k;
          h += delta <= k - delta ? delta : k - delta;
        }
      w->hsum += (double) h, w->flows++;
      if (h > w->hmax)
        w->hmax = h;
      return;
    }
  int t = w->pass;
  long k = w->m->k[w->act[t]], delta = uj[t] - ui[t];
  if (delta < 0)
    delta += k;
  if (delta == 0)
    return;
  int dir = delta <= k - delta ? 0 : 1;
  long steps = dir == 0 ? delta : k - delta, key = 0;
  for (int e = 0; e < w->na; e++)
    key += (e < t ? gj[e] : gi[e]) * w->keyw[e];
  size_t r = (size_t) dir * (size_t) w->rows + (size_t) key;
  if (!w->flag[r])
    {
      w->flag[r] = 1;
      w->list[w->nlist++] = (uint32_t) r;
    }
  uint32_t *row = w->P + r * (size_t) w->B;
  long x = ui[t];
  if (dir == 0)
    for (long st = 0; st < steps; st++)
      {
        row[x]++;
        x = x == k - 1 ? 0 : x + 1;
      }
  else
    for (long st = 0; st < steps; st++)
      {
        row[x]++;
        x = x == 0 ? k - 1 : x - 1;
      }
}

/* The family pattern's flows (ring: i -> i+1 and i -> i-1 for each i; chain: i -> i+1;
 * all-to-all: every ordered pair). */
static void
walk_flows (walk *w, int pattern)
{
  long n = w->n, ua[MAXD], ga[MAXD], ub[MAXD], gb[MAXD], uc[MAXD], gc[MAXD];
  switch (pattern)
    {
    case GP_PATTERN_RING:
      coord_of (w, n - 1, ua, ga); /* predecessor of 0 */
      coord_of (w, 0, ub, gb);
      for (long i = 0; i < n; i++)
        {
          coord_of (w, i == n - 1 ? 0 : i + 1, uc, gc);
          one_flow (w, ub, gb, uc, gc);
          one_flow (w, ub, gb, ua, ga);
          memcpy (ua, ub, sizeof ua), memcpy (ga, gb, sizeof ga);
          memcpy (ub, uc, sizeof ub), memcpy (gb, gc, sizeof gb);
        }
      break;
    case GP_PATTERN_CHAIN:
      coord_of (w, 0, ua, ga);
      for (long i = 0; i + 1 < n; i++)
        {
          coord_of (w, i + 1, ub, gb);
          one_flow (w, ua, ga, ub, gb);
          memcpy (ua, ub, sizeof ua), memcpy (ga, gb, sizeof ga);
        }
      break;
    default:
      for (long i = 0; i < n; i++)
        {
          coord_of (w, i, ua, ga);
          for (long j = 0; j < n; j++)
            if (j != i)
              {
                coord_of (w, j, ub, gb);
                one_flow (w, ua, ga, ub, gb);
              }
        }
    }
}

/* Sum over the comb {0, t, .., (m-1) t} of ROW shifted (cyclic over B, or linear), in place. */
static void
comb (uint32_t *row, uint32_t *tmp, long B, long t, long m, bool cyclic)
{
  memcpy (tmp, row, sizeof *row * (size_t) B);
  long L = B / t;
  for (long r0 = 0; r0 < t; r0++)
    {
      uint32_t s = 0;
      /* window of position 0 of this residue: x_0, x_{-1}, .., x_{-(m-1)} */
      for (long a = 0; a < m; a++)
        {
          long mm = -a;
          if (mm < 0)
            {
              if (!cyclic)
                continue;
              mm += L;
            }
          s += tmp[r0 + mm * t];
        }
      row[r0] = s;
      for (long x = 1; x < L; x++)
        {
          long out = x - m;
          s += tmp[r0 + x * t];
          if (out >= 0)
            s -= tmp[r0 + out * t];
          else if (cyclic)
            s -= tmp[r0 + (out + L) * t];
          row[r0 + x * t] = s;
        }
    }
}

bool
gp_fabric_closed_family (gp_fabric *f, int pattern, long n, long s, double *hsum_out,
                         double *flows_out, long *hmax_out, double *maxload_out)
{
  if (f->routed_only || n < 2)
    return false;
  long hmax = 0;
  double hsum = 0, flows = 0;

  if (f->tor == NULL && f->gkind == G_MESH)
    {
      /* inside one fully connected group: every flow one hop on its own link, except a
       * ring of 2 whose both neighbours are the same accelerator (2 flows on the link) */
      if (f->g % (s * n) != 0)
        return false;
      flows = pattern == GP_PATTERN_RING ? 2.0 * (double) n
              : pattern == GP_PATTERN_CHAIN ? (double) (n - 1)
                                            : (double) n * (double) (n - 1);
      *hsum_out = flows, *flows_out = flows, *hmax_out = 1;
      *maxload_out = pattern == GP_PATTERN_RING && n == 2 ? 2.0 : 1.0;
      return true;
    }

  dmap m;
  memset (&m, 0, sizeof m);
  if (f->tor != NULL)
    {
      if (!map_of_torus (f->tor, &m))
        return false;
    }
  else if (f->gkind == G_TORUS)
    {
      if (f->use_perm ? !map_of_placement (f, &m) : !map_of_torus (&f->phys, &m))
        return false;
    }
  else if (f->gkind == G_CUBE)
    {
      if (f->bits > MAXD)
        return false;
      m.ndim = f->bits;
      for (int b = 0; b < f->bits; b++)
        {
          m.k[b] = 2, m.mult[b] = 1.0;
          add_part (&m, 1L << b, 2, b, 1);
        }
    }
  else
    return false;
  if (!split_at (&m, s) || !split_at (&m, s * n) || !check_tiling (&m, f->n))
    return false;

  /* the representative group's parts, and per dimension its block and the other parts
   * below the block's top */
  rep_group rg;
  rg.ng = 0;
  long usize[MAXD], block[MAXD];
  for (int d = 0; d < m.ndim; d++)
    usize[d] = 1, block[d] = 0;
  long prod = 1;
  for (int i = 0; i < m.np; i++)
    {
      const dpart *p = &m.p[i];
      if (p->rs < s || p->rs >= s * n)
        continue;
      int d = p->dim;
      if (m.phantom & (1u << d))
        return false;
      rg.gp[rg.ng].gm = p->rs / s;
      rg.gp[rg.ng].size = p->size;
      rg.gp[rg.ng].dstride = p->dstride;
      rg.gp[rg.ng].dim = d;
      rg.gp[rg.ng].gw = usize[d]; /* group digits of a dimension in rank order */
      rg.ng++;
      usize[d] *= p->size;
      prod *= p->size;
      if (p->dstride * p->size > block[d])
        block[d] = p->dstride * p->size;
    }
  if (prod != n)
    return false;

  /* the dimensions the group moves in, and each member's coordinate and digit index there
   * (a table when it fits the workspace, else recomputed per flow) */
  int act[MAXD], na = 0;
  for (int d = 0; d < m.ndim; d++)
    if (block[d] > 0)
      act[na++] = d;
  walk w;
  w.rg = &rg, w.m = &m, w.na = na, w.act = act, w.n = n;
  w.tab = (size_t) n * (size_t) na <= (size_t) f->n ? f->mtab : NULL;
  if (w.tab != NULL)
    {
      /* members in order: the group digits count up in mixed radix (parts in rank order) */
      long u[MAXD], gd[MAXD], dg[MAXPARTS] = { 0 };
      member (&rg, m.ndim, 0, u, gd);
      for (long i = 0; i < n; i++)
        {
          for (int t = 0; t < na; t++)
            {
              w.tab[2 * ((size_t) i * (size_t) na + (size_t) t)] = (int32_t) u[act[t]];
              w.tab[2 * ((size_t) i * (size_t) na + (size_t) t) + 1] = (int32_t) gd[act[t]];
            }
          for (int q = 0; q < rg.ng; q++)
            {
              int d = rg.gp[q].dim;
              if (++dg[q] < rg.gp[q].size)
                {
                  u[d] += rg.gp[q].dstride, gd[d] += rg.gp[q].gw;
                  break;
                }
              dg[q] = 0;
              u[d] -= (rg.gp[q].size - 1) * rg.gp[q].dstride;
              gd[d] -= (rg.gp[q].size - 1) * rg.gp[q].gw;
            }
        }
    }

  /* hops from the representative's flows */
  w.pass = -1;
  w.hsum = 0, w.flows = 0, w.hmax = 0;
  walk_flows (&w, pattern);
  hsum = w.hsum, flows = w.flows, hmax = w.hmax;

  /* loads, one dimension at a time */
  double maxload = 0;
  uint32_t *P = f->prof;
  for (int t = 0; t < na; t++)
    {
      int d = act[t];
      long B = block[d];
      bool cyclic = B == m.k[d];
      long rows = n / usize[d];
      size_t cells = (size_t) 2 * (size_t) rows * (size_t) B;
      if (cells > (size_t) 2 * (size_t) f->n || B > f->n)
        return false; /* cannot happen for a tiling; keeps the workspace bound */
      long wt = 1;
      for (int e = 0; e < na; e++)
        {
          w.keyw[e] = e == t ? 0 : wt;
          if (e != t)
            wt *= usize[act[e]];
        }
      w.pass = t, w.P = P, w.rows = rows, w.B = B;
      w.list = f->prof + 3 * (size_t) f->n, w.flag = f->prof + 4 * (size_t) f->n;
      w.nlist = 0;
      walk_flows (&w, pattern);
      /* only the rows crossed; each is left zero again for the next pass */
      uint32_t *tmp = f->prof + 2 * (size_t) f->n, top = 0;
      for (long li = 0; li < w.nlist; li++)
        {
          size_t r = w.list[li];
          w.flag[r] = 0;
          uint32_t *row = P + r * (size_t) B;
          for (int i = 0; i < m.np; i++)
            {
              const dpart *p = &m.p[i];
              bool grp = p->rs >= s && p->rs < s * n;
              if (!grp && p->dim == d && p->dstride < B)
                comb (row, tmp, B, p->dstride, p->size, cyclic);
            }
          for (long x = 0; x < B; x++)
            if (row[x] > top)
              top = row[x];
          memset (row, 0, sizeof *row * (size_t) B);
        }
      double l = m.mult[d] == 1.0 ? (double) top : (double) top / m.mult[d];
      if (l > maxload)
        maxload = l;
    }
  *hsum_out = hsum, *flows_out = flows, *hmax_out = hmax, *maxload_out = maxload;
  return true;
}
