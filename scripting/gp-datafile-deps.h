/* gp-datafile-deps.h: which data files a cached result was read from, so a cache over
 * presets (the Lua module's evaluate_system memo) can tell when it has gone stale.
 *
 * Between gp_datafile_deps_begin() and gp_datafile_deps_end() on one thread, every file
 * gp_datafile_load() reads successfully is noted with its device, inode, size and
 * modification time (stat'ed before it is read, so a file changed while it is read looks
 * changed at the next check). gp_datafile_deps_fresh() re-stats them and compares
 * $GP_DATA_DIR: any difference, a file gone, or more files than fit makes it stale. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GP_DATAFILE_DEPS_MAX 32
#define GP_DATAFILE_DEPS_PATH 512

typedef struct {
  char path[GP_DATAFILE_DEPS_PATH];
  dev_t dev;
  ino_t ino;
  off_t size;
  long long mtime_s;
  long mtime_ns;
} gp_datafile_stamp;

typedef struct gp_datafile_deps {
  int n;
  bool overflow;        /* a path too long or too many files: never fresh */
  bool env_set;
  char data_dir[GP_DATAFILE_DEPS_PATH]; /* $GP_DATA_DIR when recorded */
  gp_datafile_stamp file[GP_DATAFILE_DEPS_MAX];
} gp_datafile_deps;

/* Start noting on this thread (into a per-thread record, so a Lua error raised between
 * begin and end leaves nothing dangling; the next begin starts afresh). End copies the
 * record into OUT and stops noting. Nesting is not supported. */
void gp_datafile_deps_begin (void);
void gp_datafile_deps_end (gp_datafile_deps *out);

/* Called by gp_datafile_load with the stat taken before reading PATH (ST NULL if the
 * stat failed, which makes the record stale). */
void gp_datafile_deps_note (const char *path, const struct stat *st);

/* True when $GP_DATA_DIR is as recorded and every noted file has the same identity, size
 * and mtime. About a microsecond a file. */
bool gp_datafile_deps_fresh (const gp_datafile_deps *deps);

#ifdef __cplusplus
}
#endif
