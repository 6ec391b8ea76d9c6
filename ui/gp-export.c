/* gp-export.c: SVG/PDF/PNG/CSV export of charts through one drawing path, and atomic
 * file writing (temporary file, fsync, rename). */
#include "gp-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <png.h>
#include <setjmp.h>
#include <dirent.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include "gp-chart-private.h"
#include "gp-numfmt.h"

const char *const gp_export_format_names[] = { "svg", "pdf", "png", "csv", NULL };

/* ================================================================ options */

void
gp_export_options_init (gp_export_options *opts)
{
  opts->width_px = 336.0;  /* 3.5 in */
  opts->height_px = 252.0; /* 2.625 in: 4:3 */
  opts->dpi = 300.0;
  opts->theme = GP_THEME_LIGHT;
  opts->scale = 1.0;
}

gp_status
gp_export_options_set_size_in (gp_export_options *opts, double width_in, double height_in,
                               gp_error *err)
{
  GP_TRY (gp_check_range (err, "width_in", width_in, 1.0 / 6.0, 1000.0, 0, "in"));
  GP_TRY (gp_check_range (err, "height_in", height_in, 1.0 / 6.0, 1000.0, 0, "in"));
  opts->width_px = width_in * 96.0;
  opts->height_px = height_in * 96.0;
  return GP_OK;
}

void
gp_export_png_size (const gp_export_options *opts, int *width, int *height)
{
  *width = (int) lround (opts->width_px * opts->dpi / 96.0);
  *height = (int) lround (opts->height_px * opts->dpi / 96.0);
}

gp_status
gp_export_options_check (const gp_export_options *opts, gp_export_format format,
                         gp_error *err)
{
  GP_TRY (gp_check_range (err, "width_px", opts->width_px, 16, 100000, 0, "px"));
  GP_TRY (gp_check_range (err, "height_px", opts->height_px, 16, 100000, 0, "px"));
  GP_TRY (gp_check_range (err, "scale", opts->scale, 0.25, 8, 0, ""));
  if (opts->theme != GP_THEME_LIGHT && opts->theme != GP_THEME_DARK)
    return gp_error_set (err, GP_EINVAL, "theme", "theme = %d is not a theme",
                         (int) opts->theme);
  if (format == GP_EXPORT_PNG)
    {
      GP_TRY (gp_check_range (err, "dpi", opts->dpi, 24, 2400, 0, "dpi"));
      int w, h;
      gp_export_png_size (opts, &w, &h);
      if (w > 32767 || h > 32767)
        return gp_error_set (err, GP_EINVAL, "dpi",
                             "dpi = %g makes a %d x %d px image: cairo allows at most 32767 px "
                             "a side", opts->dpi, w, h);
    }
  return GP_OK;
}

gp_status
gp_export_format_from_path (const char *path, gp_export_format *format, gp_error *err)
{
  const char *dot = path ? strrchr (path, '.') : NULL;
  const char *slash = path ? strrchr (path, '/') : NULL;
  if (dot != NULL && (slash == NULL || dot > slash))
    for (int i = 0; i < GP_EXPORT_N_FORMATS; i++)
      if (strcasecmp (dot + 1, gp_export_format_names[i]) == 0)
        {
          *format = (gp_export_format) i;
          return GP_OK;
        }
  return gp_error_set (err, GP_ENOTFOUND, "path",
                       "path '%s' has no known extension: use .svg, .pdf, .png or .csv",
                       path ? path : "(null)");
}

/* ================================================================ memory buffer */

typedef struct {
  unsigned char *data;
  size_t len, cap;
  bool failed;
} membuf;

