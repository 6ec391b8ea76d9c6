/* gp-session-edit.c: structural edits of the design (a system added, duplicated, removed,
 * renamed, made the baseline, or replaced whole from the Lua console, and the study
 * replaced from it), each recorded on the undo stack as a snapshot so that Ctrl+Z puts the
 * design back exactly: the same system ids, colours, plans, baseline and selection.
 *
 * Called by gp-session.c (the public functions and undo/redo); calls the session's
 * entries, jobs and uncertainty study below it (gp-session-private.h). */
#include "gp-session-private.h"

#include <string.h>

#include <glib/gi18n.h>

/* A system as the list holds it, enough to put it back where it was. */
typedef struct {
  guint id;
  int color;
  int index;                     /* position in the list */
  gp_system system;
  gp_system preset;
  char preset_name[GP_NAME_MAX];
  gboolean have_plan;
  gp_plan plan;
} SysSnap;

typedef enum { EDIT_ADD, EDIT_REMOVE, EDIT_RENAME, EDIT_BASELINE, EDIT_SYSTEM, EDIT_STUDY } EditKind;

/* One structural edit, before and after. Only the fields its kind names are used. */
typedef struct {
  EditKind kind;
  guint id;                         /* the system concerned (all but EDIT_STUDY) */
  guint baseline_before, baseline_after;
  guint selected_before, selected_after;
  SysSnap snap;                     /* EDIT_ADD (after), EDIT_REMOVE (before) */
  gp_system sys_before, sys_after;  /* EDIT_SYSTEM; EDIT_RENAME keeps the names here */
  gp_study study_before, study_after; /* EDIT_STUDY */
} StructEdit;

static const char *const edit_labels[] = {
  [EDIT_ADD] = N_("Add system"),
  [EDIT_REMOVE] = N_("Remove system"),
  [EDIT_RENAME] = N_("Rename system"),
  [EDIT_BASELINE] = N_("Change baseline"),
  [EDIT_SYSTEM] = N_("Console edit of a system"),
  [EDIT_STUDY] = N_("Console edit of the study"),
};

static void
snap_take (const Entry *e, int index, SysSnap *s)
{
  s->id = e->pub.id;
  s->color = e->pub.color;
  s->index = index;
  s->system = e->pub.system;
  s->preset = e->pub.preset;
  g_strlcpy (s->preset_name, e->pub.preset_name, sizeof s->preset_name);
  s->have_plan = e->pub.have_plan;
  s->plan = e->pub.plan;
}

static void
push (GpSession *self, StructEdit *ed)
{
  GpUndoEntry u = { 0 };
  u.kind = GP_UNDO_STRUCTURE;
  u.part = -1;
  u.system_id = ed->id;
  u.blob = ed;
  u.blob_size = sizeof *ed;
  u.label = _(edit_labels[ed->kind]);
  u.time_us = g_get_monotonic_time ();
  gp_undo_stack_push (self->undo, &u, 0);
}

static void
set_selected (GpSession *self, guint id)
{
  if (self->selected_id == id)
    return;
  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_SELECTED_ID]);
}

static void
set_baseline (GpSession *self, guint id)
{
  if (self->baseline_id == id)
    return;
  self->baseline_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_BASELINE_ID]);
}

static int
index_of (GpSession *self, guint id)
{
  for (guint i = 0; i < self->systems->len; i++)
    if (((Entry *) self->systems->pdata[i])->pub.id == id)
      return (int) i;
  return -1;
}

/* Put a snapshot back in the list at its index, with its own id. */
static void
snap_insert (GpSession *self, const SysSnap *s)
{
  Entry *e = gp_session_entry_new (self, &s->system, &s->preset, s->preset_name);
  e->pub.id = s->id; /* entry_new took a fresh id; the snapshot's is the one undo refers to */
  e->pub.color = s->color;
  e->pub.have_plan = s->have_plan;
  e->pub.plan = s->plan;
  guint at = (guint) CLAMP (s->index, 0, (int) self->systems->len);
  g_ptr_array_insert (self->systems, (gint) at, e);
  gp_session_invalidate_entry (e, TRUE, !s->have_plan);
}

static void
finish (GpSession *self)
{
  self->structure_dirty = TRUE;
  gp_session_uq_invalidate (self);
  gp_session_recompute (self, GP_SESSION_CHANGED_STRUCTURE | GP_SESSION_CHANGED_SELECTION);
}

/* ---- recording ---- */

void
gp_session_edit_record_add (GpSession *self, guint id, guint baseline_before,
                            guint selected_before)
{
  int idx = index_of (self, id);
  g_return_if_fail (idx >= 0);
  g_autofree StructEdit *ed = g_new0 (StructEdit, 1);
  ed->kind = EDIT_ADD;
  ed->id = id;
  ed->baseline_before = baseline_before;
  ed->baseline_after = self->baseline_id;
  ed->selected_before = selected_before;
  ed->selected_after = self->selected_id;
  snap_take (self->systems->pdata[idx], idx, &ed->snap);
  push (self, ed);
}

