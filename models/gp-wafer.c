/* gp-wafer.c: exact gross-die count on a wafer, the classic approximations, reticle check. */
#include "gp-wafer.h"

#include <math.h>
#include <string.h>

static const gp_param wafer_params[] = {
  GP_P_DOUBLE (gp_wafer_params, wafer_diameter_mm, 25, 450, 0, "mm", "Wafer diameter",
               "Diameter of the wafer (300 mm for leading-edge logic)"),
  GP_P_DOUBLE (gp_wafer_params, edge_exclusion_mm, 0, 50, 0, "mm", "Edge exclusion",
               "Ring at the wafer edge where no die is printed (3-5 mm in published models)"),
  GP_P_DOUBLE (gp_wafer_params, scribe_mm, 0, 5, 0, "mm", "Scribe lane",
               "Saw street between dies (0.06-0.2 mm in published models)"),
  GP_P_DOUBLE (gp_wafer_params, die_width_mm, 0, 450, GP_RANGE_MIN_EXCLUSIVE, "mm",
               "Die width", "Die width without scribe"),
  GP_P_DOUBLE (gp_wafer_params, die_height_mm, 0, 450, GP_RANGE_MIN_EXCLUSIVE, "mm",
               "Die height", "Die height without scribe"),
  GP_P_INT (gp_wafer_params, offset_steps, 1, 256, GP_PARAM_F_OPTIONAL, "",
            "Offset search steps", "Grid offsets tried per axis when placing dies"),
  GP_P_BOOL (gp_wafer_params, wafer_scale, GP_PARAM_F_OPTIONAL, "Wafer-scale",
             "The die is the whole wafer (one per wafer, corners may be clipped)"),
};

const gp_param_table gp_wafer_param_table = {
  "wafer", wafer_params, GP_N_ELEMENTS (wafer_params),
};

void
gp_wafer_params_init (gp_wafer_params *p)
{
  /* data/wafer.lua: 300 mm, 3 mm edge exclusion, 0.1 mm scribe (published cost-model
   * ranges 3-5 mm and 0.06-0.2 mm, brief 3.1). */
  memset (p, 0, sizeof *p);
  p->wafer_diameter_mm = 300;
  p->edge_exclusion_mm = 3;
  p->scribe_mm = 0.1;
  p->die_width_mm = 10;
  p->die_height_mm = 10;
  p->offset_steps = 32;
  p->wafer_scale = false;
}

/* Hennessy & Patterson, CA:AQA 6th ed., sec. 1.6:
 *   DPW = pi (d/2)^2 / A - pi d / sqrt(2 A)        (d: diameter mm, A: die area mm2) */
double
gp_wafer_dpw_hp (double diameter_mm, double area_mm2)
{
  double r = diameter_mm / 2;
  double v = M_PI * r * r / area_mm2 - M_PI * diameter_mm / sqrt (2 * area_mm2);
  return v > 0 ? v : 0;
}

/* de Vries, IEEE Trans. Semicond. Manuf. 18(1), 2005:
 *   DPW = pi (phi/2)^2 / A - F pi phi / sqrt(A),  F = 0.51, phi: usable diameter */
double
gp_wafer_dpw_devries (double usable_diameter_mm, double area_mm2)
{
  const double F = 0.51;
  double r = usable_diameter_mm / 2;
  double v = M_PI * r * r / area_mm2 - F * M_PI * usable_diameter_mm / sqrt (area_mm2);
  return v > 0 ? v : 0;
}

/* Fields a stitched die needs with the die in one orientation. */
static long
fields_for (double w, double h)
{
  return (long) ceil (w / GP_RETICLE_WIDTH_MM - 1e-9) * (long) ceil (h / GP_RETICLE_HEIGHT_MM - 1e-9);
}

