/* test-loader.c: the sandboxed data-file loader, table <-> struct conversion and the
 * preset reader, against the published node figures and against hostile and broken
 * files (tests/data/ and files written here into a temporary directory).
 *
 * For every failure both the status and a fragment of the message are checked: the file
 * name, the line where Lua knows it, and the parameter where there is one. */
#include <errno.h>
#include <math.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <lauxlib.h>
#include <lualib.h>

#include "gp-datafile.h"
#include "gp-lua.h"
#include "gp-luaparam.h"
#include "gp-models.h"
#include "gp-presets.h"

static char *tmpdir; /* owned; removed at the end of main() */

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Assert that MSG contains every fragment (NULL-terminated). */
static void
assert_contains (const char *msg, const char *const *fragments)
{
  for (int i = 0; fragments[i]; i++)
    if (strstr (msg, fragments[i]) == NULL)
      g_error ("message \"%s\" lacks \"%s\"", msg, fragments[i]);
}

#define CONTAINS(msg, ...) assert_contains ((msg), (const char *const[]) { __VA_ARGS__, NULL })

/* Load tests/data/NAME with LIMITS; it must fail with STATUS. The error is returned for
 * further checks. */
static gp_error
expect_load_error (const char *name, const gp_sandbox_limits *limits, gp_status status)
{
  g_autofree char *path = data_file (name);
  gp_error err;
  gp_datafile *df = gp_datafile_load (path, limits, &err);
  if (df != NULL)
    g_error ("%s loaded but should have failed", name);
  g_test_message ("%s -> %s", name, err.message);
  g_assert_cmpint (err.status, ==, status);
  /* Every message names the file. */
  CONTAINS (err.message, name);
  return err;
}

/* Same through gp_nodes_load (parameter-level checks). */
static gp_error
expect_nodes_error (const char *name, gp_status status)
{
  g_autofree char *path = data_file (name);
  gp_error err;
  gp_node *nodes = (gp_node *) &err; /* must be reset to NULL on failure */
  size_t n = 99;
  g_assert_cmpint (gp_nodes_load (path, &nodes, &n, &err), ==, status);
  g_test_message ("%s -> %s", name, err.message);
  g_assert_cmpint (err.status, ==, status);
  g_assert_null (nodes);
  g_assert_cmpuint (n, ==, 0);
  CONTAINS (err.message, name);
  return err;
}

static char *
write_tmp (const char *name, const void *bytes, size_t len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  GError *gerr = NULL;
  if (!g_file_set_contents (path, bytes, (gssize) len, &gerr))
    g_error ("%s", gerr->message);
  return path;
}

/* ---- the shipped presets -------------------------------------------------------------- */

