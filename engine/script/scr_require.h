/* scr_require: require("name") for the vetted helper modules of scripts/lib.
 *
 * A script may write `local m = require("name")`, name made of a-z, 0-9 and _ only (at most
 * SCR_REQUIRE_NAME_MAX bytes); it is found as NAME.lua in the folder the host names with
 * scr_require_set_dir (the binary: scripts/lib beside its playbooks). The module's text is read
 * once per process and kept, so every game of the process runs the same module whatever happens
 * to the file later; it is compiled as text (never bytecode) and run in the caller's sandbox,
 * with the caller's globals, inside the caller's call: its instructions and memory count against
 * the caller's budget and memory limit. The first require in a sandbox runs the module; later
 * ones return the same value. A table the module returns is frozen, and the tables in it: each
 * becomes a read-only proxy (a write raises "the module 'NAME' is read-only"; pairs, next, ipairs
 * and # read it as before), so a script cannot change what a module gives. A module that returns
 * nothing gives true. A bad name, a module that is not there or does not compile, a module that
 * requires itself, or a table with a metatable in what it returns raises an error that names the
 * script and line of the require ("script.lua:LINE: require: ...").
 *
 * Ownership: the folder's name and the modules' texts are process-wide, behind a mutex; what they
 * hold is freed by scr_require_set_dir or at exit by the system. */
#ifndef SCR_REQUIRE_H
#define SCR_REQUIRE_H

#define SCR_REQUIRE_NAME_MAX 64         /* the longest module name */
#define SCR_REQUIRE_TEXT_MAX (1u << 20) /* the largest module text, bytes */
#define SCR_REQUIRE_MODULES  32         /* the most modules a process keeps */

/* Names the folder of the modules (NULL or "": none; require then fails) and, if it is another
 * folder than before, forgets the texts read so far. Safe from any thread; a game whose modules
 * must not change names the folder before it starts. */
void scr_require_set_dir(const char *dir);

#endif
