/* gp-presets-package.h: reading data/packages.lua (packages with nested part lists) and
 * data/carbon.lua (carbon figures, grid locations, system examples) into model structs. */
#pragma once

#include <stddef.h>

#include "gp-carbon.h"
#include "gp-error.h"
#include "gp-package.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Read the "packages" list of PATH (NULL: data/packages.lua). Every package must give
 * `name`, `carrier` and a non-empty `parts` list (at most GP_PACKAGE_PARTS_MAX); every part
 * `name`, `kind` and `count`; other keys are optional and unknown keys are errors (message
 * "packages[2].parts[1].yeild: unknown parameter ..."). Fields a package omits keep
 * gp_package_params_init's values; fields a part omits keep gp_package_part_init's. The
 * values are range-checked here; nodes are resolved later by gp_package_prepare.
 * *OUT is malloc'd: free it with free(). */
gp_status gp_packages_load (const char *path, gp_package_params **out, size_t *n_out,
                            gp_error *err);

/* Find a package by name; NULL if absent. */
const gp_package_params *gp_packages_find (const gp_package_params *packages, size_t n,
                                           const char *name);

/* Read PATH (NULL: data/carbon.lua): its "carbon" table into *CARBON (every field required),
 * and, for each non-NULL output, the "grids" and "systems" lists (malloc'd arrays). */
gp_status gp_carbon_load (const char *path, gp_carbon_params *carbon,
                          gp_grid **grids, size_t *n_grids,
                          gp_carbon_system_params **systems, size_t *n_systems,
                          gp_error *err);

/* Find a grid location by name ("taiwan"); NULL if absent. */
const gp_grid *gp_grids_find (const gp_grid *grids, size_t n, const char *name);

#ifdef __cplusplus
}
#endif
