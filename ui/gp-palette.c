/* gp-palette.c: the Okabe-Ito series colours and the light/dark chart themes. */
#include "gp-palette.h"

#include <math.h>

gp_rgba
gp_rgba_from_hex (unsigned rgb, double alpha)
{
  gp_rgba c = {
    ((rgb >> 16) & 0xff) / 255.0,
    ((rgb >> 8) & 0xff) / 255.0,
    (rgb & 0xff) / 255.0,
    alpha,
  };
  return c;
}

/* Okabe & Ito (2008), https://jfly.uni-koeln.de/color/ : hex values as published. */
static const unsigned okabe_ito_hex[GP_PALETTE_N] = {
  0x0072B2, /* blue */
  0xD55E00, /* vermillion */
  0x009E73, /* bluish green */
  0xE69F00, /* orange */
  0x56B4E9, /* sky blue */
  0xCC79A7, /* reddish purple */
  0xF0E442, /* yellow */
  0x000000, /* black */
};

/* The dark theme lifts the three darkest hues: on #242424, #0072B2 has a WCAG contrast
 * of 3.0, vermillion 4.0 and bluish green 4.5, so thin lines would fade on screen.
 * #3A9AD9 (5.0), #E8711A (5.0) and #10B386 (5.8) keep each hue and stay apart from
 * sky blue #56B4E9 and orange #E69F00 by lightness. */
static const unsigned okabe_ito_dark_hex[GP_PALETTE_N] = {
  0x3A9AD9, 0xE8711A, 0x10B386, 0xE69F00, 0x56B4E9, 0xCC79A7, 0xF0E442, 0x000000,
};

static const gp_theme theme_light = {
  .kind = GP_THEME_LIGHT,
  .background = { 1.0, 1.0, 1.0, 1.0 },
  .foreground = { 0.10, 0.10, 0.10, 1.0 },
  .muted = { 0.36, 0.36, 0.36, 1.0 },
  .grid = { 0.84, 0.84, 0.84, 1.0 },
  .grid_minor = { 0.93, 0.93, 0.93, 1.0 },
  .panel = { 0.95, 0.95, 0.95, 1.0 },
  .good = { 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0, 1.0 },
  .bad = { 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0, 1.0 },
};

/* Colours close to libadwaita's dark window (#242424) so the chart sits in the GUI. */
static const gp_theme theme_dark = {
  .kind = GP_THEME_DARK,
  .background = { 0.141, 0.141, 0.141, 1.0 },
  .foreground = { 0.92, 0.92, 0.92, 1.0 },
  .muted = { 0.68, 0.68, 0.68, 1.0 },
  .grid = { 0.30, 0.30, 0.30, 1.0 },
  .grid_minor = { 0.21, 0.21, 0.21, 1.0 },
  .panel = { 0.19, 0.19, 0.19, 1.0 },
  .good = { 0x10 / 255.0, 0xB3 / 255.0, 0x86 / 255.0, 1.0 },
  .bad = { 0xE8 / 255.0, 0x71 / 255.0, 0x1A / 255.0, 1.0 },
};

const gp_theme *
gp_theme_get (gp_theme_kind kind)
{
  return kind == GP_THEME_DARK ? &theme_dark : &theme_light;
}

gp_rgba
gp_palette_color (int index, gp_theme_kind theme)
{
  /* Sixteen colours: the eight hues, then the same hues half-way to the background, so a
   * stacked bar of nine or more parts (the capex lines) never repeats a colour. */
  int j = index % (2 * GP_PALETTE_N);
  if (j < 0)
    j += 2 * GP_PALETTE_N;
  int i = j % GP_PALETTE_N;
  gp_rgba c;
  if (i == GP_OKABE_BLACK)
    c = gp_theme_get (theme)->foreground;
  else
    c = gp_rgba_from_hex (theme == GP_THEME_DARK ? okabe_ito_dark_hex[i] : okabe_ito_hex[i], 1.0);
  if (j >= GP_PALETTE_N)
    {
      gp_rgba bg = gp_theme_get (theme)->background;
      c.r = 0.5 * (c.r + bg.r);
      c.g = 0.5 * (c.g + bg.g);
      c.b = 0.5 * (c.b + bg.b);
    }
  return c;
}

/* WCAG 2.x relative luminance of an sRGB colour. */
static double
luminance (gp_rgba c)
{
  double ch[3] = { c.r, c.g, c.b };
  for (int i = 0; i < 3; i++)
    ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow ((ch[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

double
gp_rgba_contrast (gp_rgba a, gp_rgba b)
{
  double la = luminance (a), lb = luminance (b);
  double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
  return (hi + 0.05) / (lo + 0.05);
}
