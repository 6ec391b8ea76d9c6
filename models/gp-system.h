/* gp-system.h: a whole machine of one family (DGX-style, Lite-GPU glass server,
 * wafer-scale) evaluated on a workload: every figure the comparison shows, in one call.
 *
 * A system joins the sub-models: the accelerator package (gp-package: dies, HBM, optics,
 * carrier; its yield and cost), the accelerator's performance (gp_accel), the interconnect
 * (gp-topology, with optionally the scale-up link from gp-link deciding its pJ/bit), the
 * servers that hold the accelerators (host, board, power delivery, cooling, chassis), a power
 * model (accelerator TDP split into compute, memory and I/O; interconnect; host; PUE), the
 * embodied and operational carbon (gp-carbon), failures and goodput (gp-failure), and the
 * training step time with the best parallelism plan (gp-steptime, gp-search).
 *
 *   gp_system_prepare()   validates everything, runs the expensive, parameter-stable parts
 *                         once (die count and yield inside gp_package_prepare, link budget,
 *                         topology, step-time context) into a gp_system_prepared.
 *   gp_system_eval()      everything else; with a given plan no search runs and one call is
 *                         a few microseconds; with plan == NULL the parallelism search picks
 *                         the plan (progress callback, cancellable).
 *
 * Cost of a trained model = capex x (time to train / lifetime) + energy x electricity price
 * (straight-line amortisation, as LLMCarbon amortises embodied carbon); carbon of a trained
 * model = embodied x (time / lifetime) + energy x PUE x grid intensity (gp_carbon_run).
 * "Time" there is the wall time with failures and checkpoints (time to train / goodput)
 * and the energy is the power model's wall power x that time (the power model has the
 * hosts, delivery losses and PUE that the step model's energy leaves out); the joins are
 * written out above gp_system_eval in gp-system.c.
 * Units: USD, W, J, s, kgCO2e, FLOP/s; PFLOP/s where named. */
#pragma once

#include <stdbool.h>

#include "gp-carbon.h"
#include "gp-compute-cost.h"
#include "gp-cost.h"
#include "gp-failure.h"
#include "gp-link.h"
#include "gp-mempool.h"
#include "gp-package.h"
#include "gp-param.h"
#include "gp-power.h"
#include "gp-search.h"
#include "gp-steptime.h"
#include "gp-topology.h"
#include "gp-workload.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_FAMILY_DGX,         /* a few large GPUs per server, NVSwitch inside, fat tree outside */
  GP_FAMILY_LITE_GPU,    /* hundreds to thousands of small GPUs per server on a glass
                            optical fabric */
  GP_FAMILY_WAFER_SCALE, /* one wafer per system, data-parallel scale-out, weight streaming */
  GP_FAMILY_N
} gp_family;

/* "dgx", "lite_gpu", "wafer_scale", NULL */
extern const char *const gp_family_names[];

/* The flat, per-system parameters (the sub-models keep their own structs). */
typedef struct {
  char name[GP_NAME_MAX];
  int family;                       /* gp_family */
  long accelerators;                /* N accelerators (wafer_scale: systems) */
  long accels_per_server;           /* 8 (DGX), hundreds (Lite-GPU server), 1 (wafer) */
  /* servers: everything but the accelerator packages and the interconnect */
  double server_cost_usd;           /* host CPUs, DRAM, SSD, board, chassis, PSUs, assembly */
  double server_power_w;            /* host, fans, NICs' logic: power beyond accelerators and
                                       interconnect, at training load */
  double host_dram_gb;              /* per server, for carbon */
  double host_ssd_gb;               /* per server, for carbon */
  double integration_cost_fraction; /* racks, cabling labour, installation: share of the rest */
  /* accelerator power: TDP at training load split into compute, memory, I/O */
  double accel_memory_power_share;  /* of the accelerator's power_w */
  double accel_io_power_share;      /* of the accelerator's power_w (the rest is compute) */
  /* facility and economics */
  double power_delivery_efficiency; /* wall to chip, (0, 1] */
  double pue;                       /* >= 1 */
  double electricity_usd_per_kwh;
  double lifetime_years;            /* amortisation of capex and embodied carbon */
  bool use_scaleup_link;            /* the scale-up energy per bit comes from `link` */
  /* embodied carbon of the interconnect, per item the topology counts (level 0 is the
     scale-up / fabric / on-wafer level, level 1 the scale-out fat tree) */
  double scaleup_switch_kgco2e;     /* per scale-up switch (NVSwitch chip, OCS) */
  double scaleup_transceiver_kgco2e;/* per scale-up link end (0 when it is a SerDes inside
                                       a chip, or an optical engine priced in the package) */
  double scaleout_switch_kgco2e;    /* per scale-out switch box */
  double scaleout_transceiver_kgco2e; /* per scale-out link end (pluggable module) */
} gp_system_params;

