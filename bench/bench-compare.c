/* bench-compare.c: glasspane beside numpy/matplotlib doing the same work, in one run
 * (`bench compare`). glasspane's side runs in an embedded Lua state on one thread; the
 * other side is bench/compare-numpy.py (what each row computes is described there). Both
 * are CPU time of the process (median of several runs), so load from other processes
 * costs both alike. Without python3-numpy and python3-matplotlib the comparison is skipped
 * with a message and glasspane's figures are still printed. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "gp-lua.h"
#include "gp-presets.h"

static double
cpu_now (void)
{
  struct timespec t;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Median CPU seconds of RUNS runs of CODE (after one warm-up); < 0 on error. CODE may set
 * the global `bench_value` (a number), returned through *VALUE. */
static double
cpu_median (lua_State *L, const char *code, int runs, double *value)
{
  double t[9];
  if (runs > 9)
    runs = 9;
  for (int i = -1; i < runs; i++)
    {
      double t0 = cpu_now ();
      if (luaL_dostring (L, code) != LUA_OK)
        {
          fprintf (stderr, "bench-compare: %s\n", lua_tostring (L, -1));
          lua_pop (L, 1);
          return -1;
        }
      if (i >= 0)
        t[i] = cpu_now () - t0;
    }
  if (value)
    {
      lua_getglobal (L, "bench_value");
      *value = lua_tonumber (L, -1);
      lua_pop (L, 1);
    }
  qsort (t, (size_t) runs, sizeof t[0], cmp_double);
  return t[runs / 2];
}

static const char chart_code[] =
  "local s = {} for k = 1, 3 do local x, y = {}, {}"
  "  for i = 1, 1000 do x[i] = i; y[i] = math.sin(i / 50 + k) * k end"
  "  s[k] = { name = 'series ' .. k, x = x, y = y } end "
  "bench_chart = glasspane.chart { kind = 'line', title = 'bench',"
  "  x_label = 'x', y_label = 'y', series = s }";

void
gp_bench_compare (void)
{
  lua_State *L = luaL_newstate ();
  if (L == NULL)
    return;
  luaL_openlibs (L);
  luaL_requiref (L, "glasspane", luaopen_glasspane, 1);
  lua_pop (L, 1);
  if (luaL_dostring (L, chart_code) != LUA_OK)
    {
      fprintf (stderr, "bench-compare: %s\n", lua_tostring (L, -1));
      lua_close (L);
      return;
    }
  double svg_bytes = 0;
  double g_yield = cpu_median (L, "local f = glasspane.sweep { model = 'yield', threads = 1,"
                                  " base = { model = 'negbin' }, x = { param = 'area_mm2',"
                                  " from = 1, to = 5000, n = 1000000 } }", 3, NULL) / 1e6;
  /* the columns numpy's side computes: cost per model, energy cost, time to train */
  double g_price = cpu_median (L, "local f = glasspane.sweep_system { threads = 1,"
                                  " design = glasspane.design_default(), system = 2,"
                                  " outputs = { 'usd_per_model', 'energy_cost_usd',"
                                  " 'time_to_train_s' },"
                                  " x = { path = 'sys.electricity_usd_per_kwh', from = 0.04,"
                                  " to = 0.16, n = 100000 } }", 3, NULL) / 1e5;
  double g_png = cpu_median (L, "assert(#bench_chart:render('png', { dpi = 300 }) > 0)", 5,
                             NULL);
  cpu_median (L, "bench_value = #bench_chart:render('svg')", 1, &svg_bytes);
  lua_close (L);

  /* the numpy side: bench/compare-numpy.py beside data/ in a source tree */
  char script[4096], cmd[4300], line[256];
  snprintf (script, sizeof script, "%s/../bench/compare-numpy.py", gp_data_dir ());
  /* the system's python3 first: apt's python3-numpy lives there, not in a pyenv shim's */
  const char *py = access ("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  snprintf (cmd, sizeof cmd, "%s '%s' 2>&1", py, script);
  double n_yield = -1, n_price = -1, n_png = -1, n_svg = -1;
  FILE *probe = fopen (script, "r"), *p = NULL;
  if (probe != NULL)
    {
      fclose (probe);
      p = popen (cmd, "r");
    }
  if (p == NULL)
    printf ("compare: skipped the numpy side (no %s)\n", script);
  while (p && fgets (line, sizeof line, p))
    {
      char name[128], unit[16];
      double v;
      if (sscanf (line, "%127[^:]: %lf %15s", name, &v, unit) == 3)
        {
          double k = !strcmp (unit, "ns") ? 1e-9 : !strcmp (unit, "us") ? 1e-6
                     : !strcmp (unit, "ms") ? 1e-3 : 1;
          if (!strcmp (name, "numpy_yield_1m_per_point"))
            n_yield = v * k;
          else if (!strcmp (name, "numpy_price_sweep_100k_per_point"))
            n_price = v * k;
          else if (!strcmp (name, "matplotlib_chart_3x1000_png_300dpi"))
            n_png = v * k;
          else if (!strcmp (name, "matplotlib_chart_3x1000_svg_bytes"))
            n_svg = v;
        }
      else
        fputs (line, stdout); /* the script's skip message */
    }
  if (p)
    pclose (p);

  printf ("| work (CPU time, one thread) | glasspane | numpy / matplotlib |\n|---|---:|---:|\n");
  printf ("| negbin yield sweep, 1e6 points, per point | %.1f ns | %s |\n", g_yield * 1e9,
          n_yield < 0 ? "-" : (snprintf (line, sizeof line, "%.1f ns", n_yield * 1e9), line));
  printf ("| DGX fixed-plan price sweep, 100k, 3 output columns, per point | %.3f us | %s |\n", g_price * 1e6,
          n_price < 0 ? "-" : (snprintf (line, sizeof line, "%.4f us (price arithmetic only)",
                                         n_price * 1e6), line));
  printf ("| 3 x 1,000-point chart to PNG at 300 dpi | %.1f ms | %s |\n", g_png * 1e3,
          n_png < 0 ? "-" : (snprintf (line, sizeof line, "%.1f ms", n_png * 1e3), line));
  printf ("| the same chart as SVG, bytes | %.0f | %s |\n", svg_bytes,
          n_svg < 0 ? "-" : (snprintf (line, sizeof line, "%.0f (glasspane %.2fx)", n_svg,
                                       svg_bytes / n_svg), line));
}