static bool
buf_append (membuf *b, const void *p, size_t n)
{
  if (b->failed)
    return false;
  if (b->len + n + 1 > b->cap)
    {
      size_t cap = b->cap ? b->cap : 4096;
      while (cap < b->len + n + 1)
        cap *= 2;
      unsigned char *q = realloc (b->data, cap);
      if (q == NULL)
        {
          b->failed = true;
          return false;
        }
      b->data = q;
      b->cap = cap;
    }
  memcpy (b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return true;
}

static bool
buf_puts (membuf *b, const char *s)
{
  return buf_append (b, s, strlen (s));
}

static cairo_status_t
buf_write (void *closure, const unsigned char *data, unsigned int length)
{
  return buf_append (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ================================================================ PNG */

/* The zlib level PNGs are written at. cairo 1.16's writer has no level and uses zlib's
 * default (6), which spent ~60% of a 300 dpi export compressing. A chart is large flat
 * areas and thin lines, so level 1 with the Sub filter costs a fraction of the time for
 * files about 1.45x larger (the 3 x 1,000-point bench chart at 300 dpi: 137 kB against
 * 95 kB, ~3x less CPU in the bench under load); the pixels are the same. */
#define GP_PNG_ZLIB_LEVEL 1

static void
png_buf_write (png_structp png, png_bytep data, size_t length)
{
  if (!buf_append (png_get_io_ptr (png), data, length))
    png_error (png, "out of memory");
}

static void
png_buf_flush (png_structp png)
{
  (void) png;
}

/* The RGB24 SURFACE (flushed) as an 8-bit RGB PNG with a pHYs chunk for DPI (PNG spec
 * 11.3.5.3: pixels per metre, unit 1) so viewers and LaTeX know the intended size. The same
 * pixels and the same bytes on every call (no time chunk, fixed settings). */
static gp_status
png_encode (cairo_surface_t *surface, double dpi, membuf *out, gp_error *err)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *pix = cairo_image_surface_get_data (surface);
  unsigned char *row = malloc ((size_t) w * 3 + 1);
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct (png) : NULL;
  if (row == NULL || png == NULL || info == NULL || pix == NULL)
    {
      free (row);
      png_destroy_write_struct (&png, &info);
      return gp_error_set (err, GP_ENOMEM, "png", "out of memory writing the PNG");
    }
  if (setjmp (png_jmpbuf (png)))
    {
      free (row);
      png_destroy_write_struct (&png, &info);
      return gp_error_set (err, GP_ENOMEM, "png", "out of memory writing the PNG");
    }
  png_set_write_fn (png, out, png_buf_write, png_buf_flush);
  png_set_compression_level (png, GP_PNG_ZLIB_LEVEL);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR (png, info, (png_uint_32) w, (png_uint_32) h, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_uint_32 ppm = (png_uint_32) lround (dpi / 0.0254);
  png_set_pHYs (png, info, ppm, ppm, PNG_RESOLUTION_METER);
  png_write_info (png, info);
  for (int y = 0; y < h; y++)
    {
      /* RGB24: one native-endian uint32 a pixel, x R G B from the high byte down */
      const uint32_t *src = (const uint32_t *) (const void *) (pix + (size_t) y * stride);
      for (int x = 0; x < w; x++)
        {
          uint32_t v = src[x];
          row[3 * x] = (unsigned char) (v >> 16);
          row[3 * x + 1] = (unsigned char) (v >> 8);
          row[3 * x + 2] = (unsigned char) v;
        }
      png_write_row (png, row);
    }
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  free (row);
  return GP_OK;
}

/* ================================================================ rendering */

static gp_status
cairo_failure (gp_error *err, const char *what, cairo_status_t st)
{
  return gp_error_set (err, st == CAIRO_STATUS_NO_MEMORY ? GP_ENOMEM : GP_EIO, "cairo",
                       "%s failed: %s", what, cairo_status_to_string (st));
}

/* Draw into SURFACE at user scale K (px -> surface units), finish it, check cairo. */
static gp_status
draw_on (const gp_chart *chart, cairo_surface_t *surface, double k,
         const gp_export_options *o, const char *what, gp_error *err)
{
  cairo_status_t st = cairo_surface_status (surface);
  if (st != CAIRO_STATUS_SUCCESS)
    return cairo_failure (err, what, st);
  cairo_t *cr = cairo_create (surface);
  /* Paint the whole surface first: a PNG is rounded to whole pixels (787.5 -> 788 rows)
   * and the chart's own background would leave the last half row black. */
  gp_rgba bg = gp_theme_get (o->theme)->background;
  cairo_set_source_rgba (cr, bg.r, bg.g, bg.b, bg.a);
  cairo_paint (cr);
  cairo_scale (cr, k, k);
  gp_draw_options dopts = { o->theme, o->scale };
  gp_status s = gp_chart_draw (chart, cr, o->width_px, o->height_px, &dopts, NULL, err);
  st = cairo_status (cr);
  cairo_destroy (cr);
  if (s != GP_OK)
    return s;
  if (st != CAIRO_STATUS_SUCCESS)
    return cairo_failure (err, what, st);
  cairo_surface_flush (surface);
  return GP_OK;
}

static gp_status
render_csv (const gp_chart *chart, membuf *b, gp_error *err);

/* cairo writes path coordinates with 6 decimals; the SVG is in px, so 0.01 px is beyond
 * what any screen or printer shows. Round every number with a fraction inside a d="..."
 * attribute to at most 2 decimals (trailing zeros dropped, -0 written 0), in place: the
 * text only shrinks. Parsed and printed by hand, so no locale can put a comma in. */
static void
round_svg_paths (unsigned char *data, size_t *len)
{
  size_t r = 0, w = 0, n = *len;
  bool in_d = false;
  while (r < n)
    {
      if (!in_d)
        {
          if (r + 4 <= n && memcmp (data + r, " d=\"", 4) == 0)
            {
              memmove (data + w, data + r, 4);
              w += 4, r += 4;
              in_d = true;
              continue;
            }
          data[w++] = data[r++];
          continue;
        }
      unsigned char ch = data[r];
      if (ch == '"')
        {
          in_d = false;
          data[w++] = data[r++];
          continue;
        }
      bool neg = ch == '-' && r + 1 < n && data[r + 1] >= '0' && data[r + 1] <= '9';
      if (!neg && !(ch >= '0' && ch <= '9'))
        {
          data[w++] = data[r++];
          continue;
        }
      /* a number: [-]digits[.digits] */
      size_t start = r;
      if (neg)
        r++;
      unsigned long long ip = 0;
      int idigits = 0;
      while (r < n && data[r] >= '0' && data[r] <= '9' && idigits < 15)
        ip = ip * 10 + (unsigned) (data[r++] - '0'), idigits++;
      if (r < n && data[r] >= '0' && data[r] <= '9')
        {
          /* too long to be a coordinate: copy it as it is */
          while (r < n && ((data[r] >= '0' && data[r] <= '9') || data[r] == '.'))
            r++;
          memmove (data + w, data + start, r - start);
          w += r - start;
          continue;
        }
      if (r >= n || data[r] != '.')
        {
          memmove (data + w, data + start, r - start);
          w += r - start;
          continue;
        }
      r++; /* '.' */
      int f[3] = { 0, 0, 0 }, k = 0;
      while (r < n && data[r] >= '0' && data[r] <= '9')
        {
          if (k < 3)
            f[k] = data[r] - '0';
          k++, r++;
        }
      /* hundredths, rounded half up on the third decimal */
      unsigned long long q = ip * 100 + (unsigned) (f[0] * 10 + f[1]) + (f[2] >= 5);
      char out[48];
      int m = 0;
      if (neg && q != 0)
        out[m++] = '-';
      m += snprintf (out + m, sizeof out - (size_t) m, "%llu", q / 100);
      int frac = (int) (q % 100);
      if (frac != 0)
        {
          out[m++] = '.';
          out[m++] = (char) ('0' + frac / 10);
          if (frac % 10)
            out[m++] = (char) ('0' + frac % 10);
        }
      memcpy (data + w, out, (size_t) m); /* m <= r - start: see above */
      w += (size_t) m;
    }
  *len = w;
  if (w < n)
    data[w] = '\0';
}

/* cairo names SVG groups "surfaceN" from a process-wide counter, so the same chart
 * rendered twice differed (surface9 against surface14: a byte more once N has two
 * digits). Renumber every "surface<digits>" by order of first appearance (ids and
 * references alike). A new number is at most one digit longer than the old one, and each
 * occurrence takes at least 8 bytes, so the text grows by at most an eighth. On running
 * out of memory the text is left as cairo wrote it. */
static void
renumber_svg_surfaces (unsigned char **data, size_t *len)
{
  enum { MAX_IDS = 64 };
  static const char key[] = "surface";
  const size_t klen = sizeof key - 1;
  size_t n = *len;
  unsigned char *src = malloc (n ? n : 1);
  unsigned char *dst = malloc (n + n / 8 + 16);
  if (src == NULL || dst == NULL)
    {
      free (src);
      free (dst);
      return;
    }
  memcpy (src, *data, n);
  unsigned long seen[MAX_IDS];
  size_t n_seen = 0, out = 0, in = 0;
  while (in < n)
    {
      if (n - in > klen && memcmp (src + in, key, klen) == 0 && src[in + klen] >= '0'
          && src[in + klen] <= '9')
        {
          size_t j = in + klen;
          unsigned long v = 0;
          bool overflow = false;
          while (j < n && src[j] >= '0' && src[j] <= '9')
            {
              overflow |= v > (ULONG_MAX - 9) / 10;
              v = v * 10 + (unsigned long) (src[j] - '0');
              j++;
            }
          size_t k = 0;
          while (k < n_seen && seen[k] != v)
            k++;
          if (!overflow && (k < n_seen || n_seen < MAX_IDS))
            {
              if (k == n_seen)
                seen[n_seen++] = v;
              char num[24];
              int nl = snprintf (num, sizeof num, "%zu", k + 1);
              memcpy (dst + out, key, klen);
              memcpy (dst + out + klen, num, (size_t) nl);
              out += klen + (size_t) nl;
              in = j;
              continue;
            }
        }
      dst[out++] = src[in++];
    }
  free (src);
  free (*data);
  *data = dst;
  *len = out;
}

gp_status
gp_chart_render (const gp_chart *chart, gp_export_format format, const gp_export_options *opts,
                 unsigned char **bytes, size_t *len, gp_error *err)
{
  gp_export_options defaults;
  gp_export_options_init (&defaults);
  if (opts == NULL)
    opts = &defaults;
  if ((int) format < 0 || format >= GP_EXPORT_N_FORMATS)
    return gp_error_set (err, GP_EINVAL, "format", "format = %d is not an export format",
                         (int) format);
  GP_TRY (gp_export_options_check (opts, format, err));

  membuf b = { 0 };
  gp_status s = GP_OK;
  cairo_surface_t *surface = NULL;
  cairo_status_t st;
  switch (format)
    {
    case GP_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (buf_write, &b, opts->width_px,
                                                     opts->height_px);
      /* cairo 1.16 writes pt by default, which would make the figure 4/3 too large. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      s = draw_on (chart, surface, 1.0, opts, "SVG export", err);
      break;
    case GP_EXPORT_PDF:
      /* PDF user space is pt (1/72 in): the same physical size as W px at 96 px/in. */
      surface = cairo_pdf_surface_create_for_stream (buf_write, &b, opts->width_px * 0.75,
                                                     opts->height_px * 0.75);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                          "glasspane " GP_VERSION);
        }
      s = draw_on (chart, surface, 0.75, opts, "PDF export", err);
      break;
    case GP_EXPORT_PNG:
      {
        int w, h;
        gp_export_png_size (opts, &w, &h);
        /* Opaque background: RGB24 saves a quarter of the bytes zlib has to compress. */
        surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
        s = draw_on (chart, surface, opts->dpi / 96.0, opts, "PNG export", err);
        if (s == GP_OK)
          {
            s = png_encode (surface, opts->dpi, &b, err);
          }
      }
      break;
    case GP_EXPORT_CSV:
      s = render_csv (chart, &b, err);
      break;
    default:
      break;
    }
  if (surface != NULL)
    {
      cairo_surface_finish (surface); /* SVG and PDF are written out here */
      st = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (s == GP_OK && st != CAIRO_STATUS_SUCCESS)
        s = cairo_failure (err, gp_export_format_names[format], st);
    }
  if (s == GP_OK && b.failed)
    s = gp_error_set (err, GP_ENOMEM, "bytes", "out of memory rendering the chart");
  if (s == GP_OK && b.data == NULL)
    s = gp_error_set (err, GP_EIO, "bytes", "the %s export produced no output",
                      gp_export_format_names[format]);
  if (s != GP_OK)
    {
      free (b.data);
      return s;
    }
  if (format == GP_EXPORT_SVG)
    {
      renumber_svg_surfaces (&b.data, &b.len);
      round_svg_paths (b.data, &b.len);
    }
  *bytes = b.data;
  *len = b.len;
  return GP_OK;
}

/* ================================================================ CSV */

/* One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, quotes doubled. */
static void
csv_field (membuf *b, const char *s, bool first)
{
  if (!first)
    buf_puts (b, ",");
  if (s == NULL)
    return;
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      buf_puts (b, s);
      return;
    }
  buf_puts (b, "\"");
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        buf_puts (b, "\"\"");
      else
        buf_append (b, p, 1);
    }
  buf_puts (b, "\"");
}

