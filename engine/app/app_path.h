/* app_path: where the program's files are: the data (scenarios, string tables), the playbooks,
 * the saves, the classroom notes. The one place that reads the environment variables for paths
 * (CLOSEDLOOP_DATA, CLOSEDLOOP_SCRIPTS, CLOSEDLOOP_SAVES, CLOSEDLOOP_CLASSROOM): each overrides
 * its folder when set and not empty; otherwise the working folder's copy is used if it exists,
 * else the source tree the program was built from (CL_DATADIR) or the install beside the binary.
 *
 * The strings returned are static storage (app_scripts_dir, app_default_scenario), the
 * environment's (app_saves_dir), or the caller's buf. */
#ifndef APP_PATH_H
#define APP_PATH_H

#include <stddef.h>

/* Where a file or folder of the data is, rel being its path under assets/ ("lang/zh"):
 * $CLOSEDLOOP_DATA/rel if that is set, else assets/rel under the working folder if it exists,
 * else under the source tree the program was built from. Writes into buf, returns it. */
const char *app_data_path(const char *rel, char *buf, size_t bufsz);

/* The default scenario's path: app_data_path of scenarios/closed-loop-2025.json. */
const char *app_default_scenario(void);

/* The folder of the playbooks: $CLOSEDLOOP_SCRIPTS if set; else, beside the binary,
 * ../share/closedloop/scripts/strategies (an install prefix: PREFIX/bin/closedloop) or
 * ../scripts/strategies (the build folder of a source tree); else the source tree the binary was
 * built from; else scripts/strategies under the working folder. The first folder that exists wins;
 * if none does, the source tree's (messages name it). */
const char *app_scripts_dir(void);

/* The folder of saves, autosaves and replays: $CLOSEDLOOP_SAVES, else "saves". */
const char *app_saves_dir(void);

/* The classroom notes of the scenario with this id, when the scenario names none itself:
 * $CLOSEDLOOP_CLASSROOM/ID.json if set, else assets/classroom/ID.json under the working folder if
 * it can be read, else under the source tree. Into buf. */
void app_classroom_path(const char *id, char *buf, size_t bufsz);

#endif