/* Number of integers j with  lo <= oy + j*py  and  oy + j*py + h <= hi. */
static long
rows_in_span (double lo, double hi, double oy, double py, double h)
{
  if (hi - lo < h)
    return 0;
  double jmin = ceil ((lo - oy) / py - 1e-12);
  double jmax = floor ((hi - h - oy) / py + 1e-12);
  return jmax >= jmin ? (long) (jmax - jmin + 1) : 0;
}

/* Exact count for one grid offset. Columns are x in [ox + i px, ox + i px + w]; a column's
 * dies must lie within the chord at its outer edge, |y| <= sqrt(R^2 - xmax^2). */
static long
count_for_offset (double R, double w, double h, double px, double py, double ox, double oy,
                  long imin, long imax)
{
  long total = 0;
  for (long i = imin; i <= imax; i++)
    {
      double x0 = ox + (double) i * px, x1 = x0 + w;
      if (x0 < -R || x1 > R)
        continue;
      double xm = fmax (fabs (x0), fabs (x1));
      double half = sqrt (fmax (R * R - xm * xm, 0.0));
      total += rows_in_span (-half, half, oy, py, h);
    }
  return total;
}

/* Most dies a map may hold: far beyond any real product (a 0.2 mm die gives ~1.7 million
 * on 300 mm), and it keeps the count's work and the site table bounded, so a hostile
 * design file cannot hang the application with a microscopic die. */
#define GP_WAFER_MAX_DIES 4000000.0

static gp_status
validate (const gp_wafer_params *p, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_wafer_param_table, p, err));
  if (p->edge_exclusion_mm >= p->wafer_diameter_mm / 2)
    return gp_error_set (err, GP_EINVAL, "edge_exclusion_mm",
                         "edge_exclusion_mm = %.6g leaves no usable wafer: allowed [0, %.6g) mm "
                         "for a %.6g mm wafer",
                         p->edge_exclusion_mm, p->wafer_diameter_mm / 2, p->wafer_diameter_mm);
  if (p->wafer_scale && (p->die_width_mm < 1 || p->die_height_mm < 1))
    return gp_error_set (err, GP_EINVAL,
                         p->die_width_mm < 1 ? "die_width_mm" : "die_height_mm",
                         "a wafer-scale die of %.3g x %.3g mm is not wafer-scale: each side "
                         "must be at least 1 mm", p->die_width_mm, p->die_height_mm);
  if (!p->wafer_scale)
    {
      double R = p->wafer_diameter_mm / 2 - p->edge_exclusion_mm;
      double pitch_area = (p->die_width_mm + p->scribe_mm) * (p->die_height_mm + p->scribe_mm);
      /* The smallest pitch area that keeps the circle under the cap. */
      double min_pitch_area = M_PI * R * R / GP_WAFER_MAX_DIES;
      if (pitch_area < min_pitch_area)
        return gp_error_set (err, GP_EINVAL, "die_width_mm",
                             "a %.3g x %.3g mm die (with %.3g mm scribe) would place over %.0f "
                             "dies on the wafer: die plus scribe must cover at least %.3g mm2",
                             p->die_width_mm, p->die_height_mm, p->scribe_mm,
                             GP_WAFER_MAX_DIES, min_pitch_area);
    }
  return GP_OK;
}

/* Inputs at the edges of their ranges must not produce inf or NaN with GP_OK. */
static gp_status
check_finite (const gp_wafer_result *r, gp_error *err)
{
  if (isfinite (r->dpw_hp) && isfinite (r->dpw_devries) && isfinite (r->utilisation)
      && isfinite (r->die_area_mm2))
    return GP_OK;
  return gp_error_set (err, GP_ERANGE, "die_width_mm",
                       "the die count's approximations overflow for a %.3g x %.3g mm die",
                       sqrt (r->die_area_mm2), sqrt (r->die_area_mm2));
}

