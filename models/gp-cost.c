/* gp-cost.c: capex in one cost basis, part by part, and the glass fabric from its parts
 * (equations and conventions in gp-cost.h). */
#include "gp-cost.h"

#include <math.h>
#include <string.h>

#define OPT GP_PARAM_F_OPTIONAL

/* A gross margin is a share of the price: [0, GP_COST_MARGIN_MAX]. The tables accept down
 * to -1 so that a negative margin reaches gp_cost_validate, whose message names the part
 * and the basis that reads it, rather than the generic range message. */
#define GP_COST_MARGIN_MAX 0.99
#define GP_COST_MARGIN_TABLE_MIN -1

const char *const gp_cost_basis_names[] = { "build", "purchase", NULL };

const char *const gp_cost_line_names[] = {
  "accelerator packages", "optical engines", "lasers", "glass fabric", "switches",
  "transceivers", "cables", "servers", "integration", NULL,
};

const char *const gp_cost_line_keys[] = {
  "packages", "engines", "lasers", "glass", "switches", "transceivers", "cables", "servers",
  "integration", NULL,
};

static const gp_param cost_params[] = {
  GP_P_DOUBLE (gp_cost_params, package_price_usd, 0, 1e9, 0, "USD", "Package street price",
               "Published price of one accelerator package; 0 = none (build / (1 - margin))"),
  GP_P_DOUBLE (gp_cost_params, package_gross_margin, GP_COST_MARGIN_TABLE_MIN, GP_COST_MARGIN_MAX, 0, "",
               "Accelerator gross margin",
               "Vendor's share of the accelerator's price, [0, 0.99] (below 0: refused, naming the part)"),
  GP_P_DOUBLE (gp_cost_params, server_gross_margin, GP_COST_MARGIN_TABLE_MIN, GP_COST_MARGIN_MAX, 0, "",
               "Server gross margin",
               "Server maker's share of the price, [0, 0.99]: build = price x (1 - m)"),
  GP_P_DOUBLE (gp_cost_params, scaleup_switch_build_usd, 0, 1e8, 0, "USD",
               "Scale-up switch build cost", "Cost to make one inner-level switch"),
  GP_P_DOUBLE (gp_cost_params, scaleup_transceiver_build_usd, 0, 1e7, 0, "USD",
               "Scale-up transceiver build cost", "Cost to make one inner-level link end"),
  GP_P_DOUBLE (gp_cost_params, scaleup_cable_build_usd, 0, 1e7, 0, "USD",
               "Scale-up cable build cost", "Cost to make one inner-level link"),
  GP_P_DOUBLE (gp_cost_params, scaleout_switch_asic_usd, 0, 1e8, 0, "USD", "Switch ASIC",
               "Scale-out switch ASIC: die, package and test"),
  GP_P_DOUBLE (gp_cost_params, scaleout_switch_board_usd, 0, 1e8, 0, "USD", "Switch board",
               "Scale-out switch board, CPU module, power supplies, fans and chassis"),
  GP_P_DOUBLE (gp_cost_params, scaleout_xcvr_laser_usd, 0, 1e7, 0, "USD",
               "Transceiver lasers", "Lasers of one scale-out pluggable module"),
  GP_P_DOUBLE (gp_cost_params, scaleout_xcvr_driver_usd, 0, 1e7, 0, "USD",
               "Transceiver drivers", "Modulator drivers and TIAs of one module"),
  GP_P_DOUBLE (gp_cost_params, scaleout_xcvr_dsp_usd, 0, 1e7, 0, "USD", "Transceiver DSP",
               "PAM4 DSP or CDR of one module"),
  GP_P_DOUBLE (gp_cost_params, scaleout_xcvr_pic_usd, 0, 1e7, 0, "USD",
               "Transceiver photonic die", "Photonic integrated circuit of one module"),
  GP_P_DOUBLE (gp_cost_params, scaleout_xcvr_assembly_usd, 0, 1e7, 0, "USD",
               "Transceiver assembly", "Housing, optical coupling and test of one module"),
  GP_P_DOUBLE (gp_cost_params, scaleout_cable_build_usd, 0, 1e7, 0, "USD",
               "Scale-out cable build cost", "Cost to make one scale-out fibre or cable"),
  GP_P_BOOL (gp_cost_params, glass_fabric, OPT, "Glass fabric from parts",
             "Price the optical fabric from glass, waveguides, engines, lasers and assembly"),
  GP_P_DOUBLE (gp_cost_params, glass_mm2_per_accel, 0, 1e6, OPT, "mm2", "Glass per accelerator",
               "Routed glass area of the fabric per accelerator"),
  GP_P_DOUBLE (gp_cost_params, glass_usd_per_mm2, 0, 10, OPT, "USD/mm2", "Glass price",
               "Glass panel with vias and metallisation, per mm2"),
  GP_P_INT (gp_cost_params, waveguide_layers, 0, 64, OPT, "", "Waveguide layers",
            "Optical waveguide layers in the glass"),
  GP_P_DOUBLE (gp_cost_params, waveguide_layer_usd_per_mm2, 0, 10, OPT, "USD/mm2",
               "Waveguide layer cost", "Processing of one waveguide layer per mm2"),
  GP_P_DOUBLE (gp_cost_params, waveguide_d0_per_cm2, 0, 10, OPT, "defects/cm2",
               "Waveguide defect density", "Killer defects per waveguide layer per cm2"),
  GP_P_DOUBLE (gp_cost_params, glass_panel_mm2, 0, 1e8, OPT | GP_RANGE_MIN_EXCLUSIVE, "mm2",
               "Glass panel area", "Largest glass panel processed in one piece"),
  GP_P_DOUBLE (gp_cost_params, engine_pic_usd_per_lane, 0, 1e5, OPT, "USD",
               "Engine photonic die per lane", "Photonic die share of one lane"),
  GP_P_DOUBLE (gp_cost_params, engine_eic_usd_per_lane, 0, 1e5, OPT, "USD",
               "Engine electronic die per lane", "Driver, TIA and SerDes share of one lane"),
  GP_P_DOUBLE (gp_cost_params, engine_assembly_usd, 0, 1e6, OPT, "USD", "Engine assembly",
               "EIC-PIC stacking, coupler and test per optical engine"),
  GP_P_DOUBLE (gp_cost_params, port_coupling_usd, 0, 1e6, OPT, "USD", "Port coupling",
               "Coupling one engine's port to the glass"),
  GP_P_DOUBLE (gp_cost_params, port_coupling_yield, 0, 1, OPT | GP_RANGE_MIN_EXCLUSIVE, "",
               "Port coupling yield", "Share of couplings right first time"),
  GP_P_DOUBLE (gp_cost_params, laser_usd, 0, 1e6, OPT, "USD", "Laser",
               "One external laser source"),
  GP_P_DOUBLE (gp_cost_params, fabric_gross_margin, GP_COST_MARGIN_TABLE_MIN, GP_COST_MARGIN_MAX, OPT, "",
               "Optics gross margin",
               "Optical-component vendors' share of the price, [0, 0.99]"),
};

