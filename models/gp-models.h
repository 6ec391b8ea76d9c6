/* gp-models.h: the whole model core in one include, and its one-time set-up. */
#pragma once

#include "gp-error.h"
#include "gp-param.h"
#include "gp-node.h"
#include "gp-wafer.h"
#include "gp-yield.h"
#include "gp-die.h"
#include "gp-package.h"
#include "gp-carbon.h"
#include "gp-link.h"
#include "gp-topology.h"
#include "gp-workload.h"
#include "gp-steptime.h"
#include "gp-search.h"
#include "gp-failure.h"
#include "gp-system.h"
#include "gp-syspath.h"
#include "gp-uncertainty.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Turn GSL's abort-on-error handler off (every GSL status is checked instead).
 * Idempotent and cheap; every front door calls it once before using the models. */
void gp_models_init (void);

/* Version of the model core, e.g. "0.1.0". */
const char *gp_models_version (void);

#ifdef __cplusplus
}
#endif
