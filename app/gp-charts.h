/* gp-charts.h: the explorer's charts and comparison table, built as gp_chart data from a
 * session. No widgets: the same chart is drawn on screen by GpChartView and written to
 * SVG/PDF/PNG/CSV by gp-export, and the tests read its series. */
#pragma once

#include "gp-chart.h"
#include "gp-session.h"

G_BEGIN_DECLS

typedef enum {
  GP_CHART_ID_CAPEX,        /* capital cost breakdown per system (stacked) */
  GP_CHART_ID_POWER,        /* power from the wall per system (stacked) */
  GP_CHART_ID_CARBON,       /* carbon per trained model: embodied share + operational */
  GP_CHART_ID_STEPTIME,     /* step-time phases per system, binding constraint named */
  GP_CHART_ID_SCALING,      /* time to train against accelerator count */
  GP_CHART_ID_PARETO,       /* cost against time to train over the count sweep */
  GP_CHART_ID_INTERCONNECT, /* interconnect power against bandwidth per accelerator */
  GP_CHART_ID_DIE_COST,     /* die cost per PFLOP/s against die area, systems marked */
  GP_CHART_ID_YIELD,        /* die yield against die area, systems marked */
  GP_CHART_ID_LINK_BUDGET,  /* optical link budget waterfall of the selected system */
  GP_CHART_ID_WAFER_MAP,    /* the selected system's die on its wafer (Monte Carlo) */
  GP_CHART_ID_UNCERTAINTY,  /* cost per model against time to train, 5-95 % whiskers */
  GP_CHART_ID_TORNADO,      /* the selected system's cost per model: one-at-a-time swings */
  GP_CHART_ID_BREAK_EVEN,   /* a Lite-GPU's cost per model against its fabric pJ/bit, with
                               the baseline's and the break-even marked */
  GP_CHART_ID_POWER_DENSITY, /* die power density against die size, cooling limits drawn */
  GP_CHART_ID_MEMORY_TIERS,  /* capacity against bandwidth per accelerator by memory tier */
  GP_CHART_ID_EMBODIED_PARTS, /* embodied carbon of the machine by part (stacked) */
  GP_CHART_ID_INFERENCE_LATENCY, /* serving: tokens/s per user against tokens/s per peak
                                    PFLOP/s, each system's Pareto frontier */
  GP_CHART_ID_INFERENCE_COST,    /* serving: USD per million tokens at the latency target */
  GP_CHART_ID_INFERENCE_ENERGY,  /* serving: tokens per joule at the latency target */
  GP_CHART_ID_INFERENCE_MEMORY,  /* serving: weights, KV cache, activations per accelerator */
  GP_CHART_ID_FABRIC_SWEEP,   /* a Lite-GPU system's step time, cost, power against ports and
                                 rate per fabric kind (variants: gp_charts_n_variants) */
  GP_CHART_ID_FABRIC_SPEEDUP, /* its glass fabrics' speedup over fat trees */
  GP_CHART_ID_TABLE,        /* the comparison table (export) */
  GP_CHART_ID_N
} GpChartId;

/* File-name stem: "capex", "step_time", ... */
const char *gp_chart_id_key (GpChartId id);
/* Whether the chart shows only the selected system (link budget, wafer map). */
gboolean gp_chart_id_is_selected_only (GpChartId id);

/* Build chart ID from SESSION. Never NULL unless out of memory: a chart with nothing to
 * show says why in its caption and draws "No data". */
gp_chart *gp_charts_build (GpSession *session, GpChartId id);

/* A digest of everything chart ID reads, for charts whose build computes something (the
 * wafer map's exact count and Monte Carlo, the link budget, the interconnect sweep): equal
 * digests mean an equal chart, so the caller may keep the one it has. NULL for charts that
 * are cheap to rebuild (always rebuild them). Free with g_free. */
char *gp_charts_signature (GpSession *session, GpChartId id);

/* Whether chart ID belongs to the inference study (the window shows either the training
 * charts or these). */
gboolean gp_chart_id_is_inference (GpChartId id);

/* Power density, memory tiers and embodied carbon by part (gp-charts-power.c). */
gp_chart *gp_charts_build_power (GpSession *session, GpChartId id);
/* The comparison table's words for entry E (newly allocated; "" without a result): its
 * cooling class and any limit crossed ("liquid: cooling-bound: 1.8 W/mm2 over the liquid
 * limit of ..."), and its memory tiers per accelerator ("HBM 80 GB at 3.35 TB/s; no pool"). */
char *gp_cooling_describe (const GpSystemEntry *e);
char *gp_memory_tiers_describe (const GpSystemEntry *e);

/* The inference charts (gp-charts-inference.c). */
gp_chart *gp_charts_build_inference (GpSession *session, GpChartId id);

typedef enum {
  GP_INFERENCE_USER_TOKENS_PER_S, /* smallest replica, batch 1 */
  GP_INFERENCE_USD_PER_MTOKEN,    /* best plan at the latency target */
  GP_INFERENCE_TOKENS_PER_JOULE,
} GpInferenceFigure;

/* A serving figure of E (NAN when it has none). */
double gp_inference_metric (const GpSystemEntry *e, GpInferenceFigure which);

/* ---- the glass fabric card (gp-charts-fabric.c) ---- */

/* Charts with more than one view (a drop-down on their card): how many, and each one's
 * label. 1 and "" for the others. */
guint gp_charts_n_variants (GpChartId id);
const char *gp_charts_variant_label (GpChartId id, guint variant);
/* gp_charts_build with view VARIANT (0 is what gp_charts_build draws). */
gp_chart *gp_charts_build_variant (GpSession *session, GpChartId id, guint variant);

