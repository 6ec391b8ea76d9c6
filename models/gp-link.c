/* gp-link.c: optical link budget and energy per bit, electrical reach classes, shoreline.
 * Equations and units are in gp-link.h; sources of the defaults in data/links.lua. */
#include "gp-link.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const char *const gp_link_medium_names[] = { "optical", "electrical", NULL };
const char *const gp_link_reach_names[] = { "die_to_die", "package", "board", "cable", NULL };
const char *const gp_link_term_names[] = {
  "laser", "modulator driver", "receiver (TIA, CDR)", "SerDes/DSP", "thermal tuning", "other",
  NULL,
};

#define F_OPT GP_PARAM_F_OPTIONAL
#define F_POS GP_RANGE_MIN_EXCLUSIVE

static const gp_param link_params[] = {
  GP_P_STRING (gp_link_params, name, 0, "Link", "Name of the link preset"),
  GP_P_ENUM (gp_link_params, medium, gp_link_medium_names, 0, "Medium",
             "optical (budget-derived laser power) or electrical (PHY energy only)"),
  GP_P_ENUM (gp_link_params, reach_class, gp_link_reach_names, F_OPT, "Reach class",
             "die_to_die, package, board or cable: picks the electrical default energy"),
  GP_P_DOUBLE (gp_link_params, lane_rate_gbps, 0, 1e4, F_POS | GP_PARAM_F_LOG, "Gb/s",
               "Lane rate", "Data rate of one lane or wavelength, one direction"),
  GP_P_INT (gp_link_params, lanes, 1, 1e5, 0, "", "Lanes",
            "Lanes or wavelengths per link"),
  GP_P_DOUBLE (gp_link_params, reach_m, 0, 1e6, F_OPT, "m", "Reach",
               "Length of the fibre run (sets the fibre loss)"),
  GP_P_DOUBLE (gp_link_params, rx_sensitivity_dbm, -60, 20, F_OPT, "dBm", "Rx sensitivity",
               "Receiver sensitivity, optical modulation amplitude"),
  GP_P_DOUBLE (gp_link_params, margin_db, 0, 30, F_OPT, "dB", "Margin",
               "Engineering margin above the sensitivity"),
  GP_P_DOUBLE (gp_link_params, penalty_db, 0, 30, F_OPT, "dB", "Penalties",
               "Extinction-ratio/OMA-to-average, TDECQ and crosstalk penalties"),
  GP_P_DOUBLE (gp_link_params, coupling_loss_db, 0, 30, F_OPT, "dB", "Coupling loss",
               "Loss of one fibre/waveguide-to-chip interface"),
  GP_P_INT (gp_link_params, coupling_count, 0, 100, F_OPT, "", "Coupling interfaces",
            "Coupling interfaces on the path"),
  GP_P_DOUBLE (gp_link_params, modulator_loss_db, 0, 30, F_OPT, "dB", "Modulator IL",
               "Modulator insertion loss"),
  GP_P_DOUBLE (gp_link_params, mux_loss_db, 0, 30, F_OPT, "dB", "Mux + demux loss",
               "WDM multiplexer plus demultiplexer loss"),
  GP_P_INT (gp_link_params, lanes_per_laser, 1, 4096, F_OPT, "", "Lanes per laser",
            "Lanes sharing one laser through a 1:N splitter"),
  GP_P_DOUBLE (gp_link_params, splitter_excess_db, 0, 30, F_OPT, "dB", "Splitter excess",
               "Splitter loss beyond the ideal 10 log10 N"),
  GP_P_DOUBLE (gp_link_params, waveguide_loss_db_per_cm, 0, 100, F_OPT, "dB/cm",
               "Waveguide loss", "Propagation loss of the glass or silicon waveguide"),
  GP_P_DOUBLE (gp_link_params, waveguide_length_cm, 0, 1000, F_OPT, "cm", "Waveguide length",
               "Length of waveguide on the path"),
  GP_P_DOUBLE (gp_link_params, grating_coupler_loss_db, 0, 30, F_OPT, "dB",
               "Grating coupler loss", "Loss per grating-coupler interface"),
  GP_P_INT (gp_link_params, grating_coupler_count, 0, 100, F_OPT, "", "Grating couplers",
            "Grating-coupler interfaces on the path"),
  GP_P_DOUBLE (gp_link_params, fibre_loss_db_per_km, 0, 100, F_OPT, "dB/km", "Fibre loss",
               "Fibre attenuation"),
  GP_P_DOUBLE (gp_link_params, connector_loss_db, 0, 30, F_OPT, "dB", "Connector loss",
               "Loss of one mated connector"),
  GP_P_INT (gp_link_params, connector_count, 0, 100, F_OPT, "", "Connectors",
            "Mated connectors on the path"),
  GP_P_DOUBLE (gp_link_params, laser_wpe, 0, 1, F_POS | F_OPT, "", "Laser wall-plug eff.",
               "Optical output over electrical input of the laser (with its cooling)"),
  GP_P_DOUBLE (gp_link_params, laser_max_mw, 0, 1e5, F_POS | F_OPT, "mW", "Laser max output",
               "Most optical power one laser can emit"),
  GP_P_DOUBLE (gp_link_params, modulator_driver_pj_per_bit, 0, 1e4, F_OPT, "pJ/bit",
               "Modulator driver", "Driver and modulator energy per bit"),
  GP_P_DOUBLE (gp_link_params, receiver_pj_per_bit, 0, 1e4, F_OPT, "pJ/bit", "Receiver",
               "TIA and clock/data recovery energy per bit"),
  GP_P_DOUBLE (gp_link_params, serdes_pj_per_bit, 0, 1e4, F_OPT, "pJ/bit", "SerDes/DSP",
               "Host SerDes and DSP energy per bit; for an electrical link the whole PHY"),
  GP_P_DOUBLE (gp_link_params, tuning_mw_per_lane, 0, 1e5, F_OPT, "mW", "Thermal tuning",
               "Ring heater and control power per lane"),
  GP_P_DOUBLE (gp_link_params, other_pj_per_bit, 0, 1e4, F_OPT, "pJ/bit", "Other",
               "Control, power conversion and other overheads per bit"),
};

