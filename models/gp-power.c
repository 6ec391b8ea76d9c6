/* gp-power.c: die power, cooling limits and the sustained clock (equations in gp-power.h). */
#include "gp-power.h"

#include <math.h>
#include <string.h>

#define OPT GP_PARAM_F_OPTIONAL
#define MINX GP_RANGE_MIN_EXCLUSIVE

const char *const gp_cooling_names[] = { "air", "liquid", "immersion", NULL };
const char *const gp_power_bound_names[] = { "none", "die heat flux", "package power", NULL };

#define D(field, lo, hi, fl, unit, label, doc) \
  GP_P_DOUBLE (gp_power_params, field, lo, hi, fl, unit, label, doc)

static const gp_param power_params[] = {
  GP_P_ENUM (gp_power_params, cooling, gp_cooling_names, 0, "Cooling class",
             "air, liquid (direct cold plates) or immersion"),
  D (die_area_mm2, 0.01, 1e5, 0, "mm2", "Die area",
     "One logic die (gp-system fills it from the package)"),
  GP_P_INT (gp_power_params, dies, 1, 1e6, 0, "", "Logic dies",
            "Logic dies in the package (gp-system fills it)"),
  D (active_fraction, 0, 1, MINX, "", "Active fraction",
     "Enabled share of the die's logic (gp-system: enabled units / units)"),
  D (mem_bw_gb_per_s, 0, 1e9, 0, "GB/s", "Memory bandwidth",
     "Local memory bandwidth (gp-system: the accelerator's)"),
  D (io_gb_per_s, 0, 1e9, 0, "GB/s", "I/O bandwidth",
     "Off-die injection bandwidth (gp-system: topology level 0)"),
  D (tdp_w, 0, 1e7, 0, "W", "TDP",
     "Published power at the reference clock; 0 = absolute model (gp-system: accel power)"),
  D (clock_mhz, 0, 1e5, MINX, "MHz", "Reference clock",
     "Clock at which the TDP and the published peak hold (H100 SXM: 1,980 MHz boost)"),
  D (vf_v0_v, -5, 5, 0, "V", "V-f intercept", "V(f) = vf_v0_v + vf_v_per_ghz x f"),
  D (vf_v_per_ghz, 0, 10, 0, "V/GHz", "V-f slope", "Voltage rise per GHz in the DVFS range"),
  D (cdyn_nf_per_mm2, 0, 100, 0, "nF/mm2", "Switched capacitance",
     "Effective switched capacitance x activity per active mm2"),
  D (leak_w_per_mm2, 0, 10, 0, "W/mm2", "Leakage",
     "Leakage power per active mm2 at 1 V and leak_ref_c"),
  D (leak_ref_c, -50, 200, 0, "C", "Leakage reference temperature",
     "Junction temperature of leak_w_per_mm2"),
  D (leak_doubling_c, 0, 200, MINX, "C", "Leakage doubling",
     "Temperature rise that doubles leakage"),
  D (mem_pj_per_bit, 0, 100, 0, "pJ/bit", "Memory energy", "HBM access energy per bit"),
  D (io_pj_per_bit, 0, 100, 0, "pJ/bit", "I/O energy", "Off-die I/O energy per bit on the die"),
  D (spread_mm, 0, 100, 0, "mm", "Spreading thickness",
     "Lid and vapour chamber over the die (45-degree spreading)"),
  D (tj_max_c, -50, 200, 0, "C", "Max junction", "Maximum junction temperature"),
  D (air_w_per_mm2, 0, 100, MINX, "W/mm2", "Air heat flux", "Heat-sink base flux, air"),
  D (liquid_w_per_mm2, 0, 100, MINX, "W/mm2", "Liquid heat flux", "Cold-plate base flux"),
  D (immersion_w_per_mm2, 0, 100, MINX, "W/mm2", "Immersion heat flux",
     "Boiling surface flux, two-phase immersion"),
  D (air_package_w, 0, 1e7, MINX, "W", "Air package limit", "Package power limit, air"),
  D (liquid_package_w, 0, 1e7, MINX, "W", "Liquid package limit",
     "Package power limit, cold plates"),
  D (immersion_package_w, 0, 1e7, MINX, "W", "Immersion package limit",
     "Package power limit, immersion"),
  D (air_rack_w, 0, 1e9, MINX, "W", "Air rack limit", "Rack power an air-cooled hall removes"),
  D (liquid_rack_w, 0, 1e9, MINX, "W", "Liquid rack limit", "Rack power with direct liquid"),
  D (immersion_rack_w, 0, 1e9, MINX, "W", "Immersion rack limit", "Power of one tank"),
  D (air_coolant_c, -50, 200, 0, "C", "Air inlet", "Inlet air temperature"),
  D (liquid_coolant_c, -50, 200, 0, "C", "Liquid supply", "Cold-plate supply temperature"),
  D (immersion_coolant_c, -50, 200, 0, "C", "Immersion fluid", "Fluid (boiling) temperature"),
  GP_P_INT (gp_power_params, servers_per_rack, 1, 1e6, 0, "", "Servers per rack",
            "Servers in one rack or tank"),
  D (server_limit_w, 0, 1e9, 0, "W", "Server limit",
     "Power delivery of one server; 0 = no limit"),
};