/* The shortest digits that read back to the same double, with '.' under every locale. */
static void
csv_number (membuf *b, double v, bool first)
{
  char num[40];
  if (isnan (v))
    num[0] = '\0';
  else if (isinf (v))
    snprintf (num, sizeof num, "%s", v > 0 ? "inf" : "-inf");
  else
    gp_fmt_double (num, sizeof num, v);
  csv_field (b, num, first);
}

static void
csv_end (membuf *b)
{
  buf_puts (b, "\r\n");
}

/* "KEY[_SUFFIX] [UNIT]" */
static void
csv_header_for (membuf *b, const gp_axis *axis, const char *suffix, bool first)
{
  char key[GP_AXIS_KEY_MAX + GP_AXIS_LABEL_MAX + GP_AXIS_UNIT_MAX + 32];
  char head[sizeof key + GP_AXIS_UNIT_MAX + 4];
  gp_axis_csv_key (axis, key, sizeof key - 32);
  if (suffix)
    strncat (key, suffix, 31);
  if (axis->unit[0])
    snprintf (head, sizeof head, "%s [%s]", key, axis->unit);
  else
    snprintf (head, sizeof head, "%s", key);
  csv_field (b, head, first);
}

static void
csv_named_header (membuf *b, const char *name, const char *unit, bool first)
{
  size_t n = strlen (name) + (unit ? strlen (unit) : 0) + 4;
  char *h = malloc (n);
  if (h == NULL)
    {
      b->failed = true;
      return;
    }
  if (unit && unit[0])
    snprintf (h, n, "%s [%s]", name, unit);
  else
    snprintf (h, n, "%s", name);
  csv_field (b, h, first);
  free (h);
}

