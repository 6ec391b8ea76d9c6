/* gp-yield.h: die yield models, redundancy and binning, inverse and Monte Carlo.
 *
 * Areas at the interface are mm2; inside the formulas they are converted to cm2 so that
 * A x D0 is the expected number of killer defects (D0 in defects/cm2). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gp-param.h"
#include "gp-wafer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_YIELD_POISSON,       /* Y = exp(-A D0) */
  GP_YIELD_MURPHY,        /* Y = ((1 - exp(-A D0)) / (A D0))^2 */
  GP_YIELD_SEEDS,         /* Y = 1 / (1 + A D0) */
  GP_YIELD_NEGBIN,        /* Y = (1 + A D0 / alpha)^-alpha  (Stapper) */
  GP_YIELD_BOSE_EINSTEIN, /* Y = (1 + A D0)^-N */
  GP_YIELD_N_MODELS
} gp_yield_model;

/* "poisson", "murphy", "seeds", "negbin", "bose_einstein", NULL */
extern const char *const gp_yield_model_names[];

typedef struct {
  int model;               /* gp_yield_model */
  double area_mm2;         /* die area, mm2, (0, 1e6] */
  double d0_per_cm2;       /* defects/cm2, [0, 100] */
  double alpha;            /* negbin clustering, (0, 1e6] */
  double critical_layers;  /* Bose-Einstein N, (0, 100] */
} gp_yield_params;

extern const gp_param_table gp_yield_param_table;

/* Defaults: negative binomial, 100 mm2, D0 0.1/cm2, alpha 10, N 10 (data/nodes.lua). */
void gp_yield_params_init (gp_yield_params *p);

/* Yield of one die under P->model, in [0, 1].
 * Sources: Poisson, Murphy (1964), Seeds (1967), Stapper negative binomial (1983),
 * Bose-Einstein as in Hennessy & Patterson CA:AQA 6th ed. sec. 1.6. */
gp_status gp_yield_eval (const gp_yield_params *p, double *yield, gp_error *err);

/* The same yield for P that has already passed gp_params_validate (&gp_yield_param_table):
 * no checks, for sweeps that validate once and then only move a field within its range. */
double gp_yield_of_valid (const gp_yield_params *p);

/* Inverse: the D0 (defects/cm2) at which P->model gives OBSERVED_YIELD at P->area_mm2
 * (P->d0_per_cm2 is ignored). OBSERVED_YIELD in (0, 1). Solved with GSL's Brent
 * root finder on [0, D0max], where D0max is grown until the yield drops below the
 * target. GP_EINVAL for a yield outside (0,1); GP_ENOCONV if Brent fails. */
gp_status gp_yield_solve_d0 (const gp_yield_params *p, double observed_yield,
                             double *d0_out, gp_error *err);

/* Redundancy and binning (Stow et al., ICCAD 2017; brief 3.2).
 *
 * A die of area_mm2 holds `units` identical repairable units of unit_area_mm2 each (SMs,
 * cores) and a non-repairable area nonrepairable_mm2 (I/O, clocking, anything whose
 * defect kills the die). The die is good when the non-repairable area is clean and at
 * most `spares` units are bad. Any remaining area (area - units x unit_area -
 * nonrepairable) is taken as defect tolerant (redundant wiring).
 *
 *   Poisson, density D:  Y(D) = exp(-A_nr D) x P[Bin(n, 1 - exp(-a_u D)) <= k]
 *   clustered:           Y = E_D[ Y(D) ],  D ~ Gamma(shape alpha, mean D0)
 *
 * The clustered expectation is integrated exactly where it matters: below the density
 * D_lo at which a Chernoff bound puts P[Bin > k] under 1e-18 the binomial term is 1 and
 * the integral is a closed-form incomplete gamma; between D_lo and D_hi it is integrated
 * with GSL QAG; above D_hi the binomial term is 0. So a wafer-scale engine of 970,000
 * cores costs a few special-function calls, not a sum over 970,000 terms. */
