/* gp-package.h: cost of a good multi-die package (2.5D, fan-out, glass, organic, wafer-scale).
 *
 * A package is a carrier holding up to GP_PACKAGE_PARTS_MAX kinds of parts, the way Chiplet
 * Actuary (Feng and Ma, DAC 2022) and CAPA price it, so that one model prices a Lite-GPU on a
 * glass substrate, an H100-style CoWoS-S package and a whole wafer.
 *
 * Two steps, so that a sweep pays the expensive part once:
 *
 *   gp_package_prepare()  resolves every logic die's node in a node table, runs the exact die
 *                         count (gp_wafer_count), the yield (gp_yield_eval, or
 *                         gp_yield_redundancy when the die has spare units) and the die cost
 *                         (gp_die_cost); prices the silicon interposer the same way and the
 *                         fan-out RDL's yield from its D0. The results are cached in a
 *                         gp_package_prepared. Cost: microseconds to milliseconds (the exact
 *                         count searches grid offsets; a 970,000-core redundancy integral).
 *   gp_package_cost()     the assembly arithmetic below, reading the cache and the package's
 *                         cheap fields. No allocation; target under 200 ns.
 *
 * What the cache holds, so what needs a new prepare when it changes: a part's kind, node,
 * die_width_mm/die_height_mm, wafer_scale, units/spares/unit_area_mm2/nonrepairable_mm2,
 * test_cost_usd; the carrier kind, carrier width/height, carrier_node, carrier_d0_per_cm2,
 * carrier_alpha; the node table's values; the number of parts. Everything else (counts,
 * known_good, bond technologies and yields, HBM capacity and USD/GB, part prices and yields,
 * carrier and substrate price per area and yield, carrier_known_good, assembly and test
 * costs, peak compute) is read by every gp_package_cost() call and may be swept freely.
 *
 * The model (Chiplet Actuary sec. 3; brief 3.3). Each part enters assembly "as purchased":
 *   logic die with a node, known good (tested at wafer sort): the cost per good die from
 *       gp_die_cost, (wafer + gross x test) / (gross x Y); it enters with yield 1, its scrap
 *       having been paid at wafer test;
 *   logic die with a node, untested: wafer / gross (no test), entering with its die yield Y;
 *   HBM stack: capacity_gb x usd_per_gb; optics and other parts: unit_cost_usd (added to the
 *       model price for every kind, so a logic die or HBM stack can carry a surcharge);
 *   an untested part (known_good = false) enters with its `yield`; a known-good one with 1.
 * Every placement of a part with a bond technology other than "none" is one bond step with
 * that technology's yield; a 2.5D carrier (interposer, RDL) adds one carrier-to-substrate
 * attach step (bond_yield_substrate). A failed assembly scraps every part in it:
 *
 *   Y_asm   = prod_parts y_bond(part)^count x prod_untested y_part^count
 *             x Y_carrier (1 when carrier_known_good) x Y_substrate (2.5D) x y_attach (2.5D)
 *   C_in    = sum_parts count x price + carrier + substrate + assembly_cost + n_bonds x bond_cost
 *   C_good  = (C_in / Y_asm + final_test_cost) / final_test_yield           [USD]
 *
 * Breakdown: logic, memory, optics and other (parts as purchased), carrier (carrier and 2.5D
 * substrate as purchased), assembly and test (assembly + bond steps + final test), and scrap =
 * C_good - (sum of all of those), the share lost to assembly and final-test yield. The
 * breakdown sums to C_good by construction.
 *
 * Carriers: organic substrate and glass substrate (area x USD/mm2, a yield: glass is an
 * estimate, the technology is pre-production); silicon interposer (itself a die on
 * carrier_node with carrier_d0_per_cm2 and carrier_alpha, priced by gp_wafer_count /
 * gp_yield_eval (negative binomial) / gp_die_cost; larger than one reticle only with
 * stitching, up to GP_PACKAGE_INTERPOSER_MAX_MM2 (CoWoS-S), an error beyond); fan-out RDL
 * (area x USD/mm2 with a negative-binomial yield from carrier_d0_per_cm2 and carrier_alpha);
 * wafer-scale (the wafer is the carrier: no carrier cost, no substrate; its assembly is the
 * parts attached to it, e.g. power delivery, cooling and I/O). With carrier_known_good
 * (a chip-last flow, Chiplet Actuary chip_last = 1) the carrier is inspected before dies are
 * placed, so it enters at cost / Y_carrier with yield 1 and its defects scrap only itself.
 *
 * Simplification, stated: assembly is one stage, so the 2.5D substrate is scrapped with a
 * failed die bond (Chiplet Actuary attaches it last and scraps it only with the final
 * attach); the substrate is a few percent of the package, so the difference is small.
 *
 * Units: USD, mm, mm2, GB, PFLOP/s. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "gp-node.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_PACKAGE_PARTS_MAX 16

/* CoWoS-S interposer limit, ~3 reticles stitched (brief 3.3: "CoWoS-S limit ~2,500 mm2"). */
#define GP_PACKAGE_INTERPOSER_MAX_MM2 2500.0

