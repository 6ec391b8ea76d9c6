/* gp-failure.h: failures, blast radius, checkpointing and goodput of a training job.
 *
 * A synchronous training job stops whenever any of its components fails. From per-component
 * failure rates (defaults derived from the Llama 3 report, data/failures.lua), the job's
 * failure rate, the Young/Daly checkpoint interval and the goodput follow; the blast radius
 * (accelerators lost per failure) decides how often a restart must wait for repair. */
#pragma once

#include <stdbool.h>

#include "gp-node.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  char name[GP_NAME_MAX];
  long n_accel;                   /* accelerators (or wafer-scale systems) in the job */
  long accel_per_node;            /* accelerators per node/host/server */
  long mem_stacks_per_accel;      /* HBM stacks per accelerator */
  double links_per_accel;         /* failure-prone links (NIC + cable + switch port) each; a
                                     glass fabric: its links / N (ports wired / 2 direct) */
  long dies_per_accel;            /* logic dies per accelerator (a wafer: 1) */
  double logic_area_mm2;          /* logic silicon per accelerator, mm2 */
  double area_failures_per_hour_mm2; /* on-die failures per mm2 of logic silicon */
  double die_failures_per_hour;   /* per logic die, whatever its size (its system processor) */
  double mem_failures_per_hour;   /* per memory stack */
  double link_failures_per_hour;  /* per link */
  double node_failures_per_hour;  /* per node: host, power, NIC-less rest, software */
  long blast_radius_accel;        /* accelerators taken out by an accelerator, memory or link
                                     failure (1 Lite-GPU, 8 for a DGX node, 1 wafer system) */
  double spare_share;             /* hot spares as a share of n_accel, [0, 1) (the default) */
  long spare_accel;               /* hot spares as a count; > 0 overrides spare_share */
  double region_remap_share;      /* share of on-die (area) failures the part's spare units
                                     absorb at the restart: the job restarts, nothing goes
                                     to repair (a wafer region mapped out); 0 by default */
  double repair_hours;            /* time to return a lost unit to the spare pool */
  bool link_rerouted;             /* a failed link is routed around (no restart, no unit
                                     lost); the job runs link_slowdown slower until repaired */
  double link_slowdown;           /* step-time increase while a link is down, share */
  double checkpoint_gb;           /* state written per checkpoint, overhead included (the
                                     system model fills it from its workload and plan) */
  double checkpoint_overhead;     /* share added to weights + optimizer state by the rest of
                                     a restartable checkpoint (data loader, RNG, metadata) */
  double storage_write_gb_per_s;  /* aggregate checkpoint write bandwidth */
  double storage_read_gb_per_s;   /* aggregate checkpoint read bandwidth */
  long checkpoint_writers;        /* ranks holding distinct shards of the state (the plan's
                                     tp x pp, x dp under ZeRO); 0 = not limited */
  double writer_gb_per_s;         /* storage bandwidth of one such rank; 0 = not limited */
  double restart_s;               /* detect, reschedule and re-initialise, without the read */
  double checkpoint_interval_s;   /* compute time between checkpoints; 0 = Daly optimum */
} gp_failure_params;

extern const gp_param_table gp_failure_param_table;

/* Defaults: data/failures.lua "llama3-405b-h100" (Meta 2024, sec. 3.3.4 and 3.3.1). */
void gp_failure_params_init (gp_failure_params *p);

typedef enum {
  GP_FAIL_ACCEL, GP_FAIL_MEM, GP_FAIL_LINK, GP_FAIL_NODE, GP_FAIL_N
} gp_fail_component;

