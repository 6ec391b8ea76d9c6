/* gp-power.h: die power from voltage, clock, area and temperature; the cooling class a
 * system uses; the clock a die sustains under it; the rack and server power limits.
 *
 * Die model (CMOS dynamic and leakage power; Weste and Harris, "CMOS VLSI Design", 4th ed.,
 * sec. 5.1-5.3; brief 3.x has no power model of its own):
 *
 *   V(f)    = vf_v0_v + vf_v_per_ghz x f                        linear in the DVFS range
 *   P_dyn   = cdyn_nf_per_mm2 x A_act x V^2 x f                  [W], f in GHz, A in mm2
 *   P_leak  = leak_w_per_mm2 x A_act x V x 2^((T_j - leak_ref_c) / leak_doubling_c)
 *   P_mem   = mem_pj_per_bit x 8 x mem_bw_gb_per_s / 1000        [W], the HBM stacks at
 *             full bandwidth (off the logic die)
 *   P_io    = io_pj_per_bit x 8 x io_gb_per_s / 1000             [W], SerDes / optics on die
 *   A_act   = die_area_mm2 x dies x active_fraction (disabled units are power-gated)
 *   P_die   = P_dyn + P_leak + P_io          (what the logic die's heat sink takes)
 *   P_pkg   = P_die + P_mem
 *
 * With tdp_w > 0 the model is anchored to the published TDP: every term is scaled by
 * tdp_w / P_pkg(clock_mhz), so the part draws exactly its TDP at its reference clock and the
 * model supplies how power moves with clock, voltage and temperature, and how it splits
 * between the die and the memory. With tdp_w = 0 the absolute figures are returned (the
 * validation against published TDPs in tests/test-power.c uses that).
 *
 * Cooling (heat flux at the heat-sink or cold-plate base q_c, W/mm2, per class; the 45-degree
 * spreading rule through a lid and vapour chamber of spread_mm): the die-average flux the
 * class removes from a square die of area A is
 *
 *   q_lim(A) = q_c x (1 + 2 spread_mm / sqrt(A))^2
 *
 * so a small die tolerates a higher flux than a large one. The junction runs at
 * T_j = coolant_c + (tj_max_c - coolant_c) x q / q_lim(A) (a linear thermal resistance
 * that reaches tj_max_c at the limit), found with leakage by fixed-point iteration.
 *
 * Sustained clock: the highest f <= clock_mhz with q(f) <= q_lim(A) and P_pkg(f) <= the
 * class's package limit, leakage taken at tj_max_c (a throttled die sits at its limit),
 * by bisection; peak compute scales by f / clock_mhz (gp-system). Rack and server limits
 * are checked by gp-system on the whole server's power.
 *
 * Units: W, W/mm2, mm, mm2, MHz (GHz inside the equations), V, nF/mm2, pJ/bit, GB/s, C. */
#pragma once

#include <stdbool.h>

#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_COOLING_AIR,       /* heat sinks and fans */
  GP_COOLING_LIQUID,    /* direct liquid: cold plates on the packages */
  GP_COOLING_IMMERSION, /* two-phase immersion with boiling-enhanced surfaces */
  GP_COOLING_N
} gp_cooling_class;

/* "air", "liquid", "immersion", NULL */
extern const char *const gp_cooling_names[];

typedef enum {
  GP_POWER_BOUND_NONE,     /* runs at its reference clock */
  GP_POWER_BOUND_DIE_FLUX, /* the die's heat flux limits the clock */
  GP_POWER_BOUND_PACKAGE,  /* the class's package power limits the clock */
  GP_POWER_BOUND_N
} gp_power_bound;

extern const char *const gp_power_bound_names[]; /* "none", "die heat flux", "package power" */

typedef struct {
  int cooling;                /* gp_cooling_class */
  /* the die (filled by gp-system from the package and accelerator; given when standalone) */
  double die_area_mm2;        /* one logic die */
  long dies;                  /* logic dies in the package */
  double active_fraction;     /* enabled share of the die's logic */
  double mem_bw_gb_per_s;     /* local memory bandwidth */
  double io_gb_per_s;         /* off-die I/O (scale-up injection) */
  double tdp_w;               /* published power at clock_mhz; 0 = absolute model */
  /* the die model */
  double clock_mhz;           /* reference clock: TDP and published peak at it */
  double vf_v0_v;
  double vf_v_per_ghz;
  double cdyn_nf_per_mm2;     /* switched capacitance x activity per active mm2 */
  double leak_w_per_mm2;      /* leakage per active mm2 at 1 V and leak_ref_c */
  double leak_ref_c;
  double leak_doubling_c;
  double mem_pj_per_bit;
  double io_pj_per_bit;
  double spread_mm;           /* heat-spreading thickness above the die */
  double tj_max_c;
  /* the cooling classes: heat flux at the sink base, package and rack limits, coolant */
  double air_w_per_mm2, liquid_w_per_mm2, immersion_w_per_mm2;
  double air_package_w, liquid_package_w, immersion_package_w;
  double air_rack_w, liquid_rack_w, immersion_rack_w;
  double air_coolant_c, liquid_coolant_c, immersion_coolant_c;
  /* packing (gp-system) */
  long servers_per_rack;      /* servers in one rack (tank, row unit) */
  double server_limit_w;      /* power delivery of one server; 0 = no limit */
} gp_power_params;

extern const gp_param_table gp_power_param_table;

typedef struct {
  double die_area_mm2;        /* one logic die (the input, for tables and charts) */
  /* at the reference clock (scaled to tdp_w when given) */
  double voltage_v;
  double dynamic_w, leakage_w, io_w, memory_w;
  double die_w, package_w;
  double die_w_per_mm2;       /* P_die / (die area x dies) */
  double junction_c;
  double scale;               /* tdp_w / absolute P_pkg (1 without TDP) */
  double absolute_package_w;  /* the unscaled model at the reference clock */
  /* the class */
  double limit_w_per_mm2;     /* q_lim(A) of the class for this die */
  double package_limit_w;
  double rack_limit_w;
  bool over_die_limit;        /* at the reference clock */
  bool over_package_limit;
  /* what the die sustains */
  double sustained_clock_mhz;
  double clock_ratio;         /* sustained / reference: scales peak compute */
  double sustained_package_w;
  double sustained_die_w_per_mm2;
  int bound;                  /* gp_power_bound */
} gp_power_result;

extern const gp_param_table gp_power_result_table;

/* Defaults: an H100 SXM (814 mm2, 132 of 144 SMs, 3.35 TB/s, 18 x 50 GB/s NVLink, 700 W at
 * 1,980 MHz) with the die and class figures of data/power.lua, air cooled, 4 servers per
 * rack, no server limit. */
void gp_power_params_init (gp_power_params *p);

/* The class's limits for P (heat flux at the sink base, package W, rack W, coolant C). */
void gp_power_class_limits (const gp_power_params *p, double *flux_w_per_mm2,
                            double *package_w, double *rack_w, double *coolant_c);

/* Evaluate the die model and the sustained clock (equations above). Errors: GP_EINVAL
 * naming the field (out of range, NaN, a cooling class that is not one of the three, a
 * voltage <= 0 in the range searched). No allocation; ~1 us (bisection). */
gp_status gp_power_eval (const gp_power_params *p, gp_power_result *out, gp_error *err);

/* Set P->cooling from its name ("air", "liquid", "immersion"). GP_EINVAL naming
 * "cooling" and listing the classes when NAME is none of them. */
gp_status gp_power_set_cooling (gp_power_params *p, const char *name, gp_error *err);

#ifdef __cplusplus
}
#endif
