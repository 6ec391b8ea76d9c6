/* test-ui-fabric.c: the glass fabric card's logic, no display (app/gp-charts-fabric.c): the
 * ports each fabric kind needs, the topology a sweep point sets, which system the card
 * shows, the sweep's points (left out where the shape cannot be built) and the charts,
 * including their empty state. Sessions are synchronous, so the sweep runs inline. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gp-chart-private.h" /* the caption */
#include "gp-charts.h"
#include "gp-export.h"
#include "gp-models.h"
#include "gp-session.h"

static GpSession *
default_session (void)
{
  GpSession *s = gp_session_new ();
  gp_session_set_synchronous (s, TRUE);
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_load_default (s, &error));
  g_assert_no_error (error);
  return s;
}

static const GpSystemEntry *
by_family (GpSession *s, int family)
{
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    if (gp_session_get_system (s, i)->system.sys.family == family)
      return gp_session_get_system (s, i);
  g_assert_not_reached ();
}

static void
test_ports_needed (void)
{
  /* By hand: a ring has a neighbour on each side; a 3D torus two per dimension; a
   * hypercube of 2^b nodes b (4096 = 2^12, 512 = 2^9); 1000 is no power of two. */
  g_assert_cmpint (gp_fabric_kind_ports_needed (GP_FABRIC_KIND_RING, 4096), ==, 2);
  g_assert_cmpint (gp_fabric_kind_ports_needed (GP_FABRIC_KIND_TORUS, 4096), ==, 6);
  g_assert_cmpint (gp_fabric_kind_ports_needed (GP_FABRIC_KIND_HYPERCUBE, 4096), ==, 12);
  g_assert_cmpint (gp_fabric_kind_ports_needed (GP_FABRIC_KIND_HYPERCUBE, 512), ==, 9);
  g_assert_cmpint (gp_fabric_kind_ports_needed (GP_FABRIC_KIND_HYPERCUBE, 1000), ==, -1);
  g_assert_cmpint (gp_fabric_kind_ports_needed (GP_FABRIC_KIND_FAT_TREE, 4096), ==, 1);
}

static void
test_apply (void)
{
  g_autoptr (GpSession) s = default_session ();
  gp_system sys = by_family (s, GP_FAMILY_LITE_GPU)->system;
  g_assert_true (gp_fabric_sweep_apply (&sys, GP_FABRIC_KIND_FAT_TREE, 4, 800));
  g_assert_cmpint (sys.topology.kind, ==, GP_TOPO_FAT_TREE);
  g_assert_cmpint (sys.topology.scaleout_ports_per_node, ==, 4);
  g_assert_cmpint (sys.topology.node_accels, ==, 1);
  /* 700 USD per 400 Gb/s optic (data/topologies.lua dgx-h100-ndr): 1,400 USD at 800 Gb/s */
  g_assert_cmpfloat_with_epsilon (sys.topology.scaleout_transceiver_cost_usd, 1400, 1e-9);
  g_assert_false (sys.cost.glass_fabric);

  sys = by_family (s, GP_FAMILY_LITE_GPU)->system;
  g_assert_true (gp_fabric_sweep_apply (&sys, GP_FABRIC_KIND_CIRCUIT, 8, 1600));
  g_assert_cmpint (sys.topology.kind, ==, GP_TOPO_CIRCUIT_SWITCHED);
  /* every accelerator's port k on switch plane k: at least N ports per switch */
  g_assert_cmpint (sys.topology.scaleup_switch_radix, >=, sys.sys.accelerators);
  g_assert_cmpint (sys.topology.scaleup_links_per_accel, ==, 8);
  g_assert_false (gp_fabric_sweep_apply (&sys, GP_FABRIC_KIND_N, 8, 1600));
}

static void
test_subject (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *lite = by_family (s, GP_FAMILY_LITE_GPU);
  const GpSystemEntry *dgx = by_family (s, GP_FAMILY_DGX);
  gp_session_set_selected_id (s, dgx->id);
  /* a DGX selected: the card shows the design's first Lite-GPU */
  g_assert_true (gp_fabric_sweep_subject (s) == lite);
  gp_session_set_selected_id (s, lite->id);
  g_assert_true (gp_fabric_sweep_subject (s) == lite);
  /* no Lite-GPU: the card says so (and draws "No data") */
  gp_session_remove (s, lite->id);
  g_assert_null (gp_fabric_sweep_subject (s));
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_FABRIC_SWEEP);
  g_assert_nonnull (c);
  g_assert_cmpuint (gp_chart_n_series (c), ==, 0);
  g_assert_nonnull (strstr (c->caption, "No Lite-GPU"));
  gp_chart_free (c);
}

