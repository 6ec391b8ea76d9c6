/* gp-session-private.h: what gp-session.c needs from gp-session-io.c (design files,
 * presets) and gp-sources.c, kept apart so the I/O follows scripting/ without touching the
 * session's logic. */
#pragma once

#include "gp-session.h"

G_BEGIN_DECLS

/* A design as read from a file: the study, the systems in order, the baseline index. */
typedef struct {
  char name[128];        /* the design's title ("" for none) */
  gp_study study;
  GArray *systems;       /* gp_system */
  guint baseline;        /* index into systems */
} GpDesignData;

void gp_design_data_init (GpDesignData *d);
void gp_design_data_clear (GpDesignData *d);

/* Read PATH (NULL: data/comparison.lua) into D. */
gboolean gp_session_io_read (const char *path, GpDesignData *d, GError **error);
/* Write D to PATH atomically. */
gboolean gp_session_io_write (const char *path, const GpDesignData *d, GError **error);
/* Preset systems of data/systems.lua. */
char **gp_session_io_preset_names (GError **error);
gboolean gp_session_io_preset (const char *name, gp_system *out, GError **error);

/* GError from a gp_error. */
void gp_session_set_error (GError **error, const gp_error *err);

G_END_DECLS
