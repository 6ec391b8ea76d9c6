/* test-param.c: descriptor-table access and the wording of range errors. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "gp-models.h"

static void
test_set_get (void)
{
  gp_wafer_params p;
  gp_wafer_params_init (&p);
  const gp_param *d = gp_param_table_find (&gp_wafer_param_table, "die_width_mm");
  g_assert_nonnull (d);
  g_assert_cmpstr (d->unit, ==, "mm");
  gp_error err;
  g_assert_cmpint (gp_param_set (d, &p, 12.5, &err), ==, GP_OK);
  g_assert_cmpfloat (p.die_width_mm, ==, 12.5);
  g_assert_cmpfloat (gp_param_get (d, &p), ==, 12.5);

  /* A rejected value leaves the field as it was (the GUI keeps the last valid value). */
  g_assert_cmpint (gp_param_set (d, &p, -1, &err), ==, GP_EINVAL);
  g_assert_cmpfloat (p.die_width_mm, ==, 12.5);
  g_assert_cmpstr (err.message, ==, "die_width_mm = -1 is out of range: allowed (0, 450] mm");

  const gp_param *steps = gp_param_table_find (&gp_wafer_param_table, "offset_steps");
  g_assert_cmpint (gp_param_set (steps, &p, 2.5, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "whole number"));
  g_assert_cmpint (gp_param_set (steps, &p, 8, &err), ==, GP_OK);
  g_assert_cmpint (p.offset_steps, ==, 8);

  g_assert_null (gp_param_table_find (&gp_wafer_param_table, "die_width"));
}

static void
test_enum_and_string (void)
{
  gp_yield_params y;
  gp_yield_params_init (&y);
  const gp_param *m = gp_param_table_find (&gp_yield_param_table, "model");
  gp_error err;
  g_assert_cmpint (gp_param_set_string (m, &y, "murphy", &err), ==, GP_OK);
  g_assert_cmpint (y.model, ==, GP_YIELD_MURPHY);
  g_assert_cmpint (gp_param_set_string (m, &y, "murphey", &err), ==, GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "poisson, murphy, seeds, negbin, bose_einstein"));
  g_assert_cmpint (y.model, ==, GP_YIELD_MURPHY);

  gp_node n;
  gp_node_init (&n);
  const gp_param *name = gp_param_table_find (&gp_node_param_table, "name");
  g_assert_cmpint (gp_param_set_string (name, &n, "N2", &err), ==, GP_OK);
  g_assert_cmpstr (n.name, ==, "N2");
  char longname[200];
  memset (longname, 'x', sizeof longname - 1);
  longname[sizeof longname - 1] = 0;
  g_assert_cmpint (gp_param_set_string (name, &n, longname, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "too long"));
  g_assert_cmpstr (n.name, ==, "N2");
}

static void
test_range_wording (void)
{
  gp_error err;
  gp_check_range (&err, "x", INFINITY, 0, INFINITY, 0, "W");
  g_assert_cmpstr (err.message, ==, "x = inf is out of range: allowed [0, inf) W");
  gp_check_range (&err, "y", 2, 0, 1, GP_RANGE_MAX_EXCLUSIVE, "");
  g_assert_cmpstr (err.message, ==, "y = 2 is out of range: allowed [0, 1)");
  g_assert_cmpint (gp_check_range (NULL, "z", 0.5, 0, 1, 0, ""), ==, GP_OK);
  /* Every shipped table validates its own defaults. */
  gp_wafer_params w;
  gp_wafer_params_init (&w);
  g_assert_cmpint (gp_params_validate (&gp_wafer_param_table, &w, &err), ==, GP_OK);
  gp_node n;
  gp_node_init (&n);
  g_assert_cmpint (gp_params_validate (&gp_node_param_table, &n, &err), ==, GP_OK);
  gp_redundancy_params r;
  gp_redundancy_params_init (&r);
  g_assert_cmpint (gp_params_validate (&gp_redundancy_param_table, &r, &err), ==, GP_OK);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/param/set-get", test_set_get);
  g_test_add_func ("/models/param/enum-and-string", test_enum_and_string);
  g_test_add_func ("/models/param/range-wording", test_range_wording);
  return g_test_run ();
}
