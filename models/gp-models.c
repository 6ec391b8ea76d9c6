/* gp-models.c: one-time set-up of the model core. */
#include "gp-models.h"

#include <gsl/gsl_errno.h>

void
gp_models_init (void)
{
  /* GSL's default handler abort()s; models check every status and report it instead. */
  gsl_set_error_handler_off ();
}

const char *
gp_models_version (void)
{
  return GP_VERSION;
}
