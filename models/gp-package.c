/* gp-package.c: package cost, Chiplet Actuary style (equations in gp-package.h).
 *
 * prepare does the expensive work once (exact die counts, redundancy yields, die costs);
 * cost is a few multiplications per part so sweeps over prices and bond yields stay cheap. */
#include "gp-package.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gp-die.h"
#include "gp-wafer.h"
#include "gp-yield.h"

#define PREP_MAGIC 0x9acca9e5u
#define MEMO_MAGIC 0x5ea9ed01u
#define GP_PI 3.14159265358979323846

const char *const gp_part_kind_names[] = { "logic", "hbm", "optics", "other", NULL };
const char *const gp_bond_tech_names[] = { "microbump", "hybrid", "substrate", "rdl", "none", NULL };
const char *const gp_hbm_generation_names[] = { "hbm2e", "hbm3", "hbm3e", "hbm4", NULL };
const char *const gp_carrier_kind_names[] = { "organic", "interposer", "rdl", "glass",
                                              "wafer_scale", NULL };

#define OPT GP_PARAM_F_OPTIONAL
#define MINX GP_RANGE_MIN_EXCLUSIVE

static const gp_param part_params[] = {
  GP_P_STRING (gp_package_part, name, 0, "Part", "Name of the part, e.g. GH100 or HBM3 stack"),
  GP_P_ENUM (gp_package_part, kind, gp_part_kind_names, 0, "Kind",
             "logic die, HBM stack, optical engine or other priced part"),
  GP_P_INT (gp_package_part, count, 1, 1e6, 0, "", "Count",
            "Parts of this kind placed; each placement is one bond step"),
  GP_P_INT (gp_package_part, active_count, -1, 1e6, OPT, "", "Active",
            "Parts enabled in the product (H100: 5 of 6 HBM stacks); -1 = all"),
  GP_P_BOOL (gp_package_part, known_good, OPT, "Known good",
             "Tested before assembly (KGD): enters with yield 1, its scrap paid at test"),
  GP_P_ENUM (gp_package_part, bond, gp_bond_tech_names, OPT, "Bond",
             "Bond technology of each placement"),
  GP_P_STRING (gp_package_part, node, OPT, "Node",
               "Process node (data/nodes.lua) pricing a logic die; empty = unit_cost_usd"),
  GP_P_DOUBLE (gp_package_part, die_width_mm, 0, 300, OPT, "mm", "Die width",
               "Logic die width (without scribe)"),
  GP_P_DOUBLE (gp_package_part, die_height_mm, 0, 300, OPT, "mm", "Die height",
               "Logic die height (without scribe)"),
  GP_P_BOOL (gp_package_part, wafer_scale, OPT, "Wafer-scale",
             "The die is the wafer (stitched past the reticle); carrier must be wafer_scale"),
  GP_P_INT (gp_package_part, units, 0, 1e8, OPT, "", "Repairable units",
            "Identical units (SMs, cores) of which `spares` may be bad; 0 = no redundancy"),
  GP_P_INT (gp_package_part, spares, 0, 1e8, OPT, "", "Spare units",
            "Units that may be defective with the die still sellable"),
  GP_P_DOUBLE (gp_package_part, unit_area_mm2, 0, 1e6, OPT, "mm2", "Unit area",
               "Area of one repairable unit"),
  GP_P_DOUBLE (gp_package_part, nonrepairable_mm2, 0, 1e6, OPT, "mm2", "Non-repairable area",
               "Area whose defect kills the die (I/O, clocking, control)"),
  GP_P_DOUBLE (gp_package_part, test_cost_usd, 0, 1e6, OPT, "USD", "Wafer test cost",
               "Wafer-sort test per die, charged to known-good dies"),
  GP_P_DOUBLE (gp_package_part, capacity_gb, 0, 1e4, OPT, "GB", "Capacity",
               "Memory capacity of one HBM stack"),
  GP_P_DOUBLE (gp_package_part, usd_per_gb, 0, 1e4, OPT, "USD/GB", "Memory price",
               "HBM price per GB"),
  GP_P_ENUM (gp_package_part, hbm_generation, gp_hbm_generation_names, OPT, "HBM generation",
             "Selects the embodied carbon per GB"),
  GP_P_DOUBLE (gp_package_part, unit_cost_usd, 0, 1e8, OPT, "USD", "Unit price",
               "Price per part, added to the die-model or per-GB price"),
  GP_P_DOUBLE (gp_package_part, yield, 0, 1, MINX | OPT, "", "Part yield",
               "Probability an untested part works (ignored for known-good parts)"),
  GP_P_DOUBLE (gp_package_part, kgco2e_each, 0, 1e6, OPT, "kgCO2e", "Embodied carbon",
               "Carbon per part added to the carbon model's figure for its kind"),
};

const gp_param_table gp_package_part_param_table = {
  "package part", part_params, GP_N_ELEMENTS (part_params),
};