typedef struct {
  double rate_per_hour[GP_FAIL_N]; /* job-level rate of each kind of failure, 1/h */
  double failures_per_hour;        /* Lambda = sum */
  double mtbf_s;                   /* M = 1 / Lambda, s */
  double accel_lost_per_failure;   /* rate-weighted mean blast radius, accelerators */
  double machine_share_per_failure;/* that over n_accel */
  double repair_out_fraction;      /* mean share of the job's size out for repair (Little) */
  double spare_wait_probability;   /* a restart finds too few spares and waits a repair */
  double checkpoint_write_s;       /* delta */
  double restart_total_s;          /* R = restart + read + P(wait) repair */
  double interval_young_s;         /* sqrt(2 delta M) */
  double interval_daly_s;          /* Daly 2006 higher-order optimum */
  double interval_used_s;          /* the one goodput uses */
  double goodput;                  /* useful compute time / wall time, (0, 1] */
  double spares;                   /* the hot-spare pool used, accelerators */
  double link_down_probability;    /* rerouted links: P(some link is in repair) */
  double link_goodput_factor;      /* rerouted links: 1 / (1 + s P(down)); 1 otherwise */
} gp_failure_result;

/* Rates, each part charged for what it has: Lambda = n (A lambda_area + k_die lambda_die +
 * k_mem lambda_m + k_link lambda_l) + ceil(n / per_node) lambda_node, with A the logic area
 * per accelerator (mm2), k the dies, HBM stacks and links per accelerator;
 * M = 1/Lambda (independent exponential failures).
 * Spares: spare_accel when > 0, else ceil(spare_share x n). A share r of the on-die (area)
 * failures can be remapped onto spare units at the restart (a wafer region): those restart
 * the job but lose no unit, so the blast and repair terms below use Lambda_r = Lambda -
 * r n A lambda_area and restarts wait with probability (Lambda_r / Lambda) P(wait).
 * Checkpoint: delta = checkpoint_gb / B_w with B_w = min(storage write, writers x per-writer
 * bandwidth) (each shard is written by the rank that holds it); restart R = restart_s +
 * checkpoint_gb / B_r (the same with the read bandwidth) + P(wait) x repair. A failure of an accelerator, memory or
 * link removes blast_radius_accel accelerators, a node failure accel_per_node; with u the
 * rate-weighted mean, restarts wait when the spares cannot cover the units still in repair:
 * K ~ Poisson(Lambda x repair) events in repair (M/G/inf), P(wait) = P(K > floor(spares/u) - 1).
 * Intervals: Young (1974) tau = sqrt(2 delta M); Daly (2006, FGCS 22, eq. 37)
 * tau = sqrt(2 delta M) [1 + (1/3) sqrt(delta/(2M)) + (1/9) delta/(2M)] - delta for
 * delta < 2M, else M. Goodput, Daly's exponential model of the wall time:
 *   T_wall / T_solve = M e^{R/M} (e^{(tau + delta)/M} - 1) / tau,  goodput = its inverse.
 * Rerouted links (link_rerouted, a direct or circuit glass fabric whose surviving ports
 * carry the traffic around the failed one, gp_fabric_fail_port): a link failure neither
 * restarts the job nor removes an accelerator, so it leaves Lambda (and the blast radius
 * mean u); while K_l ~ Poisson(mu_l), mu_l = n k_link lambda_l x repair, links are in repair
 * the synchronous step waits for its slowest group, so it runs (1 + s) slower whenever
 * K_l >= 1 (several failed links slow different groups; the step takes their max, not
 * their sum): goodput x 1 / (1 + s (1 - e^{-mu_l})). Estimate (no published figure for
 * glass); the degraded-mode idea follows TPU v4's OCS routing around failures (Jouppi et
 * al., ISCA 2023, sec. 2).
 * Units: hours for rates as named, seconds elsewhere. Errors: GP_EINVAL naming the field;
 * GP_ERANGE when the goodput is below GP_FAILURE_MIN_GOODPUT (the run cannot finish in any
 * useful time: "goodput below 1% at this size: add spares or checkpoint faster"). */
#define GP_FAILURE_MIN_GOODPUT 0.01
gp_status gp_failure_eval (const gp_failure_params *p, gp_failure_result *r, gp_error *err);

/* Wall-clock time to finish IDEAL_S of failure-free training: ideal / goodput; and the
 * expected number of failures in it. */
gp_status gp_failure_effective_time (const gp_failure_result *r, double ideal_s,
                                     double *wall_s, double *expected_failures,
                                     gp_error *err);

#ifdef __cplusplus
}
#endif