const gp_param_table gp_link_param_table = {
  "link", link_params, GP_N_ELEMENTS (link_params),
};

void
gp_link_params_init (gp_link_params *p)
{
  /* data/links.lua "cpo-1.6t-nvidia": keep the two in step. */
  memset (p, 0, sizeof *p);
  strcpy (p->name, "cpo-1.6t-nvidia");
  p->medium = GP_LINK_OPTICAL;
  p->reach_class = GP_REACH_CABLE;
  p->lane_rate_gbps = 200;
  p->lanes = 8;
  p->reach_m = 500;
  p->rx_sensitivity_dbm = -2.9;
  p->margin_db = 1.0;
  p->penalty_db = 3.4;
  p->coupling_loss_db = 1.5;
  p->coupling_count = 3;
  p->modulator_loss_db = 3.0;
  p->mux_loss_db = 0.0;
  p->lanes_per_laser = 8;
  p->splitter_excess_db = 1.0;
  p->waveguide_loss_db_per_cm = 0.0;
  p->waveguide_length_cm = 0.0;
  p->grating_coupler_loss_db = 0.0;
  p->grating_coupler_count = 0;
  p->fibre_loss_db_per_km = 0.5;
  p->connector_loss_db = 0.5;
  p->connector_count = 3;
  p->laser_wpe = 0.2;
  p->laser_max_mw = 200;
  p->modulator_driver_pj_per_bit = 1.2;
  p->receiver_pj_per_bit = 1.0;
  p->serdes_pj_per_bit = 2.5;
  p->tuning_mw_per_lane = 10;
  p->other_pj_per_bit = 0.5;
}