const gp_param_table gp_cost_param_table = {
  "cost", cost_params, GP_N_ELEMENTS (cost_params),
};

/* data/systems.lua "dgx-h100" cost table; the glass figures are "lite-gpu-glass"'s (the
 * sources are there). */
void
gp_cost_params_init (gp_cost_params *c)
{
  memset (c, 0, sizeof *c);
  c->package_price_usd = 27500;
  c->package_gross_margin = 0.875;
  c->server_gross_margin = 0.15;
  c->scaleup_switch_build_usd = 200;
  c->scaleup_transceiver_build_usd = 0;
  c->scaleup_cable_build_usd = 0;
  c->scaleout_switch_asic_usd = 500;
  c->scaleout_switch_board_usd = 2000;
  c->scaleout_xcvr_laser_usd = 20;
  c->scaleout_xcvr_driver_usd = 20;
  c->scaleout_xcvr_dsp_usd = 40;
  c->scaleout_xcvr_pic_usd = 30;
  c->scaleout_xcvr_assembly_usd = 100;
  c->scaleout_cable_build_usd = 40;
  c->glass_fabric = false;
  c->glass_mm2_per_accel = 2500;
  c->glass_usd_per_mm2 = 0.002;
  c->waveguide_layers = 2;
  c->waveguide_layer_usd_per_mm2 = 0.002;
  c->waveguide_d0_per_cm2 = 0.0001;
  c->glass_panel_mm2 = 262650;
  c->engine_pic_usd_per_lane = 1.0;
  c->engine_eic_usd_per_lane = 1.0;
  c->engine_assembly_usd = 15;
  c->port_coupling_usd = 5;
  c->port_coupling_yield = 0.98;
  c->laser_usd = 3;
  c->fabric_gross_margin = 0.33;
}

