/* gp-error.c: filling gp_error records with messages that name the parameter. */
#include "gp-error.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *
gp_status_name (gp_status status)
{
  switch (status)
    {
    case GP_OK: return "ok";
    case GP_EINVAL: return "invalid parameter";
    case GP_ENOTFOUND: return "not found";
    case GP_ERANGE: return "result out of range";
    case GP_ENOMEM: return "out of memory";
    case GP_EINFEASIBLE: return "infeasible design";
    case GP_ENOCONV: return "no convergence";
    case GP_ECANCELLED: return "cancelled";
    case GP_EIO: return "input/output error";
    }
  return "unknown status";
}

gp_status
gp_error_set (gp_error *err, gp_status status, const char *param, const char *fmt, ...)
{
  if (err == NULL)
    return status;
  err->status = status;
  snprintf (err->param, sizeof err->param, "%s", param ? param : "");
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err->message, sizeof err->message, fmt, ap);
  va_end (ap);
  return status;
}

void
gp_error_clear (gp_error *err)
{
  if (err == NULL)
    return;
  err->status = GP_OK;
  err->param[0] = '\0';
  err->message[0] = '\0';
}

void
gp_error_prefix (gp_error *err, const char *context)
{
  if (err == NULL || context == NULL || context[0] == '\0')
    return;
  char buf[GP_ERROR_MESSAGE_MAX];
  size_t n = strlen (context);
  if (n > sizeof buf - 3)
    n = sizeof buf - 3;
  memcpy (buf, context, n);
  buf[n] = ':';
  buf[n + 1] = ' ';
  size_t rest = sizeof buf - n - 2;
  size_t m = strnlen (err->message, rest - 1);
  memcpy (buf + n + 2, err->message, m);
  buf[n + 2 + m] = '\0';
  memcpy (err->message, buf, sizeof buf);
}

/* %.6g keeps messages short while showing enough digits to recognise the value. */
static void
format_bound (char *buf, size_t len, double v)
{
  if (isinf (v))
    snprintf (buf, len, "%s", v > 0 ? "inf" : "-inf");
  else
    snprintf (buf, len, "%.6g", v);
}

gp_status
gp_check_range (gp_error *err, const char *param, double value,
                double lo, double hi, unsigned flags, const char *unit)
{
  int lo_excl = (flags & GP_RANGE_MIN_EXCLUSIVE) != 0;
  int hi_excl = (flags & GP_RANGE_MAX_EXCLUSIVE) != 0;
  int ok = isfinite (value)
           && (lo_excl ? value > lo : value >= lo)
           && (hi_excl ? value < hi : value <= hi);
  if (ok)
    return GP_OK;
  if (err == NULL)
    return GP_EINVAL;

  char lo_s[32], hi_s[32], v_s[32];
  format_bound (lo_s, sizeof lo_s, lo);
  format_bound (hi_s, sizeof hi_s, hi);
  if (isnan (value))
    snprintf (v_s, sizeof v_s, "NaN");
  else
    format_bound (v_s, sizeof v_s, value);
  const char *u = (unit && unit[0]) ? unit : "";
  return gp_error_set (err, GP_EINVAL, param,
                       "%s = %s is out of range: allowed %c%s, %s%c%s%s",
                       param, v_s,
                       (lo_excl || isinf (lo)) ? '(' : '[', lo_s, hi_s,
                       (hi_excl || isinf (hi)) ? ')' : ']',
                       u[0] ? " " : "", u);
}
