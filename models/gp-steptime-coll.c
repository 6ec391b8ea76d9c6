/* gp-steptime-coll.c: collectives on the net levels: ring alpha-beta times, placement of a
 * parallel group on the levels (with core contention) and the two-level form. */
#include <math.h>
#include <string.h>

#include "gp-steptime-private.h"

/* Rank orders (gp_plan.order): the k-th innermost dimension of each of the 24 orders, in
 * the order of gp_plan_order_names (gp-steptime.c). */
const unsigned char gp_plan_order_dims[24][4] = {
  { 0, 1, 2, 3 },
  { 0, 1, 3, 2 },
  { 0, 2, 1, 3 },
  { 0, 2, 3, 1 },
  { 0, 3, 1, 2 },
  { 0, 3, 2, 1 },
  { 1, 0, 2, 3 },
  { 1, 0, 3, 2 },
  { 1, 2, 0, 3 },
  { 1, 2, 3, 0 },
  { 1, 3, 0, 2 },
  { 1, 3, 2, 0 },
  { 2, 0, 1, 3 },
  { 2, 0, 3, 1 },
  { 2, 1, 0, 3 },
  { 2, 1, 3, 0 },
  { 2, 3, 0, 1 },
  { 2, 3, 1, 0 },
  { 3, 0, 1, 2 },
  { 3, 0, 2, 1 },
  { 3, 1, 0, 2 },
  { 3, 1, 2, 0 },
  { 3, 2, 0, 1 },
  { 3, 2, 1, 0 },
};

/* ---- collectives ------------------------------------------------------------------ */

/* Ring time of one collective; K = 2 for all-reduce, 1 for reduce-scatter or all-gather. */
static inline double
ring (double k, double n, double bytes, double bw, double alpha)
{
  if (n <= 1.0)
    return 0.0;
  return k * ((n - 1.0) / n * bytes / bw + (n - 1.0) * alpha);
}

gp_status
gp_ring_time (gp_collective kind, long n, double bytes, double bw, double alpha,
              double *time_s, gp_error *err)
{
  if (kind < GP_COLL_ALLREDUCE || kind > GP_COLL_ALLGATHER)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %d is not a collective", (int) kind);
  GP_TRY (gp_check_range (err, "n", (double) n, 1, INFINITY, 0, "ranks"));
  GP_TRY (gp_check_nonnegative (err, "bytes", bytes, "bytes"));
  GP_TRY (gp_check_positive (err, "bw_bytes_per_s", bw, "B/s"));
  GP_TRY (gp_check_nonnegative (err, "latency_s", alpha, "s"));
  *time_s = ring (kind == GP_COLL_ALLREDUCE ? 2.0 : 1.0, (double) n, bytes, bw, alpha);
  return GP_OK;
}

/* Bandwidth a group spanning SPAN ranks gets on level LV: the injection bandwidth, times
 * the level's core share when the span crosses its core (gp-netlevel.h). */
static inline double
level_bw (const gp_net_level *lv, double span)
{
  double local = lv->local_size > 0 ? (double) lv->local_size : (double) lv->group_size;
  if (span > local && lv->core_share > 0.0 && lv->core_share < 1.0)
    return lv->bw_bytes_per_s * lv->core_share;
  return lv->bw_bytes_per_s;
}

/* Place a group of N ranks with STRIDE: the outer level is the smallest whose domain covers
 * the span n x stride (Megatron layout: a group's ranks are evenly spaced in a contiguous
 * block of n x stride ranks). The inner level is the next one in, used for the two-level
 * form when one of its domains holds k = group_size / stride >= 2 of the group's ranks and
 * k divides n. Each level's bandwidth is cut to its core share when the group's span on it
 * crosses the core (level_bw). Returns false if no level covers the span. */
bool
gp_group_place (const gp_net_levels *net, long n, long stride, gp_group_net *g)
{
  memset (g, 0, sizeof *g);
  g->n = (double) n;
  g->outer = -1;
  g->inner = -1;
  if (n <= 1)
    return true;
  double span = (double) n * (double) stride;
  for (int i = 0; i < net->n_levels; i++)
    if ((double) net->level[i].group_size >= span)
      {
        g->outer = i;
        break;
      }
  if (g->outer < 0)
    return false;
  const gp_net_level *o = &net->level[g->outer];
  g->bw_o = level_bw (o, span);
  g->a_o = o->latency_s;
  g->pj_o = o->energy_pj_per_bit;
  if (g->outer > 0)
    {
      const gp_net_level *in = &net->level[g->outer - 1];
      long k = in->group_size / stride;
      if (k >= 2 && k < n && n % k == 0)
        {
          g->inner = g->outer - 1;
          g->n_in = (double) k;
          g->n_out = (double) (n / k);
          g->bw_i = level_bw (in, (double) k * (double) stride);
          g->a_i = in->latency_s;
          g->pj_i = in->energy_pj_per_bit;
        }
    }
  return true;
}