/* Sourced electrical PHY energies by reach class (gp-link.h, data/links.lua). */
static const struct {
  double pj_per_bit;
  const char *source;
} reach_defaults[GP_REACH_N] = {
  { 0.5, "UCIe 1.0 specification (2022): 0.5 pJ/bit standard-package target" },
  { 1.3, "NVIDIA NVLink-C2C, Grace Hopper (Hot Chips 34, 2022): 1.3 pJ/bit" },
  { 5.5, "112G long-reach SerDes ~5.5 pJ/bit (brief sec. 3.4)" },
  { 5.5, "estimate: 112G LR SerDes (~5.5 pJ/bit) driving a passive copper cable" },
};

gp_status
gp_link_reach_default_pj_per_bit (int reach, double *pj_per_bit_out, const char **source_out,
                                  gp_error *err)
{
  if (reach < 0 || reach >= GP_REACH_N)
    return gp_error_set (err, GP_EINVAL, "reach_class",
                         "reach_class = %d is unknown: allowed 0..%d (die_to_die, package, "
                         "board, cable)", reach, GP_REACH_N - 1);
  if (pj_per_bit_out)
    *pj_per_bit_out = reach_defaults[reach].pj_per_bit;
  if (source_out)
    *source_out = reach_defaults[reach].source;
  return GP_OK;
}

void
gp_link_params_init_electrical (gp_link_params *p, gp_link_reach reach)
{
  gp_link_params_init (p);
  if ((int) reach < 0 || reach >= GP_REACH_N)
    reach = GP_REACH_BOARD;
  snprintf (p->name, sizeof p->name, "electrical-%s", gp_link_reach_names[reach]);
  p->medium = GP_LINK_ELECTRICAL;
  p->reach_class = reach;
  p->lane_rate_gbps = 100;
  p->lanes = 1;
  p->reach_m = 0;
  p->modulator_driver_pj_per_bit = 0;
  p->receiver_pj_per_bit = 0;
  p->tuning_mw_per_lane = 0;
  p->other_pj_per_bit = 0;
  p->serdes_pj_per_bit = reach_defaults[reach].pj_per_bit;
}

static inline void
push_loss (gp_link_result *out, const char *label, double loss_db)
{
  if (loss_db <= 0.0 || out->n_steps >= GP_LINK_BUDGET_MAX)
    return;
  gp_link_budget_step *s = &out->steps[out->n_steps];
  s->label = label;
  s->delta_db = -loss_db;
  s->level_dbm = out->steps[out->n_steps - 1].level_dbm - loss_db;
  out->n_steps++;
}

/* The ranges of link_params[] as straight-line comparisons (a NaN fails every one), so the
 * hot path makes no call and no table walk; when anything fails, gp_params_validate words
 * the error from the table. tests/test-link.c ("/models/link/range-table") pushes every
 * field past each end of its table range to keep the two in step. */
