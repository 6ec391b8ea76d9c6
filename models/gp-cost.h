/* gp-cost.h: the capex of a machine in one cost basis, part by part, and the glass optical
 * fabric's cost from its parts.
 *
 * Two bases, never mixed in one total (issue 25):
 *   build     what each part costs to make: accelerator packages from the die and package
 *             models (gp-package), switches from their ASIC and board, transceivers from
 *             their lasers, drivers, DSP and photonic die, servers from their price less the
 *             maker's margin, the glass fabric from its substrate, waveguide layers, optical
 *             engines, lasers and assembly yield;
 *   purchase  what a buyer pays: a published list or street price where one exists
 *             (accelerator packages: package_price_usd; servers, switches, transceivers and
 *             cables: the market figures in gp_system_params and gp_topology_params);
 *             otherwise build cost / (1 - gross margin) with a sourced gross margin for that
 *             kind of part (a derived Lite-GPU package, the glass fabric's parts).
 * A gross margin m is the vendor's share of the price: price = cost / (1 - m), cost =
 * price x (1 - m); m in [0, 1). Every part carries both figures (one sourced, the other
 * sourced or derived through a sourced margin; data/systems.lua says which).
 *
 * Capex lines (USD, whole machine):
 *   packages      N x package, without co-packaged engines that the glass fabric prices
 *   engines       glass fabric: ports x engine x f_pkg, f_pkg = 1 / (Y_asm x Y_final) of the
 *                 package the engines are assembled into (gp_package_cost is linear in a
 *                 part's price, so this is exactly what the engines add to each good package)
 *   lasers        glass fabric: ceil(ports x lanes / lanes_per_laser) x laser
 *   glass         glass fabric: servers x [A_s (glass + L x layer) / Y_panel] + ports x
 *                 coupling / Y_coupling, A_s = accels per server x glass per accelerator,
 *                 panels = ceil(A_s / panel area), Y_panel = exp(-L x D0 x A_s / panels)
 *                 (Poisson defects per waveguide layer over one panel; known-good panels)
 *   switches      sum over topology levels of switches x (build: ASIC + board / purchase:
 *                 the topology's switch price), + a glass fabric kind's optical circuit
 *                 switch ports x its per-port figure (gp-fabric, both bases); a glass kind
 *                 without cost.glass_fabric adds its glass sites to the glass line
 *   transceivers  link ends x (build: laser + driver + DSP + PIC + assembly / purchase: price)
 *   cables        links x (build / purchase)
 *   servers       servers x (purchase: server_cost_usd / build: x (1 - server margin))
 *   integration   integration share x the sum of the above
 * Errors: a part the machine has (count > 0) whose figure in the chosen basis is missing
 * (0 while the other basis has one) is GP_EINVAL naming the part and the basis; so is a
 * negative margin.
 * Units: USD, mm2, cm2. */
#pragma once

#include <stdbool.h>

#include "gp-error.h"
#include "gp-package.h"
#include "gp-param.h"
#include "gp-topology.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_COST_BUILD,    /* what it costs to make */
  GP_COST_PURCHASE, /* what a buyer pays */
  GP_COST_BASIS_N
} gp_cost_basis;

/* "build", "purchase", NULL */
extern const char *const gp_cost_basis_names[];

typedef enum {
  GP_COSTLINE_PACKAGES,
  GP_COSTLINE_ENGINES,
  GP_COSTLINE_LASERS,
  GP_COSTLINE_GLASS,
  GP_COSTLINE_SWITCHES,
  GP_COSTLINE_TRANSCEIVERS,
  GP_COSTLINE_CABLES,
  GP_COSTLINE_SERVERS,
  GP_COSTLINE_INTEGRATION,
  GP_COSTLINE_N
} gp_cost_line;

/* "accelerator packages", "optical engines", "lasers", "glass fabric", "switches",
 * "transceivers", "cables", "servers", "integration", NULL */
extern const char *const gp_cost_line_names[];
/* short keys: "packages", "engines", "lasers", "glass", "switches", "transceivers",
 * "cables", "servers", "integration", NULL */
extern const char *const gp_cost_line_keys[];

/* Per-system cost figures the other structs do not hold (their prices are the purchase
 * figures: server_cost_usd, the topology's *_cost_usd). */
