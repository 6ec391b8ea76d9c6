/* gp-session-io.c: design files and system presets for the session, through
 * scripting/gp-design.h (the same reader and writer scripts use, so a design saved here
 * opens in glasspane-script and the other way round). */
#include "gp-session-private.h"

#include <stdlib.h>
#include <string.h>

#include "gp-design.h"
#include "gp-presets.h"

G_STATIC_ASSERT (GP_SESSION_MAX_SYSTEMS <= GP_DESIGN_MAX_SYSTEMS);

void
gp_design_data_init (GpDesignData *d)
{
  memset (d, 0, sizeof *d);
  gp_study_init (&d->study);
  gp_inference_params_init (&d->inference);
  d->systems = g_array_new (FALSE, TRUE, sizeof (gp_system));
}

void
gp_design_data_clear (GpDesignData *d)
{
  g_clear_pointer (&d->systems, g_array_unref);
}

gboolean
gp_session_io_read (const char *path, GpDesignData *d, GError **error)
{
  g_autofree gp_design *des = g_new0 (gp_design, 1);
  gp_design_init (des);
  gp_error err = { 0 };
  gp_status st = path ? gp_design_load (path, des, &err) : gp_design_load_default (des, &err);
  if (st != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  g_strlcpy (d->name, des->name, sizeof d->name);
  d->study = des->study;
  d->has_inference = des->has_inference;
  d->inference = des->inference;
  g_array_set_size (d->systems, 0);
  g_array_append_vals (d->systems, des->systems, (guint) des->n_systems);
  d->baseline = des->baseline >= 0 ? (guint) des->baseline : 0;
  return TRUE;
}

gboolean
gp_session_io_write (const char *path, const GpDesignData *d, GError **error)
{
  g_autofree gp_design *des = g_new0 (gp_design, 1);
  gp_design_init (des);
  g_strlcpy (des->name, d->name, sizeof des->name);
  des->study = d->study;
  des->has_inference = d->has_inference;
  des->inference = d->inference;
  des->n_systems = (int) MIN (d->systems->len, GP_DESIGN_MAX_SYSTEMS);
  memcpy (des->systems, d->systems->data, sizeof (gp_system) * (gsize) des->n_systems);
  des->baseline = (int) d->baseline;
  gp_error err = { 0 };
  if (gp_design_save (path, des, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  return TRUE;
}

char **
gp_session_io_preset_names (GError **error)
{
  gp_system *all = NULL;
  size_t n = 0;
  gp_error err = { 0 };
  if (gp_systems_load (NULL, &all, &n, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return NULL;
    }
  char **names = g_new0 (char *, n + 1);
  for (size_t i = 0; i < n; i++)
    names[i] = g_strdup (all[i].sys.name);
  free (all);
  return names;
}

gboolean
gp_session_io_preset (const char *name, gp_system *out, GError **error)
{
  gp_error err = { 0 };
  if (gp_system_preset (name, out, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  return TRUE;
}

static void
workload_init (void *obj)
{
  gp_workload_params_init (obj);
}

gboolean
gp_session_io_workloads (gp_workload **out, size_t *n, GError **error)
{
  char path[4096];
  gp_data_path (path, sizeof path, "workloads.lua");
  void *arr = NULL;
  gp_error err = { 0 };
  if (gp_preset_list_load (path, "workloads", &gp_workload_param_table, sizeof (gp_workload),
                           workload_init, &arr, n, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  *out = arr;
  return TRUE;
}

void
gp_session_io_presets (gp_system **out, size_t *n)
{
  gp_error err = { 0 };
  *out = NULL;
  *n = 0;
  if (gp_systems_load (NULL, out, n, &err) != GP_OK)
    {
      *out = NULL;
      *n = 0;
    }
}
