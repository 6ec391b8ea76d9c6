/* gp-window-report.c: "Export report": every chart card in every format, the comparison
 * as a drawn table, CSV and TSV, a copy of the design, and a markdown page tying them
 * together. Reads the window's fields; calls only gp-window-cards.c. */
#include "gp-window-private.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <string.h>

#include "gp-chart-card.h"
#include "gp-charts.h"
#include "gp-export.h"

gboolean
gp_window_export_report (GpWindow *self, const char *dir, GError **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("cannot create '%s': %s"),
                   dir, g_strerror (errno));
      return FALSE;
    }
  g_autoptr (GString) md = g_string_new (NULL);
  g_autofree char *title = gp_session_dup_title (self->session);
  g_string_append_printf (md, "# glasspane report: %s\n\n", title);
  gp_window_make_cards (self, G_MAXUINT); /* all of them, if start-up has not yet */
  for (guint i = 0; i < self->cards->len; i++)
    {
      GpChartCard *card = self->cards->pdata[i];
      const char *key = gp_chart_id_key (gp_chart_card_get_id (card));
      g_string_append_printf (md, "## %s\n\n![%s](%s.svg) ([PDF](%s.pdf), [PNG](%s.png), "
                              "[data](%s.csv))\n\n", key, key, key, key, key, key);
      for (int f = 0; f < GP_EXPORT_N_FORMATS; f++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", key, gp_export_format_names[f]);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          if (!gp_chart_card_export (card, path, error))
            return FALSE;
        }
    }
  /* The comparison: as a drawn table and CSV, and the TSV of the clipboard. */
  gp_chart *table = gp_charts_build (self->session, GP_CHART_ID_TABLE);
  gp_error err = { 0 };
  const char *fmts[] = { "comparison.csv", "comparison.svg", "comparison.pdf" };
  for (guint k = 0; k < G_N_ELEMENTS (fmts); k++)
    {
      g_autofree char *path = g_build_filename (dir, fmts[k], NULL);
      gp_export_options opts;
      gp_export_options_init (&opts);
      opts.width_px = 1400;
      opts.height_px = 60 + 30 * (double) gp_session_get_n_systems (self->session);
      if (gp_chart_export_path (table, path, &opts, &err) != GP_OK)
        {
          gp_chart_free (table);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
          return FALSE;
        }
    }
  gp_chart_free (table);
  g_autofree char *tsv = gp_comparison_tsv (self->session);
  g_autofree char *tsv_path = g_build_filename (dir, "comparison.tsv", NULL);
  if (gp_atomic_write_file (tsv_path, tsv, strlen (tsv), &err) != GP_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
      return FALSE;
    }
  g_autofree char *design = g_build_filename (dir, "design.lua", NULL);
  if (!gp_session_save_copy (self->session, design, error))
    return FALSE;
  g_string_append (md, "## Comparison\n\n");
  /* Capex and cost figures are in one basis, never mixed: say which. */
  g_string_append_printf (md, "Capital cost and cost per model are %s (study cost_basis = "
                          "\"%s\").\n\n",
                          gp_session_get_study (self->session)->cost_basis == GP_COST_PURCHASE
                            ? "purchase prices: what a buyer pays"
                            : "build costs: what each part costs to make",
                          gp_cost_basis_names[gp_session_get_study (self->session)->cost_basis
                                              == GP_COST_PURCHASE]);
  g_auto (GStrv) lines = g_strsplit (tsv, "\n", -1);
  for (guint i = 0; lines[i] && lines[i][0]; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], "\t", -1);
      g_autofree char *row = g_strjoinv (" | ", cells);
      g_string_append_printf (md, "| %s |\n", row);
      if (i == 0)
        {
          g_string_append (md, "|");
          for (guint c = 0; cells[c]; c++)
            g_string_append (md, " --- |");
          g_string_append_c (md, '\n');
        }
    }
  g_string_append (md, "\nThe design is in design.lua (open it in glasspane or run it with "
                       "glasspane-script).\n");
  g_autofree char *md_path = g_build_filename (dir, "README.md", NULL);
  if (gp_atomic_write_file (md_path, md->str, md->len, &err) != GP_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
      return FALSE;
    }
  return TRUE;
}
