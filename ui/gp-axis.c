/* gp-axis.c: value <-> 0..1 mapping, nice ranges and ticks, tick label formatting. */
#include "gp-axis.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MINUS "\xe2\x88\x92" /* U+2212 MINUS SIGN: a hyphen is too short next to digits */

void
gp_axis_init (gp_axis *axis, gp_axis_scale scale)
{
  memset (axis, 0, sizeof *axis);
  axis->scale = scale;
  axis->format = GP_TICK_AUTO;
  axis->min = scale == GP_AXIS_LOG ? 1.0 : 0.0;
  axis->max = scale == GP_AXIS_LOG ? 10.0 : 1.0;
  axis->auto_range = true;
}

static gp_status
check_range (const gp_axis *axis, double min, double max, const char *min_name,
             const char *max_name, gp_error *err)
{
  if (!isfinite (min))
    return gp_error_set (err, GP_EINVAL, min_name, "%s = %g is not a finite number",
                         min_name, min);
  if (!isfinite (max))
    return gp_error_set (err, GP_EINVAL, max_name, "%s = %g is not a finite number",
                         max_name, max);
  if (axis->scale == GP_AXIS_LOG && min <= 0.0)
    return gp_error_set (err, GP_EINVAL, min_name,
                         "%s = %g is out of range for a log axis: allowed (0, inf)",
                         min_name, min);
  if (min > max)
    return gp_error_set (err, GP_EINVAL, max_name, "%s = %g is below %s = %g", max_name,
                         max, min_name, min);
  return GP_OK;
}

gp_status
gp_axis_set_range (gp_axis *axis, double min, double max, gp_error *err)
{
  GP_TRY (check_range (axis, min, max, "min", "max", err));
  if (min == max)
    return gp_error_set (err, GP_EINVAL, "max",
                         "max = %g equals min: an axis needs min < max", max);
  axis->min = min;
  axis->max = max;
  axis->auto_range = false;
  return GP_OK;
}

static gp_status
copy_text (char *dst, size_t size, const char *src, const char *name, gp_error *err)
{
  if (src == NULL)
    return GP_OK;
  size_t len = strlen (src);
  if (len >= size)
    return gp_error_set (err, GP_EINVAL, name,
                         "%s is %zu bytes long: allowed at most %zu", name, len, size - 1);
  memcpy (dst, src, len + 1);
  return GP_OK;
}

gp_status
gp_axis_set_text (gp_axis *axis, const char *label, const char *unit, const char *key,
                  gp_error *err)
{
  /* Check all three before writing any, so a failure leaves the axis as it was. */
  struct { const char *s; size_t size; const char *name; } f[3] = {
    { label, sizeof axis->label, "label" },
    { unit, sizeof axis->unit, "unit" },
    { key, sizeof axis->key, "key" },
  };
  for (int i = 0; i < 3; i++)
    if (f[i].s != NULL && strlen (f[i].s) >= f[i].size)
      return copy_text (NULL, f[i].size, f[i].s, f[i].name, err);
  copy_text (axis->label, sizeof axis->label, label, "label", NULL);
  copy_text (axis->unit, sizeof axis->unit, unit, "unit", NULL);
  copy_text (axis->key, sizeof axis->key, key, "key", NULL);
  return GP_OK;
}

double
gp_nice_number (double x, bool round)
{
  if (!(x > 0.0) || !isfinite (x))
    return 0.0;
  double e = floor (log10 (x));
  double p = pow (10.0, e);
  double f = x / p; /* in [1, 10) */
  double nf;
  if (round)
    nf = f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0;
  else
    nf = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0;
  return nf * p;
}

static int
clamp_target (int target)
{
  return target < 2 ? 2 : target > 50 ? 50 : target;
}

static double
linear_step (double min, double max, int target)
{
  double range = gp_nice_number (max - min, false);
  return gp_nice_number (range / (clamp_target (target) - 1), true);
}

double
gp_axis_tick_step (const gp_axis *axis, int target)
{
  return linear_step (axis->min, axis->max, target);
}

/* Tolerance for floor/ceil on ratios like 0.3 / 0.1 = 2.9999999999999996. */
#define SNAP 1e-9