#define IN_CC(v, lo, hi) ((v) >= (lo) && (v) <= (hi))
#define IN_OC(v, lo, hi) ((v) > (lo) && (v) <= (hi))
static bool
link_in_range (const gp_link_params *p)
{
  return memchr (p->name, '\0', sizeof p->name) != NULL
         && p->medium >= 0 && p->medium < GP_LINK_N_MEDIA
         && p->reach_class >= 0 && p->reach_class < GP_REACH_N
         && IN_OC (p->lane_rate_gbps, 0, 1e4) && IN_CC (p->lanes, 1, 100000)
         && IN_CC (p->reach_m, 0, 1e6) && IN_CC (p->rx_sensitivity_dbm, -60, 20)
         && IN_CC (p->margin_db, 0, 30) && IN_CC (p->penalty_db, 0, 30)
         && IN_CC (p->coupling_loss_db, 0, 30) && IN_CC (p->coupling_count, 0, 100)
         && IN_CC (p->modulator_loss_db, 0, 30) && IN_CC (p->mux_loss_db, 0, 30)
         && IN_CC (p->lanes_per_laser, 1, 4096) && IN_CC (p->splitter_excess_db, 0, 30)
         && IN_CC (p->waveguide_loss_db_per_cm, 0, 100)
         && IN_CC (p->waveguide_length_cm, 0, 1000)
         && IN_CC (p->grating_coupler_loss_db, 0, 30)
         && IN_CC (p->grating_coupler_count, 0, 100)
         && IN_CC (p->fibre_loss_db_per_km, 0, 100) && IN_CC (p->connector_loss_db, 0, 30)
         && IN_CC (p->connector_count, 0, 100) && IN_OC (p->laser_wpe, 0, 1)
         && IN_OC (p->laser_max_mw, 0, 1e5)
         && IN_CC (p->modulator_driver_pj_per_bit, 0, 1e4)
         && IN_CC (p->receiver_pj_per_bit, 0, 1e4) && IN_CC (p->serdes_pj_per_bit, 0, 1e4)
         && IN_CC (p->tuning_mw_per_lane, 0, 1e5) && IN_CC (p->other_pj_per_bit, 0, 1e4);
}

/* The link budget and energy per bit: equations in gp-link.h (brief sec. 3.4). Losses are
 * summed in dB from the laser to the photodiode; the 1:N splitter makes one laser N times
 * brighter than a lane needs, and its power is then shared by N lanes, so an ideal split
 * costs nothing per bit and only its excess loss does, but the laser_max_mw check sees the
 * full shared power. The budget waterfall is ordered as light meets the parts. */
