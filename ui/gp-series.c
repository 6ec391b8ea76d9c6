/* gp-series.c: growable point storage for chart series. */
#include "gp-series.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *
dup_string (const char *s)
{
  if (s == NULL)
    s = "";
  size_t n = strlen (s) + 1;
  char *d = malloc (n);
  if (d != NULL)
    memcpy (d, s, n);
  return d;
}

gp_series *
gp_series_new (const char *name)
{
  gp_series *s = calloc (1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->name = dup_string (name);
  if (s->name == NULL)
    {
      free (s);
      return NULL;
    }
  s->color = -1;
  s->marker = GP_MARKER_AUTO;
  s->show_line = true;
  return s;
}

static void
free_labels (gp_series *s)
{
  if (s->labels == NULL)
    return;
  for (size_t i = 0; i < s->n; i++)
    free (s->labels[i]);
  free (s->labels);
  s->labels = NULL;
}

void
gp_series_free (gp_series *series)
{
  if (series == NULL)
    return;
  free_labels (series);
  free (series->name);
  free (series->x);
  free (series->y);
  free (series->y_lo);
  free (series->y_hi);
  free (series);
}

gp_status
gp_series_set_name (gp_series *series, const char *name, gp_error *err)
{
  char *d = dup_string (name);
  if (d == NULL)
    return gp_error_set (err, GP_ENOMEM, "name", "out of memory renaming a series");
  free (series->name);
  series->name = d;
  return GP_OK;
}

/* Resize *P (element size SIZE) from OLD to NEW elements; new tail is zeroed. */
static bool
grow_array (void **p, size_t size, size_t old_cap, size_t new_cap)
{
  void *q = realloc (*p, new_cap * size);
  if (q == NULL)
    return false;
  memset ((char *) q + old_cap * size, 0, (new_cap - old_cap) * size);
  *p = q;
  return true;
}

/* Make room for NEED points in every array the series has. */
static gp_status
reserve (gp_series *s, size_t need, gp_error *err)
{
  if (need > GP_SERIES_POINTS_MAX)
    return gp_error_set (err, GP_ENOMEM, "n",
                         "a series may hold at most %zu points", GP_SERIES_POINTS_MAX);
  if (need <= s->cap)
    return GP_OK;
  size_t cap = s->cap ? s->cap : 16;
  while (cap < need)
    cap *= 2;
  if (cap > GP_SERIES_POINTS_MAX)
    cap = GP_SERIES_POINTS_MAX;
  /* Each array is grown in turn; a failure part way leaves the larger ones in place,
   * which is harmless because cap is only raised once all succeed. */
  if (!grow_array ((void **) &s->x, sizeof (double), s->cap, cap)
      || !grow_array ((void **) &s->y, sizeof (double), s->cap, cap)
      || (s->y_lo && !grow_array ((void **) &s->y_lo, sizeof (double), s->cap, cap))
      || (s->y_hi && !grow_array ((void **) &s->y_hi, sizeof (double), s->cap, cap))
      || (s->labels && !grow_array ((void **) &s->labels, sizeof (char *), s->cap, cap)))
    return gp_error_set (err, GP_ENOMEM, "n", "out of memory growing series '%s' to %zu points",
                         s->name, cap);
  s->cap = cap;
  return GP_OK;
}

gp_status
gp_series_append (gp_series *series, double x, double y, gp_error *err)
{
  GP_TRY (reserve (series, series->n + 1, err));
  series->x[series->n] = x;
  series->y[series->n] = y;
  if (series->y_lo)
    series->y_lo[series->n] = NAN;
  if (series->y_hi)
    series->y_hi[series->n] = NAN;
  series->n++;
  return GP_OK;
}

static gp_status
ensure_band (gp_series *s, gp_error *err)
{
  if (s->y_lo != NULL && s->y_hi != NULL)
    return GP_OK;
  size_t cap = s->cap ? s->cap : 16;
  double *lo = malloc (cap * sizeof *lo);
  double *hi = malloc (cap * sizeof *hi);
  if (lo == NULL || hi == NULL)
    {
      free (lo);
      free (hi);
      return gp_error_set (err, GP_ENOMEM, "y_lo", "out of memory adding a band to '%s'",
                           s->name);
    }
  for (size_t i = 0; i < cap; i++)
    lo[i] = hi[i] = NAN;
  if (s->cap == 0)
    {
      /* reserve() must see consistent arrays: give x and y the same capacity. */
      double *x = calloc (cap, sizeof *x), *y = calloc (cap, sizeof *y);
      if (x == NULL || y == NULL)
        {
          free (lo), free (hi), free (x), free (y);
          return gp_error_set (err, GP_ENOMEM, "y_lo", "out of memory");
        }
      s->x = x;
      s->y = y;
      s->cap = cap;
    }
  s->y_lo = lo;
  s->y_hi = hi;
  return GP_OK;
}

gp_status
gp_series_append_band (gp_series *series, double x, double y, double lo, double hi,
                       gp_error *err)
{
  GP_TRY (ensure_band (series, err));
  GP_TRY (gp_series_append (series, x, y, err));
  series->y_lo[series->n - 1] = lo;
  series->y_hi[series->n - 1] = hi;
  return GP_OK;
}

gp_status
gp_series_append_value (gp_series *series, double value, gp_error *err)
{
  return gp_series_append (series, (double) series->n, value, err);
}

gp_status
gp_series_set_data (gp_series *series, const double *x, const double *y, const double *lo,
                    const double *hi, size_t n, gp_error *err)
{
  if (y == NULL && n > 0)
    return gp_error_set (err, GP_EINVAL, "y", "y is NULL for %zu points", n);
  if (n > GP_SERIES_POINTS_MAX)
    return gp_error_set (err, GP_ENOMEM, "n", "n = %zu is out of range: allowed [0, %zu]",
                         n, GP_SERIES_POINTS_MAX);
  bool band = lo != NULL && hi != NULL;
  size_t cap = n ? n : 1;
  double *nx = malloc (cap * sizeof *nx), *ny = malloc (cap * sizeof *ny);
  double *nlo = band ? malloc (cap * sizeof *nlo) : NULL;
  double *nhi = band ? malloc (cap * sizeof *nhi) : NULL;
  if (nx == NULL || ny == NULL || (band && (nlo == NULL || nhi == NULL)))
    {
      free (nx), free (ny), free (nlo), free (nhi);
      return gp_error_set (err, GP_ENOMEM, "n", "out of memory for %zu points", n);
    }
  for (size_t i = 0; i < n; i++)
    {
      nx[i] = x ? x[i] : (double) i;
      ny[i] = y[i];
      if (band)
        {
          nlo[i] = lo[i];
          nhi[i] = hi[i];
        }
    }
  free_labels (series);
  free (series->x), free (series->y), free (series->y_lo), free (series->y_hi);
  series->x = nx;
  series->y = ny;
  series->y_lo = nlo;
  series->y_hi = nhi;
  series->n = n;
  series->cap = cap;
  return GP_OK;
}

gp_status
gp_series_set_label (gp_series *series, size_t index, const char *label, gp_error *err)
{
  if (index >= series->n)
    return gp_error_set (err, GP_EINVAL, "index",
                         "index = %zu is out of range: allowed [0, %zu)", index, series->n);
  if (series->labels == NULL)
    {
      series->labels = calloc (series->cap, sizeof (char *));
      if (series->labels == NULL)
        return gp_error_set (err, GP_ENOMEM, "label", "out of memory");
    }
  char *d = NULL;
  if (label != NULL && (d = dup_string (label)) == NULL)
    return gp_error_set (err, GP_ENOMEM, "label", "out of memory");
  free (series->labels[index]);
  series->labels[index] = d;
  return GP_OK;
}

void
gp_series_clear (gp_series *series)
{
  free_labels (series);
  series->n = 0;
}
