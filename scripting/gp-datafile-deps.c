/* gp-datafile-deps.c: the data files a cached result depends on (see the header). */
#include "gp-datafile-deps.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The record of the thread, allocated on its first begin and freed when it exits. */
static pthread_key_t rec_key;
static pthread_once_t rec_once = PTHREAD_ONCE_INIT;
static _Thread_local bool recording;

static void
make_key (void)
{
  (void) pthread_key_create (&rec_key, free);
}

static gp_datafile_deps *
thread_record (void)
{
  pthread_once (&rec_once, make_key);
  gp_datafile_deps *d = pthread_getspecific (rec_key);
  if (d == NULL && (d = malloc (sizeof *d)) != NULL && pthread_setspecific (rec_key, d) != 0)
    {
      free (d);
      d = NULL;
    }
  return d;
}

static void
copy_env (gp_datafile_deps *d)
{
  const char *env = getenv ("GP_DATA_DIR");
  d->env_set = env != NULL;
  d->data_dir[0] = '\0';
  if (env == NULL)
    return;
  size_t n = strlen (env);
  if (n >= sizeof d->data_dir)
    {
      d->overflow = true;
      return;
    }
  memcpy (d->data_dir, env, n + 1);
}

void
gp_datafile_deps_begin (void)
{
  gp_datafile_deps *d = thread_record ();
  recording = d != NULL;
  if (d == NULL)
    return;
  d->n = 0;
  d->overflow = false;
  copy_env (d);
}

void
gp_datafile_deps_end (gp_datafile_deps *out)
{
  gp_datafile_deps *d = recording ? thread_record () : NULL;
  recording = false;
  if (d == NULL)
    {
      memset (out, 0, sizeof *out);
      out->overflow = true; /* nothing was recorded: never fresh */
      return;
    }
  /* only the used part of the file list */
  size_t head = offsetof (gp_datafile_deps, file);
  memcpy (out, d, head + (size_t) d->n * sizeof d->file[0]);
}

static void
fill (gp_datafile_stamp *s, const struct stat *st)
{
  s->dev = st->st_dev;
  s->ino = st->st_ino;
  s->size = st->st_size;
  s->mtime_s = (long long) st->st_mtim.tv_sec;
  s->mtime_ns = st->st_mtim.tv_nsec;
}

void
gp_datafile_deps_note (const char *path, const struct stat *st)
{
  if (!recording)
    return;
  gp_datafile_deps *d = thread_record ();
  if (d == NULL)
    return;
  size_t n = strlen (path);
  if (st == NULL || n >= GP_DATAFILE_DEPS_PATH)
    {
      d->overflow = true;
      return;
    }
  for (int i = 0; i < d->n; i++)
    if (strcmp (d->file[i].path, path) == 0)
      {
        gp_datafile_stamp now;
        fill (&now, st);
        if (now.size != d->file[i].size || now.mtime_s != d->file[i].mtime_s
            || now.mtime_ns != d->file[i].mtime_ns || now.ino != d->file[i].ino)
          d->overflow = true; /* changed between two reads of one build */
        return;
      }
  if (d->n == GP_DATAFILE_DEPS_MAX)
    {
      d->overflow = true;
      return;
    }
  gp_datafile_stamp *s = &d->file[d->n++];
  memcpy (s->path, path, n + 1);
  fill (s, st);
}

bool
gp_datafile_deps_fresh (const gp_datafile_deps *deps)
{
  if (deps->overflow)
    return false;
  const char *env = getenv ("GP_DATA_DIR");
  if ((env != NULL) != deps->env_set || (env && strcmp (env, deps->data_dir) != 0))
    return false;
  for (int i = 0; i < deps->n; i++)
    {
      struct stat st;
      if (stat (deps->file[i].path, &st) != 0)
        return false;
      const gp_datafile_stamp *s = &deps->file[i];
      if (st.st_dev != s->dev || st.st_ino != s->ino || st.st_size != s->size
          || (long long) st.st_mtim.tv_sec != s->mtime_s || st.st_mtim.tv_nsec != s->mtime_ns)
        return false;
    }
  return true;
}
