/* test_scr_require: require("name") for scripts/lib in the sandbox.
 *
 * Modules are written into a temporary folder named with scr_require_set_dir. What a script
 * relies on: a module loads and its functions work; a second require gives the same table without
 * running the module again; what it returns cannot be changed (the table, tables in it, rawset,
 * table.insert); an endless loop in a module is stopped by the caller's budget and a greedy one
 * by the caller's memory limit, and the host stays healthy; bad names, missing modules, a module
 * requiring itself, a module that fails or does not compile, all raise an error naming the
 * caller's script and line; a module's text is read once per process; the real playbook helper
 * (scripts/lib/playbook.lua) tunes P and names the playbook's line for a bad parameter. */
#define _POSIX_C_SOURCE 200809L
#include "core_err.h"
#include "scr_require.h"
#include "scr_sandbox.h"
#include "test_util.h"

#include <lauxlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static void put(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.lua", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK_MSG(f != NULL, "cannot write %s", path);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void rm(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.lua", dir, name);
    unlink(path);
}

/* Loads and calls src in sb; 0 with the result as a string in out, or -1 with err. */
static int run_in(ScrSandbox *sb, const char *name, const char *src, char *out, size_t outsz,
                  char *err, size_t errsz)
{
    lua_State *L = scr_sandbox_lua(sb);
    int top = lua_gettop(L);
    out[0] = err[0] = '\0';
    if (scr_sandbox_load(sb, name, src, strlen(src), err, errsz) < 0)
        return -1;
    if (scr_sandbox_call(sb, 0, 1, err, errsz) < 0)
        return -1;
    const char *s = lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER
                        ? lua_tostring(L, -1)
                    : lua_type(L, -1) == LUA_TBOOLEAN ? (lua_toboolean(L, -1) ? "true" : "false")
                                                      : lua_typename(L, lua_type(L, -1));
    core_strlcpy(out, s, outsz);
    lua_settop(L, top);
    return 0;
}

static ScrSandbox *sandbox(int64_t instructions, size_t memory)
{
    ScrLimits lim = scr_limits_default();
    lim.instructions = instructions;
    lim.memory = memory;
    char err[256];
    ScrSandbox *sb = scr_sandbox_create(&lim, 1, "req", err, sizeof err);
    CHECK_MSG(sb != NULL, "%s", err);
    return sb;
}

/* src must succeed with result `want`. */
static void ok(ScrSandbox *sb, const char *src, const char *want)
{
    char out[256], err[512];
    int rc = run_in(sb, "ok.lua", src, out, sizeof out, err, sizeof err);
    CHECK_MSG(rc == 0 && strcmp(out, want) == 0, "%s: got '%s' (%s), want '%s'", src, out, err,
              want);
}

/* src (named name) must fail with a message holding each of the strings in want (NULL-ended). */
static void fails(ScrSandbox *sb, const char *name, const char *src, const char *const *want)
{
    char out[256], err[512];
    int rc = run_in(sb, name, src, out, sizeof out, err, sizeof err);
    CHECK_MSG(rc < 0, "%s: should fail, returned '%s'", src, out);
    for (int k = 0; rc < 0 && want[k]; k++)
        CHECK_MSG(strstr(err, want[k]) != NULL, "%s: '%s' not in '%s'", src, want[k], err);
}

static void test_loads_and_caches(void)
{
    ScrSandbox *sb = sandbox(0, 0);
    if (!sb)
        return;
    ok(sb, "return require('good').add(2, 3)", "5");
    ok(sb, "return runs", "1");
    ok(sb, "local a, b = require('good'), require('good') return rawequal(a, b)", "true");
    ok(sb, "return runs", "1"); /* not run again, in this call or the next */
    ok(sb, "local m = require('good') return #m.list .. ' ' .. m.sub.x .. ' ' .. m.list[3]",
       "3 1 3");
    ok(sb, "local s = 0 for k, v in pairs(require('good').list) do s = s + k * v end return s",
       "14");
    ok(sb, "local s = '' for k in pairs(require('good').sub) do s = s .. k end return s", "xy");
    ok(sb, "local s = 0 for _, v in ipairs(require('good').list) do s = s + v end return s", "6");
    ok(sb, "return getmetatable(require('good'))", "false");
    ok(sb, "return require('nothing')", "true");
    ok(sb, "return require('nothing') == require('nothing')", "true");
    scr_sandbox_destroy(sb);

    /* Another sandbox (another strategy of the game) runs the module afresh, in its own state. */
    sb = sandbox(0, 0);
    if (!sb)
        return;
    ok(sb, "return runs", "nil");
    ok(sb, "require('good') return runs", "1");
    scr_sandbox_destroy(sb);
}