/* Time of one collective of S bytes on a placed group; adds the bytes each rank sends and
 * their energy (J) to *BYTES and *JOULES. The two-level all-reduce is reduce-scatter among
 * the n_in ranks inside a domain, all-reduce of S/n_in among the n_out domains, all-gather
 * inside (the hierarchical form NCCL and the brief describe); reduce-scatter and all-gather
 * alone are the corresponding halves. The faster of flat and two-level is used. */
double
gp_group_coll (const gp_group_net *g, gp_collective kind, double S, double *bytes,
               double *joules, bool *hier)
{
  if (g->outer < 0 || S <= 0.0)
    {
      if (hier)
        *hier = false;
      return 0.0;
    }
  double k = kind == GP_COLL_ALLREDUCE ? 2.0 : 1.0;
  double flat = ring (k, g->n, S, g->bw_o, g->a_o);
  double flat_b = k * (g->n - 1.0) / g->n * S;
  if (g->inner >= 0)
    {
      double sh = S / g->n_in;
      double t_in = ring (k, g->n_in, S, g->bw_i, g->a_i);
      double t_out = ring (k, g->n_out, sh, g->bw_o, g->a_o);
      double two = t_in + t_out;
      if (two < flat)
        {
          double b_in = k * (g->n_in - 1.0) / g->n_in * S;
          double b_out = k * (g->n_out - 1.0) / g->n_out * sh;
          *bytes += b_in + b_out;
          *joules += 8e-12 * (b_in * g->pj_i + b_out * g->pj_o);
          if (hier)
            *hier = true;
          return two;
        }
    }
  *bytes += flat_b;
  *joules += 8e-12 * flat_b * g->pj_o;
  if (hier)
    *hier = false;
  return flat;
}

/* The checks shared by the public group-collective timers: the levels, n, stride and bytes
 * in range, and the group placed on the levels (an error naming n when it does not fit). */
static gp_status
place_checked (const gp_net_levels *net, long n, long stride, double bytes, gp_group_net *g,
               gp_error *err)
{
  GP_TRY (gp_net_levels_validate (net, err));
  GP_TRY (gp_check_range (err, "n", (double) n, 1, INFINITY, 0, "ranks"));
  GP_TRY (gp_check_range (err, "stride", (double) stride, 1, INFINITY, 0, "ranks"));
  GP_TRY (gp_check_nonnegative (err, "bytes", bytes, "bytes"));
  if (!gp_group_place (net, n, stride, g))
    return gp_error_set (err, GP_EINVAL, "n",
                         "a group of n = %ld ranks at stride %ld spans %g ranks, more than "
                         "the outermost level's group_size = %ld", n, stride,
                         (double) n * (double) stride,
                         net->level[net->n_levels - 1].group_size);
  return GP_OK;
}

gp_status
gp_group_collective_time (const gp_net_levels *net, gp_collective kind, long n, long stride,
                          double bytes, double *time_s, int *level_out, bool *hier_out,
                          gp_error *err)
{
  if (kind < GP_COLL_ALLREDUCE || kind > GP_COLL_ALLGATHER)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %d is not a collective", (int) kind);
  gp_group_net g;
  GP_TRY (place_checked (net, n, stride, bytes, &g, err));
  double b = 0, j = 0;
  bool hier = false;
  *time_s = gp_group_coll (&g, kind, bytes, &b, &j, &hier);
  if (level_out)
    *level_out = g.outer;
  if (hier_out)
    *hier_out = hier;
  return GP_OK;
}


/* All-to-all on a placed group (equation in gp-steptime.h above gp_group_alltoall_time).
 * Inside a two-level placement the n_in ranks of this rank's inner domain are reached over
 * the inner level and the others over the outer one, in parallel. */
double
gp_group_a2a (const gp_group_net *g, double S, double *bytes, double *joules)
{
  if (g->outer < 0 || S <= 0.0)
    return 0.0;
  double n = g->n;
  if (g->inner >= 0)
    {
      double k = g->n_in;
      double b_in = (k - 1.0) / n * S, b_out = (n - k) / n * S;
      double t_in = b_in / g->bw_i + (k - 1.0) * g->a_i;
      double t_out = b_out / g->bw_o + (n - k) * g->a_o;
      *bytes += b_in + b_out;
      *joules += 8e-12 * (b_in * g->pj_i + b_out * g->pj_o);
      return t_in > t_out ? t_in : t_out;
    }
  double b = (n - 1.0) / n * S;
  *bytes += b;
  *joules += 8e-12 * b * g->pj_o;
  return b / g->bw_o + (n - 1.0) * g->a_o;
}

gp_status
gp_group_alltoall_time (const gp_net_levels *net, long n, long stride, double bytes,
                        double *time_s, int *level_out, gp_error *err)
{
  gp_group_net g;
  GP_TRY (place_checked (net, n, stride, bytes, &g, err));
  double b = 0, j = 0;
  *time_s = gp_group_a2a (&g, bytes, &b, &j);
  if (level_out)
    *level_out = g.outer;
  return GP_OK;
}
