/* gp-lua-chart.c: charts from Lua: glasspane.chart{...} builds a gp_chart (ui/) and
 * returns it as a userdata whose methods export it with the same drawing code the GUI
 * uses: chart:save(path, opts) (SVG, PDF, PNG or CSV, atomically), chart:render(format,
 * opts) -> bytes, chart:csv() -> text, chart:add_series{...}, chart:close().
 *
 * The userdata follows liolib.c's file handles: a metatable named "glasspane.chart" whose
 * __index is the method table, __gc and __close free the chart, __tostring describes it,
 * and a closed chart raises on use. */
#include "gp-lua-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gp-chart.h"
#include "gp-export.h"

#define CHART_MT "glasspane.chart"

typedef struct {
  gp_chart *chart; /* owned; NULL once closed */
} lchart;

static lchart *
check_chart (lua_State *L, int idx)
{
  lchart *c = luaL_checkudata (L, idx, CHART_MT);
  if (c->chart == NULL)
    luaL_error (L, "attempt to use a closed chart");
  return c;
}

/* Raise for a chart-building failure (allocation, or a value the chart code refuses). */
static void
chart_check (lua_State *L, int arg, gp_status st, const gp_error *err)
{
  if (st == GP_OK)
    return;
  if (st == GP_ENOMEM)
    luaL_error (L, "not enough memory: %s", err->message);
  gp_lua_arg_error (L, arg, err);
}

/* The field KEY of the table at IDX as a number (absent: DEF). */
static double
opt_number_field (lua_State *L, int arg, int idx, const char *key, double def)
{
  double v = def;
  lua_getfield (L, idx, key);
  if (!lua_isnil (L, -1))
    {
      if (lua_type (L, -1) != LUA_TNUMBER)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s must be a number, not a %s", key,
                                                luaL_typename (L, -1)));
      v = lua_tonumber (L, -1);
    }
  lua_pop (L, 1);
  return v;
}

static const char *
opt_string_field (lua_State *L, int arg, int idx, const char *key)
{
  lua_getfield (L, idx, key);
  const char *s = NULL;
  if (!lua_isnil (L, -1))
    {
      if (lua_type (L, -1) != LUA_TSTRING)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s must be a string, not a %s", key,
                                                luaL_typename (L, -1)));
      s = lua_tostring (L, -1);
    }
  lua_pop (L, 1); /* the table keeps the string alive */
  return s;
}

static int
opt_bool_field (lua_State *L, int arg, int idx, const char *key)
{
  lua_getfield (L, idx, key);
  int v = -1;
  if (!lua_isnil (L, -1))
    {
      if (lua_type (L, -1) != LUA_TBOOLEAN)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s must be true or false, not a %s", key,
                                                luaL_typename (L, -1)));
      v = lua_toboolean (L, -1);
    }
  lua_pop (L, 1);
  return v;
}

/* Option names: KEY must be one of NAMES (absent: DEF). */
static int
opt_enum_field (lua_State *L, int arg, int idx, const char *key, const char *const *names,
                int def)
{
  const char *s = opt_string_field (L, arg, idx, key);
  if (s == NULL)
    return def;
  int v = gp_enum_lookup (names, s);
  if (v < 0)
    {
      luaL_Buffer b;
      luaL_buffinit (L, &b);
      for (int i = 0; names[i]; i++)
        {
          if (i)
            luaL_addstring (&b, ", ");
          luaL_addstring (&b, names[i]);
        }
      luaL_pushresult (&b);
      luaL_argerror (L, arg, lua_pushfstring (L, "%s = '%s' is not one of: %s", key, s,
                                              lua_tostring (L, -1)));
    }
  return v;
}

/* KEY of the table at IDX as an array of numbers in a scratch userdata (pushed; NULL and
 * nothing pushed when absent). */