extern const gp_param_table gp_system_param_table;

typedef struct {
  gp_system_params sys;
  gp_package_params package;        /* one accelerator package (a wafer for wafer_scale) */
  gp_accel accel;                   /* performance of one accelerator (one wafer system) */
  gp_topology_params topology;      /* the interconnect; accelerators kept equal to sys */
  gp_link_params link;              /* the scale-up link technology (use_scaleup_link) */
  gp_failure_params failure;        /* rates, blast radius, checkpointing */
  gp_carbon_system_params carbon;   /* per-server parts' carbon (packages filled in) */
  gp_cost_params cost;              /* build costs, margins, the glass fabric (gp-cost.h) */
  gp_power_params power;            /* die power model, cooling class, rack packing (issue 18;
                                       its die fields are filled from the package, accel and
                                       topology by gp_system_prepare) */
  gp_mempool_params pool;           /* memory pooled over the fabric; capacity 0 = none */
} gp_system;

/* What every compared system shares: the workload, the token budget, the grid. */
typedef struct {
  gp_workload workload;
  double token_budget;              /* tokens to train on */
  double grid_ci_g_per_kwh;         /* where the training runs, gCO2e/kWh */
  gp_carbon_params carbon;          /* fab grid and per-part figures */
  gp_search_params search;          /* the plan space (n_accel set from each system) */
  int cost_basis;                   /* gp_cost_basis: build cost or purchase price */
} gp_study;

/* token_budget, grid_ci_g_per_kwh, cost_basis (optional in files: build) */
extern const gp_param_table gp_study_param_table;

/* The plan search's last answer with the inputs it was found from (gp_system_search). */
typedef struct {
  bool on, valid;
  gp_accel accel;
  gp_net_levels net;
  gp_workload work;
  gp_topology_params topology;
  gp_search_params space;
  gp_search_entry best;
  gp_search_result result;
} gp_system_search_memo;

