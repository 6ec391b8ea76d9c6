/* gp-axis.h: chart axes as pure arithmetic: map a value to 0..1 and back, pick "nice"
 * ranges and ticks (linear and log), and format tick labels with SI prefixes.
 *
 * Nothing here draws, so every rule can be tested without a display. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "gp-error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_AXIS_LINEAR,
  GP_AXIS_LOG, /* base 10; values <= 0 have no position */
} gp_axis_scale;

typedef enum {
  GP_TICK_AUTO,  /* PLAIN for |v| in [1e-3, 1e4), else SI, else SCI; dB and % stay PLAIN */
  GP_TICK_PLAIN, /* 0.5, 20, 10000 */
  GP_TICK_SI,    /* 10 k, 1 M, 250 µ (linear axes share one prefix: 0, 0.5 M, 1.0 M) */
  GP_TICK_ENG,   /* engineering: 1.5×10⁶, 250×10⁻⁶ (exponent a multiple of 3) */
  GP_TICK_SCI,   /* scientific: 10⁶ on decades, 2×10⁶ elsewhere */
} gp_tick_format;

#define GP_AXIS_LABEL_MAX 96 /* bytes, UTF-8, with the NUL */
#define GP_AXIS_UNIT_MAX 32
#define GP_AXIS_KEY_MAX 64
#define GP_TICK_LABEL_MAX 40
#define GP_AXIS_TICKS_MAX 160

typedef struct {
  gp_axis_scale scale;
  gp_tick_format format;
  double min, max;      /* the range shown; log axes need 0 < min */
  bool auto_range;      /* a chart fits min/max to its data with gp_axis_fit() when drawn */
  bool include_zero;    /* linear auto range always reaches 0 (bars, costs) */
  char label[GP_AXIS_LABEL_MAX]; /* "Die area" */
  char unit[GP_AXIS_UNIT_MAX];   /* "mm2" as in the parameter tables; "" for none */
  char key[GP_AXIS_KEY_MAX];     /* CSV column name, "die_area_mm2"; "" = derived from label */
} gp_axis;

typedef struct {
  double value;
  double pos;   /* gp_axis_map (value) */
  bool major;   /* majors carry a label and a grid line; minors a short tick */
  char label[GP_TICK_LABEL_MAX]; /* "" for minor ticks */
} gp_tick;

/* A linear or log axis over [0, 1] (log: [1, 10]) with auto range, AUTO labels, no text. */
void gp_axis_init (gp_axis *axis, gp_axis_scale scale);

/* Fix the range to [MIN, MAX] (turns auto_range off). GP_EINVAL naming "min"/"max" when
 * either is not finite, MIN >= MAX, or MIN <= 0 on a log axis. AXIS is unchanged on error. */
gp_status gp_axis_set_range (gp_axis *axis, double min, double max, gp_error *err);

/* Set the label, unit and CSV key (each may be NULL to keep it). GP_EINVAL naming
 * "label"/"unit"/"key" when a string does not fit its buffer (it is never truncated). */
gp_status gp_axis_set_text (gp_axis *axis, const char *label, const char *unit,
                            const char *key, gp_error *err);

/* Heckbert's nice number ("Nice numbers for graph labels", Graphics Gems I, 1990, p. 61):
 * for X > 0, a number 1, 2, 5 or 10 times a power of ten near X. ROUND picks the nearest
 * (thresholds 1.5, 3, 7), otherwise the smallest nice number >= X. 0 for X <= 0 or NaN. */
double gp_nice_number (double x, bool round);

/* Linear tick step for about TARGET ticks over the range (Heckbert: nice (nice (range,
 * ceiling) / (TARGET - 1), round)). TARGET is clamped to [2, 50]. */
double gp_axis_tick_step (const gp_axis *axis, int target);

/* Set the range to a nice one that encloses [DATA_MIN, DATA_MAX] (the values to show).
 * Linear: Heckbert's loose labelling, min and max become multiples of the tick step
 * (0..97 with TARGET 6 gives 0..100 in steps of 20); with include_zero the range reaches
 * 0. A single value v gets v +- 10 % (or -1..1 for 0). Log: whole decades, 3..4e5
 * gives 1..1e6; a single value gets the decade around it. Keeps auto_range.
 * GP_EINVAL naming "data_min"/"data_max" for non-finite input, DATA_MIN > DATA_MAX, or
 * DATA_MIN <= 0 on a log axis. */
gp_status gp_axis_fit (gp_axis *axis, double data_min, double data_max, int target,
                       gp_error *err);

/* Position of V on the axis: 0 at min, 1 at max (outside for values beyond the range).
 * Log: (log10 v - log10 min) / (log10 max - log10 min). NaN for a non-finite V or V <= 0
 * on a log axis, so callers skip it. */
double gp_axis_map (const gp_axis *axis, double v);

/* Inverse of gp_axis_map: the value at position T (T outside 0..1 extrapolates). */
double gp_axis_unmap (const gp_axis *axis, double t);

/* Ticks inside [min, max] for about TARGET major ticks, in increasing order, written to
 * TICKS (capacity CAP, at most GP_AXIS_TICKS_MAX are produced); returns the count.
 * Linear: majors every gp_axis_tick_step. Log: majors on decades (every k-th decade when
 * there are more than TARGET, aligned to multiples of k) with minors at 2..9 x 10^n;
 * when fewer than two decades fall in range, majors at 1, 2, 5 x 10^n (or every
 * integer multiple) instead. Major labels follow axis->format. */
size_t gp_axis_ticks (const gp_axis *axis, int target, gp_tick *ticks, size_t cap);

/* Format V alone with an SI prefix and at most SIG significant digits, trailing zeros
 * dropped: 1e4 -> "10 k", 1e6 -> "1 M", 1500 -> "1.5 k", 2.5e-4 -> "250 µ", 0 -> "0",
 * -2000 -> "−2 k" (U+2212). Beyond the prefixes (1e-24..1e27) falls back to SCI. */
void gp_format_si (double v, int sig, char *buf, size_t size);

/* Format V in scientific form with superscripts: 1e6 -> "10⁶", 2e-3 -> "2×10⁻³". */
void gp_format_sci (double v, int sig, char *buf, size_t size);

/* Display form of a unit from the parameter tables: exponents after a letter become
 * superscripts ("mm2" -> "mm²", "defects/cm2" -> "defects/cm²"). */
void gp_unit_pretty (const char *unit, char *buf, size_t size);

/* Axis title as drawn: "Die area (mm²)", or the label alone when there is no unit. */
void gp_axis_title (const gp_axis *axis, char *buf, size_t size);

/* CSV column key: axis->key, or derived from label and unit when empty (lower case, runs
 * of other characters become '_', "%" becomes "pct": "Die area", "mm2" -> "die_area_mm2");
 * "value" when both are empty. */
void gp_axis_csv_key (const gp_axis *axis, char *buf, size_t size);

/* CSV column header: "die_area_mm2 [mm2]" (key, derived from the label when empty:
 * lower case, runs of other characters become '_'; "value" when both are empty). */
void gp_axis_csv_header (const gp_axis *axis, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