static const gp_param package_params[] = {
  GP_P_STRING (gp_package_params, name, 0, "Package", "Name of the package"),
  GP_P_ENUM (gp_package_params, carrier, gp_carrier_kind_names, 0, "Carrier",
             "organic, interposer (silicon), rdl (fan-out), glass or wafer_scale"),
  GP_P_DOUBLE (gp_package_params, carrier_width_mm, 0, 300, OPT, "mm", "Carrier width",
               "Interposer, RDL, glass or organic substrate width"),
  GP_P_DOUBLE (gp_package_params, carrier_height_mm, 0, 300, OPT, "mm", "Carrier height",
               "Interposer, RDL, glass or organic substrate height"),
  GP_P_DOUBLE (gp_package_params, carrier_usd_per_mm2, 0, 100, OPT, "USD/mm2",
               "Carrier price per area", "Organic, RDL or glass carrier price per area"),
  GP_P_DOUBLE (gp_package_params, carrier_yield, 0, 1, MINX | OPT, "", "Carrier yield",
               "Organic or glass carrier yield"),
  GP_P_STRING (gp_package_params, carrier_node, OPT, "Interposer node",
               "Node (data/nodes.lua) giving the interposer's wafer price"),
  GP_P_DOUBLE (gp_package_params, carrier_d0_per_cm2, 0, 100, OPT, "defects/cm2",
               "Carrier D0", "Interposer or RDL defect density"),
  GP_P_DOUBLE (gp_package_params, carrier_alpha, 0, 1e6, MINX | OPT, "", "Carrier alpha",
               "Interposer or RDL negative-binomial clustering"),
  GP_P_BOOL (gp_package_params, carrier_known_good, OPT, "Chip-last carrier",
             "Carrier inspected before dies are placed: its defects scrap only itself"),
  GP_P_DOUBLE (gp_package_params, substrate_width_mm, 0, 300, OPT, "mm", "Substrate width",
               "Organic substrate under an interposer or RDL"),
  GP_P_DOUBLE (gp_package_params, substrate_height_mm, 0, 300, OPT, "mm", "Substrate height",
               "Organic substrate under an interposer or RDL"),
  GP_P_DOUBLE (gp_package_params, substrate_usd_per_mm2, 0, 100, OPT, "USD/mm2",
               "Substrate price per area", "Organic substrate under a 2.5D carrier"),
  GP_P_DOUBLE (gp_package_params, substrate_yield, 0, 1, MINX | OPT, "", "Substrate yield",
               "Yield of the organic substrate under a 2.5D carrier"),
  GP_P_DOUBLE (gp_package_params, bond_yield_microbump, 0, 1, MINX | OPT, "",
               "Micro-bump bond yield", "Per die-to-interposer micro-bump bond step"),
  GP_P_DOUBLE (gp_package_params, bond_yield_hybrid, 0, 1, MINX | OPT, "",
               "Hybrid bond yield", "Per hybrid (Cu-Cu) bond step"),
  GP_P_DOUBLE (gp_package_params, bond_yield_substrate, 0, 1, MINX | OPT, "",
               "Substrate attach yield", "Per flip-chip attach to a substrate (and 2.5D attach)"),
  GP_P_DOUBLE (gp_package_params, bond_yield_rdl, 0, 1, MINX | OPT, "", "RDL bond yield",
               "Per die-to-fan-out-RDL bond step"),
  GP_P_DOUBLE (gp_package_params, assembly_cost_usd, 0, 1e7, OPT, "USD", "Assembly cost",
               "Per assembly attempt (lid, underfill, handling)"),
  GP_P_DOUBLE (gp_package_params, bond_cost_usd, 0, 1e6, OPT, "USD", "Cost per bond",
               "Per bond step"),
  GP_P_DOUBLE (gp_package_params, final_test_cost_usd, 0, 1e6, OPT, "USD", "Final test cost",
               "Per package tested"),
  GP_P_DOUBLE (gp_package_params, final_test_yield, 0, 1, MINX | OPT, "", "Final test yield",
               "Share of assembled packages passing final test"),
  GP_P_DOUBLE (gp_package_params, peak_pflops, 0, 1e6, OPT, "PFLOP/s", "Peak compute",
               "Peak compute of the package for USD per PFLOP/s; 0 = not given"),
};

const gp_param_table gp_package_param_table = {
  "package", package_params, GP_N_ELEMENTS (package_params),
};

void
gp_package_part_init (gp_package_part *part)
{
  memset (part, 0, sizeof *part);
  strcpy (part->name, "part");
  part->kind = GP_PART_LOGIC;
  part->count = 1;
  part->active_count = -1;
  part->known_good = true;
  part->bond = GP_BOND_MICROBUMP;
  part->hbm_generation = GP_HBM3;
  part->yield = 1.0;
}

/* The H100-like CoWoS-S preset of data/packages.lua ("h100_cowos_s"); the sources of every
 * value are there. */
