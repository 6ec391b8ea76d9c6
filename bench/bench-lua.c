/* bench-lua.c: the Lua front door's costs, timed in an embedded lua_State with glasspane
 * loaded as the runner loads it: a 100,000-point sweep (issue 7 target: under 200 ms), a
 * three-series 1,000-point line chart rendered from Lua to SVG and PNG (targets 20 and
 * 30 ms, the chart code's own figures are in the chart section), and the whole example
 * report, examples/report.lua, into a temporary directory (target: under 2 s). */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "gp-lua.h"
#include "gp-presets.h"

static lua_State *
new_state (void)
{
  lua_State *L = luaL_newstate ();
  if (L == NULL)
    return NULL;
  luaL_openlibs (L);
  luaL_requiref (L, "glasspane", luaopen_glasspane, 1);
  lua_pop (L, 1);
  return L;
}

/* Run CODE once (it is compiled each time, a negligible cost next to what it times);
 * returns seconds or a negative value after printing the error. */
static double
run_once (lua_State *L, const char *code)
{
  /* every run starts from the same heap: the last run's frame collected (and, for large
     frames, returned to the system), so a run pays its own allocation and page faults
     instead of 0 or 2 frames' worth depending on when the collector last ran */
  lua_gc (L, LUA_GCCOLLECT);
  double t0 = gp_bench_now ();
  if (luaL_dostring (L, code) != LUA_OK)
    {
      fprintf (stderr, "bench-lua: %s\n", lua_tostring (L, -1));
      lua_pop (L, 1);
      return -1;
    }
  return gp_bench_now () - t0;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The median of RUNS runs of CODE, printed as NAME. */
static void
time_code (lua_State *L, const char *name, const char *code, int runs)
{
  double t[16];
  if (runs > 16)
    runs = 16;
  run_once (L, code); /* warm-up: presets, node table, caches */
  for (int i = 0; i < runs; i++)
    if ((t[i] = run_once (L, code)) < 0)
      return;
  qsort (t, (size_t) runs, sizeof t[0], cmp_double);
  gp_bench_print_time (name, t[runs / 2]);
}

/* CODE_FMT with %s replaced by ARG, timed as time_code does, printed per one of ITEMS. */
static void
per_item (lua_State *L, const char *name, const char *code_fmt, const char *arg, long items,
          int runs)
{
  char code[2048];
  const char *hole = strstr (code_fmt, "%s");
  if (hole == NULL)
    hole = code_fmt + strlen (code_fmt);
  snprintf (code, sizeof code, "%.*s%s%s", (int) (hole - code_fmt), code_fmt, arg,
            *hole ? hole + 2 : "");
  double t[16];
  if (runs > 16)
    runs = 16;
  if (run_once (L, code) < 0) /* warm-up: presets, node table, memo */
    return;
  for (int i = 0; i < runs; i++)
    if ((t[i] = run_once (L, code)) < 0)
      return;
  qsort (t, (size_t) runs, sizeof t[0], cmp_double);
  gp_bench_print_time (name, t[runs / 2] / (double) items);
}

void
gp_bench_lua (void)
{
  lua_State *L = new_state ();
  if (L == NULL)
    {
      fprintf (stderr, "bench-lua: cannot create a Lua state\n");
      return;
    }
  time_code (L, "lua_sweep_100k_yield",
             "local f = glasspane.sweep { model = 'yield', base = { model = 'negbin' },"
             "  x = { param = 'area_mm2', from = 1, to = 5000, n = 100000 } }"
             "assert(f.n == 100000)",
             7);
  time_code (L, "lua_sweep_100k_link_2d",
             "local f = glasspane.sweep { model = 'link',"
             "  x = { param = 'lane_rate_gbps', from = 25, to = 400, n = 250 },"
             "  y = { param = 'laser_wpe', from = 0.05, to = 0.4, n = 400 } }"
             "assert(f.n == 100000)",
             5);
  time_code (L, "lua_sweep_system_100k_dgx_h100_fixed_plan",
             "local f = glasspane.sweep_system { design = glasspane.design_default(),"
             "  system = 2, x = { path = 'sys.electricity_usd_per_kwh', from = 0.04,"
             "  to = 0.16, n = 100000 } }"
             "assert(f.n == 100000 and next(f.errors) == nil)",
             5);
  /* issue 19: per-point and per-call figures, one and two worker threads */
  static const char *const sys_rows[][2] = {
    { "lua_sweep_system_dgx_fixed_plan_per_point_threads1", "1" },
    { "lua_sweep_system_dgx_fixed_plan_per_point_threads2", "2" },
  };
  for (int k = 0; k < 2; k++)
    per_item (L, sys_rows[k][0],
              "local t = %s local d = glasspane.design_default()"
              " local f = glasspane.sweep_system { design = d, system = 2, threads = t,"
              "  x = { path = 'sys.electricity_usd_per_kwh', from = 0.04, to = 0.16,"
              "  n = 100000 } } assert(f.n == 100000 and next(f.errors) == nil)",
              sys_rows[k][1], 100000, 3);
  /* the same price sweep keeping three columns (outputs =): near the model's own cost, as
     the frame's 87 columns cost ~0.1-0.2 us a point to write */
  static const char *const out_rows[][2] = {
    { "lua_sweep_system_dgx_fixed_plan_outputs3_per_point_threads1", "1" },
    { "lua_sweep_system_dgx_fixed_plan_outputs3_per_point_threads2", "2" },
  };
  for (int k = 0; k < 2; k++)
    per_item (L, out_rows[k][0],
              "local t = %s local d = glasspane.design_default()"
              " local f = glasspane.sweep_system { design = d, system = 2, threads = t,"
              "  x = { path = 'sys.electricity_usd_per_kwh', from = 0.04, to = 0.16,"
              "  n = 100000 }, outputs = { 'usd_per_model', 'energy_cost_usd',"
              "  'time_to_train_s' } } assert(f.n == 100000 and next(f.errors) == nil)",
              out_rows[k][1], 100000, 3);
  static const char *const prep_rows[][2] = {
    { "lua_sweep_system_dgx_reprepare_d0_per_point_threads1", "1" },
    { "lua_sweep_system_dgx_reprepare_d0_per_point_threads2", "2" },
  };
  /* 1,000 points: each sweep first prepares the design and searches its plan once
     (~6 ms), which a 40-point sweep spread as 150 us a point over a 31 us re-prepare */
  for (int k = 0; k < 2; k++)
    per_item (L, prep_rows[k][0],
              "local t = %s local d = glasspane.design_default()"
              " local f = glasspane.sweep_system { design = d, system = 2, threads = t,"
              "  search = false, x = { path = 'nodes.N5.d0_per_cm2', from = 0.05, to = 0.2,"
              "  n = 1000 } } assert(f.n == 1000)",
              prep_rows[k][1], 1000, 3);
  static const char *const yield_rows[][2] = {
    { "lua_sweep_yield_1m_per_point_threads1", "1" },
    { "lua_sweep_yield_1m_per_point_threads2", "2" },
  };
  for (int k = 0; k < 2; k++)
    per_item (L, yield_rows[k][0],
              "local f = glasspane.sweep { model = 'yield', base = { model = 'negbin' },"
              "  threads = %s, x = { param = 'area_mm2', from = 1, to = 5000, n = 1000000 } }"
              " assert(f.n == 1000000)",
              yield_rows[k][1], 1000000, 3);
  per_item (L, "lua_evaluate_system_dgx_with_plan_per_call",
            "for i = 1, 1000 do assert(glasspane.evaluate_system('dgx-h100', nil, { plan = {"
            " dp = 64, tp = 4, pp = 2, cp = 2, zero_stage = 1, interleave = 4,"
            " recompute = 'selective', seq_parallel = true, tp_overlap = true } })) end %s",
            "", 1000, 5);
  per_item (L, "lua_evaluate_system_dgx_default_search_per_call",
            "for i = 1, 100 do assert(glasspane.evaluate_system('dgx-h100')) end %s", "", 100, 5);
  time_code (L, "lua_sweep_100k_to_csv",
             "local f = glasspane.sweep { model = 'yield', base = { model = 'negbin' },"
             "  x = { param = 'area_mm2', from = 1, to = 5000, n = 100000 } }"
             "assert(#glasspane.csv(f) > 0)",
             5);
  /* three series of 1,000 points, built in Lua, rendered in memory */
  if (luaL_dostring (L, "local s = {} for k = 1, 3 do local x, y = {}, {}"
                    "  for i = 1, 1000 do x[i] = i; y[i] = math.sin(i / 50 + k) * k end"
                    "  s[k] = { name = 'series ' .. k, x = x, y = y } end "
                    "bench_chart = glasspane.chart { kind = 'line', title = 'bench',"
                    "  x_label = 'x', y_label = 'y', series = s }") != LUA_OK)
    {
      fprintf (stderr, "bench-lua: %s\n", lua_tostring (L, -1));
      lua_close (L);
      return;
    }
  time_code (L, "lua_chart_3x1000_svg", "assert(#bench_chart:render('svg') > 0)", 9);
  time_code (L, "lua_chart_3x1000_png_300dpi",
             "assert(#bench_chart:render('png', { dpi = 300 }) > 0)", 9);
  time_code (L, "lua_evaluate_default_design_with_search",
             "local r = glasspane.evaluate(glasspane.design_default()) assert(#r == 3)", 5);
  lua_close (L);

  /* The example report: examples/ beside data/ in a source tree. */
  char report[4096], dir[] = "/tmp/gp-bench-report-XXXXXX";
  snprintf (report, sizeof report, "%s/../examples/report.lua", gp_data_dir ());
  FILE *f = fopen (report, "r");
  if (f == NULL || mkdtemp (dir) == NULL)
    {
      if (f)
        fclose (f);
      printf ("lua_example_report: skipped (no %s)\n", report);
      return;
    }
  fclose (f);
  double t[3];
  int n = 0;
  for (int i = 0; i < 3; i++)
    {
      L = new_state ();
      if (L == NULL)
        break;
      /* arg as the runner sets it; print and stderr output of the studies is dropped */
      lua_createtable (L, 1, 1);
      lua_pushstring (L, report);
      lua_rawseti (L, -2, 0);
      lua_pushstring (L, dir);
      lua_rawseti (L, -2, 1);
      lua_setglobal (L, "arg");
      if (luaL_dostring (L, "print = function() end io.stderr = { write = function() end }")
          != LUA_OK)
        lua_pop (L, 1);
      double t0 = gp_bench_now ();
      int st = luaL_dofile (L, report);
      double dt = gp_bench_now () - t0;
      if (st != LUA_OK)
        {
          fprintf (stderr, "bench-lua: report.lua: %s\n", lua_tostring (L, -1));
          lua_close (L);
          break;
        }
      lua_close (L);
      t[n++] = dt;
    }
  if (n > 0)
    {
      qsort (t, (size_t) n, sizeof t[0], cmp_double);
      gp_bench_print_time ("lua_example_report", t[n / 2]);
    }
  char cmd[128];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system (cmd) != 0)
    fprintf (stderr, "bench-lua: could not remove %s\n", dir);
}