static void test_read_only(void)
{
    ScrSandbox *sb = sandbox(0, 0);
    if (!sb)
        return;
    static const char *const ro[] = {"ro.lua:1:", "the module 'good' is read-only", NULL};
    fails(sb, "ro.lua", "require('good').n = 5", ro);
    fails(sb, "ro.lua", "require('good').add = print", ro);
    fails(sb, "ro.lua", "require('good').sub.x = 2", ro);
    fails(sb, "ro.lua", "require('good').list[4] = 4", ro);
    fails(sb, "ro.lua", "table.insert(require('good').list, 4)", ro);
    static const char *const raw[] = {"ro.lua:1:", "read-only", NULL};
    fails(sb, "ro.lua", "rawset(require('good'), 'n', 5)", raw);
    static const char *const meta[] = {"ro.lua:1:", "protected metatable", NULL};
    fails(sb, "ro.lua", "setmetatable(require('good'), {})", meta);
    /* Nothing changed, the module's own functions included. */
    ok(sb, "local m = require('good') return m.n .. ' ' .. m.sub.x .. ' ' .. #m.list", "0 1 3");
    static const char *const own[] = {"ro.lua:1:", "lib/good.lua:", "read-only", NULL};
    fails(sb, "ro.lua", "require('good').bump()", own);
    ok(sb, "return require('good').n", "0");
    scr_sandbox_destroy(sb);
}

static void test_budget_and_memory(void)
{
    ScrSandbox *sb = sandbox(1000000, (size_t)8 << 20);
    if (!sb)
        return;
    static const char *const spent[] = {"loop.lua:2:", "instruction budget exhausted", NULL};
    fails(sb, "loop.lua", "local x = 1\nreturn require('spin')", spent);
    /* A failed module is not kept: requiring it again runs it again (and fails again). */
    fails(sb, "loop.lua", "local x = 1\nreturn require('spin')", spent);
    /* Within the budget, the module's instructions count: a module of about 700,000 instructions
     * (two a turn of its loop) leaves less for the caller. */
    ok(sb, "return require('work')", "true");
    ok(sb, "return runs_work", "1");
    scr_sandbox_destroy(sb);

    sb = sandbox(1000000, (size_t)8 << 20);
    if (!sb)
        return;
    /* 500,000 instructions of the caller's pass alone, and so does the module alone; together
     * they are over the million. */
    ok(sb, "local n = 0 for i = 1, 250000 do n = n + 1 end return n", "250000");
    static const char *const late[] = {"late.lua:1:", "instruction budget exhausted", NULL};
    fails(sb, "late.lua", "local n = 0 for i = 1, 250000 do n = n + 1 end return require('work')",
          late);
    ok(sb, "return 1 + 1", "2"); /* healthy */
    scr_sandbox_destroy(sb);

    sb = sandbox(0, (size_t)4 << 20);
    if (!sb)
        return;
    static const char *const oom[] = {"mem.lua:1:", "out of memory", NULL};
    fails(sb, "mem.lua", "return require('greedy')", oom);
    ok(sb, "local t = {} for i = 1, 1000 do t[i] = i end return #t", "1000");
    scr_sandbox_destroy(sb);
}

static void test_errors(void)
{
    ScrSandbox *sb = sandbox(0, 0);
    if (!sb)
        return;
    static const char *const names[] = {"Good", "../good", "good.lua", "a/b",
                                        "a.b",  "",        "go od",    "good\\0"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char src[128];
        snprintf(src, sizeof src, "local x = 1\n\nreturn require('%s')", names[k]);
        static const char *const bad[] = {"bad.lua:3:", "require: bad module name", NULL};
        fails(sb, "bad.lua", src, bad);
    }
    char longname[200];
    memset(longname, 'a', 65);
    longname[65] = '\0';
    char src[300];
    snprintf(src, sizeof src, "return require('%s')", longname);
    static const char *const toolong[] = {"bad.lua:1:", "bad module name", NULL};
    fails(sb, "bad.lua", src, toolong);
    static const char *const notstr[] = {"bad.lua:1:", "expects a module name", NULL};
    fails(sb, "bad.lua", "return require(42)", notstr);
    fails(sb, "bad.lua", "return require()", notstr);
    static const char *const missing[] = {"miss.lua:2:", "require: no module 'nope'", NULL};
    fails(sb, "miss.lua", "\nreturn require('nope')", missing);
    static const char *const stdlib[] = {"miss.lua:1:", "no module 'io'", NULL};
    fails(sb, "miss.lua", "return require('io')", stdlib);
    static const char *const cycle[] = {"cyc.lua:1:", "'ping' requires itself", NULL};
    fails(sb, "cyc.lua", "return require('ping')", cycle);
    static const char *const boom[] = {"err.lua:1:", "lib/boom.lua:2: boom", NULL};
    fails(sb, "err.lua", "return require('boom')", boom);
    static const char *const syntax[] = {"syn.lua:1:", "module 'broken' does not compile", NULL};
    fails(sb, "syn.lua", "return require('broken')", syntax);
    static const char *const mt[] = {"mt.lua:1:", "with a metatable", NULL};
    fails(sb, "mt.lua", "return require('meta')", mt);
    /* pcall sees the error as any other, and the state goes on. */
    ok(sb, "local ok, e = pcall(require, 'nope') return tostring(ok)", "false");
    scr_sandbox_destroy(sb);
}

