/* gp-fuzz-common.c: what the fuzz entry points share: reporting a broken invariant, the
 * checks every target makes, and a scratch file for the readers that take a path. */
#include "gp-fuzz.h"

#include <math.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
gp_fuzz_fail (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fputs ("fuzz invariant broken: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
  abort ();
}

void
gp_fuzz_check_error (const char *what, gp_status status, const gp_error *err)
{
  if (status == GP_OK)
    gp_fuzz_fail ("%s: failure reported with GP_OK", what);
  if (err->status != status)
    gp_fuzz_fail ("%s: returned status %d but the error record holds %d", what, (int) status,
                  (int) err->status);
  if (memchr (err->message, '\0', sizeof err->message) == NULL)
    gp_fuzz_fail ("%s: error message not terminated", what);
  if (memchr (err->param, '\0', sizeof err->param) == NULL)
    gp_fuzz_fail ("%s: error parameter not terminated", what);
  if (err->message[0] == '\0')
    gp_fuzz_fail ("%s: failed (%s) without a message", what, gp_status_name (status));
}

void
gp_fuzz_check_finite (const char *what, const gp_param_table *table, const void *obj)
{
  for (size_t i = 0; i < table->n_params; i++)
    {
      const gp_param *p = &table->params[i];
      if (p->type != GP_PARAM_DOUBLE)
        continue;
      double v = gp_param_get (p, obj);
      if (!isfinite (v))
        gp_fuzz_fail ("%s: returned GP_OK with %s.%s = %g", what, table->name, p->name, v);
    }
}

void
gp_fuzz_dump (const char *what, const gp_param_table *table, const void *obj)
{
  fprintf (stderr, "%s (%s):\n", what, table->name);
  for (size_t i = 0; i < table->n_params; i++)
    {
      const gp_param *p = &table->params[i];
      if (p->type == GP_PARAM_STRING)
        fprintf (stderr, "  %s = \"%.*s\"\n", p->name, (int) p->string_size,
                 (const char *) obj + p->offset);
      else if (p->type == GP_PARAM_ENUM)
        {
          int v = (int) gp_param_get (p, obj);
          fprintf (stderr, "  %s = %s\n", p->name, v >= 0 ? p->enum_names[v] : "?");
        }
      else
        fprintf (stderr, "  %s = %.17g\n", p->name, gp_param_get (p, obj));
    }
}

static char temp_dir[64];
static char temp_path[96];

static void
remove_temp (void)
{
  if (temp_path[0])
    unlink (temp_path);
  if (temp_dir[0])
    rmdir (temp_dir);
}

const char *
gp_fuzz_temp_file (const void *data, size_t len)
{
  if (temp_path[0] == '\0')
    {
      const char *base = getenv ("TMPDIR");
      snprintf (temp_dir, sizeof temp_dir, "%s/gp-fuzz-XXXXXX",
                base && base[0] && strlen (base) < 40 ? base : "/tmp");
      if (mkdtemp (temp_dir) == NULL)
        {
          temp_dir[0] = '\0';
          return NULL;
        }
      snprintf (temp_path, sizeof temp_path, "%s/input.lua", temp_dir);
      atexit (remove_temp);
    }
  FILE *f = fopen (temp_path, "wb");
  if (f == NULL)
    return NULL;
  bool ok = fwrite (data, 1, len, f) == len;
  ok = (fclose (f) == 0) && ok;
  return ok ? temp_path : NULL;
}
