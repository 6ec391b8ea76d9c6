/* gp-fabric-plan.c: per-plan levels on a glass fabric, cached per thread
 * (gp-fabric-plan.h). */
#include "gp-fabric-plan.h"

#include <pthread.h>
#include <string.h>

#include "gp-fabric.h"

#define PLAN_CACHE 512 /* slots, a power of two; more shapes than any search space holds */

typedef struct {
  long tp, cp, pp, ep, dp;
  bool used;
  gp_net_levels net;
} plan_entry;

static _Thread_local gp_fabric *fab;          /* built for fab_params */
static _Thread_local gp_fabric_params fab_params;
static _Thread_local plan_entry plan_cache[PLAN_CACHE];
static _Thread_local long n_hits, n_misses;

/* The fabric is freed when its thread ends (worker threads of sweeps and of the explorer's
 * jobs come and go): a key whose destructor frees it. */
static pthread_key_t fab_key;
static pthread_once_t fab_key_once = PTHREAD_ONCE_INIT;

static void
fab_destroy (void *f)
{
  gp_fabric_free (f);
}

static void
fab_key_create (void)
{
  (void) pthread_key_create (&fab_key, fab_destroy);
}

static gp_fabric *
fabric_for (const gp_topology_params *t, gp_error *err)
{
  gp_fabric_params fp;
  memset (&fp, 0, sizeof fp);
  gp_topology_fabric_params (t, &fp);
  if (fab != NULL && memcmp (&fp, &fab_params, sizeof fp) == 0)
    return fab;
  gp_fabric_free (fab);
  fab = NULL;
  memset (plan_cache, 0, sizeof plan_cache);
  pthread_once (&fab_key_once, fab_key_create);
  (void) pthread_setspecific (fab_key, NULL);
  if (gp_fabric_new (&fp, &fab, err) != GP_OK)
    return NULL;
  (void) pthread_setspecific (fab_key, fab);
  memcpy (&fab_params, &fp, sizeof fp);
  return fab;
}

gp_status
gp_fabric_plan_net (const gp_topology_params *t, const gp_plan *plan, gp_net_levels *out,
                    gp_error *err)
{
  if (t->kind != GP_TOPO_DIRECT_CONNECT && t->kind != GP_TOPO_CIRCUIT_SWITCHED)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %s: per-plan placement needs a "
                         "direct_connect or circuit_switched topology",
                         gp_topology_kind_names[t->kind]);
  gp_fabric *f = fabric_for (t, err);
  if (f == NULL)
    return err ? err->status : GP_EINVAL;
  const long ep = 1; /* no expert parallelism in gp_plan yet */
  unsigned long h = (unsigned long) plan->tp * 0x9E3779B1UL ^ (unsigned long) plan->cp * 131UL
                    ^ (unsigned long) plan->pp * 0x85EBCA77UL ^ (unsigned long) ep * 7919UL
                    ^ (unsigned long) plan->dp * 0xC2B2AE3DUL;
  for (int probe = 0; probe < 8; probe++)
    {
      plan_entry *e = &plan_cache[(h + (unsigned long) probe) & (PLAN_CACHE - 1)];
      if (e->used && e->tp == plan->tp && e->cp == plan->cp && e->pp == plan->pp
          && e->ep == ep && e->dp == plan->dp)
        {
          n_hits++;
          *out = e->net;
          return GP_OK;
        }
      if (!e->used || probe == 7)
        {
          gp_fabric_plan fpl;
          memset (&fpl, 0, sizeof fpl);
          fpl.tp = plan->tp, fpl.cp = plan->cp, fpl.pp = plan->pp, fpl.ep = ep;
          fpl.dp = plan->dp;
          gp_fabric_placement pl;
          gp_status rc = gp_fabric_place (f, &fpl, &pl, err);
          if (rc == GP_OK)
            rc = gp_fabric_net_levels_for_plan (f, &pl, out, err);
          if (rc != GP_OK)
            return rc;
          n_misses++;
          e->used = true;
          e->tp = plan->tp, e->cp = plan->cp, e->pp = plan->pp, e->ep = ep, e->dp = plan->dp;
          e->net = *out;
          return GP_OK;
        }
    }
  return GP_OK; /* not reached */
}

int
gp_fabric_plan_net_hook (void *user, const gp_plan *plan, gp_net_levels *out)
{
  gp_error err = { 0 };
  return gp_fabric_plan_net ((const gp_topology_params *) user, plan, out, &err) != GP_OK;
}

void
gp_fabric_plan_cache_stats (long *hits, long *misses)
{
  *hits = n_hits;
  *misses = n_misses;
}
