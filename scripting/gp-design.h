/* gp-design.h: system presets (data/systems.lua) and design files: a study plus the
 * systems it compares, loaded through the sandbox and saved atomically as a Lua table file.
 *
 * A system entry (in data/systems.lua and in a design's `systems` list) has the flat keys
 * of gp_system_param_table and the sub-tables package, accel, topology, link, failure and
 * carbon. A sub-table is a preset name (data/packages.lua, topologies.lua, links.lua,
 * failures.lua, carbon.lua "systems"; accel has no presets) or a table, which may start
 * from a preset with `preset = "name"` and override any field; a package table's `parts`
 * list, if given, replaces the whole list. The entry itself either
 *   - names a system preset: `preset = "dgx-h100"` (overrides follow, sub-tables are
 *     overrides of the preset's), or
 *   - derives a Lite-GPU: `derive = { parent = "dgx-h100", fraction = 0.25,
 *     optics = "glass-ionx-board" (or a link table), optics_usd_per_gbps = 0.1,
 *     accels_per_server = 512 }` (gp_system_derive_lite_with, then gp_system_regroup), or
 *   - is complete: every non-optional flat key and every sub-table (link may be omitted
 *     when use_scaleup_link is false), each sub-table without `preset` giving every
 *     non-optional key of its struct.
 * Then topology.accelerators follows accelerators unless the topology table gives it, the
 * failure job size and the per-server carbon counts (packages, DRAM, SSD) are set from
 * the system (failure.accel_per_node is the host domain and stays as given), and the whole system is checked with gp_system_validate.
 *
 * A design file:
 *   return { format = 1, kind = "design", name = "...",
 *            study = { workload = "llama3-70b" (or a table), token_budget = 15e12,
 *                      grid_ci_g_per_kwh = 301, carbon = { overrides of data/carbon.lua },
 *                      search = { overrides of the default plan space },
 *                      inference = { serving parameters (optional: an inference study) } },
 *            systems = { {...}, ... },          -- 1..GP_DESIGN_MAX_SYSTEMS entries
 *            baseline = 2 or "dgx-h100" }       -- 1-based index or a system's name
 * Errors name the file, the entry and the key:
 *   "design.lua: systems[2] (cs-3): accel.peak_tflop_per_s = -1 is out of range: ..." */
#pragma once

#include <stddef.h>

#include "gp-error.h"
#include "gp-inference.h"
#include "gp-system.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_DESIGN_MAX_SYSTEMS 8
#define GP_DESIGN_NAME_MAX 128

typedef struct {
  char name[GP_DESIGN_NAME_MAX];
  gp_study study;
  int n_systems;                 /* 0..GP_DESIGN_MAX_SYSTEMS */
  int baseline;                  /* index into systems, 0-based */
  gp_system systems[GP_DESIGN_MAX_SYSTEMS];
  bool has_inference;            /* the study has an inference part (study.inference) */
  gp_inference_params inference; /* serving parameters of that study */
} gp_design;

/* An empty design: no name, gp_study_init's study, no systems, baseline 0. */
void gp_design_init (gp_design *d);

/* Read the "systems" list of PATH (NULL: data/systems.lua) into a malloc'd array (free()).
 * Entries may name an earlier entry as `preset` or `derive.parent`. Names are unique. */
gp_status gp_systems_load (const char *path, gp_system **out, size_t *n_out, gp_error *err);

/* Find a system by name; NULL if absent. */
const gp_system *gp_systems_find (const gp_system *systems, size_t n, const char *name);

/* One preset of data/systems.lua by name (GP_ENOTFOUND naming it if absent). */
gp_status gp_system_preset (const char *name, gp_system *out, gp_error *err);

/* Load a design file through the sandboxed loader (a newer format is refused there). On
 * error *D is left as gp_design_init made it. */
gp_status gp_design_load (const char *path, gp_design *d, gp_error *err);

/* The same from memory; CHUNKNAME names it in messages. */
gp_status gp_design_load_buffer (const char *chunkname, const char *buf, size_t len,
                                 gp_design *d, gp_error *err);

/* data/comparison.lua, the comparison the GUI and scripts open with. */
gp_status gp_design_load_default (gp_design *d, gp_error *err);

/* The design as a Lua table file: format 1, kind "design", every parameter written
 * explicitly (numbers in the fewest digits that read back exactly, '.' under every locale, strings escaped as Lua's %q,
 * enumerations by name), so it loads to the same structs whatever the presets become.
 * *OUT is malloc'd and NUL-terminated (free()); *LEN excludes the NUL. Checks every system
 * with gp_system_validate first (GP_EINVAL naming it). */
gp_status gp_design_to_string (const gp_design *d, char **out, size_t *len, gp_error *err);

/* gp_design_to_string written to PATH atomically (gp_atomic_write_file): PATH is either
 * untouched or complete. */
gp_status gp_design_save (const char *path, const gp_design *d, gp_error *err);

#ifdef __cplusplus
}
#endif
