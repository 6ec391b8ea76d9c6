/* bench.h: timing helpers shared by the bench program's sections.
 *
 * Every figure is printed as one line "name: value unit" (unit ns, us, ms or s, or a
 * count), so scripts can grep them and the README can quote them. */
#pragma once

#include <stddef.h>

/* Monotonic clock in seconds. */
double gp_bench_now (void);

/* Print "NAME: VALUE UNIT" choosing ns/us/ms/s for SECONDS (per operation). */
void gp_bench_print_time (const char *name, double seconds);

/* Print "NAME: VALUE UNIT" for a plain figure (counts, rates). */
void gp_bench_print_value (const char *name, double value, const char *unit);

/* Time FN(DATA) repeatedly for at least MIN_SECONDS (and at least 3 runs); print and
 * return the median seconds per call of batches. A sink keeps results from being
 * optimised away: FN should return a double that depends on its work. */
double gp_bench_run (const char *name, double (*fn) (void *data), void *data,
                     double min_seconds);

/* Sections: each model adds one function here and one line in bench.c's table. The
 * helpers above live in bench-util.c, which calls no section. */
void gp_bench_wafer_yield (void);
void gp_bench_loader (void);
void gp_bench_package (void);
void gp_bench_link (void);
void gp_bench_steptime (void);
void gp_bench_chart (void);
void gp_bench_system (void);
void gp_bench_uncertainty (void);
void gp_bench_lua (void);