gp_status
gp_link_eval (const gp_link_params *p, gp_link_result *out, gp_error *err)
{
  if (!link_in_range (p))
    GP_TRY (gp_params_validate (&gp_link_param_table, p, err));

  memset (out, 0, sizeof *out);
  out->rate_gbps = (double) p->lanes * p->lane_rate_gbps;

  double laser_pj = 0.0;
  if (p->medium == GP_LINK_OPTICAL)
    {
      double n_split = (double) p->lanes_per_laser;
      double split_db = p->lanes_per_laser > 1 ? 10.0 * log10 (n_split) : 0.0;
      double coupling_db = (double) p->coupling_count * p->coupling_loss_db;
      double waveguide_db = p->waveguide_loss_db_per_cm * p->waveguide_length_cm;
      double grating_db = (double) p->grating_coupler_count * p->grating_coupler_loss_db;
      double fibre_db = p->fibre_loss_db_per_km * p->reach_m * 1e-3;
      double connector_db = (double) p->connector_count * p->connector_loss_db;

      out->required_rx_dbm = p->rx_sensitivity_dbm + p->margin_db + p->penalty_db;
      out->loss_db = split_db + p->splitter_excess_db + coupling_db + p->modulator_loss_db
                     + p->mux_loss_db + waveguide_db + grating_db + fibre_db + connector_db;
      out->laser_dbm = out->required_rx_dbm + out->loss_db;

      /* 10^(x/10) as exp(x ln10 / 10), cheaper than pow. A hopeless budget would overflow
       * it, so anything past 3000 dBm is refused before it is computed. */
      out->laser_mw = out->laser_dbm < 3000.0 ? exp (out->laser_dbm * (M_LN10 / 10.0)) : INFINITY;
      if (out->laser_mw > p->laser_max_mw)
        {
          double max_dbm = 10.0 * log10 (p->laser_max_mw);
          out->laser_mw = 0.0; /* no infinity left behind in the result */
          char mw[32];
          if (out->laser_dbm < 3000.0)
            snprintf (mw, sizeof mw, "%.4g mW", pow (10.0, out->laser_dbm / 10.0));
          else
            snprintf (mw, sizeof mw, "more than 1e300 mW");
          return gp_error_set (err, GP_EINFEASIBLE, "laser_max_mw",
                               "link budget cannot close: each laser must emit %.2f dBm "
                               "(%s) to deliver %.2f dBm to the receiver through "
                               "%.2f dB of loss, above laser_max_mw = %.4g mW (%.2f dBm)",
                               out->laser_dbm, mw, out->required_rx_dbm, out->loss_db,
                               p->laser_max_mw, max_dbm);
        }

      out->lasers_per_link = (double) p->lanes / n_split;
      out->laser_electrical_mw = out->laser_mw / p->laser_wpe;
      out->laser_electrical_mw_per_lane = out->laser_electrical_mw / n_split;
      laser_pj = out->laser_electrical_mw_per_lane / p->lane_rate_gbps; /* mW/(Gb/s) = pJ/bit */

      /* Waterfall: laser output, then each loss in the order light meets it. */
      out->steps[0] = (gp_link_budget_step) { "laser output", out->laser_dbm, out->laser_dbm };
      out->n_steps = 1;
      push_loss (out, "splitter 1:N", split_db);
      push_loss (out, "splitter excess", p->splitter_excess_db);
      push_loss (out, "coupling", coupling_db);
      push_loss (out, "modulator", p->modulator_loss_db);
      push_loss (out, "mux/demux", p->mux_loss_db);
      push_loss (out, "waveguide", waveguide_db);
      push_loss (out, "grating couplers", grating_db);
      push_loss (out, "fibre", fibre_db);
      push_loss (out, "connectors", connector_db);
      push_loss (out, "penalties", p->penalty_db);
      push_loss (out, "margin", p->margin_db);
    }

  /* An electrical link is its PHY alone: the optical-only terms are ignored, so a preset
   * read over optical defaults cannot pick them up by accident. */
  out->pj_per_bit[GP_LINK_E_SERDES] = p->serdes_pj_per_bit;
  if (p->medium == GP_LINK_OPTICAL)
    {
      out->pj_per_bit[GP_LINK_E_LASER] = laser_pj;
      out->pj_per_bit[GP_LINK_E_DRIVER] = p->modulator_driver_pj_per_bit;
      out->pj_per_bit[GP_LINK_E_RECEIVER] = p->receiver_pj_per_bit;
      out->pj_per_bit[GP_LINK_E_TUNING] = p->tuning_mw_per_lane / p->lane_rate_gbps;
      out->pj_per_bit[GP_LINK_E_OTHER] = p->other_pj_per_bit;
    }

  double total = 0.0;
  int dominant = 0;
  for (int i = 0; i < GP_LINK_E_N; i++)
    {
      total += out->pj_per_bit[i];
      if (out->pj_per_bit[i] > out->pj_per_bit[dominant])
        dominant = i;
    }
  out->total_pj_per_bit = total;
  out->dominant_term = dominant;
  out->power_w = total * out->rate_gbps * 1e-3; /* pJ/bit x Gb/s = mW */

  if (!isfinite (out->power_w))
    return gp_error_set (err, GP_ERANGE, "lanes",
                         "link power is not finite (%g pJ/bit x %g Gb/s)", total,
                         out->rate_gbps);
  return GP_OK;
}

/* ---- Shoreline ---- */

static const gp_param shoreline_params[] = {
  GP_P_DOUBLE (gp_shoreline_params, die_width_mm, 0, 1000, F_POS, "mm", "Die width",
               "Die width"),
  GP_P_DOUBLE (gp_shoreline_params, die_height_mm, 0, 1000, F_POS, "mm", "Die height",
               "Die height"),
  GP_P_DOUBLE (gp_shoreline_params, edges_used, 0, 4, 0, "", "Edges for I/O",
               "Die edges given to off-die I/O (long edges first; fractions allowed)"),
  GP_P_DOUBLE (gp_shoreline_params, corner_keepout_mm, 0, 500, F_OPT, "mm", "Corner keep-out",
               "Edge length lost at each end of a used edge"),
  GP_P_DOUBLE (gp_shoreline_params, density_tbps_per_mm, 0, 1e3, 0, "Tb/s/mm",
               "Bandwidth density", "Off-die bandwidth per mm of usable edge, one direction"),
  GP_P_DOUBLE (gp_shoreline_params, tflops_per_mm2, 0, 1e3, F_OPT, "TFLOP/s/mm2",
               "Compute density", "Peak compute per mm2 of die; 0 = not given"),
};