static void
csv_xy (const gp_chart *ch, membuf *b)
{
  bool band = false, labels = false;
  for (size_t i = 0; i < ch->n_series; i++)
    {
      band |= ch->series[i]->y_lo != NULL;
      labels |= ch->series[i]->labels != NULL;
    }
  csv_field (b, "series", true);
  csv_header_for (b, &ch->x, NULL, false);
  csv_header_for (b, &ch->y, NULL, false);
  if (band)
    {
      csv_header_for (b, &ch->y, "_lo", false);
      csv_header_for (b, &ch->y, "_hi", false);
    }
  if (labels)
    csv_field (b, "label", false);
  csv_end (b);
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      for (size_t k = 0; k < s->n; k++)
        {
          csv_field (b, s->name, true);
          csv_number (b, s->x[k], false);
          csv_number (b, s->y[k], false);
          if (band)
            {
              csv_number (b, s->y_lo ? s->y_lo[k] : NAN, false);
              csv_number (b, s->y_hi ? s->y_hi[k] : NAN, false);
            }
          if (labels)
            csv_field (b, s->labels && s->labels[k] ? s->labels[k] : "", false);
          csv_end (b);
        }
    }
}

static size_t
n_category_rows (const gp_chart *ch)
{
  size_t n = ch->n_categories;
  for (size_t i = 0; i < ch->n_series; i++)
    if (ch->series[i]->n > n)
      n = ch->series[i]->n;
  return n;
}

