/* gp-parallel.c: a loop split over pthreads (see the header for the determinism rules). */
#include "gp-parallel.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

gp_status
gp_threads_check (long threads, gp_error *err)
{
  if (threads < 1 || threads > GP_THREADS_MAX)
    return gp_error_set (err, GP_EINVAL, "threads",
                         "threads = %ld is out of range: allowed 1..%d worker threads",
                         threads, GP_THREADS_MAX);
  return GP_OK;
}

gp_status
gp_threads_resolve (long requested, int *out, gp_error *err)
{
  if (requested != 0)
    {
      GP_TRY (gp_threads_check (requested, err));
      *out = (int) requested;
      return GP_OK;
    }
  const char *env = getenv ("GP_THREADS");
  if (env != NULL && env[0] != '\0')
    {
      char *end = NULL;
      long v = strtol (env, &end, 10);
      if (end == env || *end != '\0' || v < 1 || v > GP_THREADS_MAX)
        return gp_error_set (err, GP_EINVAL, "GP_THREADS",
                             "GP_THREADS = '%.40s' is out of range: allowed 1..%d worker "
                             "threads", env, GP_THREADS_MAX);
      *out = (int) v;
      return GP_OK;
    }
  long cores = sysconf (_SC_NPROCESSORS_ONLN);
  *out = cores < 1 ? 1 : cores > GP_THREADS_MAX ? GP_THREADS_MAX : (int) cores;
  return GP_OK;
}

typedef struct {
  gp_parallel_fn fn;
  void *user;
  int worker;
  long begin, end;
} block;

static void *
run_block (void *p)
{
  block *b = p;
  b->fn (b->user, b->worker, b->begin, b->end);
  return NULL;
}

void
gp_parallel_for (long n, int threads, gp_parallel_fn fn, void *user)
{
  if (n <= 0)
    return;
  if (threads < 1)
    threads = 1;
  if ((long) threads > n)
    threads = (int) n;
  if (threads == 1)
    {
      fn (user, 0, 0, n);
      return;
    }
  block b[GP_THREADS_MAX];
  pthread_t tid[GP_THREADS_MAX];
  bool started[GP_THREADS_MAX];
  for (int w = 0; w < threads; w++)
    {
      /* n * w fits: n is a row count (< 2^40) and w < 256 */
      b[w] = (block) { fn, user, w, (long) ((long long) n * w / threads),
                       (long) ((long long) n * (w + 1) / threads) };
      started[w] = false;
    }
  for (int w = 1; w < threads; w++)
    started[w] = pthread_create (&tid[w], NULL, run_block, &b[w]) == 0;
  run_block (&b[0]);
  for (int w = 1; w < threads; w++)
    {
      if (started[w])
        pthread_join (tid[w], NULL);
      else
        run_block (&b[w]);
    }
}
