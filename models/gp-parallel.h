/* gp-parallel.h: split a loop over worker threads (plain pthreads; models/ has no GLib).
 *
 * Work [0, n) is cut into T contiguous blocks, block w = [w n / T, (w + 1) n / T), and
 * block w runs on worker w (worker 0 is the calling thread). The split depends only on n
 * and T, never on timing, and callers write each index's result to its own slot and
 * combine per-block figures in block order, so results are the same whatever T is when
 * every index's work is independent of the others (sweeps), and bitwise equal for a given
 * T in any case. A worker that cannot be started runs its block on the calling thread
 * after the others, which changes nothing in the results. */
#pragma once

#include "gp-error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most workers a caller may ask for. 256 covers any machine glasspane is meant for
 * (4x a 64-core workstation) while refusing a typo such as threads = 100000. */
#define GP_THREADS_MAX 256

/* FN (USER, WORKER, BEGIN, END) for one block; called once per non-empty block. */
typedef void (*gp_parallel_fn) (void *user, int worker, long begin, long end);

/* The worker count to use: REQUESTED when > 0 (it must be 1..GP_THREADS_MAX, else
 * GP_EINVAL naming `threads`), else $GP_THREADS when set (same range, else GP_EINVAL
 * naming GP_THREADS), else the online processors (at most GP_THREADS_MAX). REQUESTED = 0
 * means "not given"; a caller exposing the option refuses an explicit 0 itself. */
gp_status gp_threads_resolve (long requested, int *out, gp_error *err);

/* Check an explicit `threads` value: 1..GP_THREADS_MAX. */
gp_status gp_threads_check (long threads, gp_error *err);

/* Run FN over [0, N) on min(THREADS, N) workers (THREADS >= 1), returning when all are
 * done. N <= 0 runs nothing. */
void gp_parallel_for (long n, int threads, gp_parallel_fn fn, void *user);

/* A set of workers started once and used for many loops, so their per-thread caches (the
 * glass fabric's placements, for one) live through a whole Monte Carlo run or search.
 * gp_pool_run hands the items [0, N) out one at a time to the pool's workers and the
 * calling thread (worker 0) as FN (USER, WORKER, i, i + 1) and returns when all are done.
 * Which worker runs an item depends on timing: FN must write each item's result to its
 * own slot and do the same work whatever worker runs it, so the results are the same for
 * any thread count. A pool whose workers could not all be started runs with fewer (down
 * to the caller alone). Not re-entrant: one gp_pool_run at a time per pool. */
typedef struct gp_pool gp_pool;

/* THREADS workers in all (the caller counts as one); NULL when out of memory. */
gp_pool *gp_pool_new (int threads);
void gp_pool_run (gp_pool *pool, long n, gp_parallel_fn fn, void *user);
void gp_pool_free (gp_pool *pool); /* NULL-safe; joins the workers */

#ifdef __cplusplus
}
#endif
