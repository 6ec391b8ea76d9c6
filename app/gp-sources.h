/* gp-sources.h: the citation behind a preset value, for the parameter panels' tooltips.
 *
 * Every data/ file gives each entry a `sources` table keyed by parameter name, often with
 * short keys ("CA2022, BRIEF33") that the file's header comment expands. This reads the
 * files once (through the sandboxed loader), finds the entry by name and returns the
 * citation with its short keys spelt out. No widgets. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GpSources GpSources;

/* Files are looked up in gp_data_dir() unless a name is an absolute path. */
GpSources *gp_sources_new (void);
void gp_sources_free (GpSources *sources); /* NULL-safe */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpSources, gp_sources_free)

/* The citation of PARAM in FILE (e.g. "packages.lua"): in the entry of list LIST named
 * ENTRY (LIST NULL: the root table's field ENTRY, e.g. carbon.lua's "carbon"), or when
 * SUB_LIST is given in that entry's sub-list element named SUB_ENTRY (a package's parts),
 * or with SUB_ENTRY NULL in the entry's sub-table SUB_LIST (a system's "topology").
 * Short keys found in the file's legend are followed by their expansion, one per line.
 * NULL when the file, entry or citation is absent. Free with g_free. */
char *gp_sources_lookup (GpSources *sources, const char *file, const char *list,
                         const char *entry, const char *sub_list, const char *sub_entry,
                         const char *param);

/* The legend of short keys in a data file's header comment, parsed from TEXT: lines
 * "--   KEY   text" with continuation lines indented under the text. Returns a new table
 * key -> text (whitespace collapsed). Exposed for the tests. */
GHashTable *gp_sources_parse_legend (const char *text);

/* RAW followed by "KEY: expansion" lines for each legend key that RAW names as a whole
 * word (in order of appearance, each once). Exposed for the tests. */
char *gp_sources_expand (GHashTable *legend, const char *raw);

G_END_DECLS