gp_status
gp_wafer_count (const gp_wafer_params *p, gp_wafer_result *out, gp_error *err)
{
  GP_TRY (validate (p, err));
  memset (out, 0, sizeof *out);

  const double w = p->die_width_mm, h = p->die_height_mm, s = p->scribe_mm;
  const double R = p->wafer_diameter_mm / 2 - p->edge_exclusion_mm;
  const double px = w + s, py = h + s;
  const double area = w * h;
  const double wafer_area = M_PI * p->wafer_diameter_mm * p->wafer_diameter_mm / 4;

  out->die_area_mm2 = area;
  out->pitch_x_mm = px;
  out->pitch_y_mm = py;
  out->dpw_hp = gp_wafer_dpw_hp (p->wafer_diameter_mm, px * py);
  out->dpw_devries = gp_wafer_dpw_devries (2 * R, px * py);
  out->exceeds_reticle = !((w <= GP_RETICLE_WIDTH_MM && h <= GP_RETICLE_HEIGHT_MM)
                           || (h <= GP_RETICLE_WIDTH_MM && w <= GP_RETICLE_HEIGHT_MM));
  long f1 = fields_for (w, h), f2 = fields_for (h, w);
  out->reticle_fields = f1 < f2 ? f1 : f2;

  if (p->wafer_scale)
    {
      /* One die per wafer, centred. Its corners may be clipped by the wafer edge
       * (Cerebras WSE: a 215 mm square, diagonal 304 mm, on a 300 mm wafer), but the
       * die's area must not exceed what the usable circle holds. */
      if (area > M_PI * R * R)
        return gp_error_set (err, GP_EINVAL, "die_width_mm",
                             "a wafer-scale die of %.6g x %.6g mm (%.6g mm2) is larger than the "
                             "usable circle (%.6g mm2, diameter %.6g mm)",
                             w, h, area, M_PI * R * R, 2 * R);
      if (w > 2 * R || h > 2 * R)
        return gp_error_set (err, GP_EINVAL, w > 2 * R ? "die_width_mm" : "die_height_mm",
                             "a wafer-scale die side (%.6g mm) must not exceed the usable "
                             "diameter %.6g mm", fmax (w, h), 2 * R);
      out->gross_dies = 1;
      /* Usable share: the part of the square inside the wafer. Approximated by the full
       * square area capped at the usable circle (the corner loss is reported by the caller
       * who knows the real shape). */
      out->utilisation = area / wafer_area;
      out->offset_x_mm = -w / 2;
      out->offset_y_mm = -h / 2;
      out->columns = out->rows = 1;
      return check_finite (out, err);
    }

  /* A die fits at all only if its rectangle fits inside the usable circle. */
  if (w * w + h * h > 4 * R * R)
    return gp_error_set (err, GP_EINVAL, "die_width_mm",
                         "a %.6g x %.6g mm die (diagonal %.6g mm) does not fit in the usable "
                         "circle of diameter %.6g mm; set wafer_scale for a one-die-per-wafer part",
                         w, h, sqrt (w * w + h * h), 2 * R);

  const long imin = (long) floor (-R / px) - 1, imax = (long) ceil (R / px) + 1;
  const long steps = p->offset_steps;
  long best = -1;
  double best_ox = 0, best_oy = 0;

  /* Candidate offsets: the centred layouts first, then an even grid over one pitch. */
  const double special[2] = { -w / 2, -w / 2 - px / 2 }; /* die centred / scribe centred */
  const double special_y[2] = { -h / 2, -h / 2 - py / 2 };
  for (int a = 0; a < 2; a++)
    for (int b = 0; b < 2; b++)
      {
        long c = count_for_offset (R, w, h, px, py, special[a], special_y[b], imin, imax);
        if (c > best)
          best = c, best_ox = special[a], best_oy = special_y[b];
      }
  for (long a = 0; a < steps; a++)
    {
      double ox = px * (double) a / (double) steps;
      for (long b = 0; b < steps; b++)
        {
          double oy = py * (double) b / (double) steps;
          long c = count_for_offset (R, w, h, px, py, ox, oy, imin, imax);
          if (c > best)
            best = c, best_ox = ox, best_oy = oy;
        }
    }

  out->gross_dies = best;
  out->offset_x_mm = best_ox;
  out->offset_y_mm = best_oy;
  out->utilisation = (double) best * area / wafer_area;
  out->columns = imax - imin + 1;
  out->rows = (long) ceil (2 * R / py) + 2;
  return check_finite (out, err);
}

