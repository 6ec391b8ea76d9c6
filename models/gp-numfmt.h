/* gp-numfmt.h: numbers as text the same way under every locale.
 *
 * GTK (and os.setlocale from Lua) set LC_NUMERIC from the environment, so under de_DE or
 * fr_FR a bare printf("%g") writes "1,5", which no reader takes back. Everything written to
 * a file or handed out as data goes through these: the C locale for the call only (uselocale,
 * per thread, so other threads and the GUI's labels keep the user's locale), and the fewest
 * significant digits (15, 16 or 17) that read back to the same double. */
#ifndef GP_NUMFMT_H
#define GP_NUMFMT_H

#include <stdarg.h>
#include <stddef.h>

/* Longest text gp_fmt_double writes, with its NUL: "-1.2345678901234567e-308". */
#define GP_FMT_DOUBLE_MAX 32

/* V as the shortest "%.Ng" (N = 15..17) that strtod reads back to V exactly, with '.' as
 * the decimal point; "nan", "inf" and "-inf" for the non-finite values. BUF holds at least
 * GP_FMT_DOUBLE_MAX bytes. Returns the length written (snprintf's contract for SIZE). */
int gp_fmt_double (char *buf, size_t size, double v);

/* snprintf / vsnprintf with the C locale's decimal point, whatever LC_NUMERIC is. */
int gp_snprintf_c (char *buf, size_t size, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
int gp_vsnprintf_c (char *buf, size_t size, const char *fmt, va_list ap)
  __attribute__ ((format (printf, 3, 0)));

/* strtod reading '.' as the decimal point, whatever LC_NUMERIC is. */
double gp_strtod_c (const char *s, char **end);

#endif /* GP_NUMFMT_H */
