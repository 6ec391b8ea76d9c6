/* gp-uncertainty-private.h: what the optimisation and system-adapter files take from the
 * engine (gp-uncertainty.c). Calls run one way: gp-uncertainty-optimize.c and
 * gp-uncertainty-system.c -> gp-uncertainty.c. */
#pragma once

#include <stddef.h>

#include "gp-uncertainty.h"

/* +-DBL_MAX (what a parameter table can hold) and +-INFINITY both mean "no bound". */
double gp_uq_bound (double v);

const char *gp_uq_input_name (const gp_uq_problem *pb, size_t i, char *buf, size_t len);

const char *gp_uq_output_name (const gp_uq_problem *pb, size_t j, char *buf, size_t len);

/* One model call at X, with the result checked: an OK status with a NaN or infinite
 * output is turned into an error naming it. */
gp_status gp_uq_call (const gp_uq_problem *pb, const double *x, double *y, gp_error *err);