static double *
number_array (lua_State *L, int arg, int idx, const char *key, const char *ctx, size_t *n)
{
  idx = lua_absindex (L, idx);
  lua_getfield (L, idx, key);
  if (lua_isnil (L, -1))
    {
      lua_pop (L, 1);
      *n = 0;
      return NULL;
    }
  if (!gp_lua_is_numlist (L, -1))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.%s must be a list of numbers", ctx, key));
  size_t len = (size_t) gp_lua_numlist_len (L, -1);
  if (len > GP_SERIES_POINTS_MAX)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.%s is too long", ctx, key));
  double *v = lua_newuserdatauv (L, (len ? len : 1) * sizeof *v, 0);
  lua_Integer cn;
  const double *col = gp_lua_column_values (L, -2, &cn);
  if (col)
    memcpy (v, col, len * sizeof *v); /* a sweep's column: numbers already */
  for (size_t i = 0; col == NULL && i < len; i++)
    {
      int t = gp_lua_numlist_geti (L, -2, (lua_Integer) i + 1);
      if (t != LUA_TNUMBER)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s.%s[%d] is a %s, not a number", ctx, key,
                                                (int) i + 1, luaL_typename (L, -1)));
      v[i] = lua_tonumber (L, -1);
      lua_pop (L, 1);
    }
  lua_remove (L, -2); /* the list; the userdata stays */
  *n = len;
  return v;
}

static const char *const marker_names[] = { "circle", "square", "triangle", "diamond",
                                            "triangle_down", "plus", "cross", "star", NULL };
static const char *const legend_names[] = { "auto", "none", "top_right", "top_left",
                                            "bottom_right", "bottom_left", "right", "below",
                                            NULL };
static const char *const annot_names[] = { "vline", "hline", "point", NULL };

static bool
is_category_kind (gp_chart_kind k)
{
  return k == GP_CHART_STACKED_BAR || k == GP_CHART_WATERFALL || k == GP_CHART_TORNADO;
}

/* Add the series described by the table at IDX: {name=, x=, y=, lo=, hi=, labels=, color=,
 * marker=, markers=, line=, dashed=, hidden=}. Category kinds take y (or values) only. */
static void
add_series (lua_State *L, int arg, gp_chart *chart, int idx, int number)
{
  static const char *const keys[] = { "name", "x", "y", "values", "lo", "hi", "labels",
                                      "color", "marker", "markers", "line", "dashed", "hidden",
                                      NULL };
  idx = lua_absindex (L, idx);
  char ctx[32];
  snprintf (ctx, sizeof ctx, "series[%d]", number);
  if (!lua_istable (L, idx))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s must be a table {name=, x=, y=}", ctx));
  lua_pushnil (L);
  while (lua_next (L, idx))
    {
      lua_pop (L, 1);
      if (lua_type (L, -1) != LUA_TSTRING || gp_enum_lookup (keys, lua_tostring (L, -1)) < 0)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s: unknown key '%s' (allowed: name, x, y, "
                                                   "values, lo, hi, labels, color, marker, "
                                                   "markers, line, dashed, hidden)",
                                                ctx, luaL_tolstring (L, -1, NULL)));
    }
  int top = lua_gettop (L);
  gp_error err = { 0 };
  const char *name = opt_string_field (L, arg, idx, "name");
  gp_series *s = gp_chart_add_series (chart, name ? name : "", &err);
  if (s == NULL)
    chart_check (L, arg, err.status ? err.status : GP_ENOMEM, &err);
  size_t nx, ny, nlo, nhi;
  double *x = number_array (L, arg, idx, "x", ctx, &nx);
  double *y = number_array (L, arg, idx, "y", ctx, &ny);
  if (y == NULL)
    y = number_array (L, arg, idx, "values", ctx, &ny);
  double *lo = number_array (L, arg, idx, "lo", ctx, &nlo);
  double *hi = number_array (L, arg, idx, "hi", ctx, &nhi);
  if (y == NULL)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.y is required", ctx));
  if (is_category_kind (gp_chart_get_kind (chart)))
    x = NULL;
  else if (x == NULL || nx != ny)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s: x and y must be lists of the same length "
                                               "(%d and %d)", ctx, (int) nx, (int) ny));
  if ((lo == NULL) != (hi == NULL) || (lo && (nlo != ny || nhi != ny)))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s: lo and hi go together, as long as y", ctx));
  chart_check (L, arg, gp_series_set_data (s, x, y, lo, hi, ny, &err), &err);
  lua_getfield (L, idx, "labels");
  if (lua_istable (L, -1))
    {
      for (size_t i = 0; i < ny; i++)
        {
          lua_rawgeti (L, -1, (lua_Integer) i + 1);
          if (lua_type (L, -1) == LUA_TSTRING)
            chart_check (L, arg, gp_series_set_label (s, i, lua_tostring (L, -1), &err), &err);
          lua_pop (L, 1);
        }
    }
  else if (!lua_isnil (L, -1))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.labels must be a list of strings", ctx));
  lua_pop (L, 1);
  double color = opt_number_field (L, arg, idx, "color", -1);
  if (color != floor (color) || color < -1 || color > 1000)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.color must be a palette index >= 0", ctx));
  s->color = (int) color;
  s->marker = (gp_marker) opt_enum_field (L, arg, idx, "marker", marker_names, GP_MARKER_AUTO);
  int b;
  if ((b = opt_bool_field (L, arg, idx, "markers")) >= 0)
    s->show_markers = b;
  if ((b = opt_bool_field (L, arg, idx, "line")) >= 0)
    s->show_line = b;
  if ((b = opt_bool_field (L, arg, idx, "dashed")) >= 0)
    s->dashed = b;
  if ((b = opt_bool_field (L, arg, idx, "hidden")) >= 0)
    s->hidden = b;
  lua_settop (L, top);
}

