/* dat_scenario: scenario files (JSON) into SimScenario values.
 *
 * The loader is strict: every key must be known, present once, of the right type and within its
 * range (docs/scenario-format.md lists them), and the whole scenario must then pass
 * sim_scenario_check. On success the caller owns the returned scenario and frees it with
 * sim_scenario_free; on failure it gets NULL, nothing is left allocated, and err holds one line
 * naming the file and the place: "FILE:LINE:COL: not valid JSON: ..." for syntax errors,
 * "FILE: $.actors[2].cash: expected a finite number >= 0, got string" for everything else. */
#ifndef DAT_SCENARIO_H
#define DAT_SCENARIO_H

#include "sim_scenario.h"

#include <stddef.h>

/* Largest scenario file accepted (16 MiB); larger files are refused before being read. */
#define DAT_SCENARIO_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* Reads and checks the scenario file at path. */
SimScenario *dat_scenario_load(const char *path, char *err, size_t errsz);

/* Parses and checks len bytes of JSON text (need not be NUL-terminated); name is the file name
 * used in messages (NULL: "(text)"). */
SimScenario *dat_scenario_parse(const char *text, size_t len, const char *name, char *err,
                                size_t errsz);

/* Sets s->dir, the folder its playbooks and classroom notes are found from, to the folder of the
 * file at path (dat_scenario_load does it; callers of dat_scenario_parse do it with the file the
 * text came from). */
void dat_scenario_set_dir(SimScenario *s, const char *path);

#endif