gp_status
gp_wafer_map (const gp_wafer_params *p, const gp_wafer_result *result, gp_die_site *sites,
              size_t cap, size_t *n_out, gp_error *err)
{
  GP_TRY (validate (p, err));
  *n_out = 0;
  if (p->wafer_scale)
    {
      if (cap >= 1)
        sites[0] = (gp_die_site) { -p->die_width_mm / 2, -p->die_height_mm / 2, 0, 0 };
      *n_out = 1;
      return cap >= 1 ? GP_OK
                      : gp_error_set (err, GP_ENOMEM, "cap", "site buffer holds 0 of 1 dies");
    }

  const double w = p->die_width_mm, h = p->die_height_mm;
  const double R = p->wafer_diameter_mm / 2 - p->edge_exclusion_mm;
  const double px = result->pitch_x_mm, py = result->pitch_y_mm;
  const double ox = result->offset_x_mm, oy = result->offset_y_mm;
  const long imin = (long) floor (-R / px) - 1, imax = (long) ceil (R / px) + 1;
  size_t n = 0;
  for (long i = imin; i <= imax; i++)
    {
      double x0 = ox + (double) i * px, x1 = x0 + w;
      if (x0 < -R || x1 > R)
        continue;
      double xm = fmax (fabs (x0), fabs (x1));
      double half = sqrt (fmax (R * R - xm * xm, 0.0));
      double jmin = ceil ((-half - oy) / py - 1e-12);
      double jmax = floor ((half - h - oy) / py + 1e-12);
      for (double j = jmin; j <= jmax; j++)
        {
          if (n < cap)
            sites[n] = (gp_die_site) { x0, oy + j * py, (int) (i - imin), (int) j };
          n++;
        }
    }
  *n_out = n;
  if (n > cap)
    return gp_error_set (err, GP_ENOMEM, "cap", "site buffer holds %zu of %zu dies", cap, n);
  return GP_OK;
}

#define R_DBL(field, unit_, doc_) \
  GP_P_DOUBLE (gp_wafer_result, field, -INFINITY, INFINITY, 0, unit_, #field, doc_)
#define R_INT(field, unit_, doc_) \
  GP_P_INT (gp_wafer_result, field, -INFINITY, INFINITY, 0, unit_, #field, doc_)

static const gp_param wafer_result[] = {
  R_INT (gross_dies, "", "Whole dies inside the usable circle (exact, best grid offset)"),
  R_DBL (dpw_hp, "", "Hennessy-Patterson approximation (full diameter, die + scribe)"),
  R_DBL (dpw_devries, "", "de Vries approximation (usable diameter, F = 0.51)"),
  R_DBL (die_area_mm2, "mm2", "Die area without scribe"),
  R_DBL (utilisation, "", "Share of the full wafer area covered by whole dies"),
  R_DBL (offset_x_mm, "mm", "Grid offset of the best layout, x"),
  R_DBL (offset_y_mm, "mm", "Grid offset of the best layout, y"),
  R_DBL (pitch_x_mm, "mm", "Die pitch including scribe, x"),
  R_DBL (pitch_y_mm, "mm", "Die pitch including scribe, y"),
  GP_P_BOOL (gp_wafer_result, exceeds_reticle, 0, "exceeds_reticle",
             "Die larger than one 26 x 33 mm field: needs stitching"),
  R_INT (reticle_fields, "", "Reticle fields a stitched die needs (full 26 x 33 fields)"),
  R_INT (columns, "", "Grid columns searched"),
  R_INT (rows, "", "Grid rows searched"),
};

const gp_param_table gp_wafer_result_table = {
  "wafer_result", wafer_result, GP_N_ELEMENTS (wafer_result),
};