const gp_param_table gp_power_param_table = {
  "power", power_params, GP_N_ELEMENTS (power_params),
};

#define R_D(field, unit_, label_, doc_)                                                   \
  { #field, GP_PARAM_DOUBLE, offsetof (gp_power_result, field), -INFINITY, INFINITY, 0,  \
    (unit_), (label_), (doc_), NULL, 0 }
#define R_B(field, label_, doc_)                                                          \
  { #field, GP_PARAM_BOOL, offsetof (gp_power_result, field), 0, 1, 0, "", (label_),     \
    (doc_), NULL, 0 }

static const gp_param result_params[] = {
  R_D (die_area_mm2, "mm2", "Die area", "One logic die"),
  R_D (voltage_v, "V", "Voltage", "V(f) at the reference clock"),
  R_D (dynamic_w, "W", "Dynamic power", "C V^2 f of the active logic"),
  R_D (leakage_w, "W", "Leakage power", "At the junction temperature"),
  R_D (io_w, "W", "I/O power", "Off-die I/O on the die"),
  R_D (memory_w, "W", "Memory power", "HBM stacks at full bandwidth"),
  R_D (die_w, "W", "Die power", "Dynamic + leakage + I/O"),
  R_D (package_w, "W", "Package power", "Die + memory"),
  R_D (die_w_per_mm2, "W/mm2", "Die power density", "Die power / die area"),
  R_D (junction_c, "C", "Junction temperature", "At the reference clock"),
  R_D (scale, "", "TDP scale", "TDP / absolute package power (1 without TDP)"),
  R_D (absolute_package_w, "W", "Model package power", "Unscaled model at the clock"),
  R_D (limit_w_per_mm2, "W/mm2", "Die flux limit", "What the class removes from this die"),
  R_D (package_limit_w, "W", "Package limit", "The class's package power limit"),
  R_D (rack_limit_w, "W", "Rack limit", "The class's rack power limit"),
  R_B (over_die_limit, "Over the die limit", "At the reference clock"),
  R_B (over_package_limit, "Over the package limit", "At the reference clock"),
  R_D (sustained_clock_mhz, "MHz", "Sustained clock", "Highest clock within the limits"),
  R_D (clock_ratio, "", "Clock ratio", "Sustained / reference clock (scales peak)"),
  R_D (sustained_package_w, "W", "Sustained package power", "At the sustained clock"),
  R_D (sustained_die_w_per_mm2, "W/mm2", "Sustained die density", "At the sustained clock"),
  { "bound", GP_PARAM_ENUM, offsetof (gp_power_result, bound), 0, 0, 0, "", "Bound",
    "What limits the clock", gp_power_bound_names, 0 },
};

const gp_param_table gp_power_result_table = {
  "power result", result_params, GP_N_ELEMENTS (result_params),
};

/* The values and their sources are in data/power.lua ("power", the H100 entry). */
void
gp_power_params_init (gp_power_params *p)
{
  memset (p, 0, sizeof *p);
  p->cooling = GP_COOLING_AIR;
  p->die_area_mm2 = 814;
  p->dies = 1;
  p->active_fraction = 132.0 / 144.0;
  p->mem_bw_gb_per_s = 3350;
  p->io_gb_per_s = 900;
  p->tdp_w = 700;
  p->clock_mhz = 1980;
  p->vf_v0_v = 0.65;
  p->vf_v_per_ghz = 0.15;
  p->cdyn_nf_per_mm2 = 0.40;
  p->leak_w_per_mm2 = 0.05;
  p->leak_ref_c = 85;
  p->leak_doubling_c = 25;
  p->mem_pj_per_bit = 3.9;
  p->io_pj_per_bit = 5.5;
  p->spread_mm = 3;
  p->tj_max_c = 90;
  p->air_w_per_mm2 = 0.6;
  p->liquid_w_per_mm2 = 1.0;
  p->immersion_w_per_mm2 = 0.8;
  p->air_package_w = 1000;
  p->liquid_package_w = 2000;
  p->immersion_package_w = 1500;
  p->air_rack_w = 45000;
  p->liquid_rack_w = 132000;
  p->immersion_rack_w = 250000;
  p->air_coolant_c = 35;
  p->liquid_coolant_c = 45;
  p->immersion_coolant_c = 50;
  p->servers_per_rack = 4;
  p->server_limit_w = 0;
}

