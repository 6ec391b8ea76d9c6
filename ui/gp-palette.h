/* gp-palette.h: colours for charts: the Okabe-Ito colour-blind-safe palette and the light
 * and dark themes (background, text, grid) that the screen and the exported files share. */
#pragma once

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A colour with components in [0, 1]. */
typedef struct {
  double r, g, b, a;
} gp_rgba;

/* Number of series colours before the palette repeats. */
#define GP_PALETTE_N 8

/* Okabe & Ito, "Color Universal Design" (2008): eight colours that stay distinct under
 * the common forms of colour-vision deficiency. Ordered for series: the two strongest
 * contrasts first (blue, vermillion), yellow late because it is faint on white, and the
 * palette's black last (it becomes the theme's foreground so it shows on dark
 * backgrounds). */
typedef enum {
  GP_OKABE_BLUE,           /* #0072B2 */
  GP_OKABE_VERMILLION,     /* #D55E00 */
  GP_OKABE_BLUISH_GREEN,   /* #009E73 */
  GP_OKABE_ORANGE,         /* #E69F00 */
  GP_OKABE_SKY_BLUE,       /* #56B4E9 */
  GP_OKABE_REDDISH_PURPLE, /* #CC79A7 */
  GP_OKABE_YELLOW,         /* #F0E442 */
  GP_OKABE_BLACK,          /* #000000 (theme foreground in series use) */
} gp_okabe_ito;

typedef enum {
  GP_THEME_LIGHT, /* paper and light desktops: exports default to it */
  GP_THEME_DARK,  /* dark desktops (the GUI follows the desktop setting) */
} gp_theme_kind;

typedef struct {
  gp_theme_kind kind;
  gp_rgba background;  /* page / widget background */
  gp_rgba foreground;  /* text, axis lines, tick marks */
  gp_rgba muted;       /* secondary text: units, captions, notes */
  gp_rgba grid;        /* major grid lines */
  gp_rgba grid_minor;  /* minor (log) grid lines */
  gp_rgba panel;       /* faint fill: table stripes, wafer disc, legend box */
  gp_rgba good;        /* "good"/"better" (blue-green from the palette) */
  gp_rgba bad;         /* "bad"/"worse" (vermillion from the palette) */
} gp_theme;

/* Series colour for INDEX (any int): 0-7 the Okabe-Ito hues, 8-15 the same half-way to the
 * background (for stacked bars of many parts); wraps modulo 16, negatives too. THEME
 * picks the dark theme's lifted hues, the foreground for index 7 (the palette's black) and
 * the background the tints mix with. */
gp_rgba gp_palette_color (int index, gp_theme_kind theme);

/* The theme for KIND (an unknown kind gives the light theme). Never NULL. */
const gp_theme *gp_theme_get (gp_theme_kind kind);

/* RGBA from 0xRRGGBB and an alpha. */
gp_rgba gp_rgba_from_hex (unsigned rgb, double alpha);

/* WCAG 2 contrast ratio between two opaque colours, in [1, 21]. Used by the tests to
 * check each theme's text is readable (WCAG AA asks 4.5 for small text). */
double gp_rgba_contrast (gp_rgba a, gp_rgba b);

#ifdef __cplusplus
}
#endif