void
gp_package_params_init (gp_package_params *p)
{
  memset (p, 0, sizeof *p);
  strcpy (p->name, "h100_cowos_s");
  p->carrier = GP_CARRIER_INTERPOSER;
  p->carrier_width_mm = 33.0;
  p->carrier_height_mm = 49.2;
  p->carrier_usd_per_mm2 = 0.0;
  p->carrier_yield = 1.0;
  strcpy (p->carrier_node, "N65");
  p->carrier_d0_per_cm2 = 0.06;
  p->carrier_alpha = 6.0;
  p->carrier_known_good = true;
  p->substrate_width_mm = 80.6;
  p->substrate_height_mm = 80.6;
  p->substrate_usd_per_mm2 = 0.005;
  p->substrate_yield = 1.0;
  p->bond_yield_microbump = 0.96;
  p->bond_yield_hybrid = 0.95;
  p->bond_yield_substrate = 0.99;
  p->bond_yield_rdl = 0.98;
  p->assembly_cost_usd = 490.0;
  p->bond_cost_usd = 2.0;
  p->final_test_cost_usd = 25.0;
  p->final_test_yield = 1.0;
  p->peak_pflops = 0.989;

  p->n_parts = 2;
  gp_package_part *die = &p->parts[0];
  gp_package_part_init (die);
  strcpy (die->name, "GH100");
  strcpy (die->node, "N5");
  die->die_width_mm = 25.0;
  die->die_height_mm = 32.56;
  die->units = 144;
  die->spares = 12;
  die->unit_area_mm2 = 2.8;
  die->nonrepairable_mm2 = 410.0;

  gp_package_part *hbm = &p->parts[1];
  gp_package_part_init (hbm);
  strcpy (hbm->name, "HBM3 stack");
  hbm->kind = GP_PART_HBM;
  hbm->count = 6;
  hbm->active_count = 5;
  hbm->capacity_gb = 16.0;
  hbm->usd_per_gb = 15.0;
  hbm->hbm_generation = GP_HBM3;
  hbm->yield = 0.99;
}


gp_status
gp_package_part_fail (gp_error *err, int i, const gp_package_part *part, gp_status st)
{
  if (err != NULL)
    {
      char ctx[GP_NAME_MAX + 32];
      snprintf (ctx, sizeof ctx, "parts[%d] (%s)", i + 1, part->name);
      gp_error_prefix (err, ctx);
    }
  return st;
}

static const gp_node *
find_node (const gp_node *nodes, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (nodes[i].name, name) == 0)
      return &nodes[i];
  return NULL;
}

static gp_status
lookup_node (const gp_node *nodes, size_t n, const char *name, const char *param,
             const gp_node **out, gp_error *err)
{
  *out = find_node (nodes, n, name);
  if (*out == NULL)
    return gp_error_set (err, GP_ENOTFOUND, param,
                         "%s = \"%s\" is not a node in the node table (data/nodes.lua)",
                         param, name);
  return GP_OK;
}

/* Negative-binomial yield of an area (mm2): the clustered model Chiplet Actuary uses for
 * dies, interposers and RDL. */
static gp_status
negbin_yield (double area_mm2, double d0, double alpha, double *y, gp_error *err)
{
  gp_yield_params yp;
  gp_yield_params_init (&yp);
  yp.model = GP_YIELD_NEGBIN;
  yp.area_mm2 = area_mm2;
  yp.d0_per_cm2 = d0;
  yp.alpha = alpha;
  return gp_yield_eval (&yp, y, err);
}

/* A stage's memo: reuse OLD's result when its key equals KEY bit for bit (so -0 and 0, or
 * two NaNs, never meet by accident). */
static bool
key_equal (const double *a, const double *b, size_t n)
{
  return memcmp (a, b, n * sizeof *a) == 0;
}

/* gp_wafer_count for a die or interposer of W x H mm on NODE's wafer, through memo slot
 * SLOT: OLD (may be NULL) is what the last prepare left there, NEW receives this one. */
static gp_status
count_staged (const gp_package_count_memo *old, gp_package_count_memo *new, double w,
              double h, double diameter, bool wafer_scale, gp_wafer_result *wr, gp_error *err)
{
  double key[4] = { w, h, diameter, wafer_scale ? 1.0 : 0.0 };
  memset (wr, 0, sizeof *wr);
  if (old != NULL && old->valid && key_equal (old->key, key, 4))
    {
      wr->gross_dies = old->gross;
      wr->exceeds_reticle = old->exceeds_reticle;
    }
  else
    {
      gp_wafer_params wp;
      gp_wafer_params_init (&wp);
      wp.wafer_diameter_mm = diameter;
      wp.die_width_mm = w;
      wp.die_height_mm = h;
      wp.wafer_scale = wafer_scale;
      GP_TRY (gp_wafer_count (&wp, wr, err));
    }
  new->valid = true;
  memcpy (new->key, key, sizeof key);
  new->gross = wr->gross_dies;
  new->exceeds_reticle = wr->exceeds_reticle;
  return GP_OK;
}