static const char *
category (const gp_chart *ch, size_t k)
{
  return k < ch->n_categories ? ch->categories[k] : "";
}

static double
value_at (const gp_series *s, size_t k)
{
  return k < s->n ? s->y[k] : NAN;
}

static void
csv_stacked (const gp_chart *ch, membuf *b)
{
  char key[GP_AXIS_KEY_MAX + GP_AXIS_LABEL_MAX + GP_AXIS_UNIT_MAX];
  if (ch->x.key[0] || ch->x.label[0])
    gp_axis_csv_key (&ch->x, key, sizeof key);
  else
    snprintf (key, sizeof key, "category");
  csv_field (b, key, true);
  for (size_t i = 0; i < ch->n_series; i++)
    csv_named_header (b, ch->series[i]->name, ch->y.unit, false);
  csv_named_header (b, "total", ch->y.unit, false);
  csv_end (b);
  size_t n = n_category_rows (ch);
  for (size_t k = 0; k < n; k++)
    {
      csv_field (b, category (ch, k), true);
      double total = 0;
      bool any = false;
      for (size_t i = 0; i < ch->n_series; i++)
        {
          double v = value_at (ch->series[i], k);
          csv_number (b, v, false);
          if (isfinite (v) && !ch->series[i]->hidden)
            {
              total += v;
              any = true;
            }
        }
      csv_number (b, any ? total : NAN, false);
      csv_end (b);
    }
}

static void
csv_waterfall (const gp_chart *ch, membuf *b)
{
  csv_field (b, "step", true);
  csv_field (b, "kind", false);
  csv_header_for (b, &ch->y, NULL, false);
  csv_header_for (b, &ch->y, "_cumulative", false);
  csv_end (b);
  const gp_series *s = ch->n_series ? ch->series[0] : NULL;
  if (s == NULL)
    return;
  double cum = 0;
  bool started = false;
  for (size_t k = 0; k < s->n; k++)
    {
      double v = s->y[k];
      bool start = !started && isfinite (v);
      if (isfinite (v))
        {
          cum = started ? cum + v : v;
          started = true;
        }
      csv_field (b, category (ch, k), true);
      csv_field (b, start ? "start" : "step", false);
      csv_number (b, v, false);
      csv_number (b, started ? cum : NAN, false);
      csv_end (b);
    }
  csv_field (b, ch->total_label, true);
  csv_field (b, "total", false);
  csv_number (b, started ? cum : NAN, false);
  csv_number (b, started ? cum : NAN, false);
  csv_end (b);
}

static void
csv_tornado (const gp_chart *ch, membuf *b)
{
  csv_field (b, "parameter", true);
  csv_header_for (b, &ch->x, "_at_low", false);
  csv_header_for (b, &ch->x, "_at_high", false);
  csv_header_for (b, &ch->x, "_baseline", false);
  csv_header_for (b, &ch->x, "_span", false);
  csv_end (b);
  if (ch->n_series < 2)
    return;
  size_t n = n_category_rows (ch);
  for (size_t k = 0; k < n; k++)
    {
      double lo = value_at (ch->series[0], k), hi = value_at (ch->series[1], k);
      csv_field (b, category (ch, k), true);
      csv_number (b, lo, false);
      csv_number (b, hi, false);
      csv_number (b, ch->baseline, false);
      csv_number (b, fabs (hi - lo), false);
      csv_end (b);
    }
}