gp_status
gp_axis_fit (gp_axis *axis, double data_min, double data_max, int target, gp_error *err)
{
  GP_TRY (check_range (axis, data_min, data_max, "data_min", "data_max", err));
  if (axis->scale == GP_AXIS_LOG)
    {
      double lo = floor (log10 (data_min) + SNAP);
      double hi = ceil (log10 (data_max) - SNAP);
      if (hi <= lo)
        hi = lo + 1.0;
      if (lo < -300.0 || hi > 300.0)
        return gp_error_set (err, GP_EINVAL, "data_max",
                             "data range %g..%g is too wide for a log axis: allowed "
                             "1e-300..1e300", data_min, data_max);
      axis->min = pow (10.0, lo);
      axis->max = pow (10.0, hi);
      return GP_OK;
    }
  if (axis->include_zero)
    {
      data_min = fmin (data_min, 0.0);
      data_max = fmax (data_max, 0.0);
    }
  if (data_min == data_max)
    {
      double pad = data_min == 0.0 ? 1.0 : 0.1 * fabs (data_min);
      data_min -= pad;
      data_max += pad;
      if (axis->include_zero && data_min < 0.0 && data_max - pad >= 0.0)
        data_min = 0.0; /* a single positive value on a bar axis: start at 0 */
    }
  if (!isfinite (data_max - data_min))
    return gp_error_set (err, GP_EINVAL, "data_max",
                         "data range %g..%g is too wide to draw", data_min, data_max);
  double step = linear_step (data_min, data_max, target);
  double lo = floor (data_min / step + SNAP) * step;
  double hi = ceil (data_max / step - SNAP) * step;
  if (hi <= lo)
    hi = lo + step;
  axis->min = lo;
  axis->max = hi;
  return GP_OK;
}

double
gp_axis_map (const gp_axis *axis, double v)
{
  if (!isfinite (v))
    return NAN;
  if (axis->scale == GP_AXIS_LOG)
    {
      if (v <= 0.0)
        return NAN;
      double l0 = log10 (axis->min), l1 = log10 (axis->max);
      return (log10 (v) - l0) / (l1 - l0);
    }
  return (v - axis->min) / (axis->max - axis->min);
}

double
gp_axis_unmap (const gp_axis *axis, double t)
{
  if (axis->scale == GP_AXIS_LOG)
    {
      double l0 = log10 (axis->min), l1 = log10 (axis->max);
      return pow (10.0, l0 + t * (l1 - l0));
    }
  return axis->min + t * (axis->max - axis->min);
}

/* ---- formatting ---- */

static const char *const superscript_digits[10] = {
  "\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3", "\xe2\x81\xb4",
  "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9",
};
#define SUPERSCRIPT_MINUS "\xe2\x81\xbb"

/* Append S to BUF (size SIZE) at *LEN, truncating safely. */
static void
append (char *buf, size_t size, size_t *len, const char *s)
{
  size_t n = strlen (s);
  if (*len >= size)
    return;
  if (*len + n >= size)
    n = size - 1 - *len;
  memcpy (buf + *len, s, n);
  *len += n;
  buf[*len] = '\0';
}

/* Copy a printf'd number replacing '-' with U+2212. */
static void
append_number (char *buf, size_t size, size_t *len, const char *num)
{
  for (const char *p = num; *p; p++)
    {
      if (*p == '-')
        append (buf, size, len, MINUS);
      else
        {
          char c[2] = { *p, '\0' };
          append (buf, size, len, c);
        }
    }
}

static void
append_exponent (char *buf, size_t size, size_t *len, int e)
{
  char digits[16];
  snprintf (digits, sizeof digits, "%d", e < 0 ? -e : e);
  if (e < 0)
    append (buf, size, len, SUPERSCRIPT_MINUS);
  for (const char *p = digits; *p; p++)
    append (buf, size, len, superscript_digits[*p - '0']);
}

/* "%.*g" of V with at most SIG significant digits (so trailing zeros are dropped). */
static void
format_g (double v, int sig, char *out, size_t size)
{
  snprintf (out, size, "%.*g", sig < 1 ? 1 : sig > 17 ? 17 : sig, v);
}

