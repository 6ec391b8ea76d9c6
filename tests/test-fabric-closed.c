/* test-fabric-closed.c: the closed-form placement (one representative group and the link
 * sharing from translation symmetry, gp-fabric-closed.c) against routing every flow of every
 * group (gp_fabric_set_routed), the reference: the same hops, busiest link, bandwidth and
 * latency for every group kind of every plan, over rings, 2D and 3D tori, hypercubes, full
 * meshes and circuit fabrics, and the search's levels. The hand-worked figures are in
 * test-fabric.c. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "gp-fabric.h"
#include "gp-test-util.h"

static gp_fabric *
build (const gp_fabric_params *p)
{
  gp_fabric *f = NULL;
  gp_error err;
  if (gp_fabric_new (p, &f, &err) != GP_OK)
    g_error ("gp_fabric_new: %s", err.message);
  return f;
}

/* The same figure both ways: counts are integers, so equal to rounding. */
static void
same (double closed, double routed, const char *what, const char *ctx)
{
  double tol = 1e-12 * (1.0 + (routed > 0 ? routed : -routed));
  if (!(closed - routed <= tol && routed - closed <= tol))
    g_error ("%s: %s closed form %.17g, routed %.17g", ctx, what, closed, routed);
}

static void
same_group (const gp_fabric_group *a, const gp_fabric_group *b, const char *ctx)
{
  g_assert_cmpint (a->size, ==, b->size);
  g_assert_cmpint (a->ports_needed, ==, b->ports_needed);
  same (a->hops_avg, b->hops_avg, "hops_avg", ctx);
  same (a->hops_max, b->hops_max, "hops_max", ctx);
  same (a->max_link_load, b->max_link_load, "max_link_load", ctx);
  same (a->bw_bytes_per_s, b->bw_bytes_per_s, "bw", ctx);
  same (a->latency_s, b->latency_s, "latency", ctx);
  g_assert_cmpint (a->multi_hop, ==, b->multi_hop);
  g_assert_cmpint (a->circuit_ports, ==, b->circuit_ports);
}

/* Place PL both ways on F and compare every group. */
static void
compare_plan (gp_fabric *f, const gp_fabric_plan *pl, const char *name)
{
  char ctx[160];
  snprintf (ctx, sizeof ctx, "%s, tp %ld cp %ld pp %ld dp %ld ep %ld", name, pl->tp, pl->cp,
            pl->pp, pl->dp, pl->ep);
  gp_fabric_placement c, r;
  gp_fabric_set_routed (f, false);
  gp_status sc = gp_fabric_place (f, pl, &c, NULL);
  gp_fabric_set_routed (f, true);
  gp_status sr = gp_fabric_place (f, pl, &r, NULL);
  gp_fabric_set_routed (f, false);
  g_assert_cmpint (sc, ==, sr);
  if (sc != GP_OK)
    return; /* a plan the circuits cannot serve: refused either way */
  for (int k = 0; k < GP_FG_N; k++)
    {
      char gctx[200];
      snprintf (gctx, sizeof gctx, "%s: %s", ctx, gp_fabric_group_names[k]);
      same_group (&c.group[k], &r.group[k], gctx);
    }
  same (c.comm_estimate_s, r.comm_estimate_s, "comm_estimate", ctx);
  g_assert_cmpint (c.multi_hop_mask, ==, r.multi_hop_mask);
}

/* Every plan tp cp pp dp = N (ep 1, and ep = each divisor of dp up to EP_MAX in turn),
 * or every MAX_PLANS-th when there are many; returns the plans compared. */
static long
compare_all_plans (gp_fabric *f, long n, long ep_max, const char *name)
{
  long compared = 0;
  for (long tp = 1; tp <= n; tp++)
    if (n % tp == 0)
      for (long cp = 1; cp <= n / tp; cp++)
        if ((n / tp) % cp == 0)
          for (long pp = 1; pp <= n / tp / cp; pp++)
            if ((n / tp / cp) % pp == 0)
              {
                long dp = n / tp / cp / pp;
                for (long ep = 1; ep <= dp && ep <= ep_max; ep++)
                  {
                    if (dp % ep != 0)
                      continue;
                    gp_fabric_plan pl = { .tp = tp, .cp = cp, .pp = pp, .dp = dp, .ep = ep };
                    compare_plan (f, &pl, name);
                    compared++;
                  }
              }
  return compared;
}

static void
compare_levels (gp_fabric *f, const char *name)
{
  gp_net_levels a, b;
  double aa[GP_MAX_NET_LEVELS], am[GP_MAX_NET_LEVELS], ba[GP_MAX_NET_LEVELS],
    bm[GP_MAX_NET_LEVELS];
  gp_fabric_set_routed (f, false);
  g_assert_cmpint (gp_fabric_net_levels (f, 0, &a, aa, am, NULL), ==, GP_OK);
  gp_fabric_set_routed (f, true);
  g_assert_cmpint (gp_fabric_net_levels (f, 0, &b, ba, bm, NULL), ==, GP_OK);
  gp_fabric_set_routed (f, false);
  g_assert_cmpint (a.n_levels, ==, b.n_levels);
  for (int i = 0; i < a.n_levels; i++)
    {
      same (a.level[i].bw_bytes_per_s, b.level[i].bw_bytes_per_s, "level bw", name);
      same (a.level[i].latency_s, b.level[i].latency_s, "level latency", name);
      same (aa[i], ba[i], "links_avg", name);
      same (am[i], bm[i], "links_max", name);
    }
}

/* Runs every plan on the fabric; the closed form must have served every group family
 * (ALL_CLOSED), else at least one (so the comparison is never of the routed path with
 * itself). */