typedef struct {
  /* accelerator package */
  double package_price_usd;        /* published street price; 0 = none: build / (1 - m) */
  double package_gross_margin;     /* accelerator vendor's gross margin */
  /* servers: the published figure is a price; build = price x (1 - m) */
  double server_gross_margin;
  /* interconnect build costs (purchase prices are gp_topology_params' *_cost_usd) */
  double scaleup_switch_build_usd;      /* e.g. an NVSwitch chip */
  double scaleup_transceiver_build_usd; /* per scale-up link end */
  double scaleup_cable_build_usd;       /* per scale-up link */
  double scaleout_switch_asic_usd;      /* switch ASIC die, package and test */
  double scaleout_switch_board_usd;     /* board, CPU module, power supplies, fans, chassis */
  double scaleout_xcvr_laser_usd;       /* per pluggable module: its lasers */
  double scaleout_xcvr_driver_usd;      /* modulator drivers and TIAs */
  double scaleout_xcvr_dsp_usd;         /* PAM4 DSP / CDR */
  double scaleout_xcvr_pic_usd;         /* photonic die (0 for VCSEL modules) */
  double scaleout_xcvr_assembly_usd;    /* housing, optical coupling, test */
  double scaleout_cable_build_usd;      /* per scale-out link */
  /* glass optical fabric priced from parts (optical_fabric topologies) */
  bool glass_fabric;
  double glass_mm2_per_accel;           /* routed glass per accelerator */
  double glass_usd_per_mm2;             /* glass panel, through-glass vias, metallisation */
  long waveguide_layers;
  double waveguide_layer_usd_per_mm2;   /* processing per waveguide layer (ion exchange) */
  double waveguide_d0_per_cm2;          /* killer defects per layer per cm2 */
  double glass_panel_mm2;               /* largest panel processed in one piece */
  double engine_pic_usd_per_lane;       /* photonic die share per lane (modulator, detector) */
  double engine_eic_usd_per_lane;       /* electronic die share per lane (driver, TIA, SerDes) */
  double engine_assembly_usd;           /* per engine: EIC-PIC stacking, coupler, test */
  double port_coupling_usd;             /* per port: coupling the engine to the glass */
  double port_coupling_yield;           /* a failed coupling is redone: cost / yield */
  double laser_usd;                     /* one external laser source */
  double fabric_gross_margin;           /* optical-component vendors' gross margin */
} gp_cost_params;

extern const gp_param_table gp_cost_param_table;

/* Defaults: data/systems.lua "dgx-h100"'s cost table (glass_fabric false; the glass
 * figures those of "lite-gpu-glass"). */
void gp_cost_params_init (gp_cost_params *c);

/* Margins first (a negative one names the part and the basis that needs it), then the
 * table's ranges. */
gp_status gp_cost_validate (const gp_cost_params *c, gp_error *err);

/* What the system model passes in (all borrowed). */
typedef struct {
  long accelerators, servers, accels_per_server;
  double package_build_usd;        /* cost per good package (gp_package_cost total) */
  double package_part_factor;      /* 1 / (assembly yield x final-test yield) */
  double server_price_usd;         /* gp_system_params.server_cost_usd */
  double integration_fraction;
  long lanes_per_port;             /* the fabric link's lanes (glass fabric) */
  long lanes_per_laser;            /* lanes one laser feeds (glass fabric) */
  const gp_topology_params *topo;  /* prices */
  const gp_topology_result *topo_result; /* counts */
} gp_cost_inputs;

typedef struct {
  int basis;                       /* gp_cost_basis */
  double line_usd[GP_COSTLINE_N];
  double total_usd;
  double interconnect_usd;         /* engines + lasers + glass + switches + transceivers +
                                      cables */
  double package_usd;              /* one package in this basis (without fabric engines) */
  /* glass fabric */
  long ports, lasers, panels_per_server;
  double panel_yield;
  double engine_build_usd;         /* one engine as it enters the package */
  double fabric_usd_per_port;      /* (engines + lasers + glass) / ports, this basis */
} gp_cost_result;

/* The capex of IN in BASIS (equations in the file comment). Allocates nothing. */
gp_status gp_cost_capex (const gp_cost_params *c, gp_cost_basis basis,
                         const gp_cost_inputs *in, gp_cost_result *out, gp_error *err);

#ifdef __cplusplus
}
#endif