void
gp_format_sci (double v, int sig, char *buf, size_t size)
{
  size_t len = 0;
  buf[0] = '\0';
  if (!isfinite (v))
    {
      append (buf, size, &len, isnan (v) ? "NaN" : v > 0 ? "\xe2\x88\x9e" : MINUS "\xe2\x88\x9e");
      return;
    }
  if (v == 0.0)
    {
      append (buf, size, &len, "0");
      return;
    }
  int e = (int) floor (log10 (fabs (v)));
  double m = v / pow (10.0, e);
  char num[48];
  format_g (m, sig, num, sizeof num);
  if (fabs (strtod (num, NULL)) >= 10.0) /* 9.999 rounded up to 10 */
    {
      e += 1;
      format_g (v / pow (10.0, e), sig, num, sizeof num);
    }
  if (strcmp (num, "1") == 0)
    append (buf, size, &len, "10");
  else if (strcmp (num, "-1") == 0)
    append (buf, size, &len, MINUS "10");
  else
    {
      append_number (buf, size, &len, num);
      append (buf, size, &len, "\xc3\x97" "10"); /* U+00D7 MULTIPLICATION SIGN */
    }
  append_exponent (buf, size, &len, e);
}

/* SI prefixes from 1e-24 (yocto) to 1e24 (yotta); index 8 is 1. */
static const char *const si_prefix[17] = {
  "y", "z", "a", "f", "p", "n", "\xc2\xb5", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y",
};

static const char *
si_prefix_for (int e3)
{
  int i = e3 / 3 + 8;
  return (i >= 0 && i < 17) ? si_prefix[i] : NULL;
}

void
gp_format_si (double v, int sig, char *buf, size_t size)
{
  size_t len = 0;
  buf[0] = '\0';
  if (!isfinite (v) || v == 0.0)
    {
      gp_format_sci (v, sig, buf, size);
      return;
    }
  int e3 = (int) floor (floor (log10 (fabs (v))) / 3.0) * 3;
  char num[48];
  format_g (v / pow (10.0, e3), sig, num, sizeof num);
  if (fabs (strtod (num, NULL)) >= 1000.0) /* 999.96 rounds to 1000: next prefix */
    {
      e3 += 3;
      format_g (v / pow (10.0, e3), sig, num, sizeof num);
    }
  const char *prefix = si_prefix_for (e3);
  if (prefix == NULL || strchr (num, 'e') != NULL)
    {
      gp_format_sci (v, sig, buf, size);
      return;
    }
  append_number (buf, size, &len, num);
  if (prefix[0] != '\0')
    {
      append (buf, size, &len, " ");
      append (buf, size, &len, prefix);
    }
}

void
gp_unit_pretty (const char *unit, char *buf, size_t size)
{
  size_t len = 0;
  buf[0] = '\0';
  if (unit == NULL)
    return;
  for (const char *p = unit; *p; p++)
    {
      bool after_letter = p > unit && isalpha ((unsigned char) p[-1]);
      bool digit_end = !isalnum ((unsigned char) p[1]);
      if (after_letter && digit_end && (*p == '2' || *p == '3'))
        append (buf, size, &len, superscript_digits[*p - '0']);
      else
        {
          char c[2] = { *p, '\0' };
          append (buf, size, &len, c);
        }
    }
}

void
gp_axis_title (const gp_axis *axis, char *buf, size_t size)
{
  char unit[GP_AXIS_UNIT_MAX * 2];
  gp_unit_pretty (axis->unit, unit, sizeof unit);
  if (unit[0] != '\0' && axis->label[0] != '\0')
    snprintf (buf, size, "%s (%s)", axis->label, unit);
  else if (unit[0] != '\0')
    snprintf (buf, size, "(%s)", unit);
  else
    snprintf (buf, size, "%s", axis->label);
}

/* Append S to BUF as a lower_snake_case key: letters and digits kept (lowered), every run
 * of anything else becomes one '_'. */
static void
append_key (char *buf, size_t size, size_t *len, const char *s)
{
  bool pending = *len > 0;
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      if (*p < 0x80 && isalnum (*p))
        {
          if (pending)
            append (buf, size, len, "_");
          pending = false;
          char c[2] = { (char) tolower (*p), '\0' };
          append (buf, size, len, c);
        }
      else if (*p == '%')
        {
          if (pending)
            append (buf, size, len, "_");
          pending = true;
          append (buf, size, len, "pct");
        }
      else
        pending = *len > 0;
    }
}

void
gp_axis_csv_key (const gp_axis *axis, char *buf, size_t size)
{
  size_t len = 0;
  buf[0] = '\0';
  if (axis->key[0] != '\0')
    append (buf, size, &len, axis->key);
  else
    {
      append_key (buf, size, &len, axis->label);
      append_key (buf, size, &len, axis->unit);
    }
  if (len == 0)
    append (buf, size, &len, "value");
}