static void
test_nodes_published (void)
{
  gp_node *nodes = NULL;
  size_t n = 0;
  gp_error err;
  if (gp_nodes_load (NULL, &nodes, &n, &err) != GP_OK)
    g_error ("%s", err.message);

  /* The issue asks for at least 3, 5, 7, 16/12, 28 and 65 nm. */
  static const char *const required[] = { "N3", "N5", "N7", "N16", "N28", "N65" };
  for (size_t i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (gp_nodes_find (nodes, n, required[i]));
  g_assert_null (gp_nodes_find (nodes, n, "N2"));
  g_assert_null (gp_nodes_find (nodes, n, NULL));

  /* CSET 2020 (Khan & Mann, "AI Chips"), Table 9: 300 mm wafer at 5 nm 16,988 USD, at
   * 7 nm 9,346 USD. D0: AnandTech 16028 / Chiplet Actuary, N5 0.11, N7 0.09 /cm2. */
  const gp_node *n5 = gp_nodes_find (nodes, n, "N5");
  g_assert_cmpfloat_with_epsilon (n5->wafer_cost_usd, 16988.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (n5->d0_per_cm2, 0.11, 1e-12);
  g_assert_cmpfloat_with_epsilon (n5->wafer_diameter_mm, 300.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (n5->alpha, 10.0, 1e-12); /* Chiplet Actuary default */
  const gp_node *n7 = gp_nodes_find (nodes, n, "N7");
  g_assert_cmpfloat_with_epsilon (n7->wafer_cost_usd, 9346.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (n7->d0_per_cm2, 0.09, 1e-12);
  /* ACT (Gupta et al., ISCA 2022), 7 nm: EPA 2.15 kWh/cm2, GPA 350 g/cm2 (95% abatement),
   * MPA 500 g/cm2. */
  g_assert_cmpfloat_with_epsilon (n7->epa_kwh_per_cm2, 2.15, 1e-12);
  g_assert_cmpfloat_with_epsilon (n7->gpa_g_per_cm2, 350.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (n7->mpa_g_per_cm2, 500.0, 1e-9);
  /* CSET 2020 Table 9: 65 nm 1,937 USD; ACT has no 65 nm row, so EPA stays 0 (unknown). */
  const gp_node *n65 = gp_nodes_find (nodes, n, "N65");
  g_assert_cmpfloat_with_epsilon (n65->wafer_cost_usd, 1937.0, 1e-9);
  g_assert_cmpfloat (n65->epa_kwh_per_cm2, ==, 0.0);

  /* Every node passes its descriptor table. */
  for (size_t i = 0; i < n; i++)
    if (gp_params_validate (&gp_node_param_table, &nodes[i], &err) != GP_OK)
      g_error ("%s: %s", nodes[i].name, err.message);
  free (nodes);
}

static void
test_nodes_sources (void)
{
  char path[4096];
  g_assert_nonnull (gp_data_path (path, sizeof path, "nodes.lua"));
  gp_error err;
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  g_assert_nonnull (df);
  lua_State *L = gp_datafile_lua (df);
  g_assert_cmpint (lua_getfield (L, 1, "nodes"), ==, LUA_TTABLE);
  /* Every entry's every present parameter carries a citation. */
  lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
  g_assert_cmpint (n, >=, 6);
  for (lua_Integer i = 1; i <= n; i++)
    {
      lua_rawgeti (L, -1, i);
      for (size_t k = 0; k < gp_node_param_table.n_params; k++)
        {
          const char *key = gp_node_param_table.params[k].name;
          if (strcmp (key, "name") == 0 || strcmp (key, "feature_nm") == 0
              || strcmp (key, "wafer_diameter_mm") == 0)
            continue; /* names and nominal sizes need no citation */
          lua_pushstring (L, key);
          bool present = lua_rawget (L, -2) != LUA_TNIL;
          lua_pop (L, 1);
          if (present && gp_lua_source_of (L, -1, key) == NULL)
            g_error ("nodes[%lld].%s has no entry in sources", (long long) i, key);
        }
      if (i == 2)
        {
          lua_getfield (L, -1, "name");
          g_assert_cmpstr (lua_tostring (L, -1), ==, "N5");
          lua_pop (L, 1);
          const char *src = gp_lua_source_of (L, -1, "wafer_cost_usd");
          g_assert_nonnull (src);
          CONTAINS (src, "CSET 2020");
          g_assert_null (gp_lua_source_of (L, -1, "no_such_key"));
          g_assert_null (gp_lua_source_of (L, -1, NULL));
        }
      lua_pop (L, 1);
    }
  lua_pop (L, 1);
  g_assert_cmpint (lua_gettop (L), ==, 1);
  gp_datafile_free (df);
}

/* Every *.lua in data/, whoever wrote it, must load through the sandbox. */
static void
test_all_data_files (void)
{
  const char *dir = gp_data_dir ();
  GError *gerr = NULL;
  GDir *d = g_dir_open (dir, 0, &gerr);
  if (d == NULL)
    g_error ("%s", gerr->message);
  int count = 0;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".lua"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gp_error err;
      gp_datafile *df = gp_datafile_load (path, NULL, &err);
      if (df == NULL)
        g_error ("%s", err.message);
      /* format = 1 and a kind string, as data/README.md asks. */
      lua_State *L = gp_datafile_lua (df);
      g_assert_cmpint (lua_getfield (L, 1, "format"), ==, LUA_TNUMBER);
      g_assert_cmpint (lua_tointeger (L, -1), ==, 1);
      if (lua_getfield (L, 1, "kind") != LUA_TSTRING)
        g_error ("%s: no kind string", path);
      lua_pop (L, 2);
      gp_datafile_free (df);
      count++;
    }
  g_dir_close (d);
  g_assert_cmpint (count, >=, 1);
}

/* ---- code that must not run ----------------------------------------------------------- */

static void
test_syntax_error (void)
{
  gp_error err = expect_load_error ("syntax-error.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "syntax-error.lua:5:");
  err = expect_load_error ("runtime-error.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "runtime-error.lua:3:", "price");
  err = expect_load_error ("error-table.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "error-table.lua: (error object is a table value)");
}

static void
test_infinite_loop (void)
{
  gint64 t0 = g_get_monotonic_time ();
  gp_error err = expect_load_error ("infinite-loop.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "infinite-loop.lua:3: instruction limit (50000000) exceeded: data "
            "files may not loop forever");
  g_test_message ("default instruction cap hit after %.3f s",
                  1e-6 * (double) (g_get_monotonic_time () - t0));

  gp_sandbox_limits lim;
  gp_sandbox_limits_init (&lim);
  lim.instructions = 100000;
  err = expect_load_error ("infinite-loop.lua", &lim, GP_EINVAL);
  CONTAINS (err.message, "infinite-loop.lua:3: instruction limit (100000) exceeded");

  /* pcall is not in the sandbox, so the limit error cannot be caught and looped past. */
  err = expect_load_error ("pcall-loop.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "pcall-loop.lua:2:", "'pcall'");

  /* Recursion: a Lua stack overflow or the memory cap, either way an error. */
  expect_load_error ("recursion.lua", NULL, GP_EINVAL);
}

static void
test_memory_bomb (void)
{
  gp_error err = expect_load_error ("memory-bomb.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "memory-bomb.lua: memory limit (64 MiB) exceeded");
  /* One terabyte asked of string.rep: refused before any buffer is made. */
  err = expect_load_error ("memory-rep.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "memory-rep.lua:2: string limit (1024 KiB) exceeded by string.rep");

  gp_sandbox_limits lim;
  gp_sandbox_limits_init (&lim);
  lim.memory_bytes = (size_t) 8 << 20;
  err = expect_load_error ("memory-bomb.lua", &lim, GP_EINVAL);
  CONTAINS (err.message, "memory limit (8 MiB) exceeded");

  /* A cap too small for the libraries themselves is a memory error too, not a crash. */
  lim.memory_bytes = 4096;
  err = expect_load_error ("valid-nodes.lua", &lim, GP_EINVAL);
  CONTAINS (err.message, "memory limit");
}

/* Stock string.rep("", 2^63 - 1) loops in C for ever; the sandbox's returns "" at once. */
static void
test_rep_empty (void)
{
  g_autofree char *path = data_file ("rep-empty.lua");
  gp_error err;
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  if (df == NULL)
    g_error ("%s", err.message);
  lua_State *L = gp_datafile_lua (df);
  lua_getfield (L, 1, "s");
  g_assert_cmpstr (lua_tostring (L, -1), ==, "");
  lua_pop (L, 1);
  gp_datafile_free (df);
}

static void
test_forbidden_functions (void)
{
  static const char *const marker = "/tmp/glasspane-sandbox-escaped";
  g_remove (marker);
  gp_error err = expect_load_error ("os-execute.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "os-execute.lua:2:", "'os'");
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  static const struct {
    const char *file, *line, *what;
  } cases[] = {
    { "io-open.lua", "io-open.lua:2:", "'io'" },
    { "require.lua", "require.lua:2:", "'require'" },
    { "load.lua", "load.lua:2:", "'load'" },
    { "dofile.lua", "dofile.lua:2:", "'dofile'" },
    { "string-dump.lua", "string-dump.lua:2:", "'dump'" },
    { "setmetatable.lua", "setmetatable.lua:2:", "'setmetatable'" },
    { "string-find.lua", "string-find.lua:3:", "'find'" },
    { "table-move.lua", "table-move.lua:3:", "'move'" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      err = expect_load_error (cases[i].file, NULL, GP_EINVAL);
      CONTAINS (err.message, cases[i].line, cases[i].what);
    }

  /* The same from a buffer: the chunkname stands in for the file name. */
  static const char src[] = "return { x = debug.getinfo(1) }";
  gp_datafile *df = gp_datafile_load_buffer ("design.lua", src, strlen (src), NULL, &err);
  g_assert_null (df);
  CONTAINS (err.message, "design.lua:1:", "'debug'");
  static const char co[] = "\nreturn { x = coroutine.create(print) }";
  df = gp_datafile_load_buffer ("design.lua", co, strlen (co), NULL, &err);
  g_assert_null (df);
  CONTAINS (err.message, "design.lua:2:", "'coroutine'");
}

/* ---- values that are not data --------------------------------------------------------- */

static void
test_not_data (void)
{
  gp_error err = expect_load_error ("function-value.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "function-value.lua: value at nodes[2].alpha is a function; data "
            "files hold only numbers, strings, booleans and tables");
  /* _G holds functions and itself: which refusal comes first depends on the table's
   * iteration order, so either is right. */
  err = expect_load_error ("return-globals.lua", NULL, GP_EINVAL);
  g_assert_true (strstr (err.message, "is a function") != NULL
                 || strstr (err.message, "cycle") != NULL);
  err = expect_load_error ("cycle.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "value at nodes[1]", "cycle");
  err = expect_load_error ("float-key.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "key 1.5 in nodes is not a whole number");
  err = expect_load_error ("boolean-key.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "a key in flags is a boolean");
  err = expect_load_error ("multiple-returns.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "returned 2 values");
  err = expect_load_error ("root-not-table.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "returned a number; a data file must return a table");
  err = expect_load_error ("returns-nothing.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "returned nothing");
}

static void
test_format_version (void)
{
  gp_error err = expect_load_error ("newer-format.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "newer-format.lua: format 7 is newer than this glasspane understands "
            "(1); upgrade glasspane");
  err = expect_nodes_error ("newer-format.lua", GP_EINVAL);
  CONTAINS (err.message, "format 7 is newer");
  err = expect_load_error ("format-string.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "format must be a whole number", "got a string");

  static const char zero[] = "return { format = 0 }";
  g_assert_null (gp_datafile_load_buffer ("zero.lua", zero, strlen (zero), NULL, &err));
  CONTAINS (err.message, "zero.lua: format 0");
  static const char half[] = "return { format = 1.5 }";
  g_assert_null (gp_datafile_load_buffer ("half.lua", half, strlen (half), NULL, &err));
  CONTAINS (err.message, "half.lua: format must be a whole number");
  /* Absent means 1; 1.0 is the integer 1. */
  static const char none[] = "return { kind = 'x' }";
  gp_datafile *df = gp_datafile_load_buffer ("none.lua", none, strlen (none), NULL, &err);
  g_assert_nonnull (df);
  gp_datafile_free (df);
  static const char one[] = "return { format = 1.0 }";
  df = gp_datafile_load_buffer ("one.lua", one, strlen (one), NULL, &err);
  g_assert_nonnull (df);
  gp_datafile_free (df);
}

static void
test_deep_nesting (void)
{
  /* 10000 nested constructors: Lua's parser refuses past its C-level limit (200), with
   * "C stack overflow" and no line in 5.4.4; the file name is all we can ask for. */
  gp_error err = expect_load_error ("deep-syntax.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "deep-syntax.lua: ");

  /* Built by a loop, 100 deep: past the default cap of 32. The root holds `deep`, so the
   * 33rd table down is deep.a.a... with 31 `.a`. */
  err = expect_load_error ("deep-loop.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "deep-loop.lua: value at deep.a.a.a", "nested more than 32 tables deep");

  /* With a cap of 200 it is fine: root + deep + 100 levels = 102. */
  gp_sandbox_limits lim;
  gp_sandbox_limits_init (&lim);
  lim.max_depth = 200;
  g_autofree char *path = data_file ("deep-loop.lua");
  gp_datafile *df = gp_datafile_load (path, &lim, &err);
  if (df == NULL)
    g_error ("%s", err.message);
  gp_datafile_free (df);
  /* 101 would be one short of that. */
  lim.max_depth = 101;
  expect_load_error ("deep-loop.lua", &lim, GP_EINVAL);

  /* Out-of-range limits are refused, not clamped silently. */
  lim.max_depth = 0;
  g_assert_null (gp_datafile_load (path, &lim, &err));
  g_assert_cmpint (err.status, ==, GP_EINVAL);
  CONTAINS (err.message, "max_depth");
}

/* A table reached 2^20 times over through shared references: the entry cap stops the
 * walk long before it visits all of them. */
static void
test_entry_cap (void)
{
  static const char src[] =
    "local t = {1, 2}\n"
    "for i = 1, 25 do t = {t, t} end\n"
    "return { format = 1, t = t }\n";
  gp_error err;
  g_assert_null (gp_datafile_load_buffer ("shared.lua", src, strlen (src), NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EINVAL);
  /* Each level is a table of two entries: 104 bytes a level to copy, so the copy budget
   * (64 MiB) stops the walk first, after about 650,000 entries. */
  CONTAINS (err.message, "shared.lua: its tables", "to copy out of the sandbox");

  /* Numbers are cheap to copy (40 bytes an entry): here the entry cap stops it first. */
  static const char flat[] =
    "local t = {}\n"
    "for i = 1, 100 do t[i] = i end\n"
    "local r = {}\n"
    "for i = 1, 20000 do r[i] = t end\n"
    "return { format = 1, r = r }\n";
  g_assert_null (gp_datafile_load_buffer ("flat.lua", flat, strlen (flat), NULL, &err));
  CONTAINS (err.message, "flat.lua: more than 1000000 table entries");
}

static void
test_huge_string (void)
{
  /* A literal just under the 1 MiB string cap fits the default caps and comes back
   * intact. */
  size_t n = ((size_t) 1 << 20) - 64;
  GString *s = g_string_sized_new (n + 64);
  g_string_append (s, "return { format = 1, s = \"");
  for (size_t i = 0; i < n; i++)
    g_string_append_c (s, 'x');
  g_string_append (s, "\" }\n");
  g_autofree char *path = write_tmp ("huge-string.lua", s->str, s->len);
  gp_error err;
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  if (df == NULL)
    g_error ("%s", err.message);
  lua_State *L = gp_datafile_lua (df);
  lua_getfield (L, 1, "s");
  g_assert_cmpuint (lua_rawlen (L, -1), ==, n);
  lua_pop (L, 1);
  gp_datafile_free (df);

  /* Under a 1 MiB memory cap the lexer's buffer for it runs out. */
  gp_sandbox_limits lim;
  gp_sandbox_limits_init (&lim);
  lim.memory_bytes = (size_t) 1 << 20;
  g_assert_null (gp_datafile_load (path, &lim, &err));
  g_assert_cmpint (err.status, ==, GP_EINVAL);
  CONTAINS (err.message, "huge-string.lua: memory limit (1 MiB) exceeded");
  /* Under a 64 KiB string cap the literal itself is refused, by name. */
  gp_sandbox_limits_init (&lim);
  lim.string_bytes = (size_t) 64 << 10;
  g_assert_null (gp_datafile_load (path, &lim, &err));
  CONTAINS (err.message, "huge-string.lua: string limit (64 KiB) exceeded");
  g_remove (path);

  /* A 4 MiB literal is past the default string cap. */
  g_string_truncate (s, 0);
  g_string_append (s, "return { format = 1, s = \"");
  for (size_t i = 0; i < 4 * n; i++)
    g_string_append_c (s, 'x');
  g_string_append (s, "\" }\n");
  g_autofree char *path4 = write_tmp ("huge-string-4m.lua", s->str, s->len);
  g_assert_null (gp_datafile_load (path4, NULL, &err));
  CONTAINS (err.message, "huge-string-4m.lua: string limit (1024 KiB) exceeded");
  g_remove (path4);
  g_string_free (s, TRUE);

  /* Past 16 MiB the file is not even read. */
  size_t big = ((size_t) 16 << 20) + 1;
  char *bytes = g_malloc (big);
  memset (bytes, ' ', big);
  g_autofree char *bigpath = write_tmp ("too-big.lua", bytes, big);
  g_free (bytes);
  g_assert_null (gp_datafile_load (bigpath, NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EIO);
  CONTAINS (err.message, "too-big.lua: file is too large");
  g_remove (bigpath);
}

/* ---- time: one instruction can do a lot of work ---------------------------------------- */

static double
thread_cpu_s (void)
{
  struct timespec t;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

/* Load tests/data/NAME under LIMITS; it must fail naming FRAGMENT, within MAX_CPU seconds
 * of this thread's CPU time. */
static void
expect_stopped (const char *name, const gp_sandbox_limits *lim, const char *fragment,
                double max_cpu)
{
  double c0 = thread_cpu_s ();
  gint64 t0 = g_get_monotonic_time ();
  gp_error err = expect_load_error (name, lim, GP_EINVAL);
  double cpu = thread_cpu_s () - c0;
  g_test_message ("%s stopped after %.3f s CPU, %.3f s wall", name, cpu,
                  1e-6 * (double) (g_get_monotonic_time () - t0));
  CONTAINS (err.message, fragment);
  g_assert_cmpfloat (cpu, <, max_cpu);
}

/* Each file stays under the instruction cap (or would, for a very long time) while every
 * instruction or C call does up to a millisecond of work. The deadline holds to within
 * the overshoot of one hook interval; the costly C functions are gone or charged. */
static void
test_time_bounds (void)
{
  gp_sandbox_limits lim;
  gp_sandbox_limits_init (&lim);
  lim.cpu_seconds = 0.3;
  /* 0.3 s of CPU plus a hook interval of 1 MiB comparisons or conversions (~0.05 s); the
   * bound leaves room for a slow sanitizer build. */
  expect_stopped ("slow-compare.lua", &lim, "slow-compare.lua:4: time limit (0.3 s of CPU "
                  "time) exceeded", 1.0);
  expect_stopped ("slow-coerce.lua", &lim, "slow-coerce.lua:3: time limit", 1.0);
  /* Wall-clock time: a limit below the CPU one fires first. */
  lim.wall_seconds = 0.2;
  lim.cpu_seconds = 5;
  expect_stopped ("slow-compare.lua", &lim, "time limit (0.2 s of wall-clock time)", 1.0);

  /* Refused or charged outright, at the default limits. */
  expect_stopped ("slow-compare-16m.lua", NULL, "slow-compare-16m.lua:3: string limit "
                  "(1024 KiB) exceeded", 0.5);
  expect_stopped ("slow-sort.lua", NULL, "slow-sort.lua:5:", 1.0);
  expect_stopped ("slow-sort.lua", NULL, "'sort'", 1.0);
  expect_stopped ("slow-unpack.lua", NULL, "'unpack'", 0.5);
  /* About 48 shifts of a million entries, 15 ms each. */
  expect_stopped ("slow-insert.lua", NULL, "slow-insert.lua:5: instruction limit", 2.0);
  expect_stopped ("slow-tonumber.lua", NULL, "slow-tonumber.lua:3: instruction limit", 1.0);

  /* At the default 2 s, through the preset reader the GUI uses at start-up (a hostile
   * GP_DATA_DIR/nodes.lua). */
  g_autofree char *path = data_file ("slow-compare.lua");
  gp_error err;
  gp_node *nodes = NULL;
  size_t n = 0;
  double c0 = thread_cpu_s ();
  g_assert_cmpint (gp_nodes_load (path, &nodes, &n, &err), ==, GP_EINVAL);
  double cpu = thread_cpu_s () - c0;
  g_test_message ("gp_nodes_load stopped after %.3f s CPU", cpu);
  CONTAINS (err.message, "slow-compare.lua:4: time limit (");
  g_assert_cmpfloat (cpu, <, 3.0);

  /* Out-of-range deadlines are refused. */
  gp_sandbox_limits_init (&lim);
  lim.cpu_seconds = 0;
  g_assert_null (gp_datafile_load (path, &lim, &err));
  CONTAINS (err.message, "cpu_seconds");
  gp_sandbox_limits_init (&lim);
  lim.wall_seconds = NAN;
  g_assert_null (gp_datafile_load (path, &lim, &err));
  CONTAINS (err.message, "wall_seconds");
}

/* ---- memory: the copy out of the sandbox ------------------------------------------------ */

typedef struct {
  size_t used, peak;
} counting;

static void *
counting_alloc (void *ud, void *ptr, size_t osize, size_t nsize)
{
  counting *c = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0)
    {
      free (ptr);
      c->used -= old;
      return NULL;
    }
  void *p = realloc (ptr, nsize);
  if (p != NULL)
    {
      c->used = c->used - old + nsize;
      if (c->used > c->peak)
        c->peak = c->used;
    }
  return p;
}

static int
call_presets (lua_State *L)
{
  luaL_requiref (L, "glasspane", luaopen_glasspane, 1);
  lua_getfield (L, -1, "presets");
  lua_pushliteral (L, "nodes");
  lua_call (L, 1, 1);
  return 1;
}

static void
test_copy_budget (void)
{
  /* A thousand references to one 1 MiB string: copied once, so well under 8 MiB where
   * copying each reference would take a gigabyte. */
  g_autofree char *path = data_file ("copy-bomb.lua");
  gp_error err;
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  if (df == NULL)
    g_error ("%s", err.message);
  counting c = { 0, 0 };
  lua_State *L = lua_newstate (counting_alloc, &c);
  luaL_openlibs (L);
  size_t before = c.used;
  c.peak = c.used;
  gp_datafile_push_copy (df, L);
  gp_datafile_free (df);
  g_test_message ("copy of copy-bomb.lua: peak %.2f MiB", (double) (c.peak - before) / 1048576);
  g_assert_cmpuint (c.peak - before, <, (size_t) 8 << 20);
  lua_getfield (L, -1, "t");
  g_assert_cmpuint (lua_rawlen (L, -1), ==, 1000);
  lua_rawgeti (L, -1, 1);
  lua_rawgeti (L, -2, 1000);
  g_assert_cmpuint (lua_rawlen (L, -1), ==, ((size_t) 1 << 20) - 64);
  g_assert_true (lua_rawequal (L, -1, -2));
  g_assert_true (lua_tostring (L, -1) == lua_tostring (L, -2)); /* one string, shared */
  lua_close (L);

  /* The reported 89-byte form (a 16 MiB string) is refused by the string cap. */
  err = expect_load_error ("copy-bomb-16m.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "string limit (1024 KiB) exceeded");
  /* Shared tables are copied each time (so the copy is a tree): past the budget, refused
   * at load with the reason. */
  err = expect_load_error ("copy-tables.lua", NULL, GP_EINVAL);
  CONTAINS (err.message, "copy-tables.lua: its tables", "64 MiB memory limit to copy out");

  /* glasspane.presets("nodes") with a hostile GP_DATA_DIR/nodes.lua: the module's copy is
   * bounded the same way. */
  static const char nodes_src[] =
    "local s = string.rep('a', 2^20 - 64)\n"
    "local t = {}\n"
    "for i = 1, 1000 do t[i] = { name = s } end\n"
    "return { format = 1, kind = 'nodes', nodes = t }\n";
  g_autofree char *dir = g_build_filename (tmpdir, "hostile-data", NULL);
  g_mkdir (dir, 0700);
  g_autofree char *npath = g_build_filename (dir, "nodes.lua", NULL);
  g_assert_true (g_file_set_contents (npath, nodes_src, -1, NULL));
  g_autofree char *saved = g_strdup (g_getenv ("GP_DATA_DIR"));
  g_setenv ("GP_DATA_DIR", dir, TRUE);
  c = (counting) { 0, 0 };
  L = lua_newstate (counting_alloc, &c);
  luaL_openlibs (L);
  lua_pushcfunction (L, call_presets);
  int st = lua_pcall (L, 0, 1, 0);
  g_test_message ("presets('nodes'): %s, peak %.2f MiB",
                  st == LUA_OK ? "ok" : lua_tostring (L, -1), (double) c.peak / 1048576);
  g_assert_cmpuint (c.peak, <, (size_t) 16 << 20);
  lua_close (L);
  if (saved)
    g_setenv ("GP_DATA_DIR", saved, TRUE);
  else
    g_unsetenv ("GP_DATA_DIR");
  g_remove (npath);
  g_rmdir (dir);
}

static int
dump_writer (lua_State *L, const void *p, size_t sz, void *ud)
{
  g_byte_array_append (ud, p, (guint) sz);
  return 0;
}

static void
test_binary (void)
{
  /* A real binary chunk, dumped by a stock Lua state: refused by mode "t". */
  lua_State *L = luaL_newstate ();
  g_assert_cmpint (luaL_loadstring (L, "return { format = 1 }"), ==, LUA_OK);
  GByteArray *bytes = g_byte_array_new ();
  g_assert_cmpint (lua_dump (L, dump_writer, bytes, 0), ==, 0);
  lua_close (L);
  g_assert_cmpint (bytes->data[0], ==, 0x1b);
  g_autofree char *path = write_tmp ("binary-chunk.lua", bytes->data, bytes->len);
  g_byte_array_unref (bytes);
  gp_error err;
  g_assert_null (gp_datafile_load (path, NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EINVAL);
  CONTAINS (err.message, "binary-chunk.lua: attempt to load a binary chunk");
  g_remove (path);

  /* Random bytes, with a fixed seed so a failure can be replayed: an error, no crash. */
  GRand *rand = g_rand_new_with_seed (20240601);
  for (int k = 0; k < 50; k++)
    {
      guint8 buf[4096];
      size_t len = 1 + (size_t) g_rand_int_range (rand, 0, sizeof buf);
      for (size_t i = 0; i < len; i++)
        buf[i] = (guint8) g_rand_int_range (rand, 0, 256);
      if (k % 2 == 0)
        buf[0] = 'r'; /* half of them get past the binary-chunk check */
      g_autofree char *gpath = write_tmp ("garbage.lua", buf, len);
      gp_datafile *df = gp_datafile_load (gpath, NULL, &err);
      g_assert_null (df);
      g_assert_cmpint (err.status, ==, GP_EINVAL);
      CONTAINS (err.message, "garbage.lua");
      g_remove (gpath);
    }
  g_rand_free (rand);
}

static void
test_files (void)
{
  gp_error err;
  g_autofree char *missing = data_file ("no-such-file.lua");
  g_assert_null (gp_datafile_load (missing, NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EIO);
  CONTAINS (err.message, "no-such-file.lua: cannot open", g_strerror (ENOENT));

  g_assert_null (gp_datafile_load (tmpdir, NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EIO);
  CONTAINS (err.message, tmpdir, "is a directory");

  g_autofree char *empty = write_tmp ("empty.lua", "", 0);
  g_assert_null (gp_datafile_load (empty, NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EINVAL);
  CONTAINS (err.message, "empty.lua: file is empty");
  g_remove (empty);

  g_assert_null (gp_datafile_load (NULL, NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EINVAL);
  g_assert_null (gp_datafile_load_buffer ("x.lua", NULL, 3, NULL, &err));
  g_assert_cmpint (err.status, ==, GP_EINVAL);

  /* A byte-order mark is skipped as lua.c does; a NULL ERR is allowed. */
  static const char bom[] = "\xEF\xBB\xBFreturn { format = 1 }";
  gp_datafile *df = gp_datafile_load_buffer ("bom.lua", bom, strlen (bom), NULL, NULL);
  g_assert_nonnull (df);
  g_assert_cmpstr (gp_datafile_name (df), ==, "bom.lua");
  gp_datafile_free (df);
  gp_datafile_free (NULL);
  g_assert_null (gp_datafile_load ("/nonexistent/x.lua", NULL, NULL));
}

static void
test_data_dir (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("GP_DATA_DIR"));
  g_setenv ("GP_DATA_DIR", "/opt/gp-data", TRUE);
  g_assert_cmpstr (gp_data_dir (), ==, "/opt/gp-data");
  char buf[64];
  g_assert_cmpstr (gp_data_path (buf, sizeof buf, "nodes.lua"), ==, "/opt/gp-data/nodes.lua");
  /* A path that does not fit is refused, not cut. */
  char small[8];
  g_assert_null (gp_data_path (small, sizeof small, "nodes.lua"));
  g_assert_cmpstr (small, ==, "");

  /* Unset (or empty): a build tree finds the source tree's data/, which holds nodes.lua. */
  g_setenv ("GP_DATA_DIR", "", TRUE);
  const char *dir = gp_data_dir ();
  g_assert_true (g_str_has_suffix (dir, "data"));
  g_autofree char *nodes = g_build_filename (dir, "nodes.lua", NULL);
  g_assert_true (g_file_test (nodes, G_FILE_TEST_IS_REGULAR));

  if (saved)
    g_setenv ("GP_DATA_DIR", saved, TRUE);
  else
    g_unsetenv ("GP_DATA_DIR");
}

/* ---- parameters ----------------------------------------------------------------------- */

static void
test_nodes_errors (void)
{
  gp_error err = expect_nodes_error ("wrong-type.lua", GP_EINVAL);
  CONTAINS (err.message, "wrong-type.lua: nodes[2].alpha must be a number, got string");
  g_assert_cmpstr (err.param, ==, "alpha");

  err = expect_nodes_error ("unknown-key.lua", GP_ENOTFOUND);
  CONTAINS (err.message, "unknown-key.lua: nodes[2]: unknown parameter 'd0_per_cm' (did you "
            "mean 'd0_per_cm2'?)");

  /* Range as in gp-node.c: d0_per_cm2 in [0, 100] defects/cm2. */
  err = expect_nodes_error ("out-of-range.lua", GP_EINVAL);
  CONTAINS (err.message, "out-of-range.lua: nodes[1].d0_per_cm2 = -1 is out of range: allowed "
            "[0, 100] defects/cm2");
  g_assert_cmpstr (err.param, ==, "d0_per_cm2");

  err = expect_nodes_error ("missing-key.lua", GP_EINVAL);
  CONTAINS (err.message, "missing-key.lua: nodes[2]: missing parameter 'alpha' (Clustering "
            "alpha, allowed (0, 1e+06])");
  g_assert_cmpstr (err.param, ==, "alpha");

  err = expect_nodes_error ("duplicate-name.lua", GP_EINVAL);
  CONTAINS (err.message, "duplicate-name.lua: nodes[3]: duplicate name 'N5' (also nodes[1])");

  err = expect_nodes_error ("sources-unknown.lua", GP_ENOTFOUND);
  CONTAINS (err.message, "nodes[1].sources: unknown parameter 'wafer_cost' (did you mean "
            "'wafer_cost_usd'?)");
  err = expect_nodes_error ("sources-not-string.lua", GP_EINVAL);
  CONTAINS (err.message, "nodes[1].sources.alpha must be a string");
  err = expect_nodes_error ("entry-not-table.lua", GP_EINVAL);
  CONTAINS (err.message, "nodes[2] must be a table of parameters, got string");
  err = expect_nodes_error ("list-stray-key.lua", GP_EINVAL);
  CONTAINS (err.message, "nodes has a key 'extra'");
  err = expect_nodes_error ("no-list.lua", GP_EINVAL);
  CONTAINS (err.message, "has no 'nodes' list");
  err = expect_nodes_error ("name-too-long.lua", GP_EINVAL);
  CONTAINS (err.message, "nodes[1].name is too long");
  /* Sandbox errors pass through the preset reader unchanged. */
  err = expect_nodes_error ("infinite-loop.lua", GP_EINVAL);
  CONTAINS (err.message, "instruction limit");
}

static void
test_nodes_valid (void)
{
  g_autofree char *path = data_file ("valid-nodes.lua");
  gp_node *nodes = NULL;
  size_t n = 0;
  gp_error err;
  if (gp_nodes_load (path, &nodes, &n, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (nodes[0].name, ==, "N5");
  g_assert_cmpfloat (nodes[0].wafer_cost_usd, ==, 16988);
  /* Absent optional keys keep gp_node_init()'s values (critical_layers 10, EPA 0). */
  g_assert_cmpfloat (nodes[0].critical_layers, ==, 10);
  g_assert_cmpfloat (nodes[0].epa_kwh_per_cm2, ==, 0);
  g_assert_cmpfloat (nodes[1].critical_layers, ==, 13);
  g_assert_true (gp_nodes_find (nodes, n, "N7") == &nodes[1]);
  free (nodes);
}

/* A struct with every parameter type, for the conversion tests. */
typedef struct {
  double length_mm;
  long count;
  bool enabled;
  int shape;
  char label[8];
} test_thing;

static const char *const shape_names[] = { "square", "round", NULL };

static const gp_param thing_params[] = {
  GP_P_DOUBLE (test_thing, length_mm, 0, 100, GP_RANGE_MIN_EXCLUSIVE, "mm", "Length", "doc"),
  GP_P_INT (test_thing, count, 0, INFINITY, 0, "", "Count", "doc"),
  GP_P_BOOL (test_thing, enabled, GP_PARAM_F_OPTIONAL, "Enabled", "doc"),
  GP_P_ENUM (test_thing, shape, shape_names, 0, "Shape", "doc"),
  GP_P_STRING (test_thing, label, GP_PARAM_F_OPTIONAL, "Label", "doc"),
};
static const gp_param_table thing_table = { "thing", thing_params, G_N_ELEMENTS (thing_params) };

static void
thing_init (test_thing *t)
{
  memset (t, 0, sizeof *t);
  t->length_mm = 1;
  strcpy (t->label, "x");
}

/* Evaluate CODE in L and leave its one result on the stack. */
static void
eval (lua_State *L, const char *code)
{
  if (luaL_dostring (L, code) != LUA_OK)
    g_error ("%s", lua_tostring (L, -1));
}

static void
test_params_round_trip (void)
{
  lua_State *L = luaL_newstate ();
  luaL_openlibs (L);
  test_thing a = { 12.5, 7, true, 1, "abc" }, b;
  thing_init (&b);
  gp_lua_push_params (L, &thing_table, &a);
  gp_error err;
  g_assert_cmpint (gp_lua_read_params (L, -1, &thing_table, &b, GP_LUAPARAM_REQUIRE_ALL,
                                       "t", &err), ==, GP_OK);
  g_assert_cmpfloat (b.length_mm, ==, 12.5);
  g_assert_cmpint (b.count, ==, 7);
  g_assert_true (b.enabled);
  g_assert_cmpint (b.shape, ==, 1);
  g_assert_cmpstr (b.label, ==, "abc");
  /* Types as pushed: integer for INT, the name for ENUM. */
  lua_getfield (L, -1, "count");
  g_assert_true (lua_isinteger (L, -1));
  lua_getfield (L, -2, "shape");
  g_assert_cmpstr (lua_tostring (L, -1), ==, "round");
  lua_pop (L, 3);

  /* An integral float is a valid INT; absent optional keys keep their values. */
  thing_init (&b);
  eval (L, "return { length_mm = 3, count = 4.0, shape = 'square' }");
  g_assert_cmpint (gp_lua_read_params (L, -1, &thing_table, &b, GP_LUAPARAM_REQUIRE_ALL,
                                       NULL, &err), ==, GP_OK);
  g_assert_cmpint (b.count, ==, 4);
  g_assert_cmpstr (b.label, ==, "x");
  lua_pop (L, 1);

  static const struct {
    const char *code;
    gp_status status;
    const char *fragment;
  } bad[] = {
    { "return { count = 2.5 }", GP_EINVAL, "t.count = 2.5 must be a whole number" },
    { "return { count = 2^60 }", GP_EINVAL, "t.count = 1.15292e+18 is too large to hold exactly" },
    { "return { count = 1/0 }", GP_EINVAL, "t.count = inf is too large" },
    { "return { count = math.tointeger(2^60) }", GP_EINVAL, "t.count = 1152921504606846976 is "
      "too large to hold exactly" },
    { "return { count = '3' }", GP_EINVAL, "t.count must be a whole number, got string" },
    { "return { length_mm = '3' }", GP_EINVAL, "t.length_mm must be a number, got string" },
    { "return { length_mm = 0/0 }", GP_EINVAL, "t.length_mm = NaN is out of range: allowed "
      "(0, 100] mm" },
    { "return { length_mm = 0 }", GP_EINVAL, "t.length_mm = 0 is out of range" },
    { "return { enabled = 1 }", GP_EINVAL, "t.enabled must be true or false, got number" },
    { "return { shape = 'oval' }", GP_ENOTFOUND, "t.shape = \"oval\" is unknown: allowed "
      "square, round" },
    { "return { shape = 1 }", GP_EINVAL, "t.shape must be a string naming one of its choices" },
    { "return { label = 'a\\0b' }", GP_EINVAL, "t.label contains a NUL byte" },
    { "return { label = 'abcdefghij' }", GP_EINVAL, "t.label is too long" },
    { "return { lenght_mm = 3 }", GP_ENOTFOUND, "t: unknown parameter 'lenght_mm' (did you "
      "mean 'length_mm'?)" },
    { "return { zzzzzzzz = 3 }", GP_ENOTFOUND, "t: unknown parameter 'zzzzzzzz'" },
    { "return { sorces = {} }", GP_ENOTFOUND, "(did you mean 'sources'?)" },
    { "return { 1, 2 }", GP_EINVAL, "t: list entry [1] where parameters" },
    { "return { [true] = 1 }", GP_EINVAL, "t: a key is a boolean" },
    { "return { note = 3 }", GP_EINVAL, "t.note must be a string, got number" },
    { "return { sources = 'CSET' }", GP_EINVAL, "t.sources must be a table" },
    { "return { sources = { count = {} } }", GP_EINVAL, "t.sources.count must be a string" },
    { "return { sources = { [1] = 'x' } }", GP_EINVAL, "t.sources: a key is a number" },
    { "return { length_mm = 3 }", GP_EINVAL, "t: missing parameter 'count' (Count, allowed "
      "[0, inf), whole)" },
    { "return { length_mm = 3, count = 1 }", GP_EINVAL, "t: missing parameter 'shape' (Shape, "
      "one of square, round)" },
    { "return 5", GP_EINVAL, "t: expected a table of thing parameters, got number" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int top = lua_gettop (L);
      thing_init (&b);
      eval (L, bad[i].code);
      gp_status st = gp_lua_read_params (L, -1, &thing_table, &b, GP_LUAPARAM_REQUIRE_ALL, "t",
                                         &err);
      g_test_message ("%s -> %s", bad[i].code, err.message);
      g_assert_cmpint (st, ==, bad[i].status);
      CONTAINS (err.message, bad[i].fragment);
      lua_pop (L, 1);
      g_assert_cmpint (lua_gettop (L), ==, top); /* the stack is left as it was */
    }

  /* Without REQUIRE_ALL an absent key is fine. */
  thing_init (&b);
  eval (L, "return { length_mm = 3 }");
  g_assert_cmpint (gp_lua_read_params (L, -1, &thing_table, &b, 0, "t", &err), ==, GP_OK);
  g_assert_cmpfloat (b.length_mm, ==, 3);
  lua_pop (L, 1);

  /* Only raw access: a metatable's __index (which would fill the missing keys) is ignored,
   * so the keys really are missing. */
  eval (L, "return setmetatable({ length_mm = 3 }, { __index = function () error('ran') end })");
  g_assert_cmpint (gp_lua_read_params (L, -1, &thing_table, &b, GP_LUAPARAM_REQUIRE_ALL, "t",
                                       &err), ==, GP_EINVAL);
  CONTAINS (err.message, "missing parameter 'count'");
  lua_pop (L, 1);
  lua_close (L);
}

static void
test_push_copy (void)
{
  g_autofree char *path = data_file ("valid-nodes.lua");
  gp_error err;
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  g_assert_nonnull (df);
  lua_State *L = luaL_newstate ();
  luaL_openlibs (L);
  gp_datafile_push_copy (df, L);
  g_assert_cmpint (lua_gettop (L), ==, 1);
  gp_datafile_free (df); /* the copy does not depend on the sandbox */

  lua_setglobal (L, "copy");
  eval (L, "return copy.nodes[1].name == 'N5' and copy.nodes[2].d0_per_cm2 == 0.09"
           " and math.type(copy.nodes[1].feature_nm) == 'integer'"
           " and math.type(copy.nodes[1].d0_per_cm2) == 'float'"
           " and copy.nodes[1].sources.wafer_cost_usd == 'CSET 2020, Table 9'"
           " and copy.format == 1 and copy.kind == 'nodes' and #copy.nodes == 2");
  g_assert_true (lua_toboolean (L, -1));
  lua_pop (L, 1);

  /* The copy reads back into structs like the original. */
  lua_getglobal (L, "copy");
  lua_getfield (L, -1, "nodes");
  lua_rawgeti (L, -1, 2);
  gp_node n7;
  gp_node_init (&n7);
  g_assert_cmpint (gp_lua_read_params (L, -1, &gp_node_param_table, &n7,
                                       GP_LUAPARAM_REQUIRE_ALL, "copy", &err), ==, GP_OK);
  g_assert_cmpfloat (n7.wafer_cost_usd, ==, 9346);
  lua_close (L);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  GError *gerr = NULL;
  tmpdir = g_dir_make_tmp ("glasspane-loader-XXXXXX", &gerr);
  if (tmpdir == NULL)
    g_error ("%s", gerr->message);

  g_test_add_func ("/scripting/loader/nodes-published", test_nodes_published);
  g_test_add_func ("/scripting/loader/nodes-sources", test_nodes_sources);
  g_test_add_func ("/scripting/loader/all-data-files", test_all_data_files);
  g_test_add_func ("/scripting/loader/syntax-error", test_syntax_error);
  g_test_add_func ("/scripting/loader/infinite-loop", test_infinite_loop);
  g_test_add_func ("/scripting/loader/memory-bomb", test_memory_bomb);
  g_test_add_func ("/scripting/loader/rep-empty", test_rep_empty);
  g_test_add_func ("/scripting/loader/forbidden-functions", test_forbidden_functions);
  g_test_add_func ("/scripting/loader/not-data", test_not_data);
  g_test_add_func ("/scripting/loader/format-version", test_format_version);
  g_test_add_func ("/scripting/loader/deep-nesting", test_deep_nesting);
  g_test_add_func ("/scripting/loader/entry-cap", test_entry_cap);
  g_test_add_func ("/scripting/loader/huge-string", test_huge_string);
  g_test_add_func ("/scripting/loader/time-bounds", test_time_bounds);
  g_test_add_func ("/scripting/loader/copy-budget", test_copy_budget);
  g_test_add_func ("/scripting/loader/binary", test_binary);
  g_test_add_func ("/scripting/loader/files", test_files);
  g_test_add_func ("/scripting/loader/data-dir", test_data_dir);
  g_test_add_func ("/scripting/loader/nodes-errors", test_nodes_errors);
  g_test_add_func ("/scripting/loader/nodes-valid", test_nodes_valid);
  g_test_add_func ("/scripting/loader/params-round-trip", test_params_round_trip);
  g_test_add_func ("/scripting/loader/push-copy", test_push_copy);
  int status = g_test_run ();

  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