static void
set_axis (lua_State *L, int arg, int idx, gp_axis *a, const char *p)
{
  char k[16];
  gp_error err = { 0 };
  snprintf (k, sizeof k, "%s_label", p);
  const char *label = opt_string_field (L, arg, idx, k);
  snprintf (k, sizeof k, "%s_unit", p);
  const char *unit = opt_string_field (L, arg, idx, k);
  snprintf (k, sizeof k, "%s_key", p);
  const char *key = opt_string_field (L, arg, idx, k);
  if (gp_axis_set_text (a, label, unit, key, &err) != GP_OK)
    {
      gp_error_prefix (&err, p);
      gp_lua_arg_error (L, arg, &err);
    }
  snprintf (k, sizeof k, "%s_log", p);
  if (opt_bool_field (L, arg, idx, k) == 1)
    a->scale = GP_AXIS_LOG;
  snprintf (k, sizeof k, "%s_zero", p);
  int z = opt_bool_field (L, arg, idx, k);
  if (z >= 0)
    a->include_zero = z;
  char kmin[16], kmax[16];
  snprintf (kmin, sizeof kmin, "%s_min", p);
  snprintf (kmax, sizeof kmax, "%s_max", p);
  double lo = opt_number_field (L, arg, idx, kmin, NAN);
  double hi = opt_number_field (L, arg, idx, kmax, NAN);
  if (!isnan (lo) || !isnan (hi))
    {
      if (isnan (lo) || isnan (hi))
        luaL_argerror (L, arg, lua_pushfstring (L, "give both %s and %s", kmin, kmax));
      if (gp_axis_set_range (a, lo, hi, &err) != GP_OK)
        {
          gp_error_prefix (&err, p);
          gp_lua_arg_error (L, arg, &err);
        }
    }
}