static gp_status
prepare_die (const gp_package_params *p, const gp_package_part *part, const gp_node *nodes,
             size_t n_nodes, gp_package_part_prep *pp, int i, const gp_package_prepared *old,
             gp_package_prepared *prep, gp_error *err)
{
  const gp_node *node;
  GP_TRY (lookup_node (nodes, n_nodes, part->node, "node", &node, err));
  GP_TRY (gp_check_positive (err, "die_width_mm", part->die_width_mm, "mm"));
  GP_TRY (gp_check_positive (err, "die_height_mm", part->die_height_mm, "mm"));
  if (part->wafer_scale)
    {
      if (p->carrier != GP_CARRIER_WAFER_SCALE)
        return gp_error_set (err, GP_EINVAL, "wafer_scale",
                             "wafer_scale = true needs carrier = \"wafer_scale\" (the wafer "
                             "is the carrier), not \"%s\"", gp_carrier_kind_names[p->carrier]);
      if (part->count != 1)
        return gp_error_set (err, GP_EINVAL, "count",
                             "count = %ld: a wafer-scale die is placed once (allowed: 1)",
                             part->count);
      if (part->bond != GP_BOND_NONE)
        return gp_error_set (err, GP_EINVAL, "bond",
                             "bond = \"%s\": a wafer-scale die is not bonded (allowed: none)",
                             gp_bond_tech_names[part->bond]);
    }

  gp_wafer_result wr;
  GP_TRY (count_staged (old ? &old->count_memo[i] : NULL, &prep->count_memo[i],
                        part->die_width_mm, part->die_height_mm, node->wafer_diameter_mm,
                        part->wafer_scale, &wr, err));
  if (wr.exceeds_reticle && !part->wafer_scale)
    return gp_error_set (err, GP_EINVAL, "die_width_mm",
                         "die_width_mm x die_height_mm = %g x %g mm exceeds the %g x %g mm "
                         "reticle; only a wafer-scale die may be stitched",
                         part->die_width_mm, part->die_height_mm, GP_RETICLE_WIDTH_MM,
                         GP_RETICLE_HEIGHT_MM);
  if (wr.gross_dies < 1)
    return gp_error_set (err, GP_EINFEASIBLE, "die_width_mm",
                         "no whole die of %g x %g mm fits on the wafer",
                         part->die_width_mm, part->die_height_mm);

  double area = part->die_width_mm * part->die_height_mm;
  double y;
  double ykey[7] = { area, (double) part->units, (double) part->spares, part->unit_area_mm2,
                     part->nonrepairable_mm2, node->d0_per_cm2, node->alpha };
  if (part->units <= 0)
    ykey[1] = ykey[2] = ykey[3] = ykey[4] = 0; /* the negative binomial reads none of them */
  const gp_package_yield_memo *ym = old ? &old->yield_memo[i] : NULL;
  if (ym != NULL && ym->valid && key_equal (ym->key, ykey, 7))
    y = ym->yield;
  else if (part->units > 0)
    {
      gp_redundancy_params rp;
      gp_redundancy_params_init (&rp);
      rp.area_mm2 = area;
      rp.units = part->units;
      rp.spares = part->spares;
      rp.unit_area_mm2 = part->unit_area_mm2;
      rp.nonrepairable_mm2 = part->nonrepairable_mm2;
      rp.d0_per_cm2 = node->d0_per_cm2;
      rp.alpha = node->alpha;
      rp.clustered = true;
      gp_redundancy_result rr;
      GP_TRY (gp_yield_redundancy (&rp, &rr, err));
      y = rr.yield;
    }
  else
    GP_TRY (negbin_yield (area, node->d0_per_cm2, node->alpha, &y, err));
  prep->yield_memo[i].valid = true;
  memcpy (prep->yield_memo[i].key, ykey, sizeof ykey);
  prep->yield_memo[i].yield = y;
  if (!(y > 0.0))
    return gp_error_set (err, GP_EINFEASIBLE, "die_width_mm",
                         "the die yield is 0 at D0 = %g /cm2: no good die to price",
                         node->d0_per_cm2);

  gp_die_cost_params dp = {
    .wafer_cost_usd = node->wafer_cost_usd,
    .gross_dies = wr.gross_dies,
    .yield = y,
    .test_cost_per_die = part->test_cost_usd,
    .die_area_mm2 = area,
  };
  gp_die_cost_result dr;
  GP_TRY (gp_die_cost (&dp, &dr, err));

  double r = node->wafer_diameter_mm / 2.0;
  pp->priced_by_die_model = true;
  pp->gross_dies = wr.gross_dies;
  pp->die_area_mm2 = area;
  pp->wafer_mm2_per_die = GP_PI * r * r / (double) wr.gross_dies;
  pp->die_yield = y;
  pp->cost_per_good_die = dr.cost_per_good_die;
  pp->cost_per_gross_die = node->wafer_cost_usd / (double) wr.gross_dies;
  pp->epa_kwh_per_cm2 = node->epa_kwh_per_cm2;
  pp->gpa_g_per_cm2 = node->gpa_g_per_cm2;
  pp->mpa_g_per_cm2 = node->mpa_g_per_cm2;
  return GP_OK;
}

