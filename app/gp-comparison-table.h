/* gp-comparison-table.h: the headline figures of every system side by side with their
 * ratios to the baseline, tinted better/worse; Ctrl+C (or the copy button) puts it on the
 * clipboard as tab-separated text. */
#pragma once

#include <gtk/gtk.h>

#include "gp-session.h"

G_BEGIN_DECLS

#define GP_TYPE_COMPARISON_TABLE (gp_comparison_table_get_type ())
G_DECLARE_FINAL_TYPE (GpComparisonTable, gp_comparison_table, GP, COMPARISON_TABLE, GtkWidget)

GtkWidget *gp_comparison_table_new (GpSession *session);

/* Copy the table as TSV to the widget's clipboard. */
void gp_comparison_table_copy (GpComparisonTable *self);

/* The text shown in the cell of metric ROW for system COL (tests); rows past the metrics:
 * binding constraint, cooling and limits, memory tiers, plan. */
const char *gp_comparison_table_get_cell (GpComparisonTable *self, guint row, guint col);

G_END_DECLS