void
gp_axis_csv_header (const gp_axis *axis, char *buf, size_t size)
{
  char key[GP_AXIS_KEY_MAX + GP_AXIS_LABEL_MAX + GP_AXIS_UNIT_MAX];
  gp_axis_csv_key (axis, key, sizeof key);
  if (axis->unit[0] != '\0')
    snprintf (buf, size, "%s [%s]", key, axis->unit);
  else
    snprintf (buf, size, "%s", key);
}

/* ---- ticks ---- */

/* Units where a prefix reads wrong ("1 kdB") or the number is already a ratio. */
static bool
unit_refuses_prefix (const char *unit)
{
  static const char *const units[] = { "dB", "dBm", "dBi", "dBc", "%", "degC",
                                       "\xc2\xb0" "C", "pct", NULL };
  for (int i = 0; units[i]; i++)
    if (strcmp (unit, units[i]) == 0)
      return true;
  return false;
}

static gp_tick_format
resolve_format (const gp_axis *axis, const gp_tick *ticks, size_t n)
{
  if (axis->format != GP_TICK_AUTO)
    return axis->format;
  double maxabs = 0.0, minabs = INFINITY;
  for (size_t i = 0; i < n; i++)
    if (ticks[i].major && ticks[i].value != 0.0)
      {
        maxabs = fmax (maxabs, fabs (ticks[i].value));
        minabs = fmin (minabs, fabs (ticks[i].value));
      }
  if (maxabs == 0.0)
    return GP_TICK_PLAIN;
  bool plain_ok = maxabs < 1e4 && minabs >= 1e-3;
  if (unit_refuses_prefix (axis->unit))
    return (maxabs < 1e6 && minabs >= 1e-4) ? GP_TICK_PLAIN : GP_TICK_SCI;
  if (plain_ok)
    return GP_TICK_PLAIN;
  if (minabs >= 1e-24 && maxabs < 1e27)
    return GP_TICK_SI;
  return GP_TICK_SCI;
}

/* Label every major tick of a linear axis: all labels share decimals (and for SI and ENG,
 * one exponent chosen from the largest tick), so 0.5 M, 1.0 M, 1.5 M line up. */
static void
label_linear (gp_tick *ticks, size_t n, double step, gp_tick_format fmt)
{
  double maxabs = 0.0;
  for (size_t i = 0; i < n; i++)
    maxabs = fmax (maxabs, fabs (ticks[i].value));
  int e3 = 0;
  if ((fmt == GP_TICK_SI || fmt == GP_TICK_ENG) && maxabs > 0.0)
    {
      e3 = (int) floor (floor (log10 (maxabs) + SNAP) / 3.0) * 3;
      if (fmt == GP_TICK_SI && si_prefix_for (e3) == NULL)
        fmt = GP_TICK_SCI;
    }
  int step_e = (int) floor (log10 (step) + SNAP);
  int decimals = e3 - step_e;
  if (decimals < 0)
    decimals = 0;
  if (decimals > 15)
    decimals = 15;
  for (size_t i = 0; i < n; i++)
    {
      gp_tick *t = &ticks[i];
      if (!t->major)
        continue;
      size_t len = 0;
      t->label[0] = '\0';
      if (t->value == 0.0)
        {
          append (t->label, sizeof t->label, &len, "0");
          continue;
        }
      if (fmt == GP_TICK_SCI)
        {
          gp_format_sci (t->value, 3, t->label, sizeof t->label);
          continue;
        }
      char num[48];
      snprintf (num, sizeof num, "%.*f", decimals, t->value / pow (10.0, e3));
      append_number (t->label, sizeof t->label, &len, num);
      if (fmt == GP_TICK_SI && e3 != 0)
        {
          append (t->label, sizeof t->label, &len, " ");
          append (t->label, sizeof t->label, &len, si_prefix_for (e3));
        }
      else if (fmt == GP_TICK_ENG && e3 != 0)
        {
          append (t->label, sizeof t->label, &len, "\xc3\x97" "10");
          append_exponent (t->label, sizeof t->label, &len, e3);
        }
    }
}