static gp_status
prepare_part (const gp_package_params *p, const gp_package_part *part, const gp_node *nodes,
              size_t n_nodes, gp_package_part_prep *pp, int i, const gp_package_prepared *old,
              gp_package_prepared *prep, gp_error *err)
{
  memset (pp, 0, sizeof *pp);
  pp->die_yield = 1.0;
  GP_TRY (gp_params_validate (&gp_package_part_param_table, part, err));
  if (part->active_count > part->count)
    return gp_error_set (err, GP_EINVAL, "active_count",
                         "active_count = %ld is out of range: allowed -1 (all) or [0, count "
                         "= %ld]", part->active_count, part->count);
  if (part->units > 0 && part->spares > part->units)
    return gp_error_set (err, GP_EINVAL, "spares",
                         "spares = %ld is out of range: allowed [0, units = %ld]",
                         part->spares, part->units);
  if (part->kind == GP_PART_HBM)
    GP_TRY (gp_check_positive (err, "capacity_gb", part->capacity_gb, "GB"));
  if (part->kind == GP_PART_LOGIC && part->node[0] != '\0')
    return prepare_die (p, part, nodes, n_nodes, pp, i, old, prep, err);
  if (part->wafer_scale)
    return gp_error_set (err, GP_EINVAL, "wafer_scale",
                         "wafer_scale = true is only for a logic die priced by a node");
  if (part->units > 0)
    return gp_error_set (err, GP_EINVAL, "units",
                         "units = %ld: the redundancy model needs a logic die with a node",
                         part->units);
  return GP_OK;
}

static gp_status
prepare_carrier (const gp_package_params *p, const gp_node *nodes, size_t n_nodes,
                 const gp_package_prepared *old, gp_package_prepared *prep, gp_error *err)
{
  prep->carrier_model_yield = 1.0;
  if (p->carrier == GP_CARRIER_WAFER_SCALE)
    return GP_OK;

  GP_TRY (gp_check_positive (err, "carrier_width_mm", p->carrier_width_mm, "mm"));
  GP_TRY (gp_check_positive (err, "carrier_height_mm", p->carrier_height_mm, "mm"));
  double area = p->carrier_width_mm * p->carrier_height_mm;
  prep->carrier_area_mm2 = area;

  if (p->carrier == GP_CARRIER_INTERPOSER || p->carrier == GP_CARRIER_RDL)
    {
      GP_TRY (gp_check_positive (err, "substrate_width_mm", p->substrate_width_mm, "mm"));
      GP_TRY (gp_check_positive (err, "substrate_height_mm", p->substrate_height_mm, "mm"));
      prep->substrate_area_mm2 = p->substrate_width_mm * p->substrate_height_mm;
      if (prep->substrate_area_mm2 < area)
        return gp_error_set (err, GP_EINVAL, "substrate_width_mm",
                             "the substrate (%g mm2) is smaller than the %s it carries "
                             "(%g mm2)", prep->substrate_area_mm2,
                             gp_carrier_kind_names[p->carrier], area);
      GP_TRY (negbin_yield (area, p->carrier_d0_per_cm2, p->carrier_alpha,
                            &prep->carrier_model_yield, err));
      if (!(prep->carrier_model_yield > 0.0))
        return gp_error_set (err, GP_EINFEASIBLE, "carrier_d0_per_cm2",
                             "the carrier yield is 0 at carrier_d0_per_cm2 = %g",
                             p->carrier_d0_per_cm2);
    }

  if (p->carrier != GP_CARRIER_INTERPOSER)
    return GP_OK;

  if (area > GP_PACKAGE_INTERPOSER_MAX_MM2)
    return gp_error_set (err, GP_EINVAL, "carrier_width_mm",
                         "interposer area carrier_width_mm x carrier_height_mm = %g mm2 is "
                         "out of range: allowed (0, %g] mm2 (CoWoS-S, reticle stitching)",
                         area, GP_PACKAGE_INTERPOSER_MAX_MM2);
  const gp_node *node;
  GP_TRY (lookup_node (nodes, n_nodes, p->carrier_node, "carrier_node", &node, err));
  gp_wafer_result wr;
  GP_TRY (count_staged (old ? &old->count_memo[GP_PACKAGE_PARTS_MAX] : NULL,
                        &prep->count_memo[GP_PACKAGE_PARTS_MAX], p->carrier_width_mm,
                        p->carrier_height_mm, node->wafer_diameter_mm, false, &wr, err));
  if (wr.gross_dies < 1)
    return gp_error_set (err, GP_EINFEASIBLE, "carrier_width_mm",
                         "no whole interposer of %g x %g mm fits on the wafer",
                         p->carrier_width_mm, p->carrier_height_mm);
  /* Untested (raw) price; a chip-last flow divides by the yield in gp_package_cost. */
  gp_die_cost_params dp = {
    .wafer_cost_usd = node->wafer_cost_usd,
    .gross_dies = wr.gross_dies,
    .yield = 1.0,
    .test_cost_per_die = 0.0,
    .die_area_mm2 = area,
  };
  gp_die_cost_result dr;
  GP_TRY (gp_die_cost (&dp, &dr, err));
  prep->carrier_gross = wr.gross_dies;
  prep->carrier_raw_usd = dr.cost_per_good_die;
  /* the carbon model charges the interposer per wafer the same way (issue 18) */
  double wr_mm = node->wafer_diameter_mm / 2.0;
  prep->carrier_wafer_mm2_per_die = GP_PI * wr_mm * wr_mm / (double) wr.gross_dies;
  return GP_OK;
}