typedef enum {
  GP_FABRIC_VIEW_STEP_PORTS, GP_FABRIC_VIEW_COST_PORTS, GP_FABRIC_VIEW_POWER_PORTS,
  GP_FABRIC_VIEW_STEP_RATE, GP_FABRIC_VIEW_COST_RATE, GP_FABRIC_VIEW_POWER_RATE,
  GP_FABRIC_VIEW_N
} GpFabricView;

typedef enum {
  GP_FABRIC_KIND_RING,      /* direct_connect ring */
  GP_FABRIC_KIND_TORUS,     /* direct_connect 3D torus, sizes split from N */
  GP_FABRIC_KIND_HYPERCUBE, /* direct_connect hypercube */
  GP_FABRIC_KIND_CIRCUIT,   /* circuit_switched: every port on an OCS plane */
  GP_FABRIC_KIND_FAT_TREE,  /* packet-switched non-blocking fat tree, d NIC ports each */
  GP_FABRIC_KIND_N
} GpFabricKind;

#define GP_FABRIC_SWEEP_PORTS 6 /* 2, 4, 6, 8, 12, 16 ports at the system's own rate */
#define GP_FABRIC_SWEEP_RATES 5 /* 200 ... 3200 Gb/s at the system's own port count */

typedef struct {
  gboolean ok;              /* FALSE: not buildable with these ports, or no plan fits */
  long ports;
  double rate_gbps;
  double step_time_s, cost_usd, power_w, interconnect_usd;
} GpFabricPoint;

typedef struct {
  long ports;                       /* of the glass fabric (and the same-bandwidth tree) */
  double same_bandwidth, same_cost; /* fat-tree step / glass step; NAN when either fails */
  long same_cost_tree_ports;
  double glass_interconnect_usd;
} GpFabricSpeedup;

typedef struct {
  gboolean done;
  char system_name[GP_NAME_MAX];
  long accelerators, own_ports;
  double own_rate_gbps;
  long rate_sweep_ports[GP_FABRIC_KIND_N]; /* own ports, or what the shape needs */
  GpFabricPoint by_ports[GP_FABRIC_KIND_N][GP_FABRIC_SWEEP_PORTS];
  GpFabricPoint by_rate[GP_FABRIC_KIND_N][GP_FABRIC_SWEEP_RATES];
  GpFabricSpeedup speedup[GP_FABRIC_KIND_FAT_TREE]; /* the glass kinds */
  char skipped[GP_FABRIC_KIND_N][160]; /* first reason a point of each kind was left out */
} GpFabricSweep;

/* "Ring (direct)", ... */
const char *gp_fabric_kind_label (int kind);
/* Ports per accelerator the kind's shape needs for N accelerators (ring 2, 3D torus 6,
 * hypercube log2 N; -1 when it cannot be built: a hypercube of N not a power of two). */
long gp_fabric_kind_ports_needed (int kind, long n);
/* Set S's topology to KIND with PORTS per accelerator of RATE_GBPS each (the fat tree's and
 * circuit switch's figures: models/gp-fabric-sweep.c, gp_fabric_apply_kind). */
gboolean gp_fabric_sweep_apply (gp_system *s, int kind, long ports, double rate_gbps);
/* Every point of the sweep for SYS on ST (slow: ~70 system evaluations with plan search). */
void gp_fabric_sweep_run (const gp_system *sys, const gp_study *st, const gp_node *nodes,
                          size_t n_nodes, GCancellable *cancellable, GpFabricSweep *out);
/* The system the card shows: the selected one if it is a Lite-GPU, else the first Lite-GPU
 * of the design, else NULL. */
const GpSystemEntry *gp_fabric_sweep_subject (GpSession *session);
/* The cards' charts: "Computing..." (and the sweep started in a worker) until it is there. */
gp_chart *gp_charts_build_fabric (GpSession *session, GpChartId id, guint variant);
char *gp_charts_fabric_signature (GpSession *session);

/* ---- comparison table ---- */

typedef struct {
  const char *label;       /* "Time to train" */
  const char *unit;        /* as shown: "days" */
  const char *key;         /* CSV key: "effective_time_to_train_days" */
  double scale;            /* shown = raw x scale */
  gboolean higher_better;  /* for the ratio colouring */
  double (*get) (const gp_system_result *r);
  /* Instead of get, for figures that are not in the result (the uncertainty run's
   * probabilities); such a metric has no ratio to the baseline. */
  double (*get_entry) (const GpSystemEntry *e);
} GpMetric;

guint gp_metrics_n (void);
const GpMetric *gp_metric (guint i);

/* Value of metric I for system entry E (NAN when the system has no result). */
double gp_metric_value (guint i, const GpSystemEntry *e);
/* Ratio to the baseline's value (NAN when either is missing, the baseline is 0 or the
 * metric is a probability against the baseline already). */
double gp_metric_ratio (guint i, const GpSystemEntry *e, const GpSystemEntry *baseline);
/* Text of a shown value: 4 significant digits, SI prefix past 1e5 ("12.3 k"). */
void gp_metric_format (double shown, char *buf, gsize len);

/* The comparison as tab-separated text: a header row (Metric, Unit, each system, then
 * "<system> / <baseline>" ratio columns), one row per metric, then the binding constraint
 * and plan rows. For the clipboard (Ctrl+C). */
char *gp_comparison_tsv (GpSession *session);

/* The plan of E in words: "tp 8 pp 4 dp 32, b 1, v 2, selective recompute, ZeRO 1". */
void gp_plan_describe (const gp_plan *plan, char *buf, gsize len);

G_END_DECLS
