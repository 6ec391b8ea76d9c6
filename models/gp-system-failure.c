/* gp-system-failure.c: the failure job of a whole system (gp-system.h), filled from the
 * system's family, package, workload and plan, so each part is charged for what it has. */
#include "gp-system.h"

#include <math.h>
#include <string.h>

/* The job gp_failure_eval sees for system S running PLAN (may be NULL) on study ST:
 *   n_accel          the machine's accelerators (wafer-scale: systems);
 *   dies, area       the package's logic dies priced by the die model and their silicon
 *                    (a quarter-H100 Lite-GPU: 1 die of 203.5 mm2; a CS-3: 46,225 mm2);
 *   HBM stacks       the package's active stacks (a Lite-GPU with one stack is charged one);
 *   blast radius     by family: a DGX node (its accels_per_server), one Lite-GPU, one
 *                    wafer-scale system (the wafer restarts as a whole; spare cores map out
 *                    a failed region at the restart, so no smaller unit exists);
 *   checkpoint       one copy of the state, P (b_w + b_opt) (gradients are not saved;
 *                    ZeRO sec. 3.1: 2 + 12 bytes per parameter for mixed-precision Adam), x
 *                    (1 + checkpoint_overhead);
 *   writers          the ranks holding distinct shards of it: tp x pp, x dp under ZeRO >= 1
 *                    (wafer-scale: not limited by writers: the external memory appliance,
 *                    many servers, writes it, so the storage bandwidth binds).
 * The rest (rates, spares share or count, repair, restart, storage) is the system's
 * failure struct as given. */
void
gp_system_failure_job (const gp_system *s, const gp_system_prepared *prep, const gp_study *st,
                       const gp_plan *plan, gp_failure_params *fp)
{
  *fp = s->failure;
  fp->n_accel = s->sys.accelerators;
  fp->mem_stacks_per_accel = prep->hbm_stacks_per_accel;
  if (prep->logic_dies_per_accel > 0)
    {
      fp->dies_per_accel = prep->logic_dies_per_accel;
      fp->logic_area_mm2 = prep->logic_area_mm2;
    }
  switch (s->sys.family)
    {
    case GP_FAMILY_DGX: fp->blast_radius_accel = s->sys.accels_per_server; break;
    default: fp->blast_radius_accel = 1; break;
    }
  const gp_workload *w = &st->workload;
  fp->checkpoint_gb = prep->params * (w->bytes_per_param + w->optimizer_bytes_per_param)
                      * (1.0 + fp->checkpoint_overhead) / 1e9;
  if (plan == NULL)
    fp->checkpoint_writers = 0;
  else if (s->sys.family == GP_FAMILY_WAFER_SCALE)
    fp->checkpoint_writers = 0; /* the external memory appliance's servers: storage-bound */
  else
    {
      double wr = (double) plan->tp * (double) plan->pp
                  * (plan->zero_stage >= 1 ? (double) plan->dp : 1.0);
      fp->checkpoint_writers = wr > 1e9 ? 1000000000L : (long) wr;
    }
}

/* A glass fabric's links fail as links, not as accelerators:
 *   links per accel  the fabric built (gp_fabric_eval): links / N, i.e. ports wired / 2 on
 *                    a direct fabric (a 3D torus: 3), d on a circuit fabric (each port's
 *                    fibre to its switch); the scale-out level's links are not counted;
 *   reroute          port 0 of accelerator 0 is failed on the built fabric
 *                    (gp_fabric_fail_port; the regular shapes look the same from every
 *                    port). If nobody is cut off, link_rerouted is set: no restart, no
 *                    accelerator lost; else the preset's behaviour (a restart) stays;
 *   slowdown         s = (rho - 1) T_net / T_step, T_net the network time of the one
 *                    collective kind the failed link carries, taken as the largest (a link
 *                    of a regular fabric lies on one dimension, and the plan's groups are laid
 *                    out along dimensions, so one failed link slows one group kind's
 *                    collectives; hidden or exposed: a slower collective may surface), rho
 *                    the factor on that time: a direct fabric's flows on the failed link
 *                    take a detour whose links already carry the collective's own flows, so
 *                    the busiest link carries two: rho = 2 (estimate, an upper bound: every
 *                    link busy, as under a ring spanning every dimension); a circuit fabric
 *                    re-lays its circuits on the p - 1 ports left: rho = p / (p - 1).
 * Estimate: no failure data for glass links; the rate per link is the preset's. */
gp_status
gp_system_failure_reroute (const gp_system *s, const gp_system_prepared *prep,
                           const gp_steptime_result *step, gp_failure_params *fp,
                           gp_fabric_failure *out, gp_error *err)
{
  const gp_topology_params *t = &s->topology;
  if (t->kind != GP_TOPO_DIRECT_CONNECT && t->kind != GP_TOPO_CIRCUIT_SWITCHED)
    return GP_OK;
  const gp_fabric_result *fr = &prep->topology.fabric;
  if (prep->topology.has_fabric && t->accelerators > 0)
    fp->links_per_accel = (double) fr->links / (double) t->accelerators;
  /* The failed port's answer depends on the graph only: kept per thread for the last
   * parameter set, so an evaluation of a given plan does not rebuild 4,096 accelerators. */
  static _Thread_local gp_fabric_params last_params;
  static _Thread_local gp_fabric_failure last_ff;
  static _Thread_local int last_state; /* 0 none, 1 failed port known, 2 nothing wired */
  gp_fabric_params fparams;
  memset (&fparams, 0, sizeof fparams);
  gp_topology_fabric_params (t, &fparams);
  if (last_state == 0 || memcmp (&fparams, &last_params, sizeof fparams) != 0)
    {
      gp_fabric *f = NULL;
      GP_TRY (gp_fabric_new (&fparams, &f, err));
      gp_status rc = GP_EINVAL;
      /* the first wired port (a torus of size 1 in x wires none there) */
      for (long port = 0; port < fparams.ports_per_accel && rc != GP_OK; port++)
        rc = gp_fabric_fail_port (f, 0, port, &last_ff, NULL);
      gp_fabric_free (f);
      memcpy (&last_params, &fparams, sizeof fparams);
      last_state = rc == GP_OK ? 1 : 2;
    }
  if (last_state != 1)
    return GP_OK; /* nothing wired to fail: a fabric of one accelerator */
  gp_fabric_failure ff = last_ff;
  if (out)
    *out = ff;
  if (ff.disconnected_accels > 0)
    return GP_OK;
  fp->link_rerouted = true;
  double rho = ff.peer < 0 ? (ff.bw_share_left > 0 ? 1.0 / ff.bw_share_left : 1.0) : 2.0;
  fp->link_slowdown = 0;
  if (step != NULL && step->feasible && step->step_time_s > 0)
    {
      double net = 0;
      for (int k = 0; k < GP_COMM_N; k++)
        net = fmax (net, step->comm[k].time_s);
      fp->link_slowdown = (rho - 1.0) * net / step->step_time_s;
      if (fp->link_slowdown > 100)
        fp->link_slowdown = 100;
    }
  return GP_OK;
}