typedef enum {
  GP_PART_LOGIC,  /* a die priced by the die model (node set) or by unit_cost_usd */
  GP_PART_HBM,    /* an HBM stack: capacity_gb x usd_per_gb */
  GP_PART_OPTICS, /* an optical engine */
  GP_PART_OTHER,  /* any other priced part (power delivery, cold plate, connector, ...) */
  GP_PART_N_KINDS
} gp_part_kind;

/* "logic", "hbm", "optics", "other", NULL */
extern const char *const gp_part_kind_names[];

typedef enum {
  GP_BOND_MICROBUMP, /* die-to-interposer micro-bump, 96% (brief 3.3, CAPA) */
  GP_BOND_HYBRID,    /* Cu-Cu hybrid bonding, 95% (brief 3.3, CAPA) */
  GP_BOND_SUBSTRATE, /* flip-chip (C4) attach to an organic or glass substrate, 99% */
  GP_BOND_RDL,       /* die to fan-out RDL, 98% (Chiplet Actuary) */
  GP_BOND_NONE,      /* no bond step (the die is the carrier: wafer-scale) */
  GP_BOND_N
} gp_bond_tech;

/* "microbump", "hybrid", "substrate", "rdl", "none", NULL */
extern const char *const gp_bond_tech_names[];

typedef enum {
  GP_HBM2E,
  GP_HBM3,
  GP_HBM3E,
  GP_HBM4,
  GP_HBM_N
} gp_hbm_generation;

/* "hbm2e", "hbm3", "hbm3e", "hbm4", NULL */
extern const char *const gp_hbm_generation_names[];

typedef enum {
  GP_CARRIER_ORGANIC,
  GP_CARRIER_INTERPOSER,
  GP_CARRIER_RDL,
  GP_CARRIER_GLASS,
  GP_CARRIER_WAFER_SCALE,
  GP_CARRIER_N
} gp_carrier_kind;

/* "organic", "interposer", "rdl", "glass", "wafer_scale", NULL */
extern const char *const gp_carrier_kind_names[];

/* One kind of part placed COUNT times. Fields a kind does not use keep their defaults. */
typedef struct {
  char name[GP_NAME_MAX];
  int kind;                  /* gp_part_kind */
  long count;                /* parts placed, each one bond step; >= 1 */
  long active_count;         /* parts enabled in the product (5 of 6 HBM stacks); -1 = all */
  bool known_good;           /* tested before assembly: enters with yield 1 */
  int bond;                  /* gp_bond_tech of each placement */
  /* logic die priced by the die model (kind logic and node != "") */
  char node[GP_NAME_MAX];    /* name in the node table; "" = priced by unit_cost_usd */
  double die_width_mm, die_height_mm;
  bool wafer_scale;          /* the die is the whole wafer (carrier must be wafer_scale) */
  long units;                /* repairable units (SMs, cores); 0 = no redundancy model */
  long spares;               /* units that may be bad */
  double unit_area_mm2;
  double nonrepairable_mm2;
  double test_cost_usd;      /* wafer-sort test per die, charged to known-good dies */
  /* HBM stack */
  double capacity_gb;        /* GB per stack */
  double usd_per_gb;
  int hbm_generation;        /* gp_hbm_generation, for the carbon model */
  /* any kind */
  double unit_cost_usd;      /* price per part, added to the model price (0 for none) */
  double yield;              /* yield as it enters assembly when untested (logic with a
                                node: the die model's yield is used instead) */
  double kgco2e_each;        /* embodied carbon per part added to the carbon model's own
                                figure (the only figure for "other" parts) */
} gp_package_part;