static void
read_wafer (lua_State *L, int arg, int idx, gp_chart *chart)
{
  gp_error err = { 0 };
  double d = opt_number_field (L, arg, idx, "diameter_mm", 300);
  double u = opt_number_field (L, arg, idx, "usable_diameter_mm", d);
  chart_check (L, arg, gp_chart_wafer_set (chart, d, u, &err), &err);
  lua_getfield (L, idx, "dies");
  if (lua_istable (L, -1))
    {
      lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
      for (lua_Integer i = 1; i <= n; i++)
        {
          lua_rawgeti (L, -1, i);
          int t = lua_gettop (L);
          if (!lua_istable (L, t))
            luaL_argerror (L, arg, lua_pushfstring (L, "wafer.dies[%d] is not a table", (int) i));
          double x = opt_number_field (L, arg, t, "x_mm", NAN);
          double y = opt_number_field (L, arg, t, "y_mm", NAN);
          double w = opt_number_field (L, arg, t, "width_mm", NAN);
          double h = opt_number_field (L, arg, t, "height_mm", NAN);
          int good = opt_bool_field (L, arg, t, "good");
          if (gp_chart_wafer_add_die (chart, x, y, w, h, good != 0, &err) != GP_OK)
            {
              char ctx[32];
              snprintf (ctx, sizeof ctx, "wafer.dies[%d]", (int) i);
              gp_error_prefix (&err, ctx);
              chart_check (L, arg, err.status, &err);
            }
          lua_pop (L, 1);
        }
    }
  lua_pop (L, 1);
  lua_getfield (L, idx, "defects");
  if (lua_istable (L, -1))
    {
      lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
      for (lua_Integer i = 1; i <= n; i++)
        {
          lua_rawgeti (L, -1, i);
          int t = lua_gettop (L);
          if (!lua_istable (L, t))
            luaL_argerror (L, arg, lua_pushfstring (L, "wafer.defects[%d] is not a table",
                                                    (int) i));
          double x = opt_number_field (L, arg, t, "x_mm", NAN);
          double y = opt_number_field (L, arg, t, "y_mm", NAN);
          chart_check (L, arg, gp_chart_wafer_add_defect (chart, x, y, &err), &err);
          lua_pop (L, 1);
        }
    }
  lua_pop (L, 1);
}

/* table = { columns = { {name=, unit=, ratio=, higher_is_better=} | "name", ... },
 *           rows = { {cell, ...}, ... } }: a cell is a number, a string, or
 *           {value=, display=}. */
static void
read_table (lua_State *L, int arg, int idx, gp_chart *chart)
{
  gp_error err = { 0 };
  if (lua_getfield (L, idx, "columns") != LUA_TTABLE)
    luaL_argerror (L, arg, "table.columns must be a list of columns");
  int cols = lua_gettop (L);
  if (lua_getfield (L, idx, "rows") != LUA_TTABLE)
    luaL_argerror (L, arg, "table.rows must be a list of rows");
  int rows = lua_gettop (L);
  size_t nc = (size_t) lua_rawlen (L, cols), nr = (size_t) lua_rawlen (L, rows);
  chart_check (L, arg, gp_chart_table_set_size (chart, nr, nc, &err), &err);
  for (size_t c = 0; c < nc; c++)
    {
      lua_rawgeti (L, cols, (lua_Integer) c + 1);
      int t = lua_gettop (L);
      const char *name, *unit = NULL;
      if (lua_type (L, t) == LUA_TSTRING)
        name = lua_tostring (L, t);
      else if (lua_istable (L, t))
        {
          name = opt_string_field (L, arg, t, "name");
          unit = opt_string_field (L, arg, t, "unit");
          if (opt_bool_field (L, arg, t, "ratio") == 1)
            chart_check (L, arg,
                         gp_chart_table_set_ratio_column (
                           chart, c, opt_bool_field (L, arg, t, "higher_is_better") != 0, &err),
                         &err);
        }
      else
        name = NULL;
      if (name == NULL)
        luaL_argerror (L, arg, lua_pushfstring (L, "table.columns[%d] needs a name", (int) c + 1));
      chart_check (L, arg, gp_chart_table_set_column (chart, c, name, unit, &err), &err);
      lua_pop (L, 1);
    }
  for (size_t r = 0; r < nr; r++)
    {
      lua_rawgeti (L, rows, (lua_Integer) r + 1);
      int row = lua_gettop (L);
      if (!lua_istable (L, row))
        luaL_argerror (L, arg, lua_pushfstring (L, "table.rows[%d] is not a list", (int) r + 1));
      for (size_t c = 0; c < nc; c++)
        {
          int t = lua_rawgeti (L, row, (lua_Integer) c + 1);
          gp_status st = GP_OK;
          if (t == LUA_TNUMBER)
            st = gp_chart_table_set_number (chart, r, c, lua_tonumber (L, -1), NULL, &err);
          else if (t == LUA_TSTRING)
            st = gp_chart_table_set_text (chart, r, c, lua_tostring (L, -1), &err);
          else if (t == LUA_TTABLE)
            st = gp_chart_table_set_number (chart, r, c,
                                            opt_number_field (L, arg, lua_gettop (L), "value",
                                                              NAN),
                                            opt_string_field (L, arg, lua_gettop (L),
                                                              "display"),
                                            &err);
          else if (t != LUA_TNIL)
            luaL_argerror (L, arg, lua_pushfstring (L, "table.rows[%d][%d] is a %s", (int) r + 1,
                                                    (int) c + 1, luaL_typename (L, -1)));
          chart_check (L, arg, st, &err);
          lua_pop (L, 1);
        }
      lua_pop (L, 1);
    }
  lua_pop (L, 2);
}