typedef struct {
  double area_mm2;          /* whole die */
  long units;               /* n >= 1 */
  long spares;              /* k in [0, n] */
  double unit_area_mm2;     /* a_u > 0, n x a_u <= area */
  double nonrepairable_mm2; /* A_nr >= 0, A_nr + n a_u <= area */
  double d0_per_cm2;
  double alpha;             /* clustering; used when clustered is true */
  bool clustered;           /* negative-binomial compound (true) or Poisson (false) */
} gp_redundancy_params;

typedef struct {
  double yield;             /* P(die sellable) */
  double yield_no_repair;   /* same die with no spares (k = 0, whole die must be clean) */
  double p_unit_bad;        /* per-unit probability of a defect at D0 */
  double expected_bad_units;/* n x p_unit_bad at D0 */
  double p_nonrepairable_ok;/* P(non-repairable area clean), with clustering if set */
} gp_redundancy_result;

extern const gp_param_table gp_redundancy_param_table;

/* Defaults: an H100-like die (814 mm2, 144 SMs of 2.8 mm2, 12 spares, 411 mm2 not
 * repairable, D0 0.1, alpha 10, clustered); sources with the H100 package in
 * data/packages.lua. */
void gp_redundancy_params_init (gp_redundancy_params *p);

gp_status gp_yield_redundancy (const gp_redundancy_params *p, gp_redundancy_result *out,
                               gp_error *err);

/* Seeded Monte Carlo over the wafer map: for every die of every simulated wafer a local
 * density D ~ Gamma(alpha, D0/alpha) (D = D0 when clustered is false), a Poisson number
 * of defects with mean A D placed uniformly over the die, and the die is good when it has
 * none. Its expectation is the negative-binomial (or Poisson) yield exactly, so this is
 * an independent check of gp_yield_eval and the source of the GUI's wafer map.
 * With redundancy (units > 0, as gp_yield_redundancy describes the die) each defect falls
 * in the non-repairable area with probability A_nr / A (the die is lost), in one of the n
 * units (uniformly) with probability n a_u / A, else in defect-tolerant area; the die is
 * good when the non-repairable area is clean and at most `spares` distinct units are hit.
 * By Poisson thinning its expectation is the redundancy yield exactly. (Distinct units are
 * counted exactly for up to 1,024 unit hits on a die; past that each further hit counts as
 * a new unit, which only matters when the die is long dead.) */
typedef struct {
  double d0_per_cm2;
  double alpha;
  bool clustered;
  long wafers;              /* >= 1 */
  long seed;                /* >= 0 */
  long units;               /* repairable units per die; 0 = no redundancy */
  long spares;              /* k in [0, units] */
  double unit_area_mm2;     /* a_u, units x a_u + nonrepairable <= die area */
  double nonrepairable_mm2; /* A_nr */
} gp_yield_mc_params;

typedef struct {
  long dies_per_wafer;
  long dies_total;
  long good_total;
  double yield;             /* good_total / dies_total */
  double std_error;         /* sqrt(y (1 - y) / dies_total) (binomial; dies independent) */
  double good_per_wafer_mean;
  double good_per_wafer_sd;
} gp_yield_mc_result;

/* Defect points of the last simulated wafer, for the wafer map (optional output). */
typedef struct {
  double x_mm, y_mm;
  long die;                 /* index into the site list */
} gp_defect;

/* SITES/N_SITES come from gp_wafer_map (die rectangles of W x H mm). GOOD (may be NULL;
 * else N_SITES long) receives the good/bad state of each die on the last wafer; DEFECTS
 * (may be NULL, capacity DEFECT_CAP) its defect positions, *N_DEFECTS their number
 * (at most DEFECT_CAP). */
gp_status gp_yield_monte_carlo (const gp_yield_mc_params *p, const gp_die_site *sites,
                                size_t n_sites, double die_w_mm, double die_h_mm,
                                gp_yield_mc_result *out, bool *good,
                                gp_defect *defects, size_t defect_cap, size_t *n_defects,
                                gp_error *err);

#ifdef __cplusplus
}
#endif

/* Output descriptors of the result structs, for the Lua API, CSV headers and the docs. */
extern const gp_param_table gp_redundancy_result_table;
extern const gp_param_table gp_yield_mc_result_table;
extern const gp_param_table gp_yield_mc_param_table;
