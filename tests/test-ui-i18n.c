/* test-ui-i18n.c: the explorer's text follows the language, its files do not.
 *
 * The same default comparison is built twice in one process: first in the C locale (English,
 * no lookup), then under de_DE.UTF-8 with LANGUAGE=de and the catalogue built in the build
 * tree (GP_TEST_LOCALEDIR). The German run must show German (a parameter group title and a
 * chart title, translations from po/de.po) while every file the app writes stays the same:
 * the design file (read back by Open), the comparison TSV, and the header row of every chart's
 * CSV (the column names scripts read). Known strings: "Failures" -> "Ausfälle",
 * "Capital cost (build cost)" -> "Investitionskosten (Baukosten)". */
#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gp-charts.h"
#include "gp-export.h"
#include "gp-param-group.h"
#include "gp-session.h"

typedef struct {
  char *design;
  char *tsv;
  char *heads[GP_CHART_ID_N];
  char *capex_title;
  char *group_title;
} Outputs;

static void
outputs_clear (Outputs *o)
{
  g_free (o->design);
  g_free (o->tsv);
  for (int i = 0; i < GP_CHART_ID_N; i++)
    g_free (o->heads[i]);
  g_free (o->capex_title);
  g_free (o->group_title);
}

static void
collect (Outputs *o)
{
  GpSession *s = gp_session_new ();
  gp_session_set_synchronous (s, TRUE);
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_load_default (s, &error));
  g_assert_no_error (error);
  g_autofree char *dir = g_dir_make_tmp ("gp-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "design.lua", NULL);
  g_assert_true (gp_session_save_file (s, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &o->design, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);
  o->tsv = gp_comparison_tsv (s);
  for (int id = 0; id < GP_CHART_ID_N; id++)
    {
      gp_chart *c = gp_charts_build (s, (GpChartId) id);
      g_assert_nonnull (c);
      char *csv = NULL;
      size_t len = 0;
      g_assert_cmpint (gp_chart_to_csv (c, &csv, &len, NULL), ==, GP_OK);
      const char *nl = strchr (csv, '\n');
      o->heads[id] = g_strndup (csv, nl ? (gsize) (nl - csv) : len);
      free (csv);
      if (id == GP_CHART_ID_CAPEX)
        o->capex_title = g_strdup (gp_chart_get_title (c));
      gp_chart_free (c);
    }
  o->group_title = g_strdup (gp_group_title (GP_GROUP_FAILURE));
  g_object_unref (s);
}

/* On a mismatch, say which line differs first (the texts are long). */
static void
note_first_difference (const char *what, const char *a, const char *b)
{
  g_auto (GStrv) la = g_strsplit (a, "\n", -1);
  g_auto (GStrv) lb = g_strsplit (b, "\n", -1);
  for (guint i = 0; la[i] || lb[i]; i++)
    if (g_strcmp0 (la[i], lb[i]) != 0)
      {
        g_test_message ("%s line %u:\n  '%s'\n  '%s'", what, i + 1, la[i] ? la[i] : "(none)",
                        lb[i] ? lb[i] : "(none)");
        return;
      }
}

static void
test_language_not_in_files (void)
{
  Outputs en = { 0 }, de = { 0 };
  g_assert_nonnull (setlocale (LC_ALL, "C"));
  g_unsetenv ("LANGUAGE");
  collect (&en);
  g_assert_cmpstr (en.group_title, ==, "Failures");
  g_assert_cmpstr (en.capex_title, ==, "Capital cost (build cost)");

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      outputs_clear (&en);
      g_test_skip ("locale de_DE.UTF-8 is missing (./dev deps generates it)");
      return;
    }
  g_setenv ("LANGUAGE", "de", TRUE);
  collect (&de);
  setlocale (LC_ALL, "C");
  g_unsetenv ("LANGUAGE");

  /* The lookup works: the screen is German... */
  g_assert_cmpstr (de.group_title, ==, "Ausfälle");
  g_assert_cmpstr (de.capex_title, ==, "Investitionskosten (Baukosten)");
  /* ...and the files are the English, C-locale ones, byte for byte. */
  note_first_difference ("design", de.design, en.design);
  g_assert_true (g_str_equal (de.design, en.design));
  note_first_difference ("TSV", de.tsv, en.tsv);
  g_assert_true (g_str_equal (de.tsv, en.tsv));
  for (int id = 0; id < GP_CHART_ID_N; id++)
    {
      if (g_strcmp0 (de.heads[id], en.heads[id]) != 0)
        g_test_message ("chart %s: '%s' != '%s'", gp_chart_id_key ((GpChartId) id),
                        de.heads[id], en.heads[id]);
      g_assert_cmpstr (de.heads[id], ==, en.heads[id]);
    }
  outputs_clear (&en);
  outputs_clear (&de);
}

int
main (int argc, char **argv)
{
  bindtextdomain (GETTEXT_PACKAGE, GP_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/language-not-in-files", test_language_not_in_files);
  return g_test_run ();
}