static void
read_chart (lua_State *L, int arg, gp_chart *chart)
{
  static const char *const keys[] = {
    "kind", "title", "caption", "x_label", "x_unit", "x_key", "x_log", "x_min", "x_max",
    "x_zero", "y_label", "y_unit", "y_key", "y_log", "y_min", "y_max", "y_zero", "legend",
    "series", "categories", "annotations", "pareto", "minimize_x", "minimize_y", "baseline",
    "total_label", "show_totals", "wafer", "table", NULL
  };
  gp_lua_check_keys (L, arg, keys);
  gp_error err = { 0 };
  const char *s;
  if ((s = opt_string_field (L, arg, arg, "title")))
    chart_check (L, arg, gp_chart_set_title (chart, s, &err), &err);
  if ((s = opt_string_field (L, arg, arg, "caption")))
    chart_check (L, arg, gp_chart_set_caption (chart, s, &err), &err);
  set_axis (L, arg, arg, gp_chart_x_axis (chart), "x");
  set_axis (L, arg, arg, gp_chart_y_axis (chart), "y");
  gp_chart_set_legend (chart, (gp_legend_pos) opt_enum_field (L, arg, arg, "legend",
                                                              legend_names, GP_LEGEND_AUTO));
  int pareto = opt_bool_field (L, arg, arg, "pareto");
  int minx = opt_bool_field (L, arg, arg, "minimize_x");
  int miny = opt_bool_field (L, arg, arg, "minimize_y");
  if (pareto >= 0 || minx >= 0 || miny >= 0)
    gp_chart_set_pareto (chart, pareto != 0, minx != 0, miny != 0);
  double base = opt_number_field (L, arg, arg, "baseline", NAN);
  if (!isnan (base))
    chart_check (L, arg, gp_chart_set_baseline (chart, base, &err), &err);
  if ((s = opt_string_field (L, arg, arg, "total_label")))
    chart_check (L, arg, gp_chart_set_total_label (chart, s, &err), &err);
  int totals = opt_bool_field (L, arg, arg, "show_totals");
  if (totals >= 0)
    gp_chart_set_show_totals (chart, totals);

  lua_getfield (L, arg, "categories");
  if (lua_istable (L, -1))
    {
      lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
      for (lua_Integer i = 1; i <= n; i++)
        {
          if (lua_rawgeti (L, -1, i) != LUA_TSTRING)
            luaL_argerror (L, arg, lua_pushfstring (L, "categories[%d] is not a string", (int) i));
          chart_check (L, arg, gp_chart_add_category (chart, lua_tostring (L, -1), &err), &err);
          lua_pop (L, 1);
        }
    }
  else if (!lua_isnil (L, -1))
    luaL_argerror (L, arg, "categories must be a list of strings");
  lua_pop (L, 1);

  lua_getfield (L, arg, "series");
  if (lua_istable (L, -1))
    {
      lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
      for (lua_Integer i = 1; i <= n; i++)
        {
          lua_rawgeti (L, -1, i);
          add_series (L, arg, chart, -1, (int) i);
          lua_pop (L, 1);
        }
    }
  else if (!lua_isnil (L, -1))
    luaL_argerror (L, arg, "series must be a list of series tables");
  lua_pop (L, 1);

  lua_getfield (L, arg, "annotations");
  if (lua_istable (L, -1))
    {
      lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
      for (lua_Integer i = 1; i <= n; i++)
        {
          lua_rawgeti (L, -1, i);
          int t = lua_gettop (L);
          if (!lua_istable (L, t))
            luaL_argerror (L, arg, lua_pushfstring (L, "annotations[%d] is not a table", (int) i));
          int kind = opt_enum_field (L, arg, t, "kind", annot_names, -1);
          if (kind < 0)
            luaL_argerror (L, arg, lua_pushfstring (L, "annotations[%d].kind is required "
                                                       "(vline, hline, point)", (int) i));
          double x = opt_number_field (L, arg, t, "x", 0);
          double y = opt_number_field (L, arg, t, "y", 0);
          const char *label = opt_string_field (L, arg, t, "label");
          chart_check (L, arg, gp_chart_add_annotation (chart, (gp_annotation_kind) kind, x, y,
                                                        label, &err), &err);
          lua_pop (L, 1);
        }
    }
  lua_pop (L, 1);

  lua_getfield (L, arg, "wafer");
  if (lua_istable (L, -1))
    read_wafer (L, arg, lua_gettop (L), chart);
  lua_pop (L, 1);
  lua_getfield (L, arg, "table");
  if (lua_istable (L, -1))
    read_table (L, arg, lua_gettop (L), chart);
  lua_pop (L, 1);
}