/* Validation and the die model, once per geometry: exact count (gp_wafer_count), yield
 * (gp_yield_redundancy or the negative binomial), price (gp_die_cost). */
static gp_status
package_prepare (const gp_package_params *p, const gp_node *nodes, size_t n_nodes,
                 const gp_package_prepared *old, gp_package_prepared *prep, gp_error *err)
{
  memset (prep, 0, sizeof *prep);
  prep->memo_magic = MEMO_MAGIC;
  if (p->n_parts < 1 || p->n_parts > GP_PACKAGE_PARTS_MAX)
    return gp_error_set (err, GP_EINVAL, "parts",
                         "the package has %d parts: allowed [1, %d]", p->n_parts,
                         GP_PACKAGE_PARTS_MAX);
  GP_TRY (gp_params_validate (&gp_package_param_table, p, err));

  int n_wafer_scale = 0;
  for (int i = 0; i < p->n_parts; i++)
    {
      const gp_package_part *part = &p->parts[i];
      gp_status st = prepare_part (p, part, nodes, n_nodes, &prep->part[i], i, old, prep,
                                   err);
      if (st != GP_OK)
        return gp_package_part_fail (err, i, part, st);
      prep->kind[i] = part->kind;
      n_wafer_scale += part->wafer_scale ? 1 : 0;
    }
  if (p->carrier == GP_CARRIER_WAFER_SCALE && n_wafer_scale != 1)
    return gp_error_set (err, GP_EINVAL, "carrier",
                         "carrier = \"wafer_scale\" needs exactly one logic part with "
                         "wafer_scale = true (found %d)", n_wafer_scale);

  GP_TRY (prepare_carrier (p, nodes, n_nodes, old, prep, err));
  prep->n_parts = p->n_parts;
  prep->carrier = p->carrier;
  prep->magic = PREP_MAGIC;
  return GP_OK;
}

gp_status
gp_package_prepare (const gp_package_params *p, const gp_node *nodes, size_t n_nodes,
                    gp_package_prepared *prep, gp_error *err)
{
  return package_prepare (p, nodes, n_nodes, NULL, prep, err);
}

/* The memos are the only thing read from the last prepare; everything else is rebuilt, so
 * the result is gp_package_prepare's whenever each reused stage is a pure function of its
 * key. */
gp_status
gp_package_prepare_staged (const gp_package_params *p, const gp_node *nodes, size_t n_nodes,
                           gp_package_prepared *prep, gp_error *err)
{
  if (prep == NULL || prep->memo_magic != MEMO_MAGIC)
    return package_prepare (p, nodes, n_nodes, NULL, prep, err);
  gp_package_prepared old;
  old.memo_magic = prep->memo_magic;
  memcpy (old.count_memo, prep->count_memo, sizeof old.count_memo);
  memcpy (old.yield_memo, prep->yield_memo, sizeof old.yield_memo);
  return package_prepare (p, nodes, n_nodes, &old, prep, err);
}

/* x^n for a small non-negative integer n by squaring: exact for the counts used here and
 * several times cheaper than pow(). */
static inline double
ipow (double x, long n)
{
  double r = 1.0;
  while (n > 0)
    {
      if (n & 1)
        r *= x;
      x *= x;
      n >>= 1;
    }
  return r;
}

static gp_status
check_prepared (const gp_package_params *p, const gp_package_prepared *prep, gp_error *err)
{
  if (prep == NULL || prep->magic != PREP_MAGIC || prep->n_parts != p->n_parts
      || prep->carrier != p->carrier)
    return gp_error_set (err, GP_EINVAL, "parts",
                         "the package was not prepared with these parts and carrier: call "
                         "gp_package_prepare again");
  for (int i = 0; i < p->n_parts; i++)
    if (prep->kind[i] != p->parts[i].kind)
      return gp_error_set (err, GP_EINVAL, "kind",
                           "parts[%d] changed kind since gp_package_prepare: prepare again",
                           i + 1);
  return GP_OK;
}

