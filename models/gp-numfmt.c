/* gp-numfmt.c: locale-independent number text (see gp-numfmt.h). */
#include "gp-numfmt.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale = (locale_t) 0;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void
c_locale_init (void)
{
  /* "C" for every category is glibc's static C locale object: nothing is allocated. */
  c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
}

/* Switches this thread to the C locale; returns the locale to restore (0: none). */
static locale_t
enter_c (void)
{
  pthread_once (&c_locale_once, c_locale_init);
  return c_locale ? uselocale (c_locale) : (locale_t) 0;
}

static void
leave_c (locale_t old)
{
  if (old)
    uselocale (old);
}

int
gp_vsnprintf_c (char *buf, size_t size, const char *fmt, va_list ap)
{
  locale_t old = enter_c ();
  int n = vsnprintf (buf, size, fmt, ap);
  leave_c (old);
  return n;
}

int
gp_snprintf_c (char *buf, size_t size, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = gp_vsnprintf_c (buf, size, fmt, ap);
  va_end (ap);
  return n;
}

double
gp_strtod_c (const char *s, char **end)
{
  locale_t old = enter_c ();
  double v = strtod (s, end);
  leave_c (old);
  return v;
}

int
gp_fmt_double (char *buf, size_t size, double v)
{
  if (isnan (v))
    return snprintf (buf, size, "nan");
  if (isinf (v))
    return snprintf (buf, size, "%s", v > 0 ? "inf" : "-inf");
  char tmp[GP_FMT_DOUBLE_MAX];
  locale_t old = enter_c ();
  /* 17 significant digits always read back (IEEE 754 binary64); most values need fewer. */
  for (int digits = 15; digits <= 17; digits++)
    {
      snprintf (tmp, sizeof tmp, "%.*g", digits, v);
      if (digits == 17 || strtod (tmp, NULL) == v)
        break;
    }
  leave_c (old);
  return snprintf (buf, size, "%s", tmp);
}
