/* test-wafer.c: exact die counts against counts worked by hand, approximations against
 * their formulas, reticle check and error paths. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "gp-models.h"

static gp_wafer_params
small_wafer (double die_w, double die_h)
{
  gp_wafer_params p;
  gp_wafer_params_init (&p);
  p.wafer_diameter_mm = 100;
  p.edge_exclusion_mm = 0;
  p.scribe_mm = 0;
  p.die_width_mm = die_w;
  p.die_height_mm = die_h;
  return p;
}

/* 30 x 30 mm dies in a circle of radius 50 mm, worked by hand: three columns of width 30
 * fit across the circle only as [-45,-15], [-15,15], [15,45]; the middle column's chord at
 * |x| = 15 is 2 sqrt(2500 - 225) = 95.4 mm (3 dies), the outer columns' at |x| = 45 is
 * 2 sqrt(2500 - 2025) = 43.6 mm (1 die each). Two columns give at most 3 + 2. So 5. */
static void
test_hand_count (void)
{
  gp_wafer_params p = small_wafer (30, 30);
  gp_wafer_result r;
  gp_error err;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.gross_dies, ==, 5);
  /* Utilisation: 5 x 900 / (pi 50^2) = 4500 / 7853.98 = 0.57296 */
  g_assert_cmpfloat_with_epsilon (r.utilisation, 4500 / (M_PI * 2500), 1e-12);
  /* 30 mm is wider than the 26 mm side of the field whichever way round: stitched, and
   * ceil(30/26) x ceil(30/33) = 2 fields. */
  g_assert_true (r.exceeds_reticle);
  g_assert_cmpint (r.reticle_fields, ==, 2);

  /* A 60 x 60 die: its diagonal (84.9 mm) fits in 100 mm, one die. */
  p = small_wafer (60, 60);
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.gross_dies, ==, 1);
  g_assert_true (r.exceeds_reticle);
  /* ceil(60/26) x ceil(60/33) = 3 x 2 = 6 fields either way round. */
  g_assert_cmpint (r.reticle_fields, ==, 6);
}

/* Every site of the map lies wholly in the usable circle, none overlap, and their number
 * is the reported count; the count beats the HP/de Vries approximations' neighbourhood. */
static void
test_map_consistent (void)
{
  gp_wafer_params p;
  gp_wafer_params_init (&p); /* 300 mm, 3 mm exclusion, 0.1 mm scribe, 10 x 10 die */
  gp_wafer_result r;
  gp_error err;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_OK);
  gp_die_site *sites = g_new (gp_die_site, r.gross_dies);
  size_t n = 0;
  g_assert_cmpint (gp_wafer_map (&p, &r, sites, r.gross_dies, &n, &err), ==, GP_OK);
  g_assert_cmpuint (n, ==, (size_t) r.gross_dies);
  double R = 147;
  for (size_t i = 0; i < n; i++)
    for (int c = 0; c < 4; c++)
      {
        double x = sites[i].x_mm + (c & 1) * 10, y = sites[i].y_mm + (c >> 1) * 10;
        g_assert_cmpfloat (x * x + y * y, <=, R * R * (1 + 1e-12));
      }
  for (size_t i = 1; i < n; i++)
    g_assert_true (sites[i].col != sites[i - 1].col || sites[i].row != sites[i - 1].row);

  /* HP with A = 10.1^2 = 102.01 mm2 on the full 300 mm: pi 150^2/102.01 - pi 300/sqrt(204.02)
   * = 692.93 - 65.98 = 626.9. de Vries on the 294 mm usable circle: 665.5 - 0.51 x 64.66 =
   * 632.5. An exact count with an offset search lands near both. */
  g_assert_cmpfloat_with_epsilon (r.dpw_hp, M_PI * 22500 / 102.01 - M_PI * 300 / sqrt (204.02), 1e-9);
  g_assert_cmpfloat_with_epsilon (r.dpw_devries, M_PI * 147 * 147 / 102.01 - 0.51 * M_PI * 294 / sqrt (102.01), 1e-9);
  g_assert_cmpfloat (fabs (r.gross_dies - r.dpw_devries) / r.dpw_devries, <, 0.03);

  /* Too small a buffer: the first CAP sites, the total, GP_ENOMEM. */
  size_t total = 0;
  g_assert_cmpint (gp_wafer_map (&p, &r, sites, 10, &total, &err), ==, GP_ENOMEM);
  g_assert_cmpuint (total, ==, n);
  g_free (sites);
}

/* The offset search never does worse than the die-centred layout, and more steps never
 * lose dies found by fewer (the fine grid contains the coarse one when steps double). */