static void
test_sweep (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *lite = by_family (s, GP_FAMILY_LITE_GPU);
  size_t n_nodes;
  const gp_node *nodes = gp_session_get_nodes (s, &n_nodes);
  g_autofree GpFabricSweep *w = g_new0 (GpFabricSweep, 1);
  gp_fabric_sweep_run (&lite->system, gp_session_get_study (s), nodes, n_nodes, NULL, w);
  g_assert_true (w->done);
  long n = lite->system.sys.accelerators;
  g_assert_cmpint (w->accelerators, ==, n);
  for (int k = 0; k < GP_FABRIC_KIND_N; k++)
    {
      long need = gp_fabric_kind_ports_needed (k, n);
      int n_ok = 0;
      for (int i = 0; i < GP_FABRIC_SWEEP_PORTS; i++)
        g_test_message ("%s d %ld: ok %d step %g s cost %g USD power %g W",
                        gp_fabric_kind_label (k), w->by_ports[k][i].ports, w->by_ports[k][i].ok,
                        w->by_ports[k][i].step_time_s, w->by_ports[k][i].cost_usd,
                        w->by_ports[k][i].power_w);
      g_test_message ("%s skipped: %s", gp_fabric_kind_label (k), w->skipped[k]);
      for (int i = 0; i < GP_FABRIC_SWEEP_PORTS; i++)
        {
          const GpFabricPoint *p = &w->by_ports[k][i];
          /* a shape is never evaluated with fewer ports than it needs */
          if (p->ports < need)
            g_assert_false (p->ok);
          if (p->ok)
            {
              n_ok++;
              g_assert_cmpfloat (p->step_time_s, >, 0);
              g_assert_cmpfloat (p->cost_usd, >, 0);
              g_assert_cmpfloat (p->power_w, >, 0);
            }
        }
      g_assert_cmpint (n_ok, >, 0);
      if (need > 2)
        g_assert_cmpstr (w->skipped[k], !=, "");
      /* the same ports at a faster rate never slow a step down (the plan search may only
       * do better) */
      double last = INFINITY;
      for (int i = 0; i < GP_FABRIC_SWEEP_RATES; i++)
        {
          const GpFabricPoint *p = &w->by_rate[k][i];
          g_assert_cmpint (p->ports, >=, need);
          if (!p->ok)
            continue;
          g_assert_cmpfloat (p->step_time_s, <=, last * (1 + 1e-9));
          last = p->step_time_s;
        }
    }
  /* the hypercube of 4,096 is swept against the rate with 12 ports (2^12) */
  if (n == 4096)
    g_assert_cmpint (w->rate_sweep_ports[GP_FABRIC_KIND_HYPERCUBE], ==, 12);
  for (int k = 0; k < GP_FABRIC_KIND_FAT_TREE; k++)
    {
      const GpFabricSpeedup *sp = &w->speedup[k];
      g_assert_true (isfinite (sp->same_bandwidth));
      g_assert_true (isfinite (sp->same_cost));
      g_assert_cmpfloat (sp->same_bandwidth, >, 0);
      g_assert_cmpint (sp->same_cost_tree_ports, >=, 1);
    }
}

static void
test_charts (void)
{
  g_autoptr (GpSession) s = default_session ();
  g_assert_cmpuint (gp_charts_n_variants (GP_CHART_ID_FABRIC_SWEEP), ==, GP_FABRIC_VIEW_N);
  g_assert_cmpuint (gp_charts_n_variants (GP_CHART_ID_CAPEX), ==, 1);
  for (guint v = 0; v < GP_FABRIC_VIEW_N; v++)
    {
      g_assert_cmpstr (gp_charts_variant_label (GP_CHART_ID_FABRIC_SWEEP, v), !=, "");
      gp_chart *c = gp_charts_build_variant (s, GP_CHART_ID_FABRIC_SWEEP, v);
      g_assert_nonnull (c);
      /* one line per fabric kind */
      g_assert_cmpuint (gp_chart_n_series (c), ==, GP_FABRIC_KIND_N);
      g_assert_cmpstr (gp_chart_get_series (c, 0)->name, ==,
                       gp_fabric_kind_label (GP_FABRIC_KIND_RING));
      const char *unit = gp_chart_y_axis (c)->unit;
      g_assert_cmpstr (unit, ==, v % 3 == 0 ? "s" : v % 3 == 1 ? "USD" : "W");
      char *csv = NULL;
      size_t len = 0;
      g_assert_cmpint (gp_chart_to_csv (c, &csv, &len, NULL), ==, GP_OK);
      g_assert_cmpuint (len, >, 10);
      free (csv);
      gp_chart_free (c);
    }
  /* the same sweep serves both cards: the signature says it is there */
  g_autofree char *sig = gp_charts_signature (s, GP_CHART_ID_FABRIC_SPEEDUP);
  g_assert_true (g_str_has_suffix (sig, ":1"));
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_FABRIC_SPEEDUP);
  /* two bars per glass kind, each in its comparison's series */
  g_assert_cmpuint (gp_chart_n_categories (c), ==, 2 * GP_FABRIC_KIND_FAT_TREE);
  g_assert_cmpuint (gp_chart_n_series (c), ==, 2);
  gp_chart_free (c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fabric/ports-needed", test_ports_needed);
  g_test_add_func ("/fabric/apply", test_apply);
  g_test_add_func ("/fabric/subject", test_subject);
  g_test_add_func ("/fabric/sweep", test_sweep);
  g_test_add_func ("/fabric/charts", test_charts);
  return g_test_run ();
}