/* Expensive, parameter-stable state of one system on one study. Owns nothing on the heap. */
typedef struct {
  gp_package_prepared package;
  gp_carbon_package_result package_carbon;
  gp_link_result link;
  gp_topology_result topology;
  gp_accel accel;                   /* copy with derived fields */
  gp_net_levels net;
  gp_steptime_ctx steptime;         /* borrows accel/net above and the study's workload;
                                       re-pointed by every gp_system_eval, so a prepared
                                       struct may be copied */
  bool ready;
  /* what eval checks the system against, and cached figures */
  long accelerators;                /* sys.accelerators when prepared */
  long accels_per_server;
  int main_part;                    /* index of the main logic die in the package */
  long hbm_stacks_per_accel;        /* active HBM stacks (failure model) */
  long logic_dies_per_accel;        /* logic dies priced by the die model (failure model) */
  double logic_area_mm2;            /* their silicon per accelerator (failure model) */
  double checkpoint_gb;             /* weights + optimizer state of the study's workload */
  double params;                    /* the workload's parameters */
  long wafer_systems_needed;        /* wafer-scale: fewest systems for the model (0: none) */
  double scaleup_energy_pj_per_bit; /* what the topology was evaluated with */
  gp_power_result power;            /* die power, cooling limits, sustained clock */
  gp_mempool_result pool;           /* per-accelerator pool share (zeros when none) */
  char power_limits[192];           /* the die's cooling-bound words ("" when within) */
  double limits_key[7];             /* what the last words in limits_cache were made from */
  char limits_cache[256];           /* so a sweep does not format the same words again */
  bool skip_binding;                /* set by a caller after the prepare: eval leaves
                                       result.binding "" (sweeps whose frames carry no
                                       words skip the formatting); prepare clears it */
  /* Set by a caller after the prepare when nothing the step time reads changes between
   * its evaluations (the study's workload and the system's topology; the rest it reads is
   * the preparation's own): eval then keeps the step of the last plan it timed and reuses
   * it, bit for bit, for the same plan. A sweep over prices, rates and lifetimes re-runs
   * only cost, power, failures and carbon. Prepare clears it. */
  bool reuse_step;
  bool step_kept;
  gp_plan kept_plan;
  gp_steptime_result kept_step;
  /* the binding constraint's words and the plan and step they were made from: the words
     read nothing else (the preparation's accelerator and levels), so an evaluation whose
     plan and step match bit for bit copies them instead of formatting again (half of an
     evaluation given a plan). Prepare clears them. */
  bool words_kept;
  gp_plan words_plan;
  gp_steptime_result words_step;
  char words[160];                  /* as gp_system_result.binding */
  /* The plan search's last answer, kept by gp_system_prepare_staged only (a plain prepare
   * clears it, so every search it serves runs): eval with no plan reuses it while the
   * search's inputs (the prepared accelerator and net levels, the workload, the topology
   * the fabric hook reads and the search space) are the same bytes, so a sweep of D0 or a
   * price does not search again. */
  gp_system_search_memo search_memo;
} gp_system_prepared;

/* Capex in four lines (each the sum of gp-cost.h's finer lines in the study's basis). */
typedef enum {
  GP_CAPEX_PACKAGES,     /* accelerator packages (dies, HBM, carrier, assembly; optics too
                            unless the glass fabric prices them) */
  GP_CAPEX_SERVERS,      /* hosts, boards, chassis, power delivery */
  GP_CAPEX_INTERCONNECT, /* switches, transceivers, cables; the glass fabric's engines,
                            lasers and glass */
  GP_CAPEX_INTEGRATION,
  GP_CAPEX_N
} gp_capex_part;
extern const char *const gp_capex_part_names[];

typedef enum {
  GP_POWER_COMPUTE,      /* accelerator compute share of TDP */
  GP_POWER_MEMORY,
  GP_POWER_IO,
  GP_POWER_INTERCONNECT, /* switches and links outside the accelerators */
  GP_POWER_SERVERS,      /* hosts, fans */
  GP_POWER_DELIVERY,     /* conversion losses */
  GP_POWER_FACILITY,     /* (PUE - 1) x IT power: cooling and the rest */
  GP_POWER_N
} gp_power_part;
extern const char *const gp_power_part_names[];

typedef enum {
  GP_EMBODIED_PACKAGES,
  GP_EMBODIED_SERVERS,   /* DRAM, SSD, boards, PSUs, chassis, cooling */
  GP_EMBODIED_INTERCONNECT,
  GP_EMBODIED_N
} gp_embodied_part;
extern const char *const gp_embodied_part_names[];