/* Y_asm = prod y_bond^count x prod_untested y^count x Y_carrier [x Y_substrate x y_attach]
 * (Chiplet Actuary sec. 3, brief 3.3); dimensionless, each factor in (0, 1]. */
gp_status
gp_package_yields_eval (const gp_package_params *p, const gp_package_prepared *prep,
                        gp_package_yields *out, gp_error *err)
{
  GP_TRY (check_prepared (p, prep, err));
  GP_TRY (gp_check_range_fast (err, "bond_yield_microbump", p->bond_yield_microbump, 0, 1, MINX, ""));
  GP_TRY (gp_check_range_fast (err, "bond_yield_hybrid", p->bond_yield_hybrid, 0, 1, MINX, ""));
  GP_TRY (gp_check_range_fast (err, "bond_yield_substrate", p->bond_yield_substrate, 0, 1, MINX, ""));
  GP_TRY (gp_check_range_fast (err, "bond_yield_rdl", p->bond_yield_rdl, 0, 1, MINX, ""));
  GP_TRY (gp_check_range_fast (err, "final_test_yield", p->final_test_yield, 0, 1, MINX, ""));
  const double bond_y[GP_BOND_N] = {
    [GP_BOND_MICROBUMP] = p->bond_yield_microbump,
    [GP_BOND_HYBRID] = p->bond_yield_hybrid,
    [GP_BOND_SUBSTRATE] = p->bond_yield_substrate,
    [GP_BOND_RDL] = p->bond_yield_rdl,
    [GP_BOND_NONE] = 1.0,
  };

  double by = 1.0, uy = 1.0;
  long n_bonds = 0;
  for (int i = 0; i < p->n_parts; i++)
    {
      const gp_package_part *part = &p->parts[i];
      gp_status st = GP_OK;
      if (part->count < 1 || part->count > 1000000)
        st = gp_check_range (err, "count", (double) part->count, 1, 1e6, 0, "");
      else if (part->bond < 0 || part->bond >= GP_BOND_N)
        st = gp_error_set (err, GP_EINVAL, "bond", "bond = %d is not a bond technology",
                           part->bond);
      else if (!part->known_good && !prep->part[i].priced_by_die_model)
        st = gp_check_range_fast (err, "yield", part->yield, 0, 1, MINX, "");
      if (st != GP_OK)
        return gp_package_part_fail (err, i, part, st);
      by *= ipow (bond_y[part->bond], part->count);
      n_bonds += part->bond != GP_BOND_NONE ? part->count : 0;
      if (!part->known_good)
        uy *= ipow (prep->part[i].priced_by_die_model ? prep->part[i].die_yield : part->yield,
                    part->count);
    }

  double cy = 1.0;
  switch (p->carrier)
    {
    case GP_CARRIER_ORGANIC:
    case GP_CARRIER_GLASS:
      GP_TRY (gp_check_range_fast (err, "carrier_yield", p->carrier_yield, 0, 1, MINX, ""));
      cy = p->carrier_known_good ? 1.0 : p->carrier_yield;
      break;
    case GP_CARRIER_INTERPOSER:
    case GP_CARRIER_RDL:
      GP_TRY (gp_check_range_fast (err, "substrate_yield", p->substrate_yield, 0, 1, MINX, ""));
      cy = (p->carrier_known_good ? 1.0 : prep->carrier_model_yield) * p->substrate_yield;
      by *= p->bond_yield_substrate; /* carrier-to-substrate attach */
      n_bonds += 1;
      break;
    default:
      break;
    }

  out->bond_yield = by;
  out->untested_yield = uy;
  out->carrier_yield = cy;
  out->assembly_yield = by * uy * cy;
  out->final_test_yield = p->final_test_yield;
  out->n_bonds = n_bonds;
  return GP_OK;
}

/* As purchased: die model price (per good die if known good, per gross die if not) +
 * capacity x USD/GB for HBM + unit_cost_usd; USD. */
double
gp_package_part_price (const gp_package_part *part, const gp_package_part_prep *pp)
{
  double price = part->unit_cost_usd;
  if (pp->priced_by_die_model)
    price += part->known_good ? pp->cost_per_good_die : pp->cost_per_gross_die;
  if (part->kind == GP_PART_HBM)
    price += part->capacity_gb * part->usd_per_gb;
  return price;
}

/* C = (C_in / Y_asm + final test) / final-test yield, USD (gp-package.h); scrap is the
 * difference between C and the purchases, so the breakdown sums to C exactly. */
