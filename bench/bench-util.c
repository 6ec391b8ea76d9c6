/* bench-util.c: the timing and printing helpers every bench section shares (bench.h). */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

#include "gp-models.h"

double
gp_bench_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static void
format_time (double seconds, char *buf, size_t len)
{
  if (seconds < 1e-6)
    snprintf (buf, len, "%.1f ns", seconds * 1e9);
  else if (seconds < 1e-3)
    snprintf (buf, len, "%.2f us", seconds * 1e6);
  else if (seconds < 1.0)
    snprintf (buf, len, "%.2f ms", seconds * 1e3);
  else
    snprintf (buf, len, "%.3f s", seconds);
}

void
gp_bench_print_time (const char *name, double seconds)
{
  char t[32];
  format_time (seconds, t, sizeof t);
  printf ("%s: %s\n", name, t);
  fflush (stdout);
}

void
gp_bench_print_machine (void)
{
  char model[256] = "unknown CPU", line[512];
  FILE *f = fopen ("/proc/cpuinfo", "r");
  while (f && fgets (line, sizeof line, f))
    if (strncmp (line, "model name", 10) == 0)
      {
        char *c = strchr (line, ':');
        if (c)
          {
            snprintf (model, sizeof model, "%s", c + 2);
            model[strcspn (model, "\n")] = '\0';
          }
        break;
      }
  if (f)
    fclose (f);
  double load = -1;
  f = fopen ("/proc/loadavg", "r");
  if (f && fscanf (f, "%lf", &load) != 1)
    load = -1;
  if (f)
    fclose (f);
  /* The cost of a first touch of a fresh 4 KiB page: ~0.1-0.3 us on bare metal, ten to
   * fifty times that on some VMs. Sweeps from Lua write 16 bytes per value into fresh
   * tables, so their per-point figures carry this machine's page faults. */
  double fault_us = -1;
  size_t bytes = (size_t) 64 << 20;
  char *p = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p != MAP_FAILED)
    {
      double t0 = gp_bench_now ();
      for (size_t i = 0; i < bytes; i += 4096)
        ((volatile char *) p)[i] = 1;
      fault_us = (gp_bench_now () - t0) * 1e6 / (double) (bytes / 4096);
      munmap (p, bytes);
    }
  printf ("machine: %s, %ld cores online, load average %.2f (1 min), first touch of a page "
          "%.2f us\n", model, sysconf (_SC_NPROCESSORS_ONLN), load, fault_us);
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
  /* The median, then the spread of the batches (10th to 90th percentile) and their count,
   * so a figure pasted into the README says how steady it was. */
  char lo[32], hi[32];
  format_time (runs[n / 10], lo, sizeof lo);
  format_time (runs[(n * 9) / 10 < n ? (n * 9) / 10 : n - 1], hi, sizeof hi);
  char med[32];
  format_time (median, med, sizeof med);
  printf ("%s: %s (p10-p90 %s - %s, %d batches of %ld)\n", name, med, lo, hi, n, batch);
  fflush (stdout);
  return median;
}