static void
label_log (gp_tick *ticks, size_t n, gp_tick_format fmt)
{
  for (size_t i = 0; i < n; i++)
    {
      gp_tick *t = &ticks[i];
      if (!t->major)
        continue;
      if (fmt == GP_TICK_SI)
        gp_format_si (t->value, 3, t->label, sizeof t->label);
      else if (fmt == GP_TICK_SCI || fmt == GP_TICK_ENG)
        gp_format_sci (t->value, 3, t->label, sizeof t->label);
      else
        {
          char num[48];
          size_t len = 0;
          t->label[0] = '\0';
          snprintf (num, sizeof num, "%.6g", t->value);
          if (strchr (num, 'e') != NULL)
            gp_format_sci (t->value, 3, t->label, sizeof t->label);
          else
            append_number (t->label, sizeof t->label, &len, num);
        }
    }
}

static void
push_tick (const gp_axis *axis, gp_tick *ticks, size_t cap, size_t *n, double v, bool major)
{
  if (*n >= cap)
    return;
  gp_tick *t = &ticks[(*n)++];
  t->value = v;
  t->pos = gp_axis_map (axis, v);
  t->major = major;
  t->label[0] = '\0';
}

static size_t
ticks_linear (const gp_axis *axis, int target, gp_tick *ticks, size_t cap)
{
  double step = gp_axis_tick_step (axis, target);
  size_t n = 0;
  if (!(step > 0.0))
    return 0;
  double k0 = ceil (axis->min / step - SNAP);
  double k1 = floor (axis->max / step + SNAP);
  for (double k = k0; k <= k1 && n < cap; k += 1.0)
    {
      double v = k * step;
      if (fabs (v) < step * SNAP)
        v = 0.0; /* -0 or 1e-17 from the multiplication */
      push_tick (axis, ticks, cap, &n, v, true);
    }
  label_linear (ticks, n, step, resolve_format (axis, ticks, n));
  return n;
}

static bool
in_range (const gp_axis *axis, double v)
{
  double tol = 1e-9 * v;
  return v >= axis->min - tol && v <= axis->max + tol;
}

static size_t
ticks_log (const gp_axis *axis, int target, gp_tick *ticks, size_t cap)
{
  target = clamp_target (target);
  int e0 = (int) floor (log10 (axis->min) + SNAP);
  int e1 = (int) floor (log10 (axis->max) + SNAP);
  int decades_in = 0;
  for (int e = e0; e <= e1; e++)
    if (in_range (axis, pow (10.0, e)))
      decades_in++;
  size_t n = 0;
  if (decades_in >= 2)
    {
      /* Stride k so at most TARGET decades carry labels; labels sit on multiples of k so
       * 10⁰, 10³, 10⁶ rather than 10¹, 10⁴, 10⁷. Minor 2..9 ticks only at stride 1 and
       * when there are few decades, else they would be a grey smear. */
      int stride = (decades_in + target - 1) / target;
      if (stride < 1)
        stride = 1;
      bool minors = stride == 1 && decades_in <= 12;
      for (int e = e0; e <= e1 && n < cap; e++)
        {
          double d = pow (10.0, e);
          if (in_range (axis, d))
            push_tick (axis, ticks, cap, &n, d, (e % stride) == 0);
          if (minors)
            for (int m = 2; m <= 9; m++)
              if (in_range (axis, m * d))
                push_tick (axis, ticks, cap, &n, m * d, false);
        }
    }
  else
    {
      /* Less than a decade in view: label 1, 2, 5 x 10^n, or every integer multiple when
       * even those give fewer than two labels (e.g. 3..8). */
      static const int set125[] = { 1, 2, 5 };
      int labelled = 0;
      for (int e = e0; e <= e1; e++)
        for (int i = 0; i < 3; i++)
          if (in_range (axis, set125[i] * pow (10.0, e)))
            labelled++;
      bool all = labelled < 2;
      for (int e = e0; e <= e1 && n < cap; e++)
        for (int m = 1; m <= 9; m++)
          {
            double v = m * pow (10.0, e);
            if (in_range (axis, v))
              push_tick (axis, ticks, cap, &n, v, all || m == 1 || m == 2 || m == 5);
          }
    }
  label_log (ticks, n, resolve_format (axis, ticks, n));
  return n;
}

size_t
gp_axis_ticks (const gp_axis *axis, int target, gp_tick *ticks, size_t cap)
{
  if (cap > GP_AXIS_TICKS_MAX)
    cap = GP_AXIS_TICKS_MAX;
  if (!(axis->min < axis->max) || !isfinite (axis->min) || !isfinite (axis->max))
    return 0;
  if (axis->scale == GP_AXIS_LOG)
    return axis->min > 0.0 ? ticks_log (axis, target, ticks, cap) : 0;
  return ticks_linear (axis, target, ticks, cap);
}