/* glasspane.chart{ kind = "line", title=, ..., series = {...} } -> chart */
static int
l_chart (lua_State *L)
{
  luaL_checktype (L, 1, LUA_TTABLE);
  lua_settop (L, 1);
  int kind = opt_enum_field (L, 1, 1, "kind", gp_chart_kind_names, GP_CHART_LINE);
  /* The userdata owns the chart from the start, so an error below frees it via __gc. */
  lchart *c = lua_newuserdatauv (L, sizeof *c, 0);
  c->chart = NULL;
  luaL_setmetatable (L, CHART_MT);
  c->chart = gp_chart_new ((gp_chart_kind) kind);
  if (c->chart == NULL)
    return luaL_error (L, "not enough memory for a chart");
  read_chart (L, 1, c->chart);
  return 1;
}

/* chart:add_series{ name=, x=, y=, ... } -> chart */
static int
m_add_series (lua_State *L)
{
  lchart *c = check_chart (L, 1);
  luaL_checktype (L, 2, LUA_TTABLE);
  add_series (L, 2, c->chart, 2, (int) gp_chart_n_series (c->chart) + 1);
  lua_settop (L, 1);
  return 1;
}

/* Options {format=, width=, height=, width_in=, height_in=, dpi=, theme=, scale=} at IDX. */
static void
read_export_options (lua_State *L, int arg, int idx, gp_export_options *o, int *format)
{
  static const char *const keys[] = { "format", "width", "height", "width_in", "height_in",
                                      "dpi", "theme", "scale", NULL };
  static const char *const themes[] = { "light", "dark", NULL };
  gp_export_options_init (o);
  if (lua_isnoneornil (L, idx))
    return;
  luaL_checktype (L, idx, LUA_TTABLE);
  gp_lua_check_keys (L, idx, keys);
  gp_error err = { 0 };
  if (format)
    *format = opt_enum_field (L, arg, idx, "format", gp_export_format_names, *format);
  o->width_px = opt_number_field (L, arg, idx, "width", o->width_px);
  o->height_px = opt_number_field (L, arg, idx, "height", o->height_px);
  double wi = opt_number_field (L, arg, idx, "width_in", NAN);
  double hi = opt_number_field (L, arg, idx, "height_in", NAN);
  if (!isnan (wi) || !isnan (hi))
    {
      if (isnan (wi))
        wi = o->width_px / 96.0;
      if (isnan (hi))
        hi = o->height_px / 96.0;
      if (gp_export_options_set_size_in (o, wi, hi, &err) != GP_OK)
        gp_lua_arg_error (L, arg, &err);
    }
  o->dpi = opt_number_field (L, arg, idx, "dpi", o->dpi);
  o->theme = (gp_theme_kind) opt_enum_field (L, arg, idx, "theme", themes, o->theme);
  o->scale = opt_number_field (L, arg, idx, "scale", o->scale);
}

