/* gp-link.h: energy per bit of one optical or electrical link, its optical power budget,
 * and the shoreline (die-edge) limit on off-die bandwidth.
 *
 * A link is a technology plus a configuration: lane (or wavelength) rate, lane count and
 * reach. An optical link's laser power comes from its budget (brief sec. 3.4):
 *
 *   P_rx   = sensitivity (dBm, OMA) + margin + penalties               dBm
 *   L      = sum of losses from the laser to the photodiode             dB
 *   P_las  = P_rx + L                    (per laser, split included)    dBm
 *   P_opt  = 10^(P_las / 10)                                            mW
 *   P_elec = P_opt / wall-plug efficiency / lanes_per_laser             mW per lane
 *   E_las  = P_elec / lane rate          (mW / (Gb/s) = pJ/bit)
 *
 * and the total adds the per-bit electrical terms: modulator driver, receiver (TIA, CDR),
 * SerDes/DSP, thermal tuning of rings (mW per lane / lane rate) and other overheads. An
 * electrical link is just its SerDes/PHY energy per bit, with defaults by reach class.
 *
 * Energy per bit here is per end of a link (one transceiver, a transmitter plus a
 * receiver): module power / one-direction rate, the way module and SerDes figures are
 * quoted. A bit crossing the link costs the transmit half at one end plus the receive half
 * at the other, i.e. the same figure; a full-duplex link at rate R each way draws 2 R E. */
#pragma once

#include <stdbool.h>

#include "gp-node.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_LINK_OPTICAL,
  GP_LINK_ELECTRICAL,
  GP_LINK_N_MEDIA
} gp_link_medium;

/* "optical", "electrical", NULL */
extern const char *const gp_link_medium_names[];

/* Reach classes of an electrical link (and, for information, of an optical one). */
typedef enum {
  GP_REACH_DIE_TO_DIE, /* across an interposer or bridge inside one package (UCIe-class) */
  GP_REACH_PACKAGE,    /* chip to chip on one module/substrate (NVLink-C2C-class) */
  GP_REACH_BOARD,      /* across a board or backplane (long-reach SerDes) */
  GP_REACH_CABLE,      /* over a copper cable between boards or trays */
  GP_REACH_N
} gp_link_reach;

/* "die_to_die", "package", "board", "cable", NULL */
extern const char *const gp_link_reach_names[];

typedef struct {
  char name[GP_NAME_MAX];
  int medium;                       /* gp_link_medium */
  int reach_class;                  /* gp_link_reach */
  /* configuration */
  double lane_rate_gbps;            /* data rate of one lane or wavelength, one direction */
  long lanes;                       /* lanes (or wavelengths) per link */
  double reach_m;                   /* length of the fibre run, m (sets the fibre loss) */
  /* optical budget (ignored for electrical links) */
  double rx_sensitivity_dbm;        /* receiver sensitivity, OMA, dBm */
  double margin_db;                 /* engineering margin on top of the sensitivity */
  double penalty_db;                /* transmitter and signal penalties (extinction ratio /
                                       OMA-to-average, TDECQ, crosstalk), dB */
  double coupling_loss_db;          /* per fibre/waveguide-to-chip interface */
  long coupling_count;              /* interfaces on the path (laser-PIC, PIC-fibre, fibre-PIC) */
  double modulator_loss_db;         /* modulator insertion loss */
  double mux_loss_db;               /* WDM multiplexer plus demultiplexer */
  long lanes_per_laser;             /* lanes fed by one laser through a 1:N splitter */
  double splitter_excess_db;        /* splitter loss beyond the ideal 10 log10 N */
  double waveguide_loss_db_per_cm;  /* glass or silicon waveguide propagation loss */
  double waveguide_length_cm;
  double grating_coupler_loss_db;   /* per grating-coupler interface (glass interposers) */
  long grating_coupler_count;
  double fibre_loss_db_per_km;      /* over reach_m */
  double connector_loss_db;         /* per mated connector */
  long connector_count;
  double laser_wpe;                 /* wall-plug efficiency (optical out / electrical in) */
  double laser_max_mw;              /* most optical power one laser can emit, mW */
  /* per-bit electrical terms (optical links) */
  double modulator_driver_pj_per_bit;
  double receiver_pj_per_bit;       /* TIA, CDR / sampler */
  double serdes_pj_per_bit;         /* SerDes / DSP; for an electrical link the whole PHY */
  double tuning_mw_per_lane;        /* ring heaters and their control, mW per lane */
  double other_pj_per_bit;          /* control, power conversion, anything else */
} gp_link_params;

extern const gp_param_table gp_link_param_table;

/* Defaults: the "cpo-1.6t-nvidia" preset of data/links.lua (200 Gb/s x 8 micro-ring CPO). */
void gp_link_params_init (gp_link_params *p);

/* Defaults for an electrical link of REACH: medium electrical and serdes_pj_per_bit from
 * gp_link_reach_default_pj_per_bit (the optical fields keep gp_link_params_init's values
 * and are ignored). */
void gp_link_params_init_electrical (gp_link_params *p, gp_link_reach reach);

/* Sourced energy per bit of an electrical PHY by reach class, per end (brief sec. 3.4):
 *   die_to_die 0.5   UCIe 1.0 (2022) standard-package target
 *   package    1.3   NVLink-C2C (NVIDIA Grace Hopper, Hot Chips 34, 2022)
 *   board      5.5   112G long-reach SerDes
 *   cable      5.5   same 112G LR SerDes driving a passive copper cable (estimate: no
 *                    retimer; active cables add one per end)
 * *SOURCE_OUT (may be NULL) gets the citation. GP_EINVAL for an unknown class. */
