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

/* "machine: CPU model, N cores online, load average L (1 min)": printed first, so every
 * pasted figure carries the machine and how busy it was. */
void gp_bench_print_machine (void);

/* Print "NAME: VALUE UNIT" for a plain figure (counts, rates). */
void gp_bench_print_value (const char *name, double value, const char *unit);

/* Time FN(DATA) repeatedly for at least MIN_SECONDS (and at least 3 runs); print the
 * median seconds per call of batches with the 10th-90th percentile spread and the number
 * of batches ("NAME: 142.0 ns (p10-p90 138.1 ns - 151.0 ns, 41 batches of 100000)"), and
 * return the median. A sink keeps results from being
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
void gp_bench_fabric (void);
void gp_bench_inference (void);
void gp_bench_compare (void);