typedef struct {
  /* scale */
  long accelerators, servers;
  double peak_pflops;               /* N x peak */
  double achieved_pflops;           /* model FLOPs / step time */
  /* capex, in the study's cost basis (cost_basis) */
  int cost_basis;                   /* gp_cost_basis the capex figures are in */
  double capex_usd;
  double capex_usd_part[GP_CAPEX_N];
  double capex_usd_line[GP_COSTLINE_N]; /* the finer breakdown (gp-cost.h) */
  double network_share;             /* interconnect / capex */
  double package_basis_usd;         /* one package in the basis (street price, or build) */
  double fabric_usd_per_port;       /* glass fabric: engines + lasers + glass per port */
  gp_cost_result cost;              /* the whole capex computation */
  double package_cost_usd;          /* per good package */
  gp_package_result package;        /* its breakdown */
  /* yield of the main logic die */
  double die_yield;
  double good_dies_per_wafer;
  long gross_dies_per_wafer;
  /* power (at training load, from the wall) */
  double power_w;
  double power_w_part[GP_POWER_N];
  /* performance */
  gp_plan plan;                     /* the plan used (given or found) */
  gp_steptime_result step;
  gp_search_result search;          /* zeros when a plan was given */
  char binding[160];                /* the binding constraint in words */
  /* training run */
  double time_to_train_s;           /* failure-free */
  double goodput;                   /* from gp_failure_eval */
  double effective_time_to_train_s; /* time_to_train / goodput */
  double energy_to_train_j;         /* from the wall, incl. PUE */
  double cost_to_train_usd;         /* capex share + energy */
  double carbon_to_train_kg;        /* embodied share + operational */
  double operational_kg, embodied_share_kg;
  /* embodied carbon of the whole machine */
  double embodied_kg;
  double embodied_kg_part[GP_EMBODIED_N];
  /* failures */
  double blast_radius_share;        /* share of the machine one failure takes down */
  long spares;                      /* hot-spare pool, accelerators (share or count) */
  double checkpoint_gb;             /* state written per checkpoint (workload and plan) */
  /* wafer-scale (0 for other families) */
  long weights_resident;            /* 1: the plan keeps the weights in SRAM, 0: streams */
  long wafer_systems_needed;        /* fewest systems that can train the model */
  double mtbf_s;
  /* ratios users quote */
  double pflops_per_musd;           /* peak PFLOP/s per million USD of capex (1e6 /
                                       usd_per_pflops_system) */
  /* cost per PFLOP/s of dense peak, the three definitions of gp-compute-cost.h */
  double usd_per_pflops_package;    /* per good package */
  double usd_per_pflops_accel;      /* per accelerator with its server and fabric shares */
  double usd_per_pflops_system;     /* per system: capex / peak */
  double pflops_per_kw;             /* peak PFLOP/s per kW from the wall */
  double tokens_per_joule;
  double usd_per_model;             /* = cost_to_train_usd */
  double kgco2e_per_model;          /* = carbon_to_train_kg */
  /* flat copies and extra figures, for tables, Lua and CSV */
  double step_time_s;               /* = step.step_time_s */
  double mfu;                       /* = step.mfu */
  double tokens_per_s;              /* = step.tokens_per_s */
  double it_power_w;                /* power_w / PUE: the IT load incl. delivery losses */
  double capex_share_usd;           /* capex x effective time / lifetime */
  double energy_cost_usd;           /* energy_to_train x electricity price */
  double expected_failures;         /* failures during the effective run */
  double step_energy_to_train_j;    /* the step model's own energy estimate (accelerators
                                       and link bits only), for comparison; not used */
  /* power and cooling (gp-power; issue 18) */
  int cooling;                      /* gp_cooling_class */
  double die_area_mm2;              /* one logic die of the package */
  double die_w_per_mm2;             /* at the reference clock */
  double die_limit_w_per_mm2;       /* what the cooling class removes from this die */
  double sustained_clock_mhz;
  double clock_ratio;               /* peak_pflops is scaled by it */
  double accel_power_w;             /* package power at the sustained clock */
  double server_it_power_w;         /* IT power of one server (incl. its share of the fabric) */
  double rack_power_w;              /* servers_per_rack (at most the machine) x server */
  double rack_limit_w;
  double racks;                     /* servers / servers_per_rack, rounded up */
  unsigned limit_flags;             /* GP_LIMIT_* */
  char limits[256];                 /* the limits crossed in words; "" when none */
  /* the pooled memory tier (gp-mempool; issue 18) */
  long pools;
  double pool_capacity_gb_per_accel, pool_bw_gb_per_s_per_accel, pool_latency_ns;
  double pool_capex_usd, pool_power_w, pool_embodied_kg; /* inside the servers parts */
} gp_system_result;

