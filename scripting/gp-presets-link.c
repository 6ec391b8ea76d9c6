/* gp-presets-link.c: link and topology presets through the generic list loader. */
#include "gp-presets-link.h"

#include <stdlib.h>
#include <string.h>

#include "gp-presets.h"

static void
link_init_cb (void *elem)
{
  gp_link_params_init (elem);
}

static void
topology_init_cb (void *elem)
{
  gp_topology_params_init (elem);
}

static gp_status
load_list (const char *path, const char *file, const char *key, const gp_param_table *table,
           size_t size, void (*init) (void *), void **out, size_t *n_out, gp_error *err)
{
  char buf[4096];
  *out = NULL;
  *n_out = 0;
  if (path == NULL)
    {
      path = gp_data_path (buf, sizeof buf, file);
      if (path == NULL)
        return gp_error_set (err, GP_EIO, NULL, "data directory path too long: %s",
                             gp_data_dir ());
    }
  return gp_preset_list_load (path, key, table, size, init, out, n_out, err);
}

gp_status
gp_links_load (const char *path, gp_link_params **out, size_t *n_out, gp_error *err)
{
  void *array = NULL;
  gp_status st = load_list (path, "links.lua", "links", &gp_link_param_table,
                            sizeof (gp_link_params), link_init_cb, &array, n_out, err);
  *out = array;
  return st;
}

const gp_link_params *
gp_links_find (const gp_link_params *links, size_t n, const char *name)
{
  for (size_t i = 0; links && name && i < n; i++)
    if (strcmp (links[i].name, name) == 0)
      return &links[i];
  return NULL;
}

gp_status
gp_topologies_load (const char *path, gp_topology_params **out, size_t *n_out, gp_error *err)
{
  void *array = NULL;
  gp_status st = load_list (path, "topologies.lua", "topologies", &gp_topology_param_table,
                            sizeof (gp_topology_params), topology_init_cb, &array, n_out, err);
  *out = array;
  return st;
}

const gp_topology_params *
gp_topologies_find (const gp_topology_params *topologies, size_t n, const char *name)
{
  for (size_t i = 0; topologies && name && i < n; i++)
    if (strcmp (topologies[i].name, name) == 0)
      return &topologies[i];
  return NULL;
}
