/* gp-system-failure.c: the failure job of a whole system (gp-system.h), filled from the
 * system's family, package, workload and plan, so each part is charged for what it has. */
#include "gp-system.h"

#include <math.h>

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
