/* gp-test-util.h: what several model test programs share (each test is its own program,
 * so these are macros and static inline functions). */
#pragma once

#include <glib.h>
#include <math.h>

#include "gp-fabric.h"

/* A against the expected B, worked by hand, within relative tolerance TOL of B. */
#define REL(a, b, tol)                                                               \
  do {                                                                               \
    double a_ = (a), b_ = (b);                                                       \
    if (!(fabs (a_ - b_) <= (tol) * fabs (b_)))                                      \
      g_error ("%s = %.12g, expected %.12g (rel tol %g)", #a, a_, b_, (double) (tol)); \
  } while (0)

/* A fabric of N accelerators of shape SHAPE with D ports of 100 Gb/s each, laid out as a
 * ring (torus_x = N) unless the caller sets the torus dimensions after. */
static inline void
gp_test_fabric_params (gp_fabric_params *p, int shape, long n, long d)
{
  gp_fabric_params_init (p);
  p->shape = shape;
  p->accelerators = n;
  p->ports_per_accel = d;
  p->port_rate_gbps = 100;
  p->torus_x = n, p->torus_y = 1, p->torus_z = 1;
}
