/* gp-system-search.c: the plan search as gp_system_eval runs it, through the prepared
 * system's search memo (gp_system_prepare_staged turns it on), and the reset that keeps the
 * memos of a staged prepare. Called by gp-system.c. */
#include "gp-system-private.h"

#include <stdlib.h>
#include <string.h>

/* The search's answer depends on nothing but the prepared step-time context's inputs
 * (accelerator and net levels as prepared, the workload), the fabric hook's topology and
 * the space, so equal bytes give the same answer. */
gp_status
gp_system_search (const gp_system *s, const gp_study *st, gp_system_prepared *prep,
                  const gp_search_params *space, gp_search_entry *best, gp_search_result *res,
                  gp_search_progress_fn progress, void *user, gp_error *err)
{
  gp_system_search_memo *m = &prep->search_memo;
  if (m->on && m->valid && memcmp (&m->accel, &prep->accel, sizeof m->accel) == 0
      && memcmp (&m->net, &prep->net, sizeof m->net) == 0
      && memcmp (&m->work, &st->workload, sizeof m->work) == 0
      && memcmp (&m->topology, &s->topology, sizeof m->topology) == 0
      && memcmp (&m->space, space, sizeof m->space) == 0)
    {
      *best = m->best;
      *res = m->result;
      return GP_OK;
    }
  gp_status rc = gp_search_run (&prep->steptime, space, best, res, progress, user, err);
  m->valid = false;
  if (m->on && rc == GP_OK && space->top_k == 1)
    {
      m->accel = prep->accel;
      m->net = prep->net;
      m->work = st->workload;
      m->topology = s->topology;
      m->space = *space;
      m->best = *best;
      m->result = *res;
      m->valid = true;
    }
  return rc;
}

/* Zero PREP for a prepare; STAGED keeps the package's stage memos (gp_package_prepare_staged)
 * and turns the search memo on, keeping its last answer. */
void
gp_system_prepared_reset (gp_system_prepared *prep, bool staged)
{
  /* A staged prepare keeps only the package's stage memos (gp_package_prepare_staged). */
  unsigned memo_magic = staged ? prep->package.memo_magic : 0;
  bool keep_search = staged && memo_magic != 0 && prep->search_memo.on
                     && prep->search_memo.valid;
  gp_system_search_memo *search_memo = NULL;
  if (keep_search && (search_memo = malloc (sizeof *search_memo)) != NULL)
    *search_memo = prep->search_memo;
  gp_package_count_memo count_memo[GP_N_ELEMENTS (prep->package.count_memo)];
  gp_package_yield_memo yield_memo[GP_N_ELEMENTS (prep->package.yield_memo)];
  if (staged)
    {
      memcpy (count_memo, prep->package.count_memo, sizeof count_memo);
      memcpy (yield_memo, prep->package.yield_memo, sizeof yield_memo);
    }
  memset (prep, 0, sizeof *prep);
  if (staged)
    {
      prep->package.memo_magic = memo_magic;
      memcpy (prep->package.count_memo, count_memo, sizeof count_memo);
      memcpy (prep->package.yield_memo, yield_memo, sizeof yield_memo);
      /* the search's answer, checked against its inputs by gp_system_search */
      if (search_memo != NULL)
        prep->search_memo = *search_memo;
      prep->search_memo.on = true;
    }
  free (search_memo);
}
