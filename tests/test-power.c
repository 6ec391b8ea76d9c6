/* test-power.c: die power against published TDPs, the cooling classes' limits, the
 * sustained clock worked by hand, the memory pool, and both in whole systems. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <lauxlib.h>
#include <lua.h>

#include "gp-datafile.h"
#include "gp-design.h"
#include "gp-luaparam.h"
#include "gp-mempool.h"
#include "gp-models.h"
#include "gp-power.h"
#include "gp-presets.h"
#include "gp-syspath.h"
#include "gp-system.h"

#define REL_OK(got, want, tol) \
  g_assert_cmpfloat (fabs ((double) (got) - (double) (want)), <=, (tol) * fabs ((double) (want)))

/* The absolute model (no TDP anchor) on a published part's die figures. */
static double
absolute_power (double area, double active, double mem_gb_s, double io_gb_s, double mhz)
{
  gp_power_params p;
  gp_power_params_init (&p);
  p.die_area_mm2 = area;
  p.active_fraction = active;
  p.mem_bw_gb_per_s = mem_gb_s;
  p.io_gb_per_s = io_gb_s;
  p.clock_mhz = mhz;
  p.tdp_w = 0;
  gp_power_result r;
  gp_error err = { 0 };
  g_assert_cmpint (gp_power_eval (&p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat (r.scale, ==, 1.0);
  return r.package_w;
}

/* One figure set, two published parts (data/power.lua): H100 SXM 700 W at its 1,980 MHz
 * max boost (814 mm2, 132/144 SMs, 3.35 TB/s HBM3, NVLink 900 GB/s; NVIDIA datasheet) and
 * A100 SXM 400 W at 1,410 MHz (826 mm2, 108/128 SMs, 1,555 GB/s, NVLink 600 GB/s; NVIDIA
 * whitepaper). Expected: the published TDPs, within 5%. */
static void
test_published_tdp (void)
{
  double h100 = absolute_power (814, 132.0 / 144.0, 3350, 900, 1980);
  double a100 = absolute_power (826, 108.0 / 128.0, 1555, 600, 1410);
  g_test_message ("H100 %.1f W (700), A100 %.1f W (400)", h100, a100);
  REL_OK (h100, 700.0, 0.05);
  REL_OK (a100, 400.0, 0.05);
}

/* Anchored to the TDP, the package draws it exactly at the reference clock and the split
 * follows the model: memory = 3.9 pJ/bit x 8 x 3,350 GB/s = 104.52 W before scaling. */
static void
test_anchored (void)
{
  gp_power_params p;
  gp_power_params_init (&p);
  gp_power_result r;
  g_assert_cmpint (gp_power_eval (&p, &r, NULL), ==, GP_OK);
  REL_OK (r.package_w, 700.0, 1e-12);
  REL_OK (r.memory_w, 104.52 * r.scale, 1e-12);
  REL_OK (r.die_w + r.memory_w, 700.0, 1e-12);
  g_assert_false (r.over_die_limit);
  g_assert_cmpfloat (r.clock_ratio, ==, 1.0);
}

/* A bare 10 x 10 mm die: no leakage, memory or I/O; V = 0.5 + 0.25 f; C = 0.5 nF/mm2;
 * 2 GHz: V = 1.0 V, P = 0.5 x 100 x 1 x 2 = 100 W, 1.0 W/mm2. */
static void
bare_die (gp_power_params *p)
{
  gp_power_params_init (p);
  p->die_area_mm2 = 100;
  p->active_fraction = 1;
  p->mem_bw_gb_per_s = 0;
  p->io_gb_per_s = 0;
  p->tdp_w = 0;
  p->clock_mhz = 2000;
  p->vf_v0_v = 0.5;
  p->vf_v_per_ghz = 0.25;
  p->cdyn_nf_per_mm2 = 0.5;
  p->leak_w_per_mm2 = 0;
  p->spread_mm = 0;
}

/* Each class's die limit with spreading: q_c x (1 + 2 x 3 / sqrt(100))^2 = q_c x 2.56 for the
 * sourced figures of data/power.lua: air 0.6, liquid 1.0, immersion 0.8 W/mm2 at the sink
 * base; package limits air 1,000 W (DGX B200 air-cooled 1,000 W GPUs), liquid 2,000 W,
 * immersion 1,500 W (estimates); rack limits air 45 kW (DGX SuperPOD ~41 kW racks), liquid
 * 132 kW (GB200 NVL72), immersion 250 kW (estimate). */
static void
test_cooling_classes (void)
{
  static const struct { const char *name; double flux, pkg, rack; } want[] = {
    { "air", 0.6, 1000, 45000 },
    { "liquid", 1.0, 2000, 132000 },
    { "immersion", 0.8, 1500, 250000 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (want); i++)
    {
      gp_power_params p;
      bare_die (&p);
      p.spread_mm = 3;
      g_assert_cmpint (gp_power_set_cooling (&p, want[i].name, NULL), ==, GP_OK);
      gp_power_result r;
      g_assert_cmpint (gp_power_eval (&p, &r, NULL), ==, GP_OK);
      REL_OK (r.limit_w_per_mm2, want[i].flux * 2.56, 1e-12);
      REL_OK (r.package_limit_w, want[i].pkg, 1e-12);
      REL_OK (r.rack_limit_w, want[i].rack, 1e-12);
    }
}

/* The bare die under a 0.5 W/mm2 liquid limit (no spreading): sustained f solves
 * 0.5 x 100 x (0.5 + 0.25 f)^2 f = 50, i.e. (0.5 + 0.25 f)^2 f = 1; by Newton from 1.4 by
 * hand: f = 1.39124 GHz, clock ratio 0.69562. */
static void
test_sustained_clock (void)
{
  gp_power_params p;
  bare_die (&p);
  p.cooling = GP_COOLING_LIQUID;
  p.liquid_w_per_mm2 = 0.5;
  gp_power_result r;
  g_assert_cmpint (gp_power_eval (&p, &r, NULL), ==, GP_OK);
  REL_OK (r.die_w_per_mm2, 1.0, 1e-12);
  g_assert_true (r.over_die_limit);
  g_assert_cmpint (r.bound, ==, GP_POWER_BOUND_DIE_FLUX);
  REL_OK (r.sustained_clock_mhz, 1391.24, 1e-5);
  REL_OK (r.clock_ratio, 0.69562, 1e-5);
  REL_OK (r.sustained_die_w_per_mm2, 0.5, 1e-6);

  /* package-bound instead: 40 W package limit with a generous flux -> the same equation
   * with 40 W: (0.5 + 0.25 f)^2 f = 0.8, f = 1.22823 GHz (Newton from 1.2 by hand) */
  p.liquid_w_per_mm2 = 10;
  p.liquid_package_w = 40;
  g_assert_cmpint (gp_power_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpint (r.bound, ==, GP_POWER_BOUND_PACKAGE);
  REL_OK (r.sustained_package_w, 40.0, 1e-6);
  REL_OK (r.sustained_clock_mhz, 1228.23, 1e-5);
}

/* Small dies may win, or not. Same density (1 W/mm2 at 2 GHz), 3 mm spreading, liquid base
 * flux 0.5: a 100 mm2 die may dissipate 0.5 x 2.56 = 1.28 W/mm2 and runs at full clock; an
 * 800 mm2 die only 0.5 x (1 + 6 / 28.28)^2 = 0.735 W/mm2 and throttles. But a fixed 30 W of
 * I/O per package (optical engines on the die, however small) puts the small die at
 * (100 + 30) / 100 = 1.3 W/mm2, over its limit, while the large one gains only 0.0375. */
static void
test_small_dies_either_way (void)
{
  gp_power_params small, large;
  bare_die (&small);
  small.spread_mm = 3;
  small.cooling = GP_COOLING_LIQUID;
  small.liquid_w_per_mm2 = 0.5;
  large = small;
  large.die_area_mm2 = 800;
  gp_power_result rs, rl;
  g_assert_cmpint (gp_power_eval (&small, &rs, NULL), ==, GP_OK);
  g_assert_cmpint (gp_power_eval (&large, &rl, NULL), ==, GP_OK);
  REL_OK (rs.die_w_per_mm2, rl.die_w_per_mm2, 1e-12);
  REL_OK (rs.limit_w_per_mm2, 1.28, 1e-12);
  REL_OK (rl.limit_w_per_mm2, 0.5 * pow (1 + 6 / sqrt (800.0), 2), 1e-12);
  g_assert_cmpfloat (rs.clock_ratio, ==, 1.0);
  g_assert_cmpfloat (rl.clock_ratio, <, 1.0);

  /* 30 W of I/O: io_gb_per_s x 8 x 5.5 pJ/bit = 30 W */
  small.io_gb_per_s = large.io_gb_per_s = 30.0 / (8 * 5.5e-3);
  g_assert_cmpint (gp_power_eval (&small, &rs, NULL), ==, GP_OK);
  g_assert_cmpint (gp_power_eval (&large, &rl, NULL), ==, GP_OK);
  REL_OK (rs.die_w_per_mm2, 1.3, 1e-9);
  REL_OK (rl.die_w_per_mm2, 1.0 + 30.0 / 800.0, 1e-9);
  g_assert_true (rs.over_die_limit);
}

static void
test_power_errors (void)
{
  gp_power_params p;
  gp_power_params_init (&p);
  gp_error err = { 0 };
  g_assert_cmpint (gp_power_set_cooling (&p, "water", &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "cooling");
  g_assert_nonnull (strstr (err.message, "air, liquid, immersion"));

  gp_power_result r;
  p.cooling = 7;
  g_assert_cmpint (gp_power_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "cooling");

  gp_power_params_init (&p);
  p.liquid_w_per_mm2 = -1;
  g_assert_cmpint (gp_power_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "liquid_w_per_mm2");

  gp_power_params_init (&p);
  p.cdyn_nf_per_mm2 = NAN;
  g_assert_cmpint (gp_power_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "cdyn_nf_per_mm2");

  gp_power_params_init (&p);
  p.vf_v0_v = -1;
  g_assert_cmpint (gp_power_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "vf_v0_v");
}

/* gp_power_params_init is data/power.lua's "power" table. */
static void
test_defaults_match_data (void)
{
  char path[1024];
  gp_data_path (path, sizeof path, "power.lua");
  gp_error err = { 0 };
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  g_assert_nonnull (df);
  lua_State *L = gp_datafile_lua (df);
  g_assert_cmpint (lua_getfield (L, 1, "power"), ==, LUA_TTABLE);
  gp_power_params file, init;
  gp_power_params_init (&init);
  memset (&file, 0, sizeof file);
  g_assert_cmpint (gp_lua_read_params (L, -1, &gp_power_param_table, &file,
                                       GP_LUAPARAM_REQUIRE_ALL, "power", &err), ==, GP_OK);
  for (size_t i = 0; i < gp_power_param_table.n_params; i++)
    {
      const gp_param *prm = &gp_power_param_table.params[i];
      /* the file writes 132/144 to four places */
      double tol = strcmp (prm->name, "active_fraction") == 0 ? 1e-4 : 1e-12;
      REL_OK (gp_param_get (prm, &file), gp_param_get (prm, &init), tol);
    }
  gp_datafile_free (df);
}

/* Pool of data/memory.lua's ddr5-pool: 2,048 GB over 8 accelerators = 256 GB each;
 * bandwidth min(2 x 200 / 8 = 50, 16 x 200 / 8 / 8 = 50, 614.4 / 8 = 76.8) = 50 GB/s;
 * cost 2,048 x 4 + 16 x 20 + 2,000 = 10,512 USD; power 2,048 x 0.15 + 16 x 1.1 = 324.8 W;
 * carbon 2,048 x 0.0743 + 16 x 0.6 + 60 = 221.77 kg. */
static void
test_pool (void)
{
  gp_mempool_params p;
  gp_mempool_params_init (&p);
  p.capacity_gb = 2048;
  gp_mempool_result r;
  g_assert_cmpint (gp_mempool_eval (&p, &r, NULL), ==, GP_OK);
  REL_OK (r.capacity_gb_per_accel, 256, 1e-12);
  REL_OK (r.bw_gb_per_s_per_accel, 50, 1e-12);
  REL_OK (r.usd, 10512, 1e-12);
  REL_OK (r.w, 324.8, 1e-12);
  REL_OK (r.kgco2e, 2048 * 0.0743 + 9.6 + 60, 1e-12);

  gp_error err = { 0 };
  p.capacity_gb = 16 * 256 + 1;
  g_assert_cmpint (gp_mempool_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "capacity_gb");
  g_assert_nonnull (strstr (err.message, "more than its ports can reach"));
  p.capacity_gb = 2048;
  p.accels_per_pool = 9;
  g_assert_cmpint (gp_mempool_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "accels_per_pool");
}

static gp_node *nodes;
static size_t n_nodes;

static void
eval_system (const gp_system *s, gp_system_prepared *prep, gp_system_result *r)
{
  gp_study st;
  gp_study_init (&st);
  gp_error err = { 0 };
  if (gp_system_prepare (s, &st, nodes, n_nodes, prep, &err) != GP_OK
      || gp_system_eval (s, &st, prep, NULL, r, NULL, NULL, &err) != GP_OK)
    g_error ("%s", err.message);
}

/* The DGX H100 air cooled runs at its 1,980 MHz (0.73 W/mm2 on the die against an air limit
 * of 0.6 x (1 + 6 / 28.53)^2 = 0.879) and draws its published 700 W per GPU; the glass server
 * of 512 Lite-GPUs is ~154 kW, over the liquid rack limit of 132 kW (NVL72) and flagged. */
static void
test_system_limits (void)
{
  gp_system *s = g_new0 (gp_system, 1);
  gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  gp_system_result *r = g_new0 (gp_system_result, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_system_preset ("dgx-h100", s, &err), ==, GP_OK);
  eval_system (s, prep, r);
  g_assert_cmpint (r->cooling, ==, GP_COOLING_AIR);
  REL_OK (r->die_limit_w_per_mm2, 0.6 * pow (1 + 6 / sqrt (814.0), 2), 1e-9);
  g_assert_cmpfloat (r->clock_ratio, ==, 1.0);
  REL_OK (r->accel_power_w, 700, 1e-12);
  g_assert_cmpuint (r->limit_flags, ==, 0);
  g_assert_cmpstr (r->limits, ==, "");

  /* a tenfold flux limit cut: cooling-bound, peak scaled by the clock ratio */
  double peak = r->peak_pflops;
  s->power.air_w_per_mm2 = 0.3;
  eval_system (s, prep, r);
  g_assert_true (r->limit_flags & GP_LIMIT_DIE_FLUX);
  g_assert_cmpfloat (r->clock_ratio, <, 1.0);
  REL_OK (r->peak_pflops, peak * r->clock_ratio, 1e-12);
  g_assert_nonnull (strstr (r->limits, "cooling-bound: "));
  g_assert_nonnull (strstr (r->limits, "over the air limit of"));

  g_assert_cmpint (gp_system_preset ("lite-gpu-glass", s, &err), ==, GP_OK);
  eval_system (s, prep, r);
  g_assert_cmpint (r->cooling, ==, GP_COOLING_LIQUID);
  g_assert_true (r->limit_flags & GP_LIMIT_RACK);
  g_assert_cmpfloat (r->rack_power_w, >, 132000);
  g_assert_nonnull (strstr (r->limits, "over the liquid rack limit of 132 kW"));
  s->power.cooling = GP_COOLING_IMMERSION;
  eval_system (s, prep, r);
  g_assert_cmpuint (r->limit_flags, ==, 0);
  g_free (s);
  g_free (prep);
  g_free (r);
}

/* A pool feeds the second tier: per accelerator 256 GB at 50 GB/s (test_pool's figures),
 * 4,096 / 8 = 512 pools whose cost sits in capex, and a pool past its reach is refused
 * with the field named. */
static void
test_system_pool (void)
{
  gp_system *s = g_new0 (gp_system, 1);
  gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  gp_system_result *r = g_new0 (gp_system_result, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_system_preset ("lite-gpu-glass", s, &err), ==, GP_OK);
  s->power.cooling = GP_COOLING_IMMERSION;
  eval_system (s, prep, r);
  double capex0 = r->capex_usd;
  s->pool.capacity_gb = 2048;
  eval_system (s, prep, r);
  REL_OK (prep->accel.tier2_capacity_gb, 256, 1e-12);
  REL_OK (prep->accel.tier2_bw_gb_per_s, 50, 1e-12);
  g_assert_cmpint (r->pools, ==, 512);
  REL_OK (r->pool_capex_usd, 512 * 10512.0, 1e-12);
  REL_OK (r->capex_usd - capex0, 512 * 10512.0 * (1 + s->sys.integration_cost_fraction), 1e-9);

  s->pool.capacity_gb = 8192;
  g_assert_cmpint (gp_system_validate (s, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "capacity_gb");
  g_assert_nonnull (strstr (err.message, "pool"));
  g_free (s);
  g_free (prep);
  g_free (r);
}

/* Sweeps reach the new fields by path with the right flags: the cooling class and a flux
 * limit need a preparation (they move the clock and so the prepared peak), a rack limit
 * and the pool's price do not; the pool's price moves capex by pools x capacity x delta
 * x (1 + integration) without a new preparation; the die fields are the system's. */
static void
test_syspaths (void)
{
  gp_system *s = g_new0 (gp_system, 1);
  gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  gp_system_result *r = g_new0 (gp_system_result, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_system_preset ("lite-gpu-glass", s, &err), ==, GP_OK);
  s->pool.capacity_gb = 512;
  gp_syspath_target t = { s, NULL, NULL, 0 };
  bool prepare = false;
  g_assert_cmpint (gp_syspath_needs_prepare ("power.cooling", &prepare, &err), ==, GP_OK);
  g_assert_true (prepare);
  g_assert_cmpint (gp_syspath_needs_prepare ("power.liquid_w_per_mm2", &prepare, &err), ==, GP_OK);
  g_assert_true (prepare);
  g_assert_cmpint (gp_syspath_needs_prepare ("power.liquid_rack_w", &prepare, &err), ==, GP_OK);
  g_assert_false (prepare);
  g_assert_cmpint (gp_syspath_needs_prepare ("pool.capacity_gb", &prepare, &err), ==, GP_OK);
  g_assert_true (prepare);
  g_assert_cmpint (gp_syspath_set (&t, "power.die_area_mm2", 100, NULL, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "computed by the system"));

  eval_system (s, prep, r);
  double capex = r->capex_usd;
  gp_plan plan = r->plan;
  gp_study st;
  gp_study_init (&st);
  g_assert_cmpint (gp_syspath_set (&t, "pool.usd_per_gb", 5, &prepare, &err), ==, GP_OK);
  g_assert_false (prepare);
  g_assert_cmpint (gp_system_eval (s, &st, prep, &plan, r, NULL, NULL, &err), ==, GP_OK);
  REL_OK (r->capex_usd - capex, 512.0 * 512 * 1 * (1 + s->sys.integration_cost_fraction), 1e-9);
  g_assert_cmpint (gp_syspath_set (&t, "power.liquid_rack_w", 2e5, &prepare, &err), ==, GP_OK);
  g_assert_cmpint (gp_system_eval (s, &st, prep, &plan, r, NULL, NULL, &err), ==, GP_OK);
  g_assert_false (r->limit_flags & GP_LIMIT_RACK);
  g_assert_cmpint (gp_syspath_set (&t, "power.cooling", GP_COOLING_AIR, &prepare, &err), ==,
                   GP_OK);
  g_assert_true (prepare);
  g_free (s);
  g_free (prep);
  g_free (r);
}

/* A design file names the cooling class; an unknown one is an error naming the field. */
static void
test_design_cooling (void)
{
  static const char ok[] =
    "return { format = 1, kind = 'design', study = { workload = 'llama3-70b', token_budget = 1e12,\n"
    "            grid_ci_g_per_kwh = 301 },\n"
    "  systems = { { preset = 'dgx-h100', power = { cooling = 'liquid' },\n"
    "                pool = { capacity_gb = 1024 } } } }\n";
  static const char bad[] =
    "return { format = 1, kind = 'design', study = { workload = 'llama3-70b', token_budget = 1e12,\n"
    "            grid_ci_g_per_kwh = 301 },\n"
    "  systems = { { preset = 'dgx-h100', power = { cooling = 'water' } } } }\n";
  gp_design *d = g_new0 (gp_design, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_design_load_buffer ("ok.lua", ok, sizeof ok - 1, d, &err), ==, GP_OK);
  g_assert_cmpint (d->systems[0].power.cooling, ==, GP_COOLING_LIQUID);
  g_assert_cmpfloat (d->systems[0].pool.capacity_gb, ==, 1024);
  g_assert_cmpint (gp_design_load_buffer ("bad.lua", bad, sizeof bad - 1, d, &err), !=, GP_OK);
  g_assert_nonnull (strstr (err.message, "cooling"));
  g_free (d);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  gp_error err = { 0 };
  if (gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK)
    g_error ("%s", err.message);
  g_test_add_func ("/models/power/published-tdp", test_published_tdp);
  g_test_add_func ("/models/power/anchored", test_anchored);
  g_test_add_func ("/models/power/cooling-classes", test_cooling_classes);
  g_test_add_func ("/models/power/sustained-clock", test_sustained_clock);
  g_test_add_func ("/models/power/small-dies-either-way", test_small_dies_either_way);
  g_test_add_func ("/models/power/errors", test_power_errors);
  g_test_add_func ("/models/power/defaults-match-data", test_defaults_match_data);
  g_test_add_func ("/models/power/pool", test_pool);
  g_test_add_func ("/models/power/system-limits", test_system_limits);
  g_test_add_func ("/models/power/system-pool", test_system_pool);
  g_test_add_func ("/models/power/design-cooling", test_design_cooling);
  g_test_add_func ("/models/power/syspaths", test_syspaths);
  int rc = g_test_run ();
  free (nodes);
  return rc;
}
