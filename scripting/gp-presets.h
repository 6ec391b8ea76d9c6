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

/* Build "DIR/NAME" into BUF (size LEN) for a file in the data directory. */
const char *gp_data_path (char *buf, size_t len, const char *name);

/* Read data/nodes.lua (or PATH if non-NULL): every node's parameters are required and
 * checked. *NODES_OUT is malloc'd (free it with free()). */
gp_status gp_nodes_load (const char *path, gp_node **nodes_out, size_t *n_out,
                         gp_error *err);

/* Find a node by name ("N5") in an array; NULL if absent. */
const gp_node *gp_nodes_find (const gp_node *nodes, size_t n, const char *name);

#ifdef __cplusplus
}
#endif