typedef struct {
  char name[GP_NAME_MAX];
  int carrier;                     /* gp_carrier_kind */
  double carrier_width_mm;         /* interposer / RDL / glass / organic substrate */
  double carrier_height_mm;
  double carrier_usd_per_mm2;      /* organic, rdl, glass */
  double carrier_yield;            /* organic, glass */
  char carrier_node[GP_NAME_MAX];  /* interposer: wafer price and diameter */
  double carrier_d0_per_cm2;       /* interposer, rdl */
  double carrier_alpha;            /* interposer, rdl */
  bool carrier_known_good;         /* chip-last: carrier inspected before dies are placed */
  double substrate_width_mm;       /* organic substrate under an interposer or RDL */
  double substrate_height_mm;
  double substrate_usd_per_mm2;
  double substrate_yield;
  double bond_yield_microbump;
  double bond_yield_hybrid;
  double bond_yield_substrate;     /* also the 2.5D carrier-to-substrate attach */
  double bond_yield_rdl;
  double assembly_cost_usd;        /* per assembly attempt: lid, underfill, handling */
  double bond_cost_usd;            /* per bond step */
  double final_test_cost_usd;
  double final_test_yield;
  double peak_pflops;              /* peak compute for USD per PFLOP/s; 0 = not given */
  /* parts (read and written through gp_package_part_param_table, not the package's) */
  int n_parts;
  gp_package_part parts[GP_PACKAGE_PARTS_MAX];
} gp_package_params;

/* What gp_package_prepare caches per part. */
typedef struct {
  bool priced_by_die_model;   /* logic with a node */
  long gross_dies;            /* exact dies per wafer (die model only) */
  double die_area_mm2;        /* width x height */
  double wafer_mm2_per_die;   /* full wafer area / gross dies (edge loss included) */
  double die_yield;           /* die model yield (1 when not priced by the die model) */
  double cost_per_good_die;   /* gp_die_cost with test, USD */
  double cost_per_gross_die;  /* wafer / gross, USD */
  double epa_kwh_per_cm2;     /* the node's ACT figures, copied for the carbon model */
  double gpa_g_per_cm2;
  double mpa_g_per_cm2;
} gp_package_part_prep;

/* One stage of the prepare kept with the inputs it was computed from (compared bit for
 * bit), so gp_package_prepare_staged re-runs it only when one of them changed. */
typedef struct {
  bool valid;
  double key[4];              /* die width, height, wafer diameter, wafer_scale */
  long gross;                 /* gp_wafer_count's gross dies ... */
  bool exceeds_reticle;       /* ... and its reticle flag */
} gp_package_count_memo;

typedef struct {
  bool valid;
  double key[7];              /* area, units, spares, unit area, non-repairable area, D0,
                                 alpha (units 0: the negative binomial) */
  double yield;
} gp_package_yield_memo;

typedef struct {
  unsigned magic;             /* set by gp_package_prepare */
  int n_parts;
  int carrier;
  gp_package_part_prep part[GP_PACKAGE_PARTS_MAX];
  int kind[GP_PACKAGE_PARTS_MAX]; /* each part's kind when prepared */
  double carrier_area_mm2;
  double substrate_area_mm2;  /* 2.5D carriers only; 0 otherwise */
  long carrier_gross;         /* interposers per wafer */
  double carrier_raw_usd;     /* interposer: wafer / gross; others: 0 (priced per area) */
  double carrier_wafer_mm2_per_die; /* interposer: wafer area / gross (edge loss in) */
  double carrier_model_yield; /* interposer and RDL: negative binomial; others: 1 */
  /* The stages' inputs and results (die count per part and the interposer's; die yield per
   * part), written by every prepare and read back only by gp_package_prepare_staged. */
  unsigned memo_magic;
  gp_package_count_memo count_memo[GP_PACKAGE_PARTS_MAX + 1]; /* parts, then interposer */
  gp_package_yield_memo yield_memo[GP_PACKAGE_PARTS_MAX];
} gp_package_prepared;

typedef struct {
  double bond_yield;          /* prod of bond-step yields (incl. 2.5D attach) */
  double untested_yield;      /* prod of untested parts' yields */
  double carrier_yield;       /* carrier (and 2.5D substrate) yield as it enters assembly */
  double assembly_yield;      /* product of the three */
  double final_test_yield;
  long n_bonds;               /* bond steps (incl. 2.5D attach) */
} gp_package_yields;