enum {
  GP_LIMIT_DIE_FLUX = 1u << 0,  /* the die is over its class's heat-flux limit at its clock */
  GP_LIMIT_PACKAGE = 1u << 1,   /* the package is over its class's power limit */
  GP_LIMIT_RACK = 1u << 2,      /* a rack is over its class's power limit */
  GP_LIMIT_SERVER = 1u << 3,    /* a server is over its power delivery limit */
};

extern const gp_param_table gp_system_result_table; /* the scalar outputs, for Lua and CSV */

/* Defaults: data/systems.lua "dgx-h100" (with its package, accelerator, topology, link,
 * failure and carbon sub-tables) and a study of data/workloads.lua "llama3-70b" on
 * 15e12 tokens (Meta 2024) in the world-average grid. */
void gp_system_init (gp_system *s);
void gp_study_init (gp_study *st);

/* Check a system: every sub-struct against its table plus cross-checks (accelerators
 * a multiple of accels_per_server, topology accelerators equal, shares summing to <= 1,
 * wafer_scale family with a wafer-scale package and accel). */
gp_status gp_system_validate (const gp_system *s, gp_error *err);

gp_status gp_system_prepare (const gp_system *s, const gp_study *st, const gp_node *nodes,
                             size_t n_nodes, gp_system_prepared *prep, gp_error *err);

/* The same, bit for bit, for a PREP that was prepared before (successfully or not) or is
 * zero-filled: the package's expensive stages (exact die and interposer counts, redundancy
 * yields) run again only when their own inputs changed (gp_package_prepare_staged), so a
 * re-prepare after a D0, wafer-price, link or accelerator change costs the rest of the
 * prepare, not the die count. For sweeps and Monte Carlo that re-prepare per point. */
/* gp_search_run (top 1) for gp_system_eval, through PREP's search memo when it is on. */
gp_status gp_system_search (const gp_system *s, const gp_study *st, gp_system_prepared *prep,
                            const gp_search_params *space, gp_search_entry *best,
                            gp_search_result *res, gp_search_progress_fn progress,
                            void *user, gp_error *err);

gp_status gp_system_prepare_staged (const gp_system *s, const gp_study *st,
                                    const gp_node *nodes, size_t n_nodes,
                                    gp_system_prepared *prep, gp_error *err);

/* Evaluate. PLAN == NULL: search (gp_search_run with st->search, top 1 kept in *out, a
 * fuller ranked list is available from gp_search_run directly); PROGRESS may be NULL.
 * An infeasible machine (no plan fits in memory) returns GP_EINFEASIBLE with the
 * shortfall in out->step and the message naming it. */
gp_status gp_system_eval (const gp_system *s, const gp_study *st, gp_system_prepared *prep,
                          const gp_plan *plan, gp_system_result *out,
                          gp_search_progress_fn progress, void *user, gp_error *err);

/* Steps 1-2 of gp_system_eval alone: scale, capex, power and embodied carbon (and the
 * ratios that need no step), for studies that do not train (inference). The rest of OUT
 * is zero. */
gp_status gp_system_eval_hardware (const gp_system *s, const gp_study *st,
                                   gp_system_prepared *prep, gp_system_result *out,
                                   gp_error *err);

/* Lite-GPU from a parent accelerator system: scale die area (keeping its aspect ratio),
 * repairable units and spares, HBM stacks (rounded, at least 1), peak, memory capacity
 * and bandwidth, power by FRACTION (e.g. 0.25); optics sized by shoreline; count scaled by
 * 1/FRACTION so peak compute is kept. The derivation is documented in the .c. */
