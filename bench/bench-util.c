/* bench-util.c: the timing and printing helpers every bench section shares (bench.h). */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gp-models.h"

double
gp_bench_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

void
gp_bench_print_time (const char *name, double seconds)
{
  if (seconds < 1e-6)
    printf ("%s: %.1f ns\n", name, seconds * 1e9);
  else if (seconds < 1e-3)
    printf ("%s: %.2f us\n", name, seconds * 1e6);
  else if (seconds < 1.0)
    printf ("%s: %.2f ms\n", name, seconds * 1e3);
  else
    printf ("%s: %.3f s\n", name, seconds);
  fflush (stdout);
}

void
gp_bench_print_value (const char *name, double value, const char *unit)
{
  printf ("%s: %.6g%s%s\n", name, value, unit && unit[0] ? " " : "", unit ? unit : "");
  fflush (stdout);
}

static volatile double bench_sink;

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
gp_bench_run (const char *name, double (*fn) (void *data), void *data, double min_seconds)
{
  /* Size a batch to ~10 ms so clock overhead is negligible, then take the median batch. */
  long batch = 1;
  for (;;)
    {
      double t0 = gp_bench_now ();
      for (long i = 0; i < batch; i++)
        bench_sink += fn (data);
      double dt = gp_bench_now () - t0;
      if (dt > 0.01 || batch > (1L << 30))
        break;
      batch *= (dt < 1e-4) ? 10 : 2;
    }
  enum { MAX_RUNS = 101 };
  double runs[MAX_RUNS];
  int n = 0;
  double start = gp_bench_now ();
  while (n < MAX_RUNS && (n < 3 || gp_bench_now () - start < min_seconds))
    {
      double t0 = gp_bench_now ();
      for (long i = 0; i < batch; i++)
        bench_sink += fn (data);
      runs[n++] = (gp_bench_now () - t0) / (double) batch;
    }
  qsort (runs, (size_t) n, sizeof runs[0], cmp_double);
  double median = runs[n / 2];
  gp_bench_print_time (name, median);
  return median;
}
