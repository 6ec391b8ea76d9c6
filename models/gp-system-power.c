/* gp-system-power.c: the system's power and cooling limits and its pooled memory tier
 * (issue 18): the joins between gp-system and gp-power / gp-mempool. No physics here: the
 * equations are in gp-power.h and gp-mempool.h. */
#include "gp-system-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
gp_system_power_inputs (const gp_system *s, const gp_topology_result *topo, gp_power_params *p)
{
  *p = s->power;
  /* the main logic die: the largest logic part with an outline */
  const gp_package_part *die = NULL;
  for (int i = 0; i < s->package.n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
    {
      const gp_package_part *pt = &s->package.parts[i];
      double a = pt->die_width_mm * pt->die_height_mm;
      if (pt->kind == GP_PART_LOGIC && a > 0
          && (die == NULL || a > die->die_width_mm * die->die_height_mm))
        die = pt;
    }
  if (die != NULL)
    {
      p->die_area_mm2 = die->die_width_mm * die->die_height_mm;
      p->dies = die->count < 1 ? 1 : die->count;
      p->active_fraction = die->units > 0 && die->spares < die->units
                             ? (double) (die->units - die->spares) / (double) die->units
                             : 1.0;
    }
  if (s->accel.wafer_scale)
    {
      /* SRAM traffic is on the wafer (in the dynamic term); I/O is the weight stream */
      p->mem_bw_gb_per_s = 0;
      p->io_gb_per_s = 2.0 * s->accel.stream_bw_gb_per_s;
    }
  else
    {
      p->mem_bw_gb_per_s = s->accel.mem_bw_gb_per_s;
      p->io_gb_per_s = topo != NULL && topo->n_levels > 0 ? 2.0 * topo->level[0].bw_gbps / 8.0
                                                          : 0.0;
    }
  p->tdp_w = s->accel.power_w;
}

gp_status
gp_system_power_prepare (const gp_system *s, gp_system_prepared *prep, gp_error *err)
{
  gp_power_params p;
  gp_system_power_inputs (s, &prep->topology, &p);
  gp_status rc = gp_power_eval (&p, &prep->power, err);
  if (rc != GP_OK)
    {
      gp_error_prefix (err, "power");
      return rc;
    }
  const gp_power_result *r = &prep->power;
  prep->accel.peak_tflop_per_s *= r->clock_ratio;
  prep->accel.power_w = r->sustained_package_w;
  prep->power_limits[0] = '\0';
  if (r->over_die_limit || r->over_package_limit)
    {
      const char *cls = gp_cooling_names[p.cooling];
      if (r->over_die_limit)
        snprintf (prep->power_limits, sizeof prep->power_limits,
                  "cooling-bound: %.2g W/mm2 over the %s limit of %.2g W/mm2 for a %.0f mm2 "
                  "die; clock %.0f -> %.0f MHz (peak x%.2f)", r->die_w_per_mm2, cls,
                  r->limit_w_per_mm2, p.die_area_mm2, p.clock_mhz, r->sustained_clock_mhz,
                  r->clock_ratio);
      else
        snprintf (prep->power_limits, sizeof prep->power_limits,
                  "cooling-bound: a %.0f W package over the %s package limit of %.0f W; "
                  "clock %.0f -> %.0f MHz (peak x%.2f)", r->package_w, cls,
                  r->package_limit_w, p.clock_mhz, r->sustained_clock_mhz, r->clock_ratio);
    }

  memset (&prep->pool, 0, sizeof prep->pool);
  if ((rc = gp_mempool_eval (&s->pool, &prep->pool, err)) != GP_OK)
    {
      gp_error_prefix (err, "pool");
      return rc;
    }
  if (s->pool.capacity_gb > 0)
    {
      prep->accel.tier2_capacity_gb = prep->pool.capacity_gb_per_accel;
      prep->accel.tier2_bw_gb_per_s = prep->pool.bw_gb_per_s_per_accel;
    }
  return GP_OK;
}

void
gp_system_pool_totals (const gp_system *s, const gp_system_prepared *prep, long n,
                       gp_system_result *out)
{
  out->pools = 0;
  out->pool_capex_usd = out->pool_power_w = out->pool_embodied_kg = 0;
  out->pool_capacity_gb_per_accel = prep->pool.capacity_gb_per_accel;
  out->pool_bw_gb_per_s_per_accel = prep->pool.bw_gb_per_s_per_accel;
  out->pool_latency_ns = 0;
  if (!(s->pool.capacity_gb > 0))
    return;
  out->pool_latency_ns = s->pool.latency_ns; /* eval-only: read afresh */
  long k = s->pool.accels_per_pool;
  out->pools = (n + k - 1) / k;
  /* price, power and carbon are read afresh (eval-only paths), not from the preparation */
  const gp_mempool_params *q = &s->pool;
  double pools = (double) out->pools;
  out->pool_capex_usd = pools * (q->capacity_gb * q->usd_per_gb
                                 + (double) q->ports * q->usd_per_port + q->controller_usd);
  out->pool_power_w = pools * (q->capacity_gb * q->w_per_gb + (double) q->ports * q->w_per_port);
  out->pool_embodied_kg = pools * (q->capacity_gb * q->kgco2e_per_gb
                                   + (double) q->ports * q->kgco2e_per_port
                                   + q->controller_kgco2e);
}

void
gp_system_power_limits (const gp_system *s, gp_system_prepared *prep, gp_system_result *out)
{
  const gp_power_params *p = &s->power;
  const gp_power_result *r = &prep->power;
  double flux, pkg, rack, coolant;
  gp_power_class_limits (p, &flux, &pkg, &rack, &coolant);
  out->cooling = p->cooling;
  out->die_area_mm2 = r->die_area_mm2;
  out->die_w_per_mm2 = r->die_w_per_mm2;
  out->die_limit_w_per_mm2 = r->limit_w_per_mm2;
  out->sustained_clock_mhz = r->sustained_clock_mhz;
  out->clock_ratio = r->clock_ratio;
  out->accel_power_w = r->sustained_package_w;
  long servers = out->servers > 0 ? out->servers : 1;
  out->server_it_power_w = out->it_power_w / (double) servers;
  long per_rack = p->servers_per_rack < servers ? p->servers_per_rack : servers;
  out->rack_power_w = (double) per_rack * out->server_it_power_w;
  out->rack_limit_w = rack;
  out->racks = ceil ((double) servers / (double) p->servers_per_rack);
  unsigned f = 0;
  if (r->over_die_limit)
    f |= GP_LIMIT_DIE_FLUX;
  if (r->over_package_limit)
    f |= GP_LIMIT_PACKAGE;
  if (out->rack_power_w > rack)
    f |= GP_LIMIT_RACK;
  if (p->server_limit_w > 0 && out->server_it_power_w > p->server_limit_w)
    f |= GP_LIMIT_SERVER;
  out->limit_flags = f;
  out->limits[0] = '\0';
  if (f == 0)
    return;
  /* words only when something is crossed, and only when the figures changed: formatting
     costs a third of an evaluation */
  const double key[7] = { (double) f, out->rack_power_w, out->server_it_power_w,
                          (double) per_rack, rack, p->server_limit_w, (double) p->cooling };
  if (memcmp (key, prep->limits_key, sizeof key) == 0)
    {
      memcpy (out->limits, prep->limits_cache, sizeof out->limits);
      return;
    }
  size_t used = 0;
  if (prep->power_limits[0])
    used += (size_t) snprintf (out->limits, sizeof out->limits, "%s", prep->power_limits);
  if ((f & GP_LIMIT_RACK) && used < sizeof out->limits)
    used += (size_t) snprintf (out->limits + used, sizeof out->limits - used,
                               "%spower-bound: a rack of %ld server%s draws %.3g kW over the "
                               "%s rack limit of %.3g kW", used ? "; " : "", per_rack,
                               per_rack == 1 ? "" : "s", out->rack_power_w / 1e3,
                               gp_cooling_names[p->cooling], rack / 1e3);
  if ((f & GP_LIMIT_SERVER) && used < sizeof out->limits)
    snprintf (out->limits + used, sizeof out->limits - used,
              "%spower-bound: a server draws %.3g kW over its %.3g kW supply",
              used ? "; " : "", out->server_it_power_w / 1e3, p->server_limit_w / 1e3);
  memcpy (prep->limits_key, key, sizeof key);
  memcpy (prep->limits_cache, out->limits, sizeof out->limits);
}