gp_status gp_system_derive_lite (const gp_system *parent, double fraction, gp_system *out,
                                 gp_error *err);

/* The same with the optical port technology named: OPTICS is one port (lanes x lane rate)
 * of the co-packaged optics and of the fabric link; OPTICS_USD_PER_GBPS prices one engine
 * (port) per Gb/s. gp_system_derive_lite uses the parent's link when it is optical, else
 * gp_link_params_init (data/links.lua "cpo-1.6t-nvidia"), at 0.1 USD per Gb/s (the
 * estimate data/packages.lua uses for the Lite-GPU's engines). */
gp_status gp_system_derive_lite_with (const gp_system *parent, double fraction,
                                      const gp_link_params *optics,
                                      double optics_usd_per_gbps, gp_system *out,
                                      gp_error *err);

/* Regroup S's accelerators into servers of ACCELS_PER_SERVER, keeping the host resources
 * per accelerator: server cost and power, host DRAM and SSD and the per-server carbon parts
 * (boards, power supplies, chassis rounded up; cooling and other kgCO2e) scale by the ratio
 * of new to old accelerators per server. The failure model's host nodes (failure
 * accel_per_node and node rate) are unchanged: the same hosts serve the same accelerators.
 * GP_EINVAL when accelerators is not a multiple of ACCELS_PER_SERVER. */
gp_status gp_system_regroup (gp_system *s, long accels_per_server, gp_error *err);

typedef enum {
  GP_SCALE_COUNT,        /* VALUE accelerators */
  GP_SCALE_COMPUTE,      /* VALUE PFLOP/s peak */
  GP_SCALE_COST,         /* VALUE USD capex */
  GP_SCALE_POWER,        /* VALUE W from the wall */
  GP_SCALE_N
} gp_scale_target;
extern const char *const gp_scale_target_names[];

/* Resize S to meet a target (rounded to whole servers, at least one), so families can be
 * compared at equal compute, cost or power. Cost and power targets solve with the
 * per-server figures of a prepared evaluation. */
gp_status gp_system_scale (gp_system *s, const gp_study *st, const gp_node *nodes,
                           size_t n_nodes, gp_scale_target target, double value,
                           gp_error *err);

/* Runs longer than this are refused with GP_ERANGE (every output is sized for it). */
#define GP_SYSTEM_MAX_RUN_YEARS 100

/* The failure job of S running PLAN (NULL: no plan yet) on ST: machine size, logic dies and
 * area, HBM stacks, blast radius by family, checkpoint from the workload and the plan's
 * shards (equations in gp-system-failure.c). PREP must be prepared. */
void gp_system_failure_job (const gp_system *s, const gp_system_prepared *prep,
                            const gp_study *st, const gp_plan *plan, gp_failure_params *fp);

/* Glass fabric kinds (direct_connect, circuit_switched) only; others leave FP alone: the
 * links and what a failed one costs, from the fabric S actually builds (equations in
 * gp-system-failure.c). STEP (may be NULL: no slowdown) is the plan's step; OUT (may be
 * NULL) gets gp_fabric_fail_port's answer for port 0 of accelerator 0. Errors: the
 * fabric's (gp_fabric_new). */
gp_status gp_system_failure_reroute (const gp_system *s, const gp_system_prepared *prep,
                                     const gp_steptime_result *step, gp_failure_params *fp,
                                     gp_fabric_failure *out, gp_error *err);

/* Set the machine to N accelerators (keeping the topology's and the failure model's counts
 * equal, and the hot-spare pool at the same share of the machine, rounded up). No
 * rounding of N: GP_EINVAL unless N >= 1 is a multiple of accels_per_server. */
gp_status gp_system_set_accelerators (gp_system *s, long n, gp_error *err);

#ifdef __cplusplus
}
#endif
