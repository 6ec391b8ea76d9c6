/* gp-param.c: generic access to model input structs through their descriptor tables. */
#include "gp-param.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const gp_param *
gp_param_table_find (const gp_param_table *table, const char *name)
{
  if (table == NULL || name == NULL)
    return NULL;
  for (size_t i = 0; i < table->n_params; i++)
    if (strcmp (table->params[i].name, name) == 0)
      return &table->params[i];
  return NULL;
}

int
gp_enum_lookup (const char *const *names, const char *name)
{
  if (names == NULL || name == NULL)
    return -1;
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

static int
enum_count (const char *const *names)
{
  int n = 0;
  while (names && names[n])
    n++;
  return n;
}

double
gp_param_get (const gp_param *param, const void *obj)
{
  const char *base = (const char *) obj + param->offset;
  switch (param->type)
    {
    case GP_PARAM_DOUBLE: return *(const double *) base;
    case GP_PARAM_INT: return (double) *(const long *) base;
    case GP_PARAM_BOOL: return *(const bool *) base ? 1.0 : 0.0;
    case GP_PARAM_ENUM: return (double) *(const int *) base;
    case GP_PARAM_STRING: return NAN;
    }
  return NAN;
}

static gp_status
check_value (const gp_param *param, double value, gp_error *err)
{
  switch (param->type)
    {
    case GP_PARAM_DOUBLE:
      return gp_check_range (err, param->name, value, param->min, param->max,
                             param->flags, param->unit);
    case GP_PARAM_INT:
      GP_TRY (gp_check_range (err, param->name, value, param->min, param->max,
                              param->flags, param->unit));
      if (value != floor (value))
        return gp_error_set (err, GP_EINVAL, param->name,
                             "%s = %.6g must be a whole number", param->name, value);
      /* Beyond 2^53 a double no longer holds every integer, and casting it to long
       * could overflow: refuse even where the table sets no bound. */
      if (fabs (value) > 9007199254740992.0)
        return gp_error_set (err, GP_EINVAL, param->name,
                             "%s = %.6g is too large: at most 2^53 in magnitude", param->name,
                             value);
      return GP_OK;
    case GP_PARAM_BOOL:
      if (value != 0.0 && value != 1.0)
        return gp_error_set (err, GP_EINVAL, param->name,
                             "%s must be true or false", param->name);
      return GP_OK;
    case GP_PARAM_ENUM:
      {
        int n = enum_count (param->enum_names);
        if (!isfinite (value) || value != floor (value) || value < 0 || value >= n)
          return gp_error_set (err, GP_EINVAL, param->name,
                               "%s: %.6g is not one of its %d choices", param->name, value, n);
        return GP_OK;
      }
    case GP_PARAM_STRING:
      return gp_error_set (err, GP_EINVAL, param->name,
                           "%s is a string, not a number", param->name);
    }
  return GP_EINVAL;
}

gp_status
gp_param_set (const gp_param *param, void *obj, double value, gp_error *err)
{
  GP_TRY (check_value (param, value, err));
  char *base = (char *) obj + param->offset;
  switch (param->type)
    {
    case GP_PARAM_DOUBLE: *(double *) base = value; break;
    case GP_PARAM_INT: *(long *) base = (long) value; break;
    case GP_PARAM_BOOL: *(bool *) base = value != 0.0; break;
    case GP_PARAM_ENUM: *(int *) base = (int) value; break;
    case GP_PARAM_STRING: break;
    }
  return GP_OK;
}

/* RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF. */
bool
gp_utf8_valid (const char *s, size_t len)
{
  const unsigned char *p = (const unsigned char *) s, *end = p + len;
  while (p < end)
    {
      unsigned c = *p;
      size_t n;
      unsigned min;
      if (c < 0x80)
        {
          p++;
          continue;
        }
      else if ((c & 0xE0) == 0xC0)
        n = 1, min = 0x80, c &= 0x1F;
      else if ((c & 0xF0) == 0xE0)
        n = 2, min = 0x800, c &= 0x0F;
      else if ((c & 0xF8) == 0xF0)
        n = 3, min = 0x10000, c &= 0x07;
      else
        return false;
      if ((size_t) (end - p) <= n)
        return false;
      for (size_t k = 1; k <= n; k++)
        {
          if ((p[k] & 0xC0) != 0x80)
            return false;
          c = (c << 6) | (p[k] & 0x3F);
        }
      if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return false;
      p += n + 1;
    }
  return true;
}

gp_status
gp_param_set_string (const gp_param *param, void *obj, const char *value, gp_error *err)
{
  char *base = (char *) obj + param->offset;
  if (value == NULL)
    return gp_error_set (err, GP_EINVAL, param->name, "%s: missing string", param->name);
  if (param->type == GP_PARAM_ENUM)
    {
      int idx = gp_enum_lookup (param->enum_names, value);
      if (idx < 0)
        {
          char choices[200] = "";
          size_t used = 0;
          for (int i = 0; param->enum_names[i]; i++)
            {
              /* whole names only; a list too long for the message ends in ", ..." */
              size_t need = strlen (param->enum_names[i]) + (i ? 2 : 0);
              if (used + need + (param->enum_names[i + 1] ? 5 : 0) >= sizeof choices)
                {
                  snprintf (choices + used, sizeof choices - used, ", ...");
                  break;
                }
              used += (size_t) snprintf (choices + used, sizeof choices - used, "%s%s",
                                         i ? ", " : "", param->enum_names[i]);
            }
          return gp_error_set (err, GP_ENOTFOUND, param->name,
                               "%s = \"%.40s\" is unknown: allowed %s", param->name, value,
                               choices);
        }
      *(int *) base = idx;
      return GP_OK;
    }
  if (param->type != GP_PARAM_STRING)
    return gp_error_set (err, GP_EINVAL, param->name, "%s is a number, not a string",
                         param->name);
  size_t len = strlen (value);
  if (len >= param->string_size)
    return gp_error_set (err, GP_EINVAL, param->name,
                         "%s is too long: %zu characters, at most %zu", param->name, len,
                         param->string_size - 1);
  if (!gp_utf8_valid (value, len))
    return gp_error_set (err, GP_EINVAL, param->name,
                         "%s is not valid UTF-8 text (names are drawn on charts and written "
                         "to files)", param->name);
  memcpy (base, value, len + 1);
  return GP_OK;
}

/* Whether PARAM's value in OBJ passes check_value, decided inline: the evaluation path
 * validates ~90 parameters a call, and calling through check_value and gp_check_range for
 * each was half the C evaluation's cost. Any doubt goes to check_value, which words the
 * error, so the verdicts and the messages are the same. */
static inline bool
quick_ok (const gp_param *p, const void *obj)
{
  const char *base = (const char *) obj + p->offset;
  double v;
  switch (p->type)
    {
    case GP_PARAM_DOUBLE: v = *(const double *) base; break;
    case GP_PARAM_INT:
      v = (double) *(const long *) base;
      if (fabs (v) > 9007199254740992.0)
        return false;
      break;
    case GP_PARAM_BOOL: return true; /* read back as 0 or 1 */
    case GP_PARAM_ENUM:
      {
        int e = *(const int *) base;
        return e >= 0 && e < enum_count (p->enum_names);
      }
    default: return false;
    }
  bool lo_excl = (p->flags & GP_RANGE_MIN_EXCLUSIVE) != 0;
  bool hi_excl = (p->flags & GP_RANGE_MAX_EXCLUSIVE) != 0;
  return isfinite (v) && (lo_excl ? v > p->min : v >= p->min)
         && (hi_excl ? v < p->max : v <= p->max);
}

gp_status
gp_params_validate (const gp_param_table *table, const void *obj, gp_error *err)
{
  for (size_t i = 0; i < table->n_params; i++)
    {
      const gp_param *p = &table->params[i];
      if (p->type == GP_PARAM_STRING)
        {
          const char *s = (const char *) obj + p->offset;
          if (memchr (s, '\0', p->string_size) == NULL)
            return gp_error_set (err, GP_EINVAL, p->name, "%s is not terminated", p->name);
          if (!gp_utf8_valid (s, strlen (s)))
            return gp_error_set (err, GP_EINVAL, p->name, "%s is not valid UTF-8 text",
                                 p->name);
          continue;
        }
      if (!quick_ok (p, obj))
        GP_TRY (check_value (p, gp_param_get (p, obj), err));
    }
  return GP_OK;
}