static void
test_offset_search (void)
{
  gp_wafer_params p;
  gp_wafer_params_init (&p);
  p.die_width_mm = 26;
  p.die_height_mm = 31.3; /* H100-sized, 814 mm2 */
  gp_wafer_result coarse, fine;
  p.offset_steps = 1;
  g_assert_cmpint (gp_wafer_count (&p, &coarse, NULL), ==, GP_OK);
  p.offset_steps = 64;
  g_assert_cmpint (gp_wafer_count (&p, &fine, NULL), ==, GP_OK);
  g_assert_cmpint (fine.gross_dies, >=, coarse.gross_dies);
  /* Published calculators give ~60-65 gross dies for an H100-size die on 300 mm. */
  g_assert_cmpint (fine.gross_dies, >=, 58);
  g_assert_cmpint (fine.gross_dies, <=, 70);
  g_assert_false (fine.exceeds_reticle); /* 26 x 31.3 fits the 26 x 33 field */
  p.die_width_mm = 33;
  p.die_height_mm = 26; /* rotated still fits */
  g_assert_cmpint (gp_wafer_count (&p, &fine, NULL), ==, GP_OK);
  g_assert_false (fine.exceeds_reticle);
  p.die_width_mm = 27;
  p.die_height_mm = 31.3; /* 27 > 26 and 31.3 > 26: no orientation fits the field */
  g_assert_cmpint (gp_wafer_count (&p, &fine, NULL), ==, GP_OK);
  g_assert_true (fine.exceeds_reticle);
  g_assert_cmpint (fine.reticle_fields, ==, 2);
}

/* Cerebras WSE: 215 x 215 mm = 46,225 mm2, one per wafer, corners clipped. */
static void
test_wafer_scale (void)
{
  gp_wafer_params p;
  gp_wafer_params_init (&p);
  p.die_width_mm = 215;
  p.die_height_mm = 215;
  gp_wafer_result r;
  gp_error err;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "die_width_mm");
  g_assert_nonnull (strstr (err.message, "wafer_scale"));
  p.wafer_scale = true;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.gross_dies, ==, 1);
  g_assert_cmpfloat_with_epsilon (r.die_area_mm2, 46225, 1e-9);
  g_assert_true (r.exceeds_reticle);
  /* ceil(215/26) x ceil(215/33) = 9 x 7 = 63 full fields at least (Cerebras uses 84
   * smaller ones). */
  g_assert_cmpint (r.reticle_fields, ==, 63);
  p.die_height_mm = 4.9406564584124654e-324; /* fuzzer-found: a denormal side overflowed the
                                                 approximations with GP_OK */
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "die_height_mm");
  p.die_height_mm = 215;
  p.die_width_mm = 300; /* larger than the 294 mm usable diameter */
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
}

static void
test_errors (void)
{
  gp_wafer_params p;
  gp_wafer_result r;
  gp_error err;

  gp_wafer_params_init (&p);
  p.die_width_mm = 0;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "die_width_mm");
  g_assert_nonnull (strstr (err.message, "allowed (0, 450] mm"));

  gp_wafer_params_init (&p);
  p.die_height_mm = NAN;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "die_height_mm");

  gp_wafer_params_init (&p);
  p.scribe_mm = -0.1;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "scribe_mm");

  gp_wafer_params_init (&p);
  p.edge_exclusion_mm = 150;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "edge_exclusion_mm");

  gp_wafer_params_init (&p);
  p.die_width_mm = 250;
  p.die_height_mm = 250; /* larger than the wafer's usable circle */
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "does not fit"));

  /* A microscopic die would mean millions of sites (and a hang): refused, naming it.
   * 0.01 mm + 0.1 mm scribe: pitch area 0.0121 mm2 < pi 147^2 / 4e6 = 0.01697 mm2. */
  gp_wafer_params_init (&p);
  p.die_width_mm = p.die_height_mm = 0.01;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "die_width_mm");
  g_assert_nonnull (strstr (err.message, "4000000 dies"));
  p.die_width_mm = p.die_height_mm = 1e-300;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);

  gp_wafer_params_init (&p);
  p.offset_steps = 0;
  g_assert_cmpint (gp_wafer_count (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "offset_steps");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/wafer/hand-count", test_hand_count);
  g_test_add_func ("/models/wafer/map-consistent", test_map_consistent);
  g_test_add_func ("/models/wafer/offset-search", test_offset_search);
  g_test_add_func ("/models/wafer/wafer-scale", test_wafer_scale);
  g_test_add_func ("/models/wafer/errors", test_errors);
  return g_test_run ();
}