/* A module is read once per process: the same text for every later game, whatever the file. */
static void test_read_once(void)
{
    put("once", "return {v = 1}");
    ScrSandbox *sb = sandbox(0, 0);
    if (sb) {
        ok(sb, "return require('once').v", "1");
        scr_sandbox_destroy(sb);
    }
    put("once", "return {v = 2}");
    rm("good");
    sb = sandbox(0, 0);
    if (sb) {
        ok(sb, "return require('once').v", "1");
        ok(sb, "return require('good').add(1, 1)", "2");
        scr_sandbox_destroy(sb);
    }
    /* Naming the same folder again keeps them; another folder forgets them. */
    scr_require_set_dir(dir);
    sb = sandbox(0, 0);
    if (sb) {
        ok(sb, "return require('once').v", "1");
        scr_sandbox_destroy(sb);
    }
    scr_require_set_dir(NULL);
    scr_require_set_dir(dir);
    sb = sandbox(0, 0);
    if (sb) {
        ok(sb, "return require('once').v", "2");
        static const char *const gone[] = {"no module 'good'", NULL};
        fails(sb, "g.lua", "return require('good')", gone);
        scr_sandbox_destroy(sb);
    }
    scr_require_set_dir(NULL);
    sb = sandbox(0, 0);
    if (sb) {
        static const char *const none[] = {"n.lua:1:", "no module folder", NULL};
        fails(sb, "n.lua", "return require('once')", none);
        scr_sandbox_destroy(sb);
    }
}

/* The playbooks' helper, from the source tree. */
static void test_playbook_helper(void)
{
    char lib[512];
    /* CL_LANGDIR is SOURCE/assets/lang. */
    snprintf(lib, sizeof lib, "%s/../../scripts/lib", CL_LANGDIR);
    scr_require_set_dir(lib);
    ScrSandbox *sb = sandbox(0, 0);
    if (!sb)
        return;
    ok(sb,
       "local P = {a = 1, b = 'x'}\n"
       "local tune = require('playbook').tuner(P)\n"
       "local view = {params = {playbook = {a = 5}}}\n"
       "tune(view) view.params.playbook.a = 7 tune(view)\n"
       "return P.a .. P.b",
       "5x");
    static const char *const bad[] = {"pb.lua:3:", "playbook_params.b: not a number parameter",
                                      NULL};
    fails(sb, "pb.lua",
          "local P = {a = 1, b = 'x'}\n"
          "local tune = require('playbook').tuner(P)\n"
          "tune({params = {playbook = {b = 2}}})",
          bad);
    scr_sandbox_destroy(sb);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/test_scr_require.XXXXXX");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "cannot make a temporary folder\n");
        return 1;
    }
    put("good", "runs = (runs or 0) + 1\n"
                "local M = {n = 0, list = {1, 2, 3}, sub = {x = 1, y = 2}}\n"
                "function M.add(a, b) return a + b end\n"
                "function M.bump() M.n = M.n + 1 end\n"
                "return M\n");
    put("nothing", "local x = 1\n");
    put("spin", "local n = 0\nwhile true do n = n + 1 end\n");
    put("work", "runs_work = (runs_work or 0) + 1\n"
                "local n = 0 for i = 1, 350000 do n = n + i end\n"
                "return true\n");
    put("greedy", "local t = {} for i = 1, 1e7 do t[i] = {i} end return t\n");
    put("ping", "return require('pong')\n");
    put("pong", "return require('ping')\n");
    put("boom", "local x = 1\nerror('boom')\n");
    put("broken", "return {\n");
    put("meta", "return {inner = setmetatable({}, {})}\n");
    scr_require_set_dir(dir);

    test_loads_and_caches();
    test_read_only();
    test_budget_and_memory();
    test_errors();
    test_read_once();
    test_playbook_helper();

    static const char *const all[] = {"good", "nothing", "spin",   "work", "greedy", "ping",
                                      "pong", "boom",    "broken", "meta", "once"};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        rm(all[k]);
    rmdir(dir);
    TEST_END();
}