gp_status gp_link_reach_default_pj_per_bit (int reach, double *pj_per_bit_out,
                                            const char **source_out, gp_error *err);

/* The energy terms of the breakdown. */
typedef enum {
  GP_LINK_E_LASER,
  GP_LINK_E_DRIVER,
  GP_LINK_E_RECEIVER,
  GP_LINK_E_SERDES,
  GP_LINK_E_TUNING,
  GP_LINK_E_OTHER,
  GP_LINK_E_N
} gp_link_term;

/* "laser", "modulator driver", "receiver (TIA, CDR)", "SerDes/DSP", "thermal tuning",
 * "other", NULL */
extern const char *const gp_link_term_names[];

/* One bar of the budget waterfall. Step 0 is the laser output (delta = level = the laser
 * power in dBm); every later step is a loss (delta < 0, dB) and level is the power after it
 * (dBm); the last step's level is the receiver sensitivity. LABEL is a static string. */
typedef struct {
  const char *label;
  double delta_db;
  double level_dbm;
} gp_link_budget_step;

#define GP_LINK_BUDGET_MAX 16

typedef struct {
  double rate_gbps;                 /* lanes x lane rate, one direction */
  /* optical budget (zero for electrical links) */
  double required_rx_dbm;           /* sensitivity + margin + penalties */
  double loss_db;                   /* sum of path losses, splitter included */
  double laser_dbm;                 /* required output of one laser */
  double laser_mw;                  /* same in mW */
  double lasers_per_link;           /* lanes / lanes_per_laser */
  double laser_electrical_mw;       /* electrical input of one laser */
  double laser_electrical_mw_per_lane;
  int n_steps;
  gp_link_budget_step steps[GP_LINK_BUDGET_MAX];
  /* energy */
  double pj_per_bit[GP_LINK_E_N];   /* breakdown, per end */
  double total_pj_per_bit;
  int dominant_term;                /* gp_link_term with the largest share */
  double power_w;                   /* one end at the configured rate: total x rate */
} gp_link_result;

/* Evaluate a link: the equations in the header comment. For an electrical link the total
 * is serdes_pj_per_bit alone (the whole PHY); every optical field is ignored and there is
 * no budget.
 * Errors: GP_EINVAL naming the field for any parameter out of its table range (NaN,
 * negative, zero counts); GP_EINFEASIBLE (param "laser_max_mw") when the budget cannot
 * close: one laser would have to emit more than laser_max_mw; the message gives the
 * required dBm and mW, the loss and the receiver level. Allocates nothing. */
gp_status gp_link_eval (const gp_link_params *p, gp_link_result *out, gp_error *err);

/* ---- Shoreline ----
 *
 * Off-die bandwidth is limited by the die edge available for I/O (brief sec. 3.4; the
 * Lite-GPU argument of Canakci et al., HotOS 2025):
 *
 *   usable edge = sum over the edges used of (edge length - 2 x corner keep-out), mm
 *   bandwidth   = usable edge x density (Tb/s per mm, leaving the die, one direction)
 *
 * Long edges are used first; a fractional edge count takes that fraction of the next edge
 * (edges_used = 2.5 on a 30 x 20 mm die: both 30 mm edges and half of a 20 mm edge). With
 * compute proportional to area (tflops_per_mm2), a die of side a has I/O ~ a and compute
 * ~ a^2, so its I/O-per-FLOP ratio grows as 1/a: a quarter-area die has twice the ratio. */
typedef struct {
  double die_width_mm;
  double die_height_mm;
  double edges_used;              /* [0, 4] */
  double corner_keepout_mm;       /* per end of each used edge */
  double density_tbps_per_mm;     /* bandwidth per mm of usable edge, one direction */
  double tflops_per_mm2;          /* compute density; 0 = not given (no ratio) */
} gp_shoreline_params;

extern const gp_param_table gp_shoreline_param_table;

/* Defaults: an H100-sized square die (814 mm2, brief sec. 4: side 28.53 mm), all four
 * edges, no keep-out, 1 Tb/s/mm (estimate, not a sourced figure: an order of magnitude for
 * optical or dense electrical die-edge I/O; sweep it),
 * 989 TFLOP/s / 814 mm2 = 1.215 TFLOP/s/mm2 (H100 dense BF16, brief sec. 4). */
void gp_shoreline_params_init (gp_shoreline_params *p);

typedef struct {
  double usable_edge_mm;
  double bandwidth_tbps;          /* one direction */
  double bandwidth_bytes_per_s;
  double die_area_mm2;
  double compute_tflops;          /* tflops_per_mm2 x area; 0 if not given */
  double io_bytes_per_flop;       /* bandwidth / compute; 0 if compute not given */
} gp_shoreline_result;

/* Errors: GP_EINVAL naming the field (non-positive sides, edges outside [0, 4], a keep-out
 * that leaves a used edge with negative length, NaN). */
gp_status gp_shoreline_eval (const gp_shoreline_params *p, gp_shoreline_result *out,
                             gp_error *err);

/* I/O per FLOP for a given compute: bytes/s over FLOP/s. GP_EINVAL unless compute > 0 and
 * bandwidth >= 0. */
gp_status gp_shoreline_io_per_flop (double bandwidth_tbps, double compute_tflops,
                                    double *bytes_per_flop, gp_error *err);

#ifdef __cplusplus
}
#endif