static void
csv_wafer (const gp_chart *ch, membuf *b)
{
  static const char *const head[] = { "kind", "x_mm [mm]", "y_mm [mm]", "width_mm [mm]",
                                      "height_mm [mm]", "good" };
  for (int i = 0; i < 6; i++)
    csv_field (b, head[i], i == 0);
  csv_end (b);
  if (!(ch->wafer_diameter_mm > 0))
    return;
  /* The wafer and usable circles as their bounding squares, like the dies. */
  double r[2] = { ch->wafer_diameter_mm, ch->wafer_usable_mm };
  const char *kinds[2] = { "wafer", "usable" };
  for (int i = 0; i < 2; i++)
    {
      csv_field (b, kinds[i], true);
      csv_number (b, -r[i] / 2, false);
      csv_number (b, -r[i] / 2, false);
      csv_number (b, r[i], false);
      csv_number (b, r[i], false);
      csv_field (b, "", false);
      csv_end (b);
    }
  for (size_t i = 0; i < ch->n_dies; i++)
    {
      const gp_wafer_die *d = &ch->dies[i];
      csv_field (b, "die", true);
      csv_number (b, d->x_mm, false);
      csv_number (b, d->y_mm, false);
      csv_number (b, d->width_mm, false);
      csv_number (b, d->height_mm, false);
      csv_field (b, d->good ? "1" : "0", false);
      csv_end (b);
    }
  for (size_t i = 0; i < ch->n_defects; i++)
    {
      csv_field (b, "defect", true);
      csv_number (b, ch->defects[2 * i], false);
      csv_number (b, ch->defects[2 * i + 1], false);
      csv_field (b, "", false);
      csv_field (b, "", false);
      csv_field (b, "", false);
      csv_end (b);
    }
}

static void
csv_table (const gp_chart *ch, membuf *b)
{
  for (size_t j = 0; j < ch->n_cols; j++)
    csv_named_header (b, ch->columns[j].name ? ch->columns[j].name : "",
                      ch->columns[j].unit, j == 0);
  if (ch->n_cols)
    csv_end (b);
  for (size_t r = 0; r < ch->n_rows; r++)
    {
      for (size_t j = 0; j < ch->n_cols; j++)
        {
          const gp_table_cell *c = &ch->cells[r * ch->n_cols + j];
          if (isfinite (c->value) || isinf (c->value))
            csv_number (b, c->value, j == 0);
          else
            csv_field (b, c->text ? c->text : "", j == 0);
        }
      csv_end (b);
    }
}

static gp_status
render_csv (const gp_chart *chart, membuf *b, gp_error *err)
{
  switch (chart->kind)
    {
    case GP_CHART_LINE:
    case GP_CHART_SCATTER: csv_xy (chart, b); break;
    case GP_CHART_STACKED_BAR: csv_stacked (chart, b); break;
    case GP_CHART_WATERFALL: csv_waterfall (chart, b); break;
    case GP_CHART_TORNADO: csv_tornado (chart, b); break;
    case GP_CHART_WAFER_MAP: csv_wafer (chart, b); break;
    case GP_CHART_TABLE: csv_table (chart, b); break;
    default: break;
    }
  if (b->failed)
    return gp_error_set (err, GP_ENOMEM, "csv", "out of memory writing CSV");
  if (b->data == NULL)
    buf_puts (b, "");
  return GP_OK;
}

gp_status
gp_chart_to_csv (const gp_chart *chart, char **csv, size_t *len, gp_error *err)
{
  unsigned char *bytes;
  size_t n;
  GP_TRY (gp_chart_render (chart, GP_EXPORT_CSV, NULL, &bytes, &n, err));
  *csv = (char *) bytes;
  if (len)
    *len = n;
  return GP_OK;
}

/* ================================================================ files */

/* The process umask without changing it (umask(2) is a read-and-set, racy with threads):
 * Linux reports it in /proc/self/status since 4.7; otherwise assume the usual 022. */
static mode_t
current_umask (void)
{
  FILE *f = fopen ("/proc/self/status", "r");
  mode_t mask = 022;
  if (f == NULL)
    return mask;
  char line[256];
  while (fgets (line, sizeof line, f))
    {
      unsigned m;
      if (sscanf (line, "Umask: %o", &m) == 1)
        {
          mask = (mode_t) m;
          break;
        }
    }
  fclose (f);
  return mask;
}