void
gp_power_class_limits (const gp_power_params *p, double *flux, double *pkg, double *rack,
                       double *coolant)
{
  switch (p->cooling)
    {
    case GP_COOLING_LIQUID:
      *flux = p->liquid_w_per_mm2, *pkg = p->liquid_package_w, *rack = p->liquid_rack_w;
      *coolant = p->liquid_coolant_c;
      break;
    case GP_COOLING_IMMERSION:
      *flux = p->immersion_w_per_mm2, *pkg = p->immersion_package_w;
      *rack = p->immersion_rack_w, *coolant = p->immersion_coolant_c;
      break;
    default:
      *flux = p->air_w_per_mm2, *pkg = p->air_package_w, *rack = p->air_rack_w;
      *coolant = p->air_coolant_c;
      break;
    }
}

gp_status
gp_power_set_cooling (gp_power_params *p, const char *name, gp_error *err)
{
  int k = name ? gp_enum_lookup (gp_cooling_names, name) : -1;
  if (k < 0)
    return gp_error_set (err, GP_EINVAL, "cooling",
                         "cooling = \"%s\" is not a cooling class: allowed air, liquid, "
                         "immersion", name ? name : "(null)");
  p->cooling = k;
  return GP_OK;
}

/* The model's terms at clock F (GHz) and junction T, unscaled. */
typedef struct {
  double v, dyn, leak, io, mem;
} terms;

static void
model_terms (const gp_power_params *p, double a_act, double f, double t, terms *o)
{
  o->v = p->vf_v0_v + p->vf_v_per_ghz * f;
  o->dyn = p->cdyn_nf_per_mm2 * a_act * o->v * o->v * f;
  o->leak = p->leak_w_per_mm2 * a_act * o->v * exp2 ((t - p->leak_ref_c) / p->leak_doubling_c);
  o->io = p->io_pj_per_bit * 8.0 * p->io_gb_per_s / 1000.0;
  o->mem = p->mem_pj_per_bit * 8.0 * p->mem_bw_gb_per_s / 1000.0;
}

/* Die power at F (GHz) with the junction the flux gives (capped at tj_max_c), scaled; the
 * terms in *T. Two fixed-point rounds from tj_max_c: leakage is a small share. */
static double
die_at (const gp_power_params *p, double a_act, double area, double q_lim, double coolant,
        double scale, double f, terms *t)
{
  double tm = p->tj_max_c, die = 0.0;
  for (int k = 0; k < 2; k++)
    {
      model_terms (p, a_act, f, tm, t);
      die = scale * (t->dyn + t->leak + t->io);
      tm = fmin (p->tj_max_c, coolant + (p->tj_max_c - coolant) * die / area / q_lim);
    }
  return die;
}