gp_status
gp_package_cost (const gp_package_params *p, const gp_package_prepared *prep,
                 gp_package_result *out, gp_error *err)
{
  gp_package_yields y;
  GP_TRY (gp_package_yields_eval (p, prep, &y, err));
  GP_TRY (gp_check_range_fast (err, "assembly_cost_usd", p->assembly_cost_usd, 0, 1e7, 0, "USD"));
  GP_TRY (gp_check_range_fast (err, "bond_cost_usd", p->bond_cost_usd, 0, 1e6, 0, "USD"));
  GP_TRY (gp_check_range_fast (err, "final_test_cost_usd", p->final_test_cost_usd, 0, 1e6, 0, "USD"));
  GP_TRY (gp_check_range_fast (err, "peak_pflops", p->peak_pflops, 0, 1e6, 0, "PFLOP/s"));

  double by_kind[GP_PART_N_KINDS] = { 0 };
  double memory_gb = 0.0;
  for (int i = 0; i < p->n_parts; i++)
    {
      const gp_package_part *part = &p->parts[i];
      gp_status st = gp_check_range_fast (err, "unit_cost_usd", part->unit_cost_usd, 0, 1e8, 0, "USD");
      if (st == GP_OK && part->kind == GP_PART_HBM)
        {
          st = gp_check_range_fast (err, "capacity_gb", part->capacity_gb, 0, 1e4, MINX, "GB");
          if (st == GP_OK)
            st = gp_check_range_fast (err, "usd_per_gb", part->usd_per_gb, 0, 1e4, 0, "USD/GB");
          if (st == GP_OK && (part->active_count < -1 || part->active_count > part->count))
            st = gp_error_set (err, GP_EINVAL, "active_count",
                               "active_count = %ld is out of range: allowed -1 (all) or "
                               "[0, count = %ld]", part->active_count, part->count);
        }
      if (st != GP_OK)
        return gp_package_part_fail (err, i, part, st);
      double usd = (double) part->count * gp_package_part_price (part, &prep->part[i]);
      out->part_usd[i] = usd;
      by_kind[part->kind] += usd;
      if (part->kind == GP_PART_HBM)
        memory_gb += part->capacity_gb
                     * (double) (part->active_count < 0 ? part->count : part->active_count);
    }

  double carrier = 0.0;
  switch (p->carrier)
    {
    case GP_CARRIER_ORGANIC:
    case GP_CARRIER_GLASS:
      GP_TRY (gp_check_range_fast (err, "carrier_usd_per_mm2", p->carrier_usd_per_mm2, 0, 100, 0, "USD/mm2"));
      carrier = prep->carrier_area_mm2 * p->carrier_usd_per_mm2;
      if (p->carrier_known_good)
        carrier /= p->carrier_yield;
      break;
    case GP_CARRIER_RDL:
    case GP_CARRIER_INTERPOSER:
      GP_TRY (gp_check_range_fast (err, "substrate_usd_per_mm2", p->substrate_usd_per_mm2, 0, 100, 0,
                   "USD/mm2"));
      if (p->carrier == GP_CARRIER_RDL)
        {
          GP_TRY (gp_check_range_fast (err, "carrier_usd_per_mm2", p->carrier_usd_per_mm2, 0, 100, 0,
                       "USD/mm2"));
          carrier = prep->carrier_area_mm2 * p->carrier_usd_per_mm2;
        }
      else
        carrier = prep->carrier_raw_usd;
      if (p->carrier_known_good)
        carrier /= prep->carrier_model_yield;
      carrier += prep->substrate_area_mm2 * p->substrate_usd_per_mm2;
      break;
    default:
      break;
    }

  double parts = by_kind[GP_PART_LOGIC] + by_kind[GP_PART_HBM] + by_kind[GP_PART_OPTICS]
                 + by_kind[GP_PART_OTHER];
  double assembly = p->assembly_cost_usd + (double) y.n_bonds * p->bond_cost_usd;
  double c_in = parts + carrier + assembly;
  double total = (c_in / y.assembly_yield + p->final_test_cost_usd) / y.final_test_yield;
  if (!isfinite (total))
    return gp_error_set (err, GP_ERANGE, "assembly_yield",
                         "the cost per good package is not finite (assembly yield %g)",
                         y.assembly_yield);

  out->total_usd = total;
  out->logic_usd = by_kind[GP_PART_LOGIC];
  out->memory_usd = by_kind[GP_PART_HBM];
  out->optics_usd = by_kind[GP_PART_OPTICS];
  out->other_usd = by_kind[GP_PART_OTHER];
  out->carrier_usd = carrier;
  out->assembly_test_usd = assembly + p->final_test_cost_usd;
  out->scrap_usd = total - (c_in + p->final_test_cost_usd);
  out->scrap_fraction = total > 0.0 ? out->scrap_usd / total : 0.0;
  out->usd_per_pflops = p->peak_pflops > 0.0 ? total / p->peak_pflops : 0.0;
  if (!isfinite (out->usd_per_pflops) || !isfinite (total))
    return gp_error_set (err, GP_ERANGE, "peak_pflops",
                         "cost per PFLOP/s overflows: peak_pflops = %.3g is too small",
                         p->peak_pflops);
  out->memory_gb = memory_gb;
  out->yields = y;
  return GP_OK;
}
