/* gp-parallel.c: a loop split over pthreads (see the header for the determinism rules). */
#include "gp-parallel.h"

#include <pthread.h>
#include <stdatomic.h>
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

/* ---- a pool of persistent workers ---------------------------------------------------- */

struct gp_pool {
  int threads;              /* the caller and the started workers */
  pthread_t tid[GP_THREADS_MAX];
  pthread_mutex_t mu;
  pthread_cond_t start, done;
  long generation;          /* loop number, bumped by gp_pool_run; -1 in n: stop */
  long n;
  gp_parallel_fn fn;
  void *user;
  atomic_long next_item;
  int running;              /* workers still inside the loop */
};

typedef struct {
  gp_pool *pool;
  int worker;
} pool_arg;

static void
pool_items (gp_pool *pl, int worker, long n)
{
  for (;;)
    {
      long i = atomic_fetch_add (&pl->next_item, 1);
      if (i >= n)
        return;
      pl->fn (pl->user, worker, i, i + 1);
    }
}

static void *
pool_worker (void *p)
{
  pool_arg a = *(pool_arg *) p;
  free (p);
  gp_pool *pl = a.pool;
  long seen = 0;
  for (;;)
    {
      pthread_mutex_lock (&pl->mu);
      while (pl->generation == seen)
        pthread_cond_wait (&pl->start, &pl->mu);
      seen = pl->generation;
      long n = pl->n;
      pthread_mutex_unlock (&pl->mu);
      if (n < 0)
        return NULL;
      pool_items (pl, a.worker, n);
      pthread_mutex_lock (&pl->mu);
      if (--pl->running == 0)
        pthread_cond_signal (&pl->done);
      pthread_mutex_unlock (&pl->mu);
    }
}

gp_pool *
gp_pool_new (int threads)
{
  gp_pool *pl = calloc (1, sizeof *pl);
  if (pl == NULL)
    return NULL;
  if (threads > GP_THREADS_MAX)
    threads = GP_THREADS_MAX;
  pthread_mutex_init (&pl->mu, NULL);
  pthread_cond_init (&pl->start, NULL);
  pthread_cond_init (&pl->done, NULL);
  atomic_init (&pl->next_item, 0);
  pl->threads = 1;
  for (int w = 1; w < threads; w++)
    {
      pool_arg *a = malloc (sizeof *a);
      if (a == NULL)
        break;
      *a = (pool_arg) { pl, w };
      if (pthread_create (&pl->tid[pl->threads - 1], NULL, pool_worker, a) != 0)
        {
          free (a);
          break;
        }
      pl->threads++;
    }
  return pl;
}

void
gp_pool_run (gp_pool *pl, long n, gp_parallel_fn fn, void *user)
{
  if (n <= 0)
    return;
  if (pl->threads == 1)
    {
      for (long i = 0; i < n; i++)
        fn (user, 0, i, i + 1);
      return;
    }
  pthread_mutex_lock (&pl->mu);
  pl->fn = fn;
  pl->user = user;
  pl->n = n;
  atomic_store (&pl->next_item, 0);
  pl->running = pl->threads - 1;
  pl->generation++;
  pthread_cond_broadcast (&pl->start);
  pthread_mutex_unlock (&pl->mu);
  pool_items (pl, 0, n);
  pthread_mutex_lock (&pl->mu);
  while (pl->running > 0)
    pthread_cond_wait (&pl->done, &pl->mu);
  pthread_mutex_unlock (&pl->mu);
}

void
gp_pool_free (gp_pool *pl)
{
  if (pl == NULL)
    return;
  pthread_mutex_lock (&pl->mu);
  pl->n = -1;
  pl->generation++;
  pthread_cond_broadcast (&pl->start);
  pthread_mutex_unlock (&pl->mu);
  for (int w = 0; w < pl->threads - 1; w++)
    pthread_join (pl->tid[w], NULL);
  pthread_cond_destroy (&pl->start);
  pthread_cond_destroy (&pl->done);
  pthread_mutex_destroy (&pl->mu);
  free (pl);
}