static gp_status
io_error (gp_error *err, const char *path, const char *what, int errnum)
{
  return gp_error_set (err, GP_EIO, "path", "cannot write '%s': %s%s%s", path, what,
                       what[0] ? ": " : "", strerror (errnum));
}

static gp_status
refuse (gp_error *err, const char *path, const char *why)
{
  return gp_error_set (err, GP_EIO, "path", "cannot write '%s': %s", path, why);
}

/* Temporary files are hidden, carry a marker of their own and mkstemp's six characters:
 * ".NAME.gp-save-XXXXXX" beside NAME, or ".gp-save-XXXXXX" when NAME is too long for that
 * to fit in a 255-byte file name. The stale sweep removes these exact shapes only. */
#define TMP_MARK ".gp-save-"
#define TMP_MARK_LEN (sizeof TMP_MARK - 1)
#define NAME_MAX_BYTES 255

static bool
is_mkstemp_suffix (const char *s)
{
  for (int i = 0; i < 6; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
          || (s[i] >= '0' && s[i] <= '9')))
      return false;
  return s[6] == '\0';
}

/* Is NAME a temporary file of a save of BASE (or of a save of any over-long name)? */
static bool
is_our_temporary (const char *name, const char *base, size_t base_len)
{
  if (strncmp (name, TMP_MARK, TMP_MARK_LEN) == 0)
    return is_mkstemp_suffix (name + TMP_MARK_LEN);
  return name[0] == '.' && strncmp (name + 1, base, base_len) == 0
         && strncmp (name + 1 + base_len, TMP_MARK, TMP_MARK_LEN) == 0
         && is_mkstemp_suffix (name + 1 + base_len + TMP_MARK_LEN);
}

/* A writer killed between mkstemp and rename leaves its temporary file behind. After each
 * successful save, remove such leftovers of the same NAME (and of over-long names) that
 * are regular files of ours with one link, older than ten minutes (a younger one may
 * belong to a writer still running in another process). Best effort: failures here never
 * fail the save, whose new content is already in place. */
static void
sweep_stale_temps (const char *dir, const char *base)
{
  size_t base_len = strlen (base);
  DIR *d = opendir (dir);
  if (d == NULL)
    return;
  time_t now = time (NULL);
  struct dirent *e;
  while ((e = readdir (d)) != NULL)
    {
      const char *name = e->d_name;
      if (!is_our_temporary (name, base, base_len))
        continue;
      char full[4096 + 256];
      if ((size_t) snprintf (full, sizeof full, "%s/%s", dir, name) >= sizeof full)
        continue;
      struct stat st;
      if (lstat (full, &st) == 0 && S_ISREG (st.st_mode) && st.st_nlink == 1
          && st.st_uid == geteuid () && now - st.st_mtime > 600)
        unlink (full);
    }
  closedir (d);
}

static const char *
file_kind (mode_t m)
{
  if (S_ISDIR (m))
    return "it is a directory";
  if (S_ISFIFO (m))
    return "it is a FIFO (named pipe), not a regular file";
  if (S_ISCHR (m) || S_ISBLK (m))
    return "it is a device, not a regular file";
  if (S_ISSOCK (m))
    return "it is a socket, not a regular file";
  return "it is not a regular file";
}

/* The checks on what PATH names now: nothing (a new file) or a regular file we may write.
 * Fills *ST and *EXISTS. */
