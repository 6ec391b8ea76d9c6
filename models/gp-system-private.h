/* gp-system-private.h: the joins between gp-system.c and the power, cooling and memory-pool
 * glue in gp-system-power.c (issue 18). Not part of the public API. */
#pragma once

#include "gp-system.h"

/* Fill the power model's die fields from S (main logic die of the package, enabled units,
 * accelerator memory bandwidth and TDP, topology level-0 injection both ways; wafer-scale:
 * no HBM, the streaming bandwidth as I/O) into *P (a copy of s->power). */
void gp_system_power_inputs (const gp_system *s, const gp_topology_result *topo,
                             gp_power_params *p);

/* Run the die power model and the pool for a prepared system: PREP->power, PREP->pool,
 * PREP->power_limits, and PREP->accel's peak (x clock ratio), power (sustained package
 * power) and second tier (the pool, when it has capacity). Call after the topology is in
 * PREP and before the step-time context is prepared. */
gp_status gp_system_power_prepare (const gp_system *s, gp_system_prepared *prep,
                                   gp_error *err);

/* Pools the machine needs, and their cost, power and carbon into OUT's pool fields. */
void gp_system_pool_totals (const gp_system *s, const gp_system_prepared *prep, long n,
                            gp_system_result *out);

/* Rack and server limits, and the words of every limit crossed, into OUT (after capex and
 * power are in it). Formats only when a limit is crossed and the figures differ from the
 * last words (cached in PREP). */
void gp_system_power_limits (const gp_system *s, gp_system_prepared *prep,
                             gp_system_result *out);

/* Zero PREP before a prepare; with STAGED keep what gp_system_prepare_staged reuses (the
 * package's stage memos, the plan search's memo). In gp-system-search.c. */
void gp_system_prepared_reset (gp_system_prepared *prep, bool staged);
