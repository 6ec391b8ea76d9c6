/* gp-fuzz-common.c: what the fuzz entry points share: reporting a broken invariant, the
 * checks every target makes, and a scratch file for the readers that take a path. */
#include "gp-fuzz.h"

#include "gp-carbon.h"
#include "gp-presets.h"

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

const gp_node *
gp_fuzz_reference_nodes (size_t *n)
{
  static gp_node *nodes;
  static size_t n_nodes;
  static bool tried;
  if (!tried)
    {
      tried = true;
      gp_error err;
      if (gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK)
        {
          fprintf (stderr, "fuzz: data/nodes.lua: %s\n", err.message);
          nodes = NULL;
          n_nodes = 0;
        }
    }
  *n = n_nodes;
  return nodes;
}

void
gp_fuzz_price_package (const gp_package_params *p)
{
  size_t n_nodes;
  const gp_node *nodes = gp_fuzz_reference_nodes (&n_nodes);
  gp_package_prepared prep;
  gp_error err;
  gp_status st = gp_package_prepare (p, nodes, n_nodes, &prep, &err);
  if (st != GP_OK)
    {
      gp_fuzz_check_error ("gp_package_prepare", st, &err);
      return;
    }
  gp_package_result r;
  st = gp_package_cost (p, &prep, &r, &err);
  if (st != GP_OK)
    gp_fuzz_check_error ("gp_package_cost", st, &err);
  else
    {
      if (!(r.total_usd > 0) || !isfinite (r.total_usd) || !isfinite (r.scrap_usd)
          || !isfinite (r.usd_per_pflops) || !isfinite (r.yields.assembly_yield))
        {
          gp_fuzz_dump ("package", &gp_package_param_table, p);
          gp_fuzz_fail ("gp_package_cost: %s: GP_OK with total %g USD, scrap %g, %g USD per "
                        "PFLOP/s", p->name, r.total_usd, r.scrap_usd, r.usd_per_pflops);
        }
      double sum = r.logic_usd + r.memory_usd + r.optics_usd + r.other_usd + r.carrier_usd
                   + r.assembly_test_usd + r.scrap_usd;
      if (fabs (sum - r.total_usd) > 1e-9 * r.total_usd)
        gp_fuzz_fail ("gp_package_cost: %s: breakdown %.17g != total %.17g", p->name, sum,
                      r.total_usd);
    }
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_carbon_package_result cr;
  st = gp_carbon_package (&c, p, &prep, &cr, &err);
  if (st != GP_OK)
    gp_fuzz_check_error ("gp_carbon_package", st, &err);
  else if (!isfinite (cr.total_kg) || cr.total_kg < 0 || !isfinite (cr.scrap_kg))
    {
      gp_fuzz_dump ("package", &gp_package_param_table, p);
      gp_fuzz_fail ("gp_carbon_package: %s: GP_OK with total %g kg", p->name, cr.total_kg);
    }
}