gboolean
gp_session_edit_remove (GpSession *self, guint id)
{
  int idx = index_of (self, id);
  if (idx < 0)
    return FALSE;
  g_autofree StructEdit *ed = g_new0 (StructEdit, 1);
  ed->kind = EDIT_REMOVE;
  ed->id = id;
  ed->baseline_before = self->baseline_id;
  ed->selected_before = self->selected_id;
  snap_take (self->systems->pdata[idx], idx, &ed->snap);

  g_ptr_array_remove_index (self->systems, (guint) idx);
  if (self->baseline_id == id)
    set_baseline (self, self->systems->len ? ((Entry *) self->systems->pdata[0])->pub.id : 0);
  if (self->selected_id == id)
    {
      guint j = MIN ((guint) idx, self->systems->len ? self->systems->len - 1 : 0);
      set_selected (self, self->systems->len ? ((Entry *) self->systems->pdata[j])->pub.id : 0);
    }
  ed->baseline_after = self->baseline_id;
  ed->selected_after = self->selected_id;
  push (self, ed);
  self->structure_dirty = TRUE;
  gp_session_uq_invalidate (self);
  gp_session_emit_changed (self, GP_SESSION_CHANGED_STRUCTURE | GP_SESSION_CHANGED_SELECTION
                                     | GP_SESSION_CHANGED_VALUES);
  gp_session_schedule_sweep (self);
  return TRUE;
}

void
gp_session_edit_record_rename (GpSession *self, guint id, const char *before)
{
  Entry *e = gp_session_find_entry (self, id);
  g_return_if_fail (e != NULL);
  g_autofree StructEdit *ed = g_new0 (StructEdit, 1);
  ed->kind = EDIT_RENAME;
  ed->id = id;
  g_strlcpy (ed->sys_before.sys.name, before, sizeof ed->sys_before.sys.name);
  g_strlcpy (ed->sys_after.sys.name, e->pub.system.sys.name, sizeof ed->sys_after.sys.name);
  push (self, ed);
}

void
gp_session_edit_record_baseline (GpSession *self, guint before)
{
  g_autofree StructEdit *ed = g_new0 (StructEdit, 1);
  ed->kind = EDIT_BASELINE;
  ed->id = self->baseline_id;
  ed->baseline_before = before;
  ed->baseline_after = self->baseline_id;
  push (self, ed);
}

void
gp_session_edit_record_system (GpSession *self, guint id, const gp_system *before)
{
  Entry *e = gp_session_find_entry (self, id);
  g_return_if_fail (e != NULL);
  g_autofree StructEdit *ed = g_new0 (StructEdit, 1);
  ed->kind = EDIT_SYSTEM;
  ed->id = id;
  ed->sys_before = *before;
  ed->sys_after = e->pub.system;
  push (self, ed);
}

void
gp_session_edit_record_study (GpSession *self, const gp_study *before)
{
  g_autofree StructEdit *ed = g_new0 (StructEdit, 1);
  ed->kind = EDIT_STUDY;
  ed->study_before = *before;
  ed->study_after = self->study;
  push (self, ed);
}

/* ---- undo and redo ---- */

gboolean
gp_session_edit_apply (GpSession *self, const GpUndoEntry *u, gboolean redo)
{
  g_return_val_if_fail (u->kind == GP_UNDO_STRUCTURE && u->blob_size == sizeof (StructEdit),
                        FALSE);
  const StructEdit *ed = u->blob;
  Entry *e = ed->kind == EDIT_STUDY ? NULL : gp_session_find_entry (self, ed->id);
  switch (ed->kind)
    {
    case EDIT_ADD:
    case EDIT_REMOVE:
      {
        /* Adding undone and removing redone take the system out; the other two put it back. */
        gboolean take_out = (ed->kind == EDIT_ADD) != redo;
        if (take_out)
          {
            int idx = index_of (self, ed->id);
            if (idx < 0)
              return FALSE;
            g_ptr_array_remove_index (self->systems, (guint) idx);
          }
        else
          {
            if (e != NULL)
              return FALSE; /* already there */
            snap_insert (self, &ed->snap);
          }
        set_baseline (self, redo ? ed->baseline_after : ed->baseline_before);
        set_selected (self, redo ? ed->selected_after : ed->selected_before);
        if (gp_session_find_entry (self, self->baseline_id) == NULL)
          set_baseline (self, self->systems->len ? ((Entry *) self->systems->pdata[0])->pub.id : 0);
        if (gp_session_find_entry (self, self->selected_id) == NULL)
          set_selected (self, self->baseline_id);
        finish (self);
        return TRUE;
      }
    case EDIT_RENAME:
      if (e == NULL)
        return FALSE;
      g_strlcpy (e->pub.system.sys.name, redo ? ed->sys_after.sys.name : ed->sys_before.sys.name,
                 sizeof e->pub.system.sys.name);
      self->structure_dirty = TRUE;
      gp_session_emit_changed (self, GP_SESSION_CHANGED_STRUCTURE);
      return TRUE;
    case EDIT_BASELINE:
      {
        guint id = redo ? ed->baseline_after : ed->baseline_before;
        if (gp_session_find_entry (self, id) == NULL)
          return FALSE;
        set_baseline (self, id);
        self->structure_dirty = TRUE;
        gp_session_uq_invalidate (self);
        gp_session_emit_changed (self, GP_SESSION_CHANGED_SELECTION);
        gp_session_schedule_uq (self);
        return TRUE;
      }
    case EDIT_SYSTEM:
      if (e == NULL)
        return FALSE;
      e->pub.system = redo ? ed->sys_after : ed->sys_before;
      gp_session_invalidate_entry (e, TRUE, TRUE);
      finish (self);
      return TRUE;
    case EDIT_STUDY:
      self->study = redo ? ed->study_after : ed->study_before;
      gp_session_invalidate_all (self, TRUE, TRUE);
      finish (self);
      return TRUE;
    }
  return FALSE;
}
