/* gp-param.h: parameter descriptors, the one list of a model's inputs.
 *
 * Each model input struct has a const table of gp_param saying, for every field, its
 * name (the key used in data files, in Lua and in the GUI), type, unit, allowed range
 * and a one-line description. The Lua bindings read and write tables through it (so an
 * unknown key is an error), the GUI builds its parameter panels from it, and
 * gp_params_validate() checks a whole struct against it. Models add cross-field checks
 * (a die larger than the wafer, more spares than units) on top. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "gp-error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_PARAM_DOUBLE, /* double */
  GP_PARAM_INT,    /* long */
  GP_PARAM_BOOL,   /* bool */
  GP_PARAM_ENUM,   /* int, named by enum_names[] (NULL-terminated) */
  GP_PARAM_STRING, /* char[string_size] stored in the struct */
} gp_param_type;

typedef struct {
  const char *name;   /* key: lower_snake_case with the unit as suffix where it has one */
  gp_param_type type;
  size_t offset;      /* offsetof (struct, field) */
  double min, max;    /* allowed range; +-INFINITY for none; ignored for BOOL/STRING */
  unsigned flags;     /* GP_RANGE_* and GP_PARAM_F_* */
  const char *unit;   /* "mm", "USD", "defects/cm2", "" for none */
  const char *label;  /* short human label for the GUI */
  const char *doc;    /* one line: what it means, where its default comes from */
  const char *const *enum_names; /* for GP_PARAM_ENUM */
  size_t string_size; /* for GP_PARAM_STRING: sizeof the char array */
} gp_param;

enum {
  /* GP_RANGE_MIN_EXCLUSIVE = 1, GP_RANGE_MAX_EXCLUSIVE = 2 (gp-error.h) */
  GP_PARAM_F_OPTIONAL = 1u << 4, /* may be absent from a data file (keeps its default) */
  GP_PARAM_F_LOG = 1u << 5,      /* best swept / shown on a log scale */
};

typedef struct {
  const char *name;      /* struct name used in messages: "wafer", "yield" */
  const gp_param *params;
  size_t n_params;
} gp_param_table;

/* Look up a parameter by NAME; NULL if unknown. */
const gp_param *gp_param_table_find (const gp_param_table *table, const char *name);

/* Read/write a numeric parameter of OBJ as a double (INT, BOOL and ENUM convert). */
double gp_param_get (const gp_param *param, const void *obj);
/* Store VALUE after checking its range (and integrality for INT/ENUM). On error OBJ is
 * unchanged, so a caller keeps the last valid value. */
gp_status gp_param_set (const gp_param *param, void *obj, double value, gp_error *err);
/* Whether S[0..LEN) is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points
 * past U+10FFFF). */
bool gp_utf8_valid (const char *s, size_t len);

/* Store a string; for ENUM it must be one of enum_names, for STRING it must fit and be
 * valid UTF-8 (names are drawn by pango, which refuses anything else, and written to
 * files). */
gp_status gp_param_set_string (const gp_param *param, void *obj, const char *value,
                               gp_error *err);

/* Check every field of OBJ against its range (strings: terminated, valid UTF-8). The first
 * failure is reported. */
gp_status gp_params_validate (const gp_param_table *table, const void *obj, gp_error *err);

/* Look up NAME among a NULL-terminated list; returns its index or -1. */
int gp_enum_lookup (const char *const *names, const char *name);

/* Helpers for writing descriptor tables. */
#define GP_P_DOUBLE(type, field, lo, hi, fl, unit_, label_, doc_) \
  { #field, GP_PARAM_DOUBLE, offsetof (type, field), (lo), (hi), (fl), (unit_), (label_), (doc_), NULL, 0 }
#define GP_P_INT(type, field, lo, hi, fl, unit_, label_, doc_) \
  { #field, GP_PARAM_INT, offsetof (type, field), (lo), (hi), (fl), (unit_), (label_), (doc_), NULL, 0 }
#define GP_P_BOOL(type, field, fl, label_, doc_) \
  { #field, GP_PARAM_BOOL, offsetof (type, field), 0, 1, (fl), "", (label_), (doc_), NULL, 0 }
#define GP_P_ENUM(type, field, names, fl, label_, doc_) \
  { #field, GP_PARAM_ENUM, offsetof (type, field), 0, 0, (fl), "", (label_), (doc_), (names), 0 }
#define GP_P_STRING(type, field, fl, label_, doc_) \
  { #field, GP_PARAM_STRING, offsetof (type, field), 0, 0, (fl), "", (label_), (doc_), NULL, \
    sizeof (((type *) 0)->field) }

#define GP_N_ELEMENTS(arr) (sizeof (arr) / sizeof ((arr)[0]))

#ifdef __cplusplus
}
#endif
