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
  long perm_for[MR_SLOTS];   /* the plan slots the placement was computed for (0: none) */
  bool perm_ok;              /* the placement is the digit parts below */
  bool perm_filled;          /* perm holds it (filled only when a family is routed) */
  bool use_perm;
  /* the torus placement as digit parts: digit of plan slot SLOT (lower digits first), size
   * G, on physical torus slot DIM at coordinate stride STRIDE */
  struct fabric_part { int slot, dim; long g, stride; } tpart[24];
  int ntpart;
  bool routed_only;          /* route every flow (gp_fabric_set_routed) */
  long n_closed, n_routed;   /* families placed each way (gp_fabric_path_counts) */
  uint32_t *prof;            /* closed forms (gp-fabric-closed.c): 2 N link counters, a row
                                of N, N row numbers and N row marks; counters and marks
                                are zero between calls */
  int32_t *mtab;             /* closed forms: 2 N member coordinates */
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

/* Hops and busiest link of the family (N ranks at stride S, PATTERN) on the graph routed on
 * now, in closed form from one representative group (gp-fabric-closed.c); false when the
 * fabric or placement is not one it covers (the caller routes every flow). */
bool gp_fabric_closed_family (gp_fabric *f, int pattern, long n, long s, double *hsum,
                              double *flows, long *hmax, double *maxload);

/* The port rate in bytes/s. */
double gp_fabric_rate_bytes (const gp_fabric *f);