/* chart:save(path [, opts]) -> true | nil, message (format from opts.format or the path) */
static int
m_save (lua_State *L)
{
  lchart *c = check_chart (L, 1);
  const char *path = luaL_checkstring (L, 2);
  gp_error err = { 0 };
  gp_export_format f;
  int format = -1;
  gp_export_options o;
  read_export_options (L, 3, 3, &o, &format);
  if (format < 0)
    {
      if (gp_export_format_from_path (path, &f, &err) != GP_OK)
        return luaL_argerror (L, 2, lua_pushfstring (L, "%s (or give opts.format)",
                                                     err.message));
      format = (int) f;
    }
  gp_status st = gp_export_options_check (&o, (gp_export_format) format, &err);
  if (st != GP_OK)
    return gp_lua_arg_error (L, 3, &err);
  st = gp_chart_export (c->chart, path, (gp_export_format) format, &o, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 3, st, &err);
  lua_pushboolean (L, 1);
  return 1;
}

/* chart:render(format [, opts]) -> bytes (SVG/PDF/PNG/CSV in memory) | nil, message */
static int
m_render (lua_State *L)
{
  lchart *c = check_chart (L, 1);
  int format = luaL_checkoption (L, 2, NULL, gp_export_format_names);
  gp_export_options o;
  read_export_options (L, 3, 3, &o, NULL);
  gp_error err = { 0 };
  gp_status st = gp_export_options_check (&o, (gp_export_format) format, &err);
  if (st != GP_OK)
    return gp_lua_arg_error (L, 3, &err);
  unsigned char *bytes = NULL;
  size_t len = 0;
  st = gp_chart_render (c->chart, (gp_export_format) format, &o, &bytes, &len, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 3, st, &err);
  lua_pushlstring (L, (const char *) bytes, len);
  free (bytes);
  return 1;
}

/* chart:csv() -> the chart's data as CSV text */
static int
m_csv (lua_State *L)
{
  lchart *c = check_chart (L, 1);
  char *csv = NULL;
  size_t len = 0;
  gp_error err = { 0 };
  gp_status st = gp_chart_to_csv (c->chart, &csv, &len, &err);
  if (st != GP_OK)
    return gp_lua_push_fail (L, &err);
  lua_pushlstring (L, csv, len);
  free (csv);
  return 1;
}

/* chart:info() -> { kind, title, series = n, categories = n } */
static int
m_info (lua_State *L)
{
  lchart *c = check_chart (L, 1);
  lua_createtable (L, 0, 4);
  lua_pushstring (L, gp_chart_kind_names[gp_chart_get_kind (c->chart)]);
  lua_setfield (L, -2, "kind");
  lua_pushstring (L, gp_chart_get_title (c->chart));
  lua_setfield (L, -2, "title");
  lua_pushinteger (L, (lua_Integer) gp_chart_n_series (c->chart));
  lua_setfield (L, -2, "series");
  lua_pushinteger (L, (lua_Integer) gp_chart_n_categories (c->chart));
  lua_setfield (L, -2, "categories");
  return 1;
}

static int
m_close (lua_State *L)
{
  lchart *c = luaL_checkudata (L, 1, CHART_MT);
  gp_chart_free (c->chart);
  c->chart = NULL;
  return 0;
}

static int
m_tostring (lua_State *L)
{
  lchart *c = luaL_checkudata (L, 1, CHART_MT);
  if (c->chart == NULL)
    lua_pushliteral (L, "chart (closed)");
  else
    lua_pushfstring (L, "chart (%s, \"%s\", %d series)",
                     gp_chart_kind_names[gp_chart_get_kind (c->chart)],
                     gp_chart_get_title (c->chart), (int) gp_chart_n_series (c->chart));
  return 1;
}

static const luaL_Reg chart_methods[] = {
  { "save", m_save },
  { "render", m_render },
  { "csv", m_csv },
  { "add_series", m_add_series },
  { "info", m_info },
  { "close", m_close },
  { NULL, NULL },
};

static const luaL_Reg chart_meta[] = {
  { "__index", NULL },
  { "__gc", m_close },
  { "__close", m_close },
  { "__tostring", m_tostring },
  { NULL, NULL },
};

void
gp_lua_chart_open (lua_State *L)
{
  if (luaL_newmetatable (L, CHART_MT))
    {
      luaL_setfuncs (L, chart_meta, 0);
      luaL_newlib (L, chart_methods);
      lua_setfield (L, -2, "__index");
    }
  lua_pop (L, 1);
}

const luaL_Reg gp_lua_chart_fns[] = {
  { "chart", l_chart },
  { NULL, NULL },
};
