/* gp-fabric-private.h: what gp-fabric.c (building, routing, pricing, failures) shares with
 * gp-fabric-place.c (plans, circuits, placement, the step-time levels). Not installed. The
 * place file calls into the routing file, never the other way. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "gp-fabric.h"

/* The routing graph: a mixed-radix torus (ring, torus, circuits), a hypercube, a
 * grouped mesh or a port map. Nodes are ranks = accelerators. */

#define MR_SLOTS 5

typedef struct {
  /* mixed-radix torus: slot j has size n[j] and rank stride rs[j]; logical dimension t
   * covers the slots in mask[t] (mixed radix in slot order) with mult[t] parallel rings;
   * its ports are 2t (+) and 2t + 1 (-) */
  int nslot;
  long n[MR_SLOTS], rs[MR_SLOTS];
  int ndim;
  unsigned mask[MR_SLOTS];
  long msize[MR_SLOTS];
  double mult[MR_SLOTS];
  int single[MR_SLOTS];      /* the one slot of dimension t, or -1 when it merges several */
} mr_torus;


enum { G_TORUS, G_CUBE, G_MESH, G_MAP };

struct gp_fabric {
  gp_fabric_params p;
  long n;
  long pstride;              /* counters per node */
  int gkind;
  mr_torus phys;             /* G_TORUS physical */
  int bits;                  /* G_CUBE */
  long g, groups, h;         /* G_MESH */
  long *adj_off, *adj;       /* G_MAP: CSR */
  /* workspace */
  long *perm;                /* rank -> accelerator of the current placement */
  long perm_for[MR_SLOTS];   /* the plan slots perm was computed for (0: none) */
  bool perm_ok;
  bool use_perm;
  int32_t *coord;            /* slot indices of every node of the torus routed on now */
  const mr_torus *coord_of;  /* the torus coord is valid for (slot sizes below) */
  int coord_nslot;
  long coord_n[MR_SLOTS];
  struct slotcount { uint32_t stamp, count; } *cnt; /* per directed link */
  uint32_t cur;
  long *q, *par;
  int *parport;
  uint32_t *mark;
  uint32_t mcur;
  /* the graph routed on now */
  const mr_torus *tor;       /* NULL: the physical non-torus graph */
  double maxload;
  const uint32_t *fail_skip; /* unused */
};

/* Finish T after its dimensions are set: which single slot each dimension is. */
void gp_fabric_mr_finish (mr_torus *t);

/* Route every flow of every group of N ranks at STRIDE with PATTERN on the graph routed on
 * now (F->tor, else the physical graph under F's placement) and fill G. */
void gp_fabric_route_family (gp_fabric *f, int pattern, long n, long s, gp_fabric_group *g);

/* The port rate in bytes/s. */
double gp_fabric_rate_bytes (const gp_fabric *f);
