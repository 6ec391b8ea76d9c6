/* gp-error.h: status codes and the error record every model fills in.
 *
 * Every public model function returns a gp_status and, when the caller passes a
 * non-NULL gp_error, explains a failure in words that name the parameter and its
 * allowed range. Nothing is allocated, so error reporting is safe on hot paths. */
#pragma once

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_OK = 0,
  GP_EINVAL,      /* a parameter outside its domain (NaN, negative, past a physical limit) */
  GP_ENOTFOUND,   /* an unknown name: parameter, model, preset, node */
  GP_ERANGE,      /* a result that cannot be represented or has no meaning */
  GP_ENOMEM,      /* an allocation failed or a caller buffer is too small */
  GP_EINFEASIBLE, /* a design that cannot be built or run (e.g. does not fit in memory) */
  GP_ENOCONV,     /* a numerical method did not converge */
  GP_ECANCELLED,  /* a long computation was cancelled by its caller */
  GP_EIO,         /* a file could not be read or written */
} gp_status;

#define GP_ERROR_PARAM_MAX 64
#define GP_ERROR_MESSAGE_MAX 320

typedef struct {
  gp_status status;
  char param[GP_ERROR_PARAM_MAX];     /* the offending parameter's name, or "" */
  char message[GP_ERROR_MESSAGE_MAX]; /* full sentence, already naming the parameter */
} gp_error;

/* Short English name of a status ("invalid parameter", ...). Never NULL. */
const char *gp_status_name (gp_status status);

/* Fill ERR (if non-NULL) and return STATUS. PARAM may be NULL. */
gp_status gp_error_set (gp_error *err, gp_status status, const char *param,
                        const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__ ((format (printf, 4, 5)))
#endif
  ;

/* Clear ERR to GP_OK. NULL-safe. */
void gp_error_clear (gp_error *err);

/* Prefix ERR's message with "CONTEXT: " (e.g. the component or system name). */
void gp_error_prefix (gp_error *err, const char *context);

/* Range flags for gp_check_range(). By default both bounds are inclusive. */
enum {
  GP_RANGE_MIN_EXCLUSIVE = 1u << 0,
  GP_RANGE_MAX_EXCLUSIVE = 1u << 1,
};

/* Check that VALUE is finite and lies in [lo, hi] (ends made exclusive by FLAGS; an
 * infinite bound means "no bound"). On failure fills ERR with
 *   "die_width_mm = -3 is out of range: allowed (0, 300] mm"
 * and returns GP_EINVAL. UNIT may be NULL or "". */
gp_status gp_check_range (gp_error *err, const char *param, double value,
                          double lo, double hi, unsigned flags, const char *unit);

/* gp_check_range with the passing case inline (no call, no formatting) for hot paths;
 * a failure goes through gp_check_range for its message. */
static inline gp_status
gp_check_range_fast (gp_error *err, const char *param, double value, double lo, double hi,
                     unsigned flags, const char *unit)
{
  int lo_ok = (flags & GP_RANGE_MIN_EXCLUSIVE) ? value > lo : value >= lo;
  int hi_ok = (flags & GP_RANGE_MAX_EXCLUSIVE) ? value < hi : value <= hi;
  if (lo_ok && hi_ok && __builtin_isfinite (value))
    return GP_OK;
  return gp_check_range (err, param, value, lo, hi, flags, unit);
}

/* Shorthand for the common "finite and > 0" check. */
static inline gp_status
gp_check_positive (gp_error *err, const char *param, double value, const char *unit)
{
  return gp_check_range (err, param, value, 0.0, __builtin_inf (), GP_RANGE_MIN_EXCLUSIVE, unit);
}

/* Shorthand for "finite and >= 0". */
static inline gp_status
gp_check_nonnegative (gp_error *err, const char *param, double value, const char *unit)
{
  return gp_check_range (err, param, value, 0.0, __builtin_inf (), 0, unit);
}

/* Propagate: evaluate EXPR, return its status from the enclosing function if not GP_OK. */
#define GP_TRY(expr)                        \
  do {                                      \
    gp_status gp_try_status_ = (expr);      \
    if (gp_try_status_ != GP_OK)            \
      return gp_try_status_;                \
  } while (0)

#ifdef __cplusplus
}
#endif