static void
run_fabric (const gp_fabric_params *p, long ep_max, bool all_closed, const char *name)
{
  gp_fabric *f = build (p);
  long plans = compare_all_plans (f, p->accelerators, ep_max, name);
  compare_levels (f, name);
  long closed, routed;
  gp_fabric_path_counts (f, &closed, &routed);
  g_test_message ("%s: %ld plans, %ld families by closed form, %ld routed (no closed form)", name, plans,
                  closed, routed);
  g_assert_cmpint (closed, >, 0);
  if (all_closed)
    g_assert_cmpint (routed, ==, 0);
  gp_fabric_free (f);
}

static void
test_rings (void)
{
  const long sizes[] = { 2, 3, 12, 16, 24, 30, 64 };
  for (size_t i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gp_fabric_params p;
      gp_test_fabric_params (&p, GP_FABRIC_RING, sizes[i], 2);
      char name[64];
      snprintf (name, sizeof name, "ring of %ld", sizes[i]);
      run_fabric (&p, 8, true, name);
    }
}

static void
test_tori (void)
{
  /* 4 x 4, 4 x 4 x 4, 8 x 8 x 8 and 16^3 (the default), and uneven and odd shapes whose
   * groups wrap or spill across dimensions */
  const long dims[][3] = {
    { 4, 4, 1 }, { 4, 4, 4 }, { 8, 8, 8 }, { 16, 16, 16 }, { 4, 2, 3 }, { 6, 4, 1 },
    { 8, 4, 2 }, { 2, 2, 2 }, { 3, 5, 2 }, { 12, 6, 4 }, { 2, 8, 4 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (dims); i++)
    {
      long n = dims[i][0] * dims[i][1] * dims[i][2];
      gp_fabric_params p;
      gp_test_fabric_params (&p, GP_FABRIC_TORUS, n, 6);
      p.torus_x = dims[i][0], p.torus_y = dims[i][1], p.torus_z = dims[i][2];
      char name[64];
      snprintf (name, sizeof name, "torus %ld x %ld x %ld", dims[i][0], dims[i][1], dims[i][2]);
      run_fabric (&p, n >= 4096 ? 4 : n >= 512 ? 8 : 16, true, name);
    }
}

static void
test_hypercubes (void)
{
  const long sizes[] = { 2, 8, 16, 64, 256 };
  for (size_t i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gp_fabric_params p;
      gp_test_fabric_params (&p, GP_FABRIC_HYPERCUBE, sizes[i], 8);
      char name[64];
      snprintf (name, sizeof name, "hypercube of %ld", sizes[i]);
      run_fabric (&p, 16, true, name);
    }
}

static void
test_meshes (void)
{
  /* a full mesh of 8; meshes of 8 joined in a ring of 4 groups (families inside a group by
   * closed form, spanning groups routed either way), groups of 4 in 6 */
  struct { long n, g, d; } m[] = { { 8, 8, 7 }, { 32, 8, 11 }, { 24, 4, 9 } };
  for (size_t i = 0; i < G_N_ELEMENTS (m); i++)
    {
      gp_fabric_params p;
      gp_test_fabric_params (&p, GP_FABRIC_GROUPED_MESH, m[i].n, m[i].d);
      p.mesh_group_accels = m[i].g;
      char name[64];
      snprintf (name, sizeof name, "mesh of %ld in groups of %ld", m[i].n, m[i].g);
      run_fabric (&p, 8, m[i].n == m[i].g, name);
    }
}

static void
test_circuits (void)
{
  struct { long n, d; int mode; } c[] = {
    { 16, 4, GP_CIRCUITS_PER_JOB }, { 16, 6, GP_CIRCUITS_PER_PHASE },
    { 64, 8, GP_CIRCUITS_AUTO }, { 128, 8, GP_CIRCUITS_PER_JOB }, { 24, 6, GP_CIRCUITS_AUTO },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (c); i++)
    {
      gp_fabric_params p;
      gp_test_fabric_params (&p, GP_FABRIC_CIRCUIT, c[i].n, c[i].d);
      p.switch_ports = 136;
      p.circuit_mode = c[i].mode;
      char name[64];
      snprintf (name, sizeof name, "circuits on %ld, %ld ports, %s", c[i].n, c[i].d,
                gp_circuit_mode_names[c[i].mode]);
      run_fabric (&p, 8, true, name);
    }
}

/* A port map has no closed form: every family is routed, and the figures are the same
 * whichever path is asked for. */
static void
test_port_map_routed (void)
{
  long from[] = { 0, 1, 2, 3, 4, 5, 0 }, to[] = { 1, 2, 3, 4, 5, 0, 3 };
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_PORT_MAP, 6, 3);
  p.map_links = 7, p.map_from = from, p.map_to = to;
  gp_fabric *f = build (&p);
  compare_all_plans (f, 6, 6, "port map");
  long closed, routed;
  gp_fabric_path_counts (f, &closed, &routed);
  g_assert_cmpint (closed, ==, 0);
  g_assert_cmpint (routed, >, 0);
  gp_fabric_free (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/fabric-closed/rings", test_rings);
  g_test_add_func ("/models/fabric-closed/tori", test_tori);
  g_test_add_func ("/models/fabric-closed/hypercubes", test_hypercubes);
  g_test_add_func ("/models/fabric-closed/meshes", test_meshes);
  g_test_add_func ("/models/fabric-closed/circuits", test_circuits);
  g_test_add_func ("/models/fabric-closed/port-map-routed", test_port_map_routed);
  return g_test_run ();
}