static gp_status
check_target (const char *path, struct stat *st, bool *exists, gp_error *err)
{
  *exists = false;
  if (lstat (path, st) != 0)
    {
      if (errno == ENOENT)
        return GP_OK;
      return io_error (err, path, "", errno);
    }
  if (S_ISLNK (st->st_mode))
    return refuse (err, path, "it is a symbolic link; glasspane saves only to regular files "
                              "and new names (save to the file it points to instead)");
  if (!S_ISREG (st->st_mode))
    return refuse (err, path, file_kind (st->st_mode));
  /* Mode bits first, so a read-only file is refused even for root. */
  if ((st->st_mode & 0222) == 0 || faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
    return refuse (err, path, "it is read-only");
  *exists = true;
  return GP_OK;
}

gp_status
gp_atomic_write_file (const char *path, const void *bytes, size_t len, gp_error *err)
{
  if (path == NULL || path[0] == '\0')
    return gp_error_set (err, GP_EINVAL, "path", "path is empty");
  if (bytes == NULL && len > 0)
    return gp_error_set (err, GP_EINVAL, "bytes", "bytes is NULL for %zu bytes", len);
  size_t n = strlen (path);
  const char *slash = strrchr (path, '/');
  const char *base = slash ? slash + 1 : path;
  if (base[0] == '\0' || strcmp (base, ".") == 0 || strcmp (base, "..") == 0)
    return gp_error_set (err, GP_EINVAL, "path", "path '%s' names a directory", path);
  size_t base_len = strlen (base);
  if (base_len > NAME_MAX_BYTES)
    return refuse (err, path, strerror (ENAMETOOLONG));

  struct stat st;
  bool exists;
  GP_TRY (check_target (path, &st, &exists, err));

  /* DIR (owned) and the temporary name beside PATH. */
  size_t dir_len = slash ? (size_t) (slash - path) : 0;
  char *dir = malloc (dir_len + 2);
  char *tmp = malloc (n + 1 + TMP_MARK_LEN + 8);
  if (dir == NULL || tmp == NULL)
    {
      free (dir);
      free (tmp);
      return gp_error_set (err, GP_ENOMEM, "path", "out of memory writing '%s'", path);
    }
  if (slash == NULL)
    strcpy (dir, ".");
  else if (dir_len == 0)
    strcpy (dir, "/");
  else
    {
      memcpy (dir, path, dir_len);
      dir[dir_len] = '\0';
    }
  size_t prefix = slash ? (size_t) (base - path) : 0;
  memcpy (tmp, path, prefix);
  if (1 + base_len + TMP_MARK_LEN + 6 <= NAME_MAX_BYTES)
    sprintf (tmp + prefix, ".%s" TMP_MARK "XXXXXX", base);
  else
    strcpy (tmp + prefix, TMP_MARK "XXXXXX");

  gp_status s = GP_OK;
#ifdef __linux__
  /* /proc and /sys hold regular-looking files that are not files. */
  struct statfs sfs;
  if (statfs (dir, &sfs) == 0 && (sfs.f_type == 0x9fa0 /* PROC_SUPER_MAGIC */
                                  || sfs.f_type == 0x62656572 /* SYSFS_MAGIC */))
    s = refuse (err, path, "it is in /proc or /sys, not a place for files");
#endif
  int fd = -1;
  if (s == GP_OK && (fd = mkstemp (tmp)) < 0)
    s = io_error (err, path, "cannot create a temporary file", errno);
  if (s != GP_OK)
    {
      free (dir);
      free (tmp);
      return s;
    }
  /* An existing file keeps its permission bits (less set-user/group-ID: a saved design is
   * not a program) and, where the system allows, its owner and group. */
  mode_t mode = exists ? (st.st_mode & 01777) : (0666 & ~current_umask ());
  if (fchmod (fd, mode) != 0)
    s = io_error (err, path, "cannot set permissions", errno);
  if (s == GP_OK && exists && (st.st_uid != geteuid () || st.st_gid != getegid ()))
    {
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        (void) !fchown (fd, (uid_t) -1, st.st_gid);
    }
  const unsigned char *p = bytes;
  size_t left = len;
  while (s == GP_OK && left > 0)
    {
      ssize_t w = write (fd, p, left);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        s = io_error (err, path, "", w < 0 ? errno : EIO);
      else
        {
          p += w;
          left -= (size_t) w;
        }
    }
  /* fsync before rename: otherwise a crash can leave the new name on empty data. */
  if (s == GP_OK && fsync (fd) != 0)
    s = io_error (err, path, "", errno);
  if (close (fd) != 0 && s == GP_OK)
    s = io_error (err, path, "", errno);
  /* Look again just before the rename, which replaces whatever PATH then names without
   * writing through it: something other than a regular file that appeared meanwhile is
   * refused rather than replaced. */
  if (s == GP_OK)
    {
      struct stat now;
      bool now_exists;
      s = check_target (path, &now, &now_exists, err);
    }
  if (s == GP_OK && rename (tmp, path) != 0)
    s = io_error (err, path, "", errno);
  if (s != GP_OK)
    {
      unlink (tmp);
      free (tmp);
      free (dir);
      return s;
    }
  free (tmp);
  sweep_stale_temps (dir, base);

  /* Make the rename itself durable. Failing here leaves a complete file, so it is not an
   * error; some file systems refuse fsync on directories. */
  int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }
  free (dir);
  return GP_OK;
}

gp_status
gp_chart_export (const gp_chart *chart, const char *path, gp_export_format format,
                 const gp_export_options *opts, gp_error *err)
{
  unsigned char *bytes;
  size_t len;
  GP_TRY (gp_chart_render (chart, format, opts, &bytes, &len, err));
  gp_status s = gp_atomic_write_file (path, bytes, len, err);
  free (bytes);
  return s;
}

gp_status
gp_chart_export_path (const gp_chart *chart, const char *path, const gp_export_options *opts,
                      gp_error *err)
{
  gp_export_format format;
  GP_TRY (gp_export_format_from_path (path, &format, err));
  return gp_chart_export (chart, path, format, opts, err);
}
