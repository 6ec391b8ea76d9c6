/* gp-undo.h: the undo/redo stack behind the explorer's Edit menu.
 *
 * Plain data, no widgets. A parameter entry names a parameter (by the system's stable id,
 * the sub-struct, the part and the descriptor) with its value before and after; a
 * structural entry (a system added, removed, renamed, made the baseline, or replaced from
 * the console) carries an opaque snapshot the session interprets. Rapid changes
 * to the same parameter (a spin button held down, a slider dragged) merge into one entry,
 * so one Ctrl+Z undoes the whole gesture. The stack also remembers where the file was last
 * saved, which is what the window's "unsaved changes" state is. */
#pragma once

#include <glib.h>

#include "gp-param.h"

G_BEGIN_DECLS

typedef enum {
  GP_UNDO_PARAM,     /* one parameter's old and new value */
  GP_UNDO_STRUCTURE, /* BLOB: the session's record of a structural edit */
} GpUndoKind;

typedef struct {
  guint system_id;         /* stable id of the system; 0 for the study */
  int subject;             /* GpSubject (gp-param-group.h) */
  int part;                /* package part index for GP_SUBJECT_PART, else -1 */
  const gp_param *param;   /* borrowed: descriptors are static tables */
  double old_value, new_value;  /* numeric, bool and enum parameters */
  char *old_string, *new_string; /* owned; STRING parameters only, else NULL */
  gint64 time_us;          /* monotonic time of the last change merged into it */
  int kind;                /* GpUndoKind (0, a parameter, when not set) */
  void *blob;              /* GP_UNDO_STRUCTURE: owned copy of BLOB_SIZE bytes */
  gsize blob_size;
  const char *label;       /* static text for menus and toasts ("Remove system"), or NULL */
} GpUndoEntry;

typedef struct _GpUndoStack GpUndoStack;

/* A stack keeping at most LIMIT entries (the oldest are dropped; 0 = 1000). */
GpUndoStack *gp_undo_stack_new (guint limit);
void gp_undo_stack_free (GpUndoStack *stack); /* NULL-safe */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpUndoStack, gp_undo_stack_free)

/* Record a change (copied, strings and blob too). Drops everything that could be redone.
 * Structural entries never merge. When the top entry is the same parameter, was pushed less than MERGE_WINDOW_US before ENTRY's
 * time and has not been undone, redone or saved since, the two merge: the top keeps its
 * old value and takes ENTRY's new value. Returns TRUE when it merged. */
gboolean gp_undo_stack_push (GpUndoStack *stack, const GpUndoEntry *entry,
                             gint64 merge_window_us);

gboolean gp_undo_stack_can_undo (const GpUndoStack *stack);
gboolean gp_undo_stack_can_redo (const GpUndoStack *stack);

/* Step back: the entry whose OLD value the caller now applies (NULL if none). The
 * pointer stays valid until the next push, clear or free. */
const GpUndoEntry *gp_undo_stack_undo (GpUndoStack *stack);
/* Step forward: the entry whose NEW value the caller applies (NULL if none). */
const GpUndoEntry *gp_undo_stack_redo (GpUndoStack *stack);
/* The entry the next undo / redo would apply, without moving (NULL if none). */
const GpUndoEntry *gp_undo_stack_peek_undo (const GpUndoStack *stack);
const GpUndoEntry *gp_undo_stack_peek_redo (const GpUndoStack *stack);

/* Number of entries that are applied (undoable) and in total. */
guint gp_undo_stack_position (const GpUndoStack *stack);
guint gp_undo_stack_length (const GpUndoStack *stack);

/* The saved state is the current position (after a save or a load). */
void gp_undo_stack_mark_clean (GpUndoStack *stack);
/* TRUE when undo/redo has brought the stack back to the saved position. */
gboolean gp_undo_stack_is_clean (const GpUndoStack *stack);

void gp_undo_stack_clear (GpUndoStack *stack);

G_END_DECLS