const gp_param_table gp_shoreline_param_table = {
  "shoreline", shoreline_params, GP_N_ELEMENTS (shoreline_params),
};

void
gp_shoreline_params_init (gp_shoreline_params *p)
{
  memset (p, 0, sizeof *p);
  p->die_width_mm = sqrt (814.0);   /* H100: 814 mm2 (brief sec. 4), taken as square */
  p->die_height_mm = sqrt (814.0);
  p->edges_used = 4;
  p->corner_keepout_mm = 0;
  p->density_tbps_per_mm = 1.0;     /* estimate, see gp-link.h */
  p->tflops_per_mm2 = 989.0 / 814.0; /* H100 dense BF16 over its die area */
}

/* Usable edge and bandwidth: equation in gp-link.h. Edges are taken long first, so for a
 * rectangle the order is w, w, h, h with w >= h; edge i contributes
 * clamp(edges_used - i, 0, 1) x (length_i - 2 x keep-out). */
gp_status
gp_shoreline_eval (const gp_shoreline_params *p, gp_shoreline_result *out, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_shoreline_param_table, p, err));
  double lo = fmin (p->die_width_mm, p->die_height_mm);
  double hi = fmax (p->die_width_mm, p->die_height_mm);
  const double edge[4] = { hi, hi, lo, lo };

  memset (out, 0, sizeof *out);
  double usable = 0.0;
  for (int i = 0; i < 4; i++)
    {
      double frac = fmin (fmax (p->edges_used - (double) i, 0.0), 1.0);
      if (frac <= 0.0)
        break;
      double len = edge[i] - 2.0 * p->corner_keepout_mm;
      if (len < 0.0)
        return gp_error_set (err, GP_EINVAL, "corner_keepout_mm",
                             "corner_keepout_mm = %g leaves no usable edge: allowed "
                             "[0, %g] mm for a %g mm edge", p->corner_keepout_mm,
                             edge[i] / 2.0, edge[i]);
      usable += frac * len;
    }
  out->usable_edge_mm = usable;
  out->bandwidth_tbps = usable * p->density_tbps_per_mm;
  out->bandwidth_bytes_per_s = out->bandwidth_tbps * 1e12 / 8.0;
  out->die_area_mm2 = p->die_width_mm * p->die_height_mm;
  out->compute_tflops = p->tflops_per_mm2 * out->die_area_mm2;
  if (out->compute_tflops > 0.0)
    GP_TRY (gp_shoreline_io_per_flop (out->bandwidth_tbps, out->compute_tflops,
                                      &out->io_bytes_per_flop, err));
  return GP_OK;
}

/* bytes/FLOP = (Tb/s x 1e12 / 8) / (TFLOP/s x 1e12) = Tb/s / (8 TFLOP/s). */
gp_status
gp_shoreline_io_per_flop (double bandwidth_tbps, double compute_tflops,
                          double *bytes_per_flop, gp_error *err)
{
  GP_TRY (gp_check_nonnegative (err, "bandwidth_tbps", bandwidth_tbps, "Tb/s"));
  GP_TRY (gp_check_positive (err, "compute_tflops", compute_tflops, "TFLOP/s"));
  *bytes_per_flop = bandwidth_tbps / (8.0 * compute_tflops);
  /* A denormal compute figure passes the range check and overflows the ratio. */
  if (!isfinite (*bytes_per_flop))
    return gp_error_set (err, GP_ERANGE, "compute_tflops",
                         "I/O per FLOP overflows: compute_tflops = %.3g TFLOP/s is too small",
                         compute_tflops);
  return GP_OK;
}