/* A margin below 0 names the part and the basis that reads it; the rest is the table's. */
static gp_status
check_margin (gp_error *err, const char *param, double m, const char *part, const char *why)
{
  if (m >= 0.0 && m <= GP_COST_MARGIN_MAX)
    return GP_OK;
  return gp_error_set (err, GP_EINVAL, param,
                       "%s: cost.%s = %g is not a gross margin (a vendor's share of the price, "
                       "allowed [0, %g]); the %s", part, param, m, GP_COST_MARGIN_MAX, why);
}

gp_status
gp_cost_validate (const gp_cost_params *c, gp_error *err)
{
  if (c == NULL)
    return gp_error_set (err, GP_EINVAL, "cost", "cost params must not be NULL");
  GP_TRY (check_margin (err, "package_gross_margin", c->package_gross_margin,
                        "accelerator package",
                        "purchase basis prices a package without a street price at build / "
                        "(1 - margin)"));
  GP_TRY (check_margin (err, "server_gross_margin", c->server_gross_margin, "servers",
                        "build basis takes the server price x (1 - margin)"));
  GP_TRY (check_margin (err, "fabric_gross_margin", c->fabric_gross_margin, "glass fabric",
                        "purchase basis prices its engines, lasers and glass at build / "
                        "(1 - margin)"));
  return gp_params_validate (&gp_cost_param_table, c, err);
}

/* One kind of part (COUNT of them) in BASIS: build figure B or purchase figure P; the one
 * asked for must exist when the other does. */
static gp_status
part_figure (gp_error *err, gp_cost_basis basis, const char *part, long count, double b,
             double p, const char *build_key, const char *price_key, double *usd)
{
  double v = basis == GP_COST_BUILD ? b : p;
  double other = basis == GP_COST_BUILD ? p : b;
  if (count > 0 && !(v > 0) && other > 0)
    return gp_error_set (err, GP_EINVAL, basis == GP_COST_BUILD ? build_key : price_key,
                         "%s: no %s figure (%ld of them, %s %g USD each): give %s%s, or "
                         "use cost_basis = \"%s\"", part,
                         basis == GP_COST_BUILD ? "build-cost" : "purchase-price", count,
                         basis == GP_COST_BUILD ? "purchase price" : "build cost", other,
                         basis == GP_COST_BUILD ? "cost." : "topology.",
                         basis == GP_COST_BUILD ? build_key : price_key,
                         gp_cost_basis_names[basis == GP_COST_BUILD ? GP_COST_PURCHASE
                                                                    : GP_COST_BUILD]);
  if (!(v >= 0) || !isfinite (v))
    return gp_error_set (err, GP_EINVAL, basis == GP_COST_BUILD ? build_key : price_key,
                         "%s: %s figure %g is not a cost (allowed >= 0)", part,
                         gp_cost_basis_names[basis], v);
  *usd = (double) count * v;
  return GP_OK;
}

