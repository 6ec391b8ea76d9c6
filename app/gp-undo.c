/* gp-undo.c: the undo/redo stack of parameter and structural changes (see gp-undo.h). */
#include "gp-undo.h"

#include <string.h>

struct _GpUndoStack {
  GArray *entries; /* GpUndoEntry, owned strings; [0, pos) applied, [pos, len) redoable */
  guint pos;
  guint limit;
  gint64 clean_pos; /* position when saved; -1 when that state can no longer be reached */
  gboolean sealed;  /* the top entry was undone, redone or saved: never merge into it */
};

static void
entry_clear (gpointer data)
{
  GpUndoEntry *e = data;
  g_clear_pointer (&e->old_string, g_free);
  g_clear_pointer (&e->new_string, g_free);
  g_clear_pointer (&e->blob, g_free);
}

GpUndoStack *
gp_undo_stack_new (guint limit)
{
  GpUndoStack *s = g_new0 (GpUndoStack, 1);
  s->entries = g_array_new (FALSE, TRUE, sizeof (GpUndoEntry));
  g_array_set_clear_func (s->entries, entry_clear);
  s->limit = limit ? limit : 1000;
  s->clean_pos = 0;
  return s;
}

void
gp_undo_stack_free (GpUndoStack *stack)
{
  if (stack == NULL)
    return;
  g_array_unref (stack->entries);
  g_free (stack);
}

static gboolean
same_key (const GpUndoEntry *a, const GpUndoEntry *b)
{
  return a->kind == GP_UNDO_PARAM && b->kind == GP_UNDO_PARAM && a->system_id == b->system_id
         && a->subject == b->subject && a->part == b->part && a->param == b->param;
}

gboolean
gp_undo_stack_push (GpUndoStack *stack, const GpUndoEntry *entry, gint64 merge_window_us)
{
  g_return_val_if_fail (stack != NULL && entry != NULL, FALSE);
  g_return_val_if_fail (entry->kind == GP_UNDO_STRUCTURE ? entry->blob != NULL
                                                         : entry->param != NULL, FALSE);

  /* A new change forgets the redo branch; a save point on it becomes unreachable. */
  if (stack->pos < stack->entries->len)
    {
      if (stack->clean_pos > (gint64) stack->pos)
        stack->clean_pos = -1;
      g_array_set_size (stack->entries, stack->pos);
    }

  if (stack->pos > 0 && !stack->sealed)
    {
      GpUndoEntry *top = &g_array_index (stack->entries, GpUndoEntry, stack->pos - 1);
      if (same_key (top, entry) && entry->time_us - top->time_us >= 0
          && entry->time_us - top->time_us < merge_window_us)
        {
          top->new_value = entry->new_value;
          g_free (top->new_string);
          top->new_string = g_strdup (entry->new_string);
          top->time_us = entry->time_us;
          return TRUE;
        }
    }

  stack->sealed = FALSE;
  GpUndoEntry copy = *entry;
  copy.old_string = g_strdup (entry->old_string);
  copy.new_string = g_strdup (entry->new_string);
  copy.blob = entry->blob ? g_memdup2 (entry->blob, entry->blob_size) : NULL;
  g_array_append_val (stack->entries, copy);
  stack->pos++;

  if (stack->entries->len > stack->limit)
    {
      g_array_remove_index (stack->entries, 0);
      stack->pos--;
      stack->clean_pos = stack->clean_pos > 0 ? stack->clean_pos - 1 : -1;
    }
  return FALSE;
}

gboolean
gp_undo_stack_can_undo (const GpUndoStack *stack)
{
  return stack->pos > 0;
}

gboolean
gp_undo_stack_can_redo (const GpUndoStack *stack)
{
  return stack->pos < stack->entries->len;
}

const GpUndoEntry *
gp_undo_stack_undo (GpUndoStack *stack)
{
  if (stack->pos == 0)
    return NULL;
  stack->sealed = TRUE;
  stack->pos--;
  return &g_array_index (stack->entries, GpUndoEntry, stack->pos);
}

const GpUndoEntry *
gp_undo_stack_redo (GpUndoStack *stack)
{
  if (stack->pos >= stack->entries->len)
    return NULL;
  stack->sealed = TRUE;
  return &g_array_index (stack->entries, GpUndoEntry, stack->pos++);
}

const GpUndoEntry *
gp_undo_stack_peek_undo (const GpUndoStack *stack)
{
  return stack->pos > 0 ? &g_array_index (stack->entries, GpUndoEntry, stack->pos - 1) : NULL;
}

const GpUndoEntry *
gp_undo_stack_peek_redo (const GpUndoStack *stack)
{
  return stack->pos < stack->entries->len
             ? &g_array_index (stack->entries, GpUndoEntry, stack->pos) : NULL;
}

guint
gp_undo_stack_position (const GpUndoStack *stack)
{
  return stack->pos;
}

guint
gp_undo_stack_length (const GpUndoStack *stack)
{
  return stack->entries->len;
}

void
gp_undo_stack_mark_clean (GpUndoStack *stack)
{
  stack->clean_pos = stack->pos;
  stack->sealed = TRUE;
}

gboolean
gp_undo_stack_is_clean (const GpUndoStack *stack)
{
  return stack->clean_pos == (gint64) stack->pos;
}

void
gp_undo_stack_clear (GpUndoStack *stack)
{
  g_array_set_size (stack->entries, 0);
  stack->pos = 0;
  stack->clean_pos = 0;
}
