/* gp-export.h: write a chart to SVG, PDF, PNG or CSV, always atomically, from the same
 * drawing code the screen uses; and gp_atomic_write_file() for any other file (design
 * files reuse it).
 *
 * Sizes are chosen on purpose: a chart is W x H px at 96 px/in. SVG is written in px
 * (W x H), PDF in pt (0.75 W x 0.75 H, the same physical size), PNG at a chosen DPI
 * (W x DPI / 96 pixels wide, with a pHYs chunk recording the DPI so LaTeX and office
 * suites place it at its real size). */
#pragma once

#include <stddef.h>

#include "gp-chart.h"
#include "gp-error.h"
#include "gp-palette.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_EXPORT_SVG,
  GP_EXPORT_PDF,
  GP_EXPORT_PNG,
  GP_EXPORT_CSV,
  GP_EXPORT_N_FORMATS
} gp_export_format;

/* "svg", "pdf", "png", "csv", NULL */
extern const char *const gp_export_format_names[];

typedef struct {
  double width_px, height_px; /* at 96 px/in, [16, 100000]; default 336 x 252 (3.5 x 2.625 in,
                                 one column of a two-column paper) */
  double dpi;                 /* PNG only, [24, 2400]; default 300 */
  gp_theme_kind theme;        /* default light (paper) */
  double scale;               /* fonts/lines/markers, [0.25, 8]; default 1 */
} gp_export_options;

void gp_export_options_init (gp_export_options *opts);

/* Size in inches (converted at 96 px/in). GP_EINVAL naming "width_in"/"height_in" outside
 * [1/6, 1000] in. */
gp_status gp_export_options_set_size_in (gp_export_options *opts, double width_in,
                                         double height_in, gp_error *err);

/* Check every field; GP_EINVAL naming it. Also rejects a PNG over 32767 px a side
 * (cairo's limit), naming "dpi". */
gp_status gp_export_options_check (const gp_export_options *opts, gp_export_format format,
                                   gp_error *err);

/* PNG size in pixels: round (width_px x dpi / 96) x round (height_px x dpi / 96). */
void gp_export_png_size (const gp_export_options *opts, int *width, int *height);

/* The format named by PATH's extension (case-insensitive .svg/.pdf/.png/.csv);
 * GP_ENOTFOUND naming "path" otherwise. */
gp_status gp_export_format_from_path (const char *path, gp_export_format *format,
                                      gp_error *err);

/* Render CHART into memory: *BYTES (malloc'd, caller frees) and *LEN. OPTS NULL =
 * defaults. GP_EIO with cairo's message if cairo fails; GP_ENOMEM. */
gp_status gp_chart_render (const gp_chart *chart, gp_export_format format,
                           const gp_export_options *opts, unsigned char **bytes, size_t *len,
                           gp_error *err);

/* The chart's data as CSV (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF
 * quoted with quotes doubled, a header row naming every column with its unit as
 * "key [unit]", numbers in the fewest digits that read back exactly, with "." under every locale, NaN as an empty field and
 * infinities as inf/-inf). Every series is written, hidden ones too. NUL-terminated;
 * *LEN excludes the NUL. Columns per kind:
 *   line, scatter: series, x, y[, y_lo, y_hi][, label]    (one row per point)
 *   stacked_bar:   category, one column per series, total
 *   waterfall:     step, kind (start/step/total), value, cumulative
 *   tornado:       parameter, output at low, output at high, baseline, span
 *   wafer_map:     kind (wafer/usable/die/defect), x_mm, y_mm, width_mm, height_mm, good
 *   table:         its columns */
gp_status gp_chart_to_csv (const gp_chart *chart, char **csv, size_t *len, gp_error *err);

/* Render and write CHART to PATH in FORMAT, atomically (see gp_atomic_write_file). */
gp_status gp_chart_export (const gp_chart *chart, const char *path, gp_export_format format,
                           const gp_export_options *opts, gp_error *err);

/* gp_chart_export with the format taken from PATH's extension. */
gp_status gp_chart_export_path (const gp_chart *chart, const char *path,
                                const gp_export_options *opts, gp_error *err);

/* Write LEN bytes to PATH so that PATH is either untouched or complete: the bytes go to a
 * hidden temporary file in the same directory, ".NAME.gp-save-XXXXXX" (mkstemp; for a
 * NAME too long for that, ".gp-save-XXXXXX", so every name of up to 255 bytes saves),
 * which is fsync'd and renamed over PATH; the directory is then fsync'd.
 * PATH must name nothing yet (a new file) or a regular file that is writable by its mode
 * bits (so a 0444 file is refused even for root). Anything else is refused and left
 * alone, with a message saying what it is: a symbolic link (dangling or not: links are
 * not followed, since a rename would replace the link and leave its target stale, and a
 * link planted in a shared directory could otherwise redirect the save; save to the
 * target's own name instead), a directory, a FIFO, a device, a socket, or anything under
 * /proc or /sys. Links in the directory part of PATH are followed as usual. A file with
 * other hard links gets a new inode: its other names keep the old content. The new file
 * keeps the old one's permission bits (set-user/group-ID dropped) and, where the system
 * allows, its owner and group; a new file gets 0666 less the umask.
 * After a successful save, temporary files of this exact shape for NAME (and for
 * over-long names) in that directory, regular, ours and older than ten minutes, are
 * removed: a killed writer's leftovers. Nothing else is touched.
 * Failures: GP_EINVAL for an empty path or one ending in '/', "." or ".."; GP_EIO naming
 * the path and the reason: "cannot write 'out/fig.svg': No such file or directory". On
 * any failure the temporary file is removed. */
gp_status gp_atomic_write_file (const char *path, const void *bytes, size_t len,
                                gp_error *err);

#ifdef __cplusplus
}
#endif
