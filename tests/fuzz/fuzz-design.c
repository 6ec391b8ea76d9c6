/* fuzz-design.c: arbitrary bytes as a design file, through gp_design_load_buffer (the
 * sandboxed loader, then the system and study readers of scripting/gp-design.c).
 *
 * Invariants: a failure has a message naming the file; a design that loads has
 * 0..GP_DESIGN_MAX_SYSTEMS systems, a baseline among them, every system validates, and it
 * survives a save/load round trip: written with gp_design_to_string, read back, and
 * written again, the two texts are identical (so what a user saves is what they get). */
#include "gp-fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "gp-design.h"
#include "gp-models.h"

int
gp_fuzz_design_available (void)
{
  return 1;
}

int
gp_fuzz_design (const uint8_t *data, size_t size)
{
  gp_models_init ();
  gp_design *d = malloc (sizeof *d);
  gp_design *back = malloc (sizeof *back);
  if (d == NULL || back == NULL)
    abort ();
  gp_error err;
  gp_status st = gp_design_load_buffer ("fuzz-design.lua", (const char *) data, size, d, &err);
  if (st != GP_OK)
    {
      gp_fuzz_check_error ("gp_design_load_buffer", st, &err);
      if (strstr (err.message, "fuzz-design.lua") == NULL)
        gp_fuzz_fail ("gp_design_load_buffer: message does not name the file: %s",
                      err.message);
      goto out;
    }
  if (d->n_systems < 0 || d->n_systems > GP_DESIGN_MAX_SYSTEMS)
    gp_fuzz_fail ("design loaded with %d systems", d->n_systems);
  if (d->n_systems > 0 && (d->baseline < 0 || d->baseline >= d->n_systems))
    gp_fuzz_fail ("design loaded with baseline %d of %d systems", d->baseline, d->n_systems);
  if (memchr (d->name, '\0', sizeof d->name) == NULL)
    gp_fuzz_fail ("design name not terminated");
  for (int i = 0; i < d->n_systems; i++)
    if (gp_system_validate (&d->systems[i], &err) != GP_OK)
      gp_fuzz_fail ("design loaded but systems[%d] does not validate: %s", i + 1, err.message);

  char *text = NULL, *text2 = NULL;
  size_t len = 0, len2 = 0;
  st = gp_design_to_string (d, &text, &len, &err);
  if (st != GP_OK)
    {
      /* A design that loads must save. */
      gp_fuzz_fail ("design loaded but does not save: %s", err.message);
    }
  st = gp_design_load_buffer ("saved.lua", text, len, back, &err);
  if (st != GP_OK)
    gp_fuzz_fail ("a saved design does not load back: %s\n--- saved text ---\n%s", err.message,
                  text);
  st = gp_design_to_string (back, &text2, &len2, &err);
  if (st != GP_OK)
    gp_fuzz_fail ("a reloaded design does not save: %s", err.message);
  if (len != len2 || memcmp (text, text2, len) != 0)
    gp_fuzz_fail ("save -> load -> save changed the text:\n--- first ---\n%s\n--- second ---\n%s",
                  text, text2);
  free (text);
  free (text2);
out:
  free (d);
  free (back);
  return 0;
}

#ifdef GP_FUZZ_MAIN
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  return gp_fuzz_design (data, size);
}
#endif
