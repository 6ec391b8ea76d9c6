/* gp-presets.h: finding data/ and reading its preset tables into model structs. */
#pragma once

#include <stddef.h>

#include "gp-error.h"
#include "gp-node.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The data directory: $GP_DATA_DIR if set, else the source tree's data/ when run from a
 * build tree, else the installed one. Never NULL. */
const char *gp_data_dir (void);

/* Build "DIR/NAME" into BUF (size LEN) for a file in the data directory. Returns BUF, or
 * NULL (with BUF set to "") if the path does not fit. */
const char *gp_data_path (char *buf, size_t len, const char *name);

/* Read the list ROOT[LIST_KEY] of the data file PATH (loaded through the sandbox) into a
 * malloc'd array of N structs of ELEM_SIZE bytes described by TABLE. Each element is
 * first filled by INIT (so optional keys keep valid defaults), then read with
 * GP_LUAPARAM_REQUIRE_ALL: every non-optional key must be present, unknown keys are
 * errors. If TABLE has a STRING parameter "name", names must be unique in the list.
 * Messages start with "PATH: LIST_KEY[I]" (1-based, as in the file). On success
 * *ARRAY_OUT is owned by the caller (free()); on failure it is NULL and *N_OUT is 0. */
gp_status gp_preset_list_load (const char *path, const char *list_key,
                               const gp_param_table *table, size_t elem_size,
                               void (*init) (void *elem), void **array_out, size_t *n_out,
                               gp_error *err);

/* Read data/nodes.lua (or PATH if non-NULL): every node's parameters are required and
 * checked. *NODES_OUT is malloc'd (free it with free()). */
gp_status gp_nodes_load (const char *path, gp_node **nodes_out, size_t *n_out,
                         gp_error *err);

/* Find a node by name ("N5") in an array; NULL if absent. */
const gp_node *gp_nodes_find (const gp_node *nodes, size_t n, const char *name);

#ifdef __cplusplus
}
#endif