typedef struct {
  double total_usd;           /* cost per good package */
  double logic_usd;           /* breakdown, as purchased ... */
  double memory_usd;
  double optics_usd;
  double other_usd;
  double carrier_usd;         /* carrier + 2.5D substrate as they enter assembly */
  double assembly_test_usd;   /* assembly + bond steps + final test */
  double scrap_usd;           /* ... and the share lost to assembly / final-test yield */
  double scrap_fraction;      /* scrap_usd / total_usd */
  double usd_per_pflops;      /* total / peak_pflops; 0 when peak_pflops is 0 */
  double memory_gb;           /* active HBM capacity */
  gp_package_yields yields;
  double part_usd[GP_PACKAGE_PARTS_MAX]; /* first n_parts: each part kind as purchased
                                            (count x price) */
} gp_package_result;

extern const gp_param_table gp_package_param_table;      /* package fields (no parts) */
extern const gp_param_table gp_package_part_param_table; /* one part */

/* Defaults: a neutral part (logic, count 1, known good, micro-bump, yield 1, no node). */
void gp_package_part_init (gp_package_part *part);

/* Defaults: the H100-like CoWoS-S package of data/packages.lua ("h100_cowos_s"); sources
 * there. Its die is on "N5" and its interposer on "N65": prepare with data/nodes.lua. */
void gp_package_params_init (gp_package_params *p);

/* Validate P and price its dies and carrier (see the file comment). NODES/N_NODES is the
 * node table (data/nodes.lua); may be NULL/0 when no part or carrier names a node.
 * Errors: GP_EINVAL naming the parameter (range, NaN, a die over the reticle that is not
 * wafer-scale, an interposer over GP_PACKAGE_INTERPOSER_MAX_MM2, a wafer-scale die on a
 * carrier that is not wafer_scale or the reverse, spares > units, active_count > count,
 * a 2.5D carrier without a substrate or with one smaller than the carrier); GP_EINFEASIBLE
 * when no whole die fits on the wafer or a die or carrier yield is 0; GP_ENOTFOUND for a
 * node name not in the table. Messages are prefixed with the part ("parts[2] (HBM3
 * stack): ..."). Dies and interposers are counted with gp_wafer_params_init's edge
 * exclusion (3 mm) and scribe (0.1 mm) on the node's wafer diameter. */
gp_status gp_package_prepare (const gp_package_params *p, const gp_node *nodes, size_t n_nodes,
                              gp_package_prepared *prep, gp_error *err);

/* The same result as gp_package_prepare, bit for bit, re-running only the stages whose
 * inputs changed since PREP was last prepared: a part's exact die count (keyed on its
 * width, height, wafer_scale and its node's wafer diameter), its die yield (area, units,
 * spares, unit and non-repairable areas, the node's D0 and alpha) and the interposer's
 * count (its size and node's diameter); the die cost, the carrier yield and the checks
 * always run (they are arithmetic). A sweep of D0 then skips the die count, a wafer-price
 * sweep skips the count and the yield. PREP must come from gp_package_prepare or
 * gp_package_prepare_staged (failed or not) or be zero-filled; anything else is read as
 * "nothing cached". */
gp_status gp_package_prepare_staged (const gp_package_params *p, const gp_node *nodes,
                                     size_t n_nodes, gp_package_prepared *prep,
                                     gp_error *err);

/* The yields of the assembly equation (shared with the carbon model). Checks the fields it
 * reads; GP_EINVAL if PREP does not come from a package with the same parts. */
gp_status gp_package_yields_eval (const gp_package_params *p, const gp_package_prepared *prep,
                                  gp_package_yields *out, gp_error *err);

/* Cost per good package with its breakdown (equation in the file comment). Checks every
 * field it reads (negative cost, yield outside (0, 1], NaN). */
gp_status gp_package_cost (const gp_package_params *p, const gp_package_prepared *prep,
                           gp_package_result *out, gp_error *err);

/* Prefix ERR's message with the part ("parts[2] (HBM3 stack): ...", I 0-based) and return
 * ST; shared by the package and carbon models so both name a part the same way. */
gp_status gp_package_part_fail (gp_error *err, int i, const gp_package_part *part,
                                gp_status st);

/* Price of one part as it enters assembly, USD (model price + unit_cost_usd). */
double gp_package_part_price (const gp_package_part *part, const gp_package_part_prep *pp);

#ifdef __cplusplus
}
#endif