gp_status
gp_power_eval (const gp_power_params *p, gp_power_result *out, gp_error *err)
{
  if (p == NULL || out == NULL)
    return gp_error_set (err, GP_EINVAL, "power", "power parameters and result must not be NULL");
  if (p->cooling < 0 || p->cooling >= GP_COOLING_N)
    return gp_error_set (err, GP_EINVAL, "cooling",
                         "cooling = %d is not a cooling class: allowed air, liquid, immersion",
                         p->cooling);
  GP_TRY (gp_params_validate (&gp_power_param_table, p, err));
  const double f_ref = p->clock_mhz / 1000.0;
  const double f_min = 0.05 * f_ref;
  if (p->vf_v0_v + p->vf_v_per_ghz * f_min <= 0.0)
    return gp_error_set (err, GP_EINVAL, "vf_v0_v",
                         "vf_v0_v = %g gives a voltage <= 0 at %g MHz: V(f) must be positive "
                         "from 5%% of clock_mhz up", p->vf_v0_v, f_min * 1000.0);

  memset (out, 0, sizeof *out);
  double flux, pkg_lim, rack_lim, coolant;
  gp_power_class_limits (p, &flux, &pkg_lim, &rack_lim, &coolant);
  const double area = p->die_area_mm2 * (double) p->dies;
  const double a_act = area * p->active_fraction;
  const double side = sqrt (p->die_area_mm2);
  const double q_lim = flux * (1.0 + 2.0 * p->spread_mm / side) * (1.0 + 2.0 * p->spread_mm / side);
  out->die_area_mm2 = p->die_area_mm2;
  out->limit_w_per_mm2 = q_lim;
  out->package_limit_w = pkg_lim;
  out->rack_limit_w = rack_lim;

  /* Reference point: leakage and junction by fixed point (leakage is a small share, so a
   * few rounds settle it to well under 0.1%). */
  terms t;
  double tj = p->leak_ref_c, scale = 1.0;
  for (int i = 0; i < 6; i++)
    {
      model_terms (p, a_act, f_ref, tj, &t);
      double pkg = t.dyn + t.leak + t.io + t.mem;
      scale = p->tdp_w > 0.0 ? p->tdp_w / pkg : 1.0;
      double q = scale * (t.dyn + t.leak + t.io) / area;
      double tj_new = fmin (p->tj_max_c, coolant + (p->tj_max_c - coolant) * q / q_lim);
      if (fabs (tj_new - tj) < 1e-6)
        {
          tj = tj_new;
          break;
        }
      tj = tj_new;
    }
  model_terms (p, a_act, f_ref, tj, &t);
  out->absolute_package_w = t.dyn + t.leak + t.io + t.mem;
  scale = p->tdp_w > 0.0 ? p->tdp_w / out->absolute_package_w : 1.0;
  out->scale = scale;
  out->voltage_v = t.v;
  out->dynamic_w = scale * t.dyn;
  out->leakage_w = scale * t.leak;
  out->io_w = scale * t.io;
  out->memory_w = scale * t.mem;
  out->die_w = out->dynamic_w + out->leakage_w + out->io_w;
  out->package_w = out->die_w + out->memory_w;
  out->die_w_per_mm2 = out->die_w / area;
  out->junction_c = tj;
  /* a part exactly at a limit (a 1,000 W TDP on a 1,000 W class) is within it */
  out->over_die_limit = out->die_w_per_mm2 > q_lim * (1.0 + 1e-9);
  out->over_package_limit = out->package_w > pkg_lim * (1.0 + 1e-9);

  /* Sustained clock: bisection on f (both limits rise with f); leakage at the junction
   * temperature the flux at f gives, capped at tj_max_c (two fixed-point rounds). */
  double lo = f_min, hi = f_ref;
  int bound = GP_POWER_BOUND_NONE;
  if (out->over_die_limit || out->over_package_limit)
    {
      for (int i = 0; i < 40; i++)
        {
          double mid = 0.5 * (lo + hi);
          double die = die_at (p, a_act, area, q_lim, coolant, scale, mid, &t);
          bool ok = die / area <= q_lim && die + scale * t.mem <= pkg_lim;
          if (ok)
            lo = mid;
          else
            hi = mid;
        }
      double die = die_at (p, a_act, area, q_lim, coolant, scale, lo, &t);
      /* which limit binds just above the sustained clock */
      terms th;
      double die_hi = die_at (p, a_act, area, q_lim, coolant, scale, hi, &th);
      bound = die_hi / area > q_lim ? GP_POWER_BOUND_DIE_FLUX : GP_POWER_BOUND_PACKAGE;
      out->sustained_clock_mhz = lo * 1000.0;
      out->sustained_package_w = die + scale * t.mem;
      out->sustained_die_w_per_mm2 = die / area;
    }
  else
    {
      out->sustained_clock_mhz = p->clock_mhz;
      out->sustained_package_w = out->package_w;
      out->sustained_die_w_per_mm2 = out->die_w_per_mm2;
    }
  out->bound = bound;
  out->clock_ratio = out->sustained_clock_mhz / p->clock_mhz;
  if (!isfinite (out->package_w) || !isfinite (out->sustained_package_w)
      || !isfinite (out->die_w_per_mm2) || !isfinite (out->limit_w_per_mm2)
      || !isfinite (out->sustained_die_w_per_mm2))
    return gp_error_set (err, GP_ERANGE, "clock_mhz", "the die power is not finite");
  return GP_OK;
}
