/* gp-wafer.h: how many whole dies fit on a wafer, where they sit, and the reticle check.
 *
 * Exact count: dies of (width + scribe) x (height + scribe) pitch on a rectangular grid,
 * a die counted only when its whole rectangle lies inside the usable circle of radius
 * (diameter / 2 - edge exclusion). The grid's offset relative to the wafer centre is
 * searched (see gp_wafer_count) and the best count is reported. The Hennessy-Patterson
 * and de Vries approximations are returned alongside for comparison.
 *
 * Units: mm and mm2. Domain: die sides > 0 and the die must fit inside the usable
 * circle, unless wafer_scale is set (one die per wafer, e.g. Cerebras WSE, whose
 * 215 x 215 mm square has its corners clipped by the wafer edge). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reticle field of a 193i scanner: 26 x 33 mm = 858 mm2 (brief 3.1). */
#define GP_RETICLE_WIDTH_MM 26.0
#define GP_RETICLE_HEIGHT_MM 33.0

typedef struct {
  double wafer_diameter_mm; /* 300 */
  double edge_exclusion_mm; /* 3 (published cost models use 3-5 mm) */
  double scribe_mm;         /* 0.1 (published cost models use 0.06-0.2 mm) */
  double die_width_mm;
  double die_height_mm;
  long offset_steps;        /* grid offsets tried per axis per pitch (>= 1); 32 by default */
  bool wafer_scale;         /* the die is the wafer: one per wafer, may be clipped */
} gp_wafer_params;

typedef struct {
  long gross_dies;          /* exact count: whole dies inside the usable circle */
  double dpw_hp;            /* Hennessy-Patterson approximation (full diameter, die + scribe) */
  double dpw_devries;       /* de Vries approximation (usable diameter, F = 0.51) */
  double die_area_mm2;      /* width x height, without scribe */
  double utilisation;       /* gross_dies x die area / full wafer area */
  double offset_x_mm;       /* grid offset that gave the best count (die corner position) */
  double offset_y_mm;
  double pitch_x_mm, pitch_y_mm;
  bool exceeds_reticle;     /* die larger than one 26 x 33 mm field (either orientation) */
  long reticle_fields;      /* fields a stitched die needs: ceil(w/26) x ceil(h/33), min over rotation */
  long columns, rows;       /* extent of the grid that was searched */
} gp_wafer_result;

/* One die site of a wafer map: its lower-left corner and index. */
typedef struct {
  double x_mm, y_mm;        /* lower-left corner, wafer centre at (0, 0) */
  int col, row;
} gp_die_site;

extern const gp_param_table gp_wafer_param_table;

/* Defaults: 300 mm wafer, 3 mm edge exclusion, 0.1 mm scribe, 10 x 10 mm die, 32 steps.
 * Sources in data/wafer.lua. */
void gp_wafer_params_init (gp_wafer_params *p);

/* Count whole dies. Errors (GP_EINVAL) name the parameter: non-positive or NaN sizes,
 * edge exclusion of half the diameter or more, a die that does not fit in the usable
 * circle when wafer_scale is false, a wafer-scale die larger than the usable circle.
 *
 * Offset search: the count depends on the grid offset (ox, oy) in [0, pitch) per axis;
 * every combination of offset_steps equally spaced values per axis is tried, plus the two
 * symmetric layouts (a die centred on the wafer centre, and a scribe crossing there),
 * and the largest count wins. For each offset the count is exact: per column, the rows
 * whose whole die lies within the chord of the usable circle at the column's outer edge.
 * Cost: O(offset_steps^2 x columns). */
gp_status gp_wafer_count (const gp_wafer_params *p, gp_wafer_result *out, gp_error *err);

/* Write the die sites of the layout found by gp_wafer_count (RESULT must come from P)
 * into SITES (capacity CAP); *N_OUT gets the number of sites. If CAP is too small the
 * first CAP sites are written and GP_ENOMEM is returned with *N_OUT set to the total. */
gp_status gp_wafer_map (const gp_wafer_params *p, const gp_wafer_result *result,
                        gp_die_site *sites, size_t cap, size_t *n_out, gp_error *err);

/* The approximations on their own (mm, mm2). AREA includes the scribe lane. */
double gp_wafer_dpw_hp (double diameter_mm, double area_mm2);
double gp_wafer_dpw_devries (double usable_diameter_mm, double area_mm2);

#ifdef __cplusplus
}
#endif

/* Output descriptors (names, units, docs) of gp_wafer_result, for the Lua API and CSV. */
extern const gp_param_table gp_wafer_result_table;