gp_status
gp_cost_capex (const gp_cost_params *c, gp_cost_basis basis, const gp_cost_inputs *in,
               gp_cost_result *out, gp_error *err)
{
  if (c == NULL || in == NULL || out == NULL || in->topo == NULL || in->topo_result == NULL)
    return gp_error_set (err, GP_EINVAL, "cost", "cost inputs must not be NULL");
  if (basis != GP_COST_BUILD && basis != GP_COST_PURCHASE)
    return gp_error_set (err, GP_EINVAL, "cost_basis",
                         "cost_basis = %d is not build or purchase", (int) basis);
  memset (out, 0, sizeof *out);
  out->basis = basis;
  const bool build = basis == GP_COST_BUILD;
  double *L = out->line_usd;
  const gp_topology_params *t = in->topo;
  const gp_topology_result *tr = in->topo_result;

  /* accelerator packages */
  double pkg = in->package_build_usd;
  if (!build)
    {
      if (c->package_price_usd > 0)
        pkg = c->package_price_usd;
      else
        {
          GP_TRY (check_margin (err, "package_gross_margin", c->package_gross_margin,
                                "accelerator package", "purchase basis needs it"));
          pkg = in->package_build_usd / (1.0 - c->package_gross_margin);
        }
    }
  out->package_usd = pkg;
  L[GP_COSTLINE_PACKAGES] = (double) in->accelerators * pkg;

  /* servers */
  if (build)
    GP_TRY (check_margin (err, "server_gross_margin", c->server_gross_margin, "servers",
                          "build basis needs it"));
  L[GP_COSTLINE_SERVERS] = (double) in->servers * in->server_price_usd
                           * (build ? 1.0 - c->server_gross_margin : 1.0);

  /* switches, transceivers and cables of each topology level (level 0 inner) */
  double xcvr_build = c->scaleout_xcvr_laser_usd + c->scaleout_xcvr_driver_usd
                      + c->scaleout_xcvr_dsp_usd + c->scaleout_xcvr_pic_usd
                      + c->scaleout_xcvr_assembly_usd;
  for (int i = 0; i < tr->n_levels; i++)
    {
      const gp_topology_level *lv = &tr->level[i];
      const bool inner = i == 0;
      double v;
      if (inner)
        {
          GP_TRY (part_figure (err, basis, "scale-up switches", lv->switches,
                               c->scaleup_switch_build_usd, t->scaleup_switch_cost_usd,
                               "scaleup_switch_build_usd", "scaleup_switch_cost_usd", &v));
          L[GP_COSTLINE_SWITCHES] += v;
          if (!c->glass_fabric)
            {
              GP_TRY (part_figure (err, basis, "scale-up transceivers", lv->transceivers,
                                   c->scaleup_transceiver_build_usd,
                                   t->scaleup_transceiver_cost_usd,
                                   "scaleup_transceiver_build_usd",
                                   "scaleup_transceiver_cost_usd", &v));
              L[GP_COSTLINE_TRANSCEIVERS] += v;
              GP_TRY (part_figure (err, basis, "scale-up cables", lv->cables,
                                   c->scaleup_cable_build_usd, t->scaleup_cable_cost_usd,
                                   "scaleup_cable_build_usd", "scaleup_cable_cost_usd", &v));
              L[GP_COSTLINE_CABLES] += v;
            }
        }
      else
        {
          GP_TRY (part_figure (err, basis, "scale-out switches", lv->switches,
                               c->scaleout_switch_asic_usd + c->scaleout_switch_board_usd,
                               t->scaleout_switch_cost_usd, "scaleout_switch_asic_usd",
                               "scaleout_switch_cost_usd", &v));
          L[GP_COSTLINE_SWITCHES] += v;
          GP_TRY (part_figure (err, basis, "scale-out transceivers", lv->transceivers,
                               xcvr_build, t->scaleout_transceiver_cost_usd,
                               "scaleout_xcvr_laser_usd", "scaleout_transceiver_cost_usd", &v));
          L[GP_COSTLINE_TRANSCEIVERS] += v;
          GP_TRY (part_figure (err, basis, "scale-out cables", lv->cables,
                               c->scaleout_cable_build_usd, t->scaleout_cable_cost_usd,
                               "scaleout_cable_build_usd", "scaleout_cable_cost_usd", &v));
          L[GP_COSTLINE_CABLES] += v;
        }
    }

  /* a glass fabric kind of the topology (gp-fabric) prices its own optical circuit switch
   * ports, per port and in both bases (an estimate: no build/price split is published),
   * and its glass sites unless the glass fabric is priced from parts below */
  if (tr->has_fabric)
    {
      L[GP_COSTLINE_SWITCHES] += tr->fabric.switch_ports_usd;
      if (!c->glass_fabric)
        L[GP_COSTLINE_GLASS] += tr->fabric.glass_usd;
    }

  /* the glass fabric from its parts */
  if (c->glass_fabric && tr->n_levels > 0)
    {
      if (!build)
        GP_TRY (check_margin (err, "fabric_gross_margin", c->fabric_gross_margin,
                              "glass fabric", "purchase basis needs it"));
      const double markup = build ? 1.0 : 1.0 / (1.0 - c->fabric_gross_margin);
      const long ports = tr->level[0].transceivers;
      const double lanes = (double) (in->lanes_per_port > 0 ? in->lanes_per_port : 1);
      const double per_laser = (double) (in->lanes_per_laser > 0 ? in->lanes_per_laser : 1);
      out->ports = ports;
      out->engine_build_usd = lanes * (c->engine_pic_usd_per_lane + c->engine_eic_usd_per_lane)
                              + c->engine_assembly_usd;
      L[GP_COSTLINE_ENGINES] = (double) ports * out->engine_build_usd
                               * in->package_part_factor * markup;
      out->lasers = (long) ceil ((double) ports * lanes / per_laser - 1e-9);
      L[GP_COSTLINE_LASERS] = (double) out->lasers * c->laser_usd * markup;
      const double as = (double) in->accels_per_server * c->glass_mm2_per_accel;
      long panels = (long) ceil (as / c->glass_panel_mm2 - 1e-9);
      if (panels < 1)
        panels = 1;
      out->panels_per_server = panels;
      out->panel_yield = exp (-(double) c->waveguide_layers * c->waveguide_d0_per_cm2
                              * (as / (double) panels) / 100.0);
      if (!(out->panel_yield > 0))
        return gp_error_set (err, GP_EINFEASIBLE, "waveguide_d0_per_cm2",
                             "glass fabric: no good panel (yield exp(-%ld x %g x %g cm2) "
                             "underflows)", c->waveguide_layers, c->waveguide_d0_per_cm2,
                             as / (double) panels / 100.0);
      double glass = (double) in->servers * as
                       * (c->glass_usd_per_mm2
                          + (double) c->waveguide_layers * c->waveguide_layer_usd_per_mm2)
                       / out->panel_yield
                     + (double) ports * c->port_coupling_usd / c->port_coupling_yield;
      L[GP_COSTLINE_GLASS] = glass * markup;
      if (ports > 0)
        out->fabric_usd_per_port = (L[GP_COSTLINE_ENGINES] + L[GP_COSTLINE_LASERS]
                                    + L[GP_COSTLINE_GLASS]) / (double) ports;
    }

  double sum = 0;
  for (int k = 0; k < GP_COSTLINE_INTEGRATION; k++)
    sum += L[k];
  L[GP_COSTLINE_INTEGRATION] = in->integration_fraction * sum;
  out->total_usd = sum + L[GP_COSTLINE_INTEGRATION];
  out->interconnect_usd = L[GP_COSTLINE_ENGINES] + L[GP_COSTLINE_LASERS] + L[GP_COSTLINE_GLASS]
                          + L[GP_COSTLINE_SWITCHES] + L[GP_COSTLINE_TRANSCEIVERS]
                          + L[GP_COSTLINE_CABLES];
  if (!isfinite (out->total_usd))
    return gp_error_set (err, GP_ERANGE, "cost", "capex in the %s basis is not finite",
                         gp_cost_basis_names[basis]);
  return GP_OK;
}
