/* gp-presets-link.h: reading data/links.lua and data/topologies.lua into model structs. */
#pragma once

#include <stddef.h>

#include "gp-error.h"
#include "gp-link.h"
#include "gp-topology.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Read the "links" list of PATH (NULL: data/links.lua). Every entry must give name, medium,
 * lane_rate_gbps and lanes; other fields keep gp_link_params_init's values; unknown keys
 * are errors. *OUT is malloc'd: free it with free(). */
gp_status gp_links_load (const char *path, gp_link_params **out, size_t *n_out,
                         gp_error *err);

/* Find a link preset by name; NULL if absent. */
const gp_link_params *gp_links_find (const gp_link_params *links, size_t n, const char *name);

/* Read the "topologies" list of PATH (NULL: data/topologies.lua). Every entry must give
 * name, kind and accelerators; other fields keep gp_topology_params_init's values. */
gp_status gp_topologies_load (const char *path, gp_topology_params **out, size_t *n_out,
                              gp_error *err);

/* Find a topology preset by name; NULL if absent. */
const gp_topology_params *gp_topologies_find (const gp_topology_params *topologies, size_t n,
                                              const char *name);

#ifdef __cplusplus
}
#endif
