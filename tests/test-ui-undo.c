/* test-ui-undo.c: the explorer's undo stack (app/gp-undo.c), no display needed. */
#include <glib.h>

#include "gp-param-group.h"
#include "gp-undo.h"

static const gp_param *
param (const char *name)
{
  return gp_param_table_find (&gp_system_param_table, name);
}

static GpUndoEntry
entry (const char *name, double from, double to, gint64 t)
{
  GpUndoEntry e = { 1, GP_SUBJECT_SYSTEM, -1, param (name), from, to, NULL, NULL, t };
  return e;
}

static void
test_push_undo_redo (void)
{
  g_autoptr (GpUndoStack) s = gp_undo_stack_new (0);
  g_assert_false (gp_undo_stack_can_undo (s));
  GpUndoEntry a = entry ("pue", 1.1, 1.2, 0), b = entry ("lifetime_years", 5, 4, 10 * G_USEC_PER_SEC);
  g_assert_false (gp_undo_stack_push (s, &a, 0));
  g_assert_false (gp_undo_stack_push (s, &b, 0));
  g_assert_cmpuint (gp_undo_stack_length (s), ==, 2);
  const GpUndoEntry *u = gp_undo_stack_undo (s);
  g_assert_true (u->param == param ("lifetime_years"));
  g_assert_cmpfloat (u->old_value, ==, 5);
  u = gp_undo_stack_undo (s);
  g_assert_cmpfloat (u->old_value, ==, 1.1);
  g_assert_null (gp_undo_stack_undo (s));
  g_assert_true (gp_undo_stack_can_redo (s));
  u = gp_undo_stack_redo (s);
  g_assert_cmpfloat (u->new_value, ==, 1.2);
  /* A new change drops what could be redone. */
  GpUndoEntry c = entry ("pue", 1.2, 1.3, 20 * G_USEC_PER_SEC);
  gp_undo_stack_push (s, &c, 0);
  g_assert_false (gp_undo_stack_can_redo (s));
  g_assert_cmpuint (gp_undo_stack_length (s), ==, 2);
}

static void
test_merge (void)
{
  g_autoptr (GpUndoStack) s = gp_undo_stack_new (0);
  const gint64 window = 800 * G_TIME_SPAN_MILLISECOND;
  /* A spin button held down: 1.1 -> 1.2 -> 1.3 -> 1.4, 100 ms apart, is one step. */
  for (int i = 0; i < 3; i++)
    {
      GpUndoEntry e = entry ("pue", 1.1 + 0.1 * i, 1.2 + 0.1 * i, i * 100 * G_TIME_SPAN_MILLISECOND);
      g_assert_cmpint (gp_undo_stack_push (s, &e, window), ==, i > 0);
    }
  g_assert_cmpuint (gp_undo_stack_length (s), ==, 1);
  const GpUndoEntry *u = gp_undo_stack_undo (s);
  g_assert_cmpfloat_with_epsilon (u->old_value, 1.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (u->new_value, 1.4, 1e-12);
  gp_undo_stack_redo (s);
  /* After the window, or for another parameter, a new step. */
  GpUndoEntry late = entry ("pue", 1.4, 1.5, 5 * G_USEC_PER_SEC);
  g_assert_false (gp_undo_stack_push (s, &late, window));
  GpUndoEntry other = entry ("lifetime_years", 5, 6, 5 * G_USEC_PER_SEC + 1);
  g_assert_false (gp_undo_stack_push (s, &other, window));
  g_assert_cmpuint (gp_undo_stack_length (s), ==, 3);
  /* Nor into a step that was undone and redone. */
  gp_undo_stack_undo (s);
  gp_undo_stack_redo (s);
  GpUndoEntry again = other;
  again.time_us += 1;
  g_assert_false (gp_undo_stack_push (s, &again, window));
  /* Different systems never merge. */
  GpUndoEntry sys2 = other;
  sys2.system_id = 2;
  sys2.time_us += 1;
  g_assert_false (gp_undo_stack_push (s, &sys2, window));
}

static void
test_clean (void)
{
  g_autoptr (GpUndoStack) s = gp_undo_stack_new (0);
  g_assert_true (gp_undo_stack_is_clean (s));
  GpUndoEntry a = entry ("pue", 1.1, 1.2, 0);
  gp_undo_stack_push (s, &a, 0);
  g_assert_false (gp_undo_stack_is_clean (s));
  gp_undo_stack_mark_clean (s);
  g_assert_true (gp_undo_stack_is_clean (s));
  /* A change right after a save does not merge into the saved step. */
  GpUndoEntry b = entry ("pue", 1.2, 1.3, 1);
  g_assert_false (gp_undo_stack_push (s, &b, G_USEC_PER_SEC));
  g_assert_false (gp_undo_stack_is_clean (s));
  gp_undo_stack_undo (s);
  g_assert_true (gp_undo_stack_is_clean (s)); /* back at the saved state */
  gp_undo_stack_undo (s);
  g_assert_false (gp_undo_stack_is_clean (s));
  /* Branching off below the save point makes it unreachable. */
  GpUndoEntry c = entry ("lifetime_years", 5, 6, 2);
  gp_undo_stack_push (s, &c, 0);
  g_assert_false (gp_undo_stack_is_clean (s));
  gp_undo_stack_undo (s);
  g_assert_false (gp_undo_stack_is_clean (s));
}

static void
test_limit_and_strings (void)
{
  g_autoptr (GpUndoStack) s = gp_undo_stack_new (3);
  const gp_param *name = gp_param_table_find (&gp_link_param_table, "name");
  for (int i = 0; i < 5; i++)
    {
      char from[8], to[8];
      g_snprintf (from, sizeof from, "l%d", i);
      g_snprintf (to, sizeof to, "l%d", i + 1);
      GpUndoEntry e = { 1, GP_SUBJECT_LINK, -1, name, 0, 0, from, to, i * G_USEC_PER_SEC };
      gp_undo_stack_push (s, &e, 0);
    }
  /* Only the last three remain, strings copied. */
  g_assert_cmpuint (gp_undo_stack_length (s), ==, 3);
  const GpUndoEntry *u = gp_undo_stack_undo (s);
  g_assert_cmpstr (u->old_string, ==, "l4");
  g_assert_cmpstr (u->new_string, ==, "l5");
  gp_undo_stack_undo (s);
  u = gp_undo_stack_undo (s);
  g_assert_cmpstr (u->old_string, ==, "l2");
  g_assert_null (gp_undo_stack_undo (s));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/undo/push-undo-redo", test_push_undo_redo);
  g_test_add_func ("/ui/undo/merge", test_merge);
  g_test_add_func ("/ui/undo/clean", test_clean);
  g_test_add_func ("/ui/undo/limit-and-strings", test_limit_and_strings);
  return g_test_run ();
}
