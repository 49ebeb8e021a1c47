/* test_scr_sandbox: hostile scripts against the Lua sandbox.
 *
 * Every hostile script must end in a clean error (or, for the harmless ones, a quick result)
 * within its budget and within 2 seconds of wall time, and leave the host healthy: a normal
 * script still runs in the same state afterwards, and in a fresh one. Then what must be absent
 * is absent, what must be deterministic is (pairs order, math.random, tostring), and the
 * strategy layer turns broken decide functions into lost turns and bad intents into drops. */
#define _POSIX_C_SOURCE 200809L
#include "scr_sandbox.h"
#include "scr_strategy.h"
#include "sim_fixture.h"
#include "test_util.h"

#include <lauxlib.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Under valgrind everything runs some 50 times slower: CL_TEST_SLOW=1 relaxes the clock (and
 * then the clock's backstop may stop a runaway script before its budget does). */
static int slow(void)
{
    const char *s = getenv("CL_TEST_SLOW");
    return s && *s && *s != '0';
}

static double time_limit(void)
{
    return slow() ? 120.0 : 2.0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static ScrLimits test_limits(void)
{
    ScrLimits l = scr_limits_default();
    return l;
}

/* Loads and calls src in sb; returns 0 or -1 with err; leaves one result (as a string, or
 * "nil") in out when it succeeds. */
static int run_in(ScrSandbox *sb, const char *name, const char *src, char *out, size_t outsz,
                  char *err, size_t errsz)
{
    lua_State *L = scr_sandbox_lua(sb);
    int top = lua_gettop(L);
    if (scr_sandbox_load(sb, name, src, strlen(src), err, errsz) < 0)
        return -1;
    if (scr_sandbox_call(sb, 0, 1, err, errsz) < 0)
        return -1;
    if (out) {
        const char *s =
            lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1)
            : lua_type(L, -1) == LUA_TBOOLEAN ? (lua_toboolean(L, -1) ? "true" : "false")
                                              : lua_typename(L, lua_type(L, -1));
        core_strlcpy(out, s, outsz);
    }
    lua_settop(L, top);
    return 0;
}

/* The host is healthy: a normal script runs in this state and in a fresh one. */
static void healthy(ScrSandbox *sb, const char *what)
{
    char out[64] = "", err[256] = "";
    int rc = run_in(sb, "after.lua", "local t = {} for i = 1, 100 do t[i] = i end return #t", out,
                    sizeof out, err, sizeof err);
    CHECK_MSG(rc == 0 && strcmp(out, "100") == 0, "%s: same state afterwards: %s %s", what, out,
              err);
    ScrLimits lim = test_limits();
    ScrSandbox *fresh = scr_sandbox_create(&lim, 1, "fresh", err, sizeof err);
    CHECK_MSG(fresh != NULL, "%s: fresh state: %s", what, err);
    if (fresh) {
        rc = run_in(fresh, "fresh.lua", "return 6 * 7", out, sizeof out, err, sizeof err);
        CHECK_MSG(rc == 0 && strcmp(out, "42") == 0, "%s: fresh state runs: %s", what, err);
        scr_sandbox_destroy(fresh);
    }
}

/* Runs a hostile script: it must fail (or succeed, if may_pass) within the time limit, with a
 * message holding `expect` (if given) and naming the script. */
static void hostile(const char *what, const char *src, const char *expect, int may_pass)
{
    ScrLimits lim = test_limits();
    char err[512] = "", out[128] = "";
    ScrSandbox *sb = scr_sandbox_create(&lim, 7, "hostile", err, sizeof err);
    CHECK_MSG(sb != NULL, "%s: create: %s", what, err);
    if (!sb)
        return;
    double t0 = now();
    int rc = run_in(sb, "hostile.lua", src, out, sizeof out, err, sizeof err);
    double dt = now() - t0;
    CHECK_MSG(dt < time_limit(), "%s: took %.2f s", what, dt);
    if (!may_pass)
        CHECK_MSG(rc < 0, "%s: should have failed, returned %s", what, out);
    if (rc < 0) {
        CHECK_MSG(strncmp(err, "hostile.lua", 11) == 0, "%s: message does not name the script: %s",
                  what, err);
        if (expect)
            CHECK_MSG(strstr(err, expect) != NULL ||
                          (slow() && strstr(expect, "budget") && strstr(err, "took longer")),
                      "%s: expected \"%s\" in \"%s\"", what, expect, err);
        CHECK_MSG(strchr(err, '\n') == NULL, "%s: the message is not one line", what);
    }
    healthy(sb, what);
    scr_sandbox_destroy(sb);
}

static void test_hostile(void)
{
    hostile("infinite loop", "while true do end", "instruction budget", 0);
    hostile("loop inside pcall", "pcall(function() while true do end end) return 1",
            "instruction budget", 0);
    hostile("pcall in a loop", "while true do pcall(function() while true do end end) end",
            "instruction budget", 0);
    hostile("error loop in pcall", "while true do pcall(error, 'x') end", "instruction budget", 0);
    hostile("deep recursion",
            "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end "
            "return f(1e7)",
            NULL, 0);
    hostile("infinite recursion", "local function f() return 1 + f() end return f()", NULL, 0);
    hostile("infinite tail recursion", "local function f() return f() end return f()",
            "instruction budget", 0);
    hostile("C recursion through pcall", "local function f() pcall(f) f() end f()", NULL, 0);
    hostile("table growth", "local t = {} for i = 1, 1e9 do t[i] = i end", "out of memory", 0);
    hostile("string doubling", "local s = 'x' while true do s = s .. s end", "out of memory", 0);
    hostile("tables of tables", "local t = {} while true do t = {t, t, {}} end", NULL, 0);
    hostile("memory bomb under pcall",
            "local keep = {} while true do pcall(function() keep[#keep + 1] = ('x'):rep(1e5) .. "
            "#keep end) end",
            NULL, 0);
    hostile("string.rep huge", "return string.rep('x', 1e10)", "string.rep", 0);
    hostile("string.rep empty huge", "return #string.rep('', 1e10)", NULL, 1);
    hostile("string.rep separator huge", "return string.rep('', 1e10, 'ab')", "string.rep", 0);
    hostile("backtracking a?^28",
            "return string.find(('a'):rep(28), ('a?'):rep(28) .. ('a'):rep(28))", "too costly", 0);
    hostile("backtracking .-.-.-y", "return string.find(('a'):rep(3000), '.-.-.-y')", "too costly",
            0);
    hostile("gmatch backtracking", "for w in ('a'):rep(5000):gmatch('.-.-b') do end", "too costly",
            0);
    hostile("gsub backtracking", "return ('a'):rep(5000):gsub('(.-)(.-)(.-)b', '%1')", "too costly",
            0);
    hostile("plain find huge",
            "local s = ('a'):rep(1e6) return s:find(('a'):rep(5e5) .. 'b', 1, true)", "too costly",
            0);
    hostile("gsub callback loop", "return ('abc'):gsub('.', function() while true do end end)",
            "instruction budget", 0);
    hostile("table.move huge", "return table.move({}, 1, 1e10, 2)", "table.move", 0);
    hostile("table.insert __len",
            "local t = setmetatable({}, {__len = function() return 1e10 end}) "
            "table.insert(t, 1, 'x')",
            "table.insert", 0);
    hostile("table.insert __len appending",
            "local t = setmetatable({}, {__len = function() return 1e10 end}) "
            "table.insert(t, 'x')",
            "table.insert", 0);
    hostile("table.remove __len",
            "local t = setmetatable({}, {__len = function() return 1e10 end}) "
            "table.remove(t, 1)",
            "table.remove", 0);
    hostile("table.unpack __len",
            "local t = setmetatable({}, {__len = function() return 1e10 end}) "
            "return table.unpack(t)",
            "unpack", 0);
    hostile("table.concat __len",
            "local t = setmetatable({}, {__len = function() return 1e10 end, "
            "__index = function() return '' end}) return table.concat(t)",
            "table.concat", 0);
    hostile("table.concat range", "return table.concat({}, '', 1, 1e10)", "table.concat", 0);
    hostile("table.sort __len",
            "local t = setmetatable({}, {__len = function() return 1e9 end}) table.sort(t)",
            "table.sort", 0);
    hostile("__len changes its answer",
            "local n = 0 local t = setmetatable({}, {__len = function() n = n + 1 "
            "return n == 1 and 1 or 1e10 end}) table.insert(t, 1, 'x') table.insert(t, 1, 'y')",
            "table.insert", 0);
    hostile("setmetatable __gc", "setmetatable({}, {__gc = function() while true do end end})",
            "__gc", 0);
    hostile("setmetatable __close", "setmetatable({}, {__close = function() end})", "__close", 0);
    hostile("setmetatable __mode", "setmetatable({}, {__mode = 'k'})", "__mode", 0);
    hostile("__mode added later", "local mt = {} setmetatable({}, mt) mt.__mode = 'k'", "__mode",
            0);
    hostile("__gc added later by rawset",
            "local mt = {} setmetatable({}, mt) rawset(mt, '__gc', print)", "__gc", 0);
    hostile("to-be-closed variable",
            "local mt = {} local o = setmetatable({}, mt) do local x <close> = o end",
            "non-closable", 0);
    hostile("metatable of a metatable",
            "local mt = {} setmetatable({}, mt) setmetatable(mt, {__index = {}})", "metatable", 0);
    hostile("error with a looping __tostring",
            "error(setmetatable({}, {__tostring = function() while true do end end}))",
            "error object is a table value", 0);
    hostile("error with a table", "error({code = 1})", "error object is a table value", 0);
    hostile("error without position", "error('plain', 0)", "plain", 0);
    hostile("xpcall handler loops",
            "xpcall(function() error('x') end, function() while true do end end) "
            "while true do end",
            "instruction budget", 0);
    hostile("xpcall handler after budget",
            "xpcall(function() while true do end end, function(e) return e end) return 1",
            "instruction budget", 0);
    hostile("bytecode from string.dump", "return string.dump(function() end)", NULL, 0);
    hostile("print flood", "while true do print(('x'):rep(1000)) end", "instruction budget", 0);
    hostile("coroutine flood", "return coroutine.create(function() end)", NULL, 0);
    hostile("huge unpack",
            "local t = {} for i = 1, 2e5 do t[i] = i end "
            "local function f(...) local n = 0 for i = 1, 1e9 do n = n + select('#', ...) end "
            "end f(table.unpack(t))",
            NULL, 0);
}

/* Loading refuses binary chunks. */
static void test_bytecode(void)
{
    ScrLimits lim = test_limits();
    char err[256] = "";
    ScrSandbox *sb = scr_sandbox_create(&lim, 1, "bc", err, sizeof err);
    CHECK(sb != NULL);
    if (!sb)
        return;
    static const char chunk[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08xV\x00\x00\x00";
    int rc = scr_sandbox_load(sb, "bin.lua", chunk, sizeof chunk - 1, err, sizeof err);
    CHECK_MSG(rc < 0 && strstr(err, "binary") && strncmp(err, "bin.lua", 7) == 0, "bytecode: %s",
              err);
    rc = scr_sandbox_load(sb, "bad.lua", "return +", 8, err, sizeof err);
    CHECK_MSG(rc < 0 && strncmp(err, "bad.lua:1:", 10) == 0, "syntax error: %s", err);
    healthy(sb, "bytecode");
    scr_sandbox_destroy(sb);
}

/* What must not be there is not; what must not leak does not. */
static void test_absent(void)
{
    ScrLimits lim = test_limits();
    char err[256] = "", out[256] = "";
    ScrSandbox *sb = scr_sandbox_create(&lim, 1, "absent", err, sizeof err);
    CHECK(sb != NULL);
    if (!sb)
        return;
    static const char *const gone[] = {
        "io",          "os",        "load",    "loadstring",     "debug",
        "dofile",      "loadfile",  "package", "collectgarbage", "coroutine",
        "string.dump", "('').dump", "warn",    "module",         "setfenv",
        "getfenv",     "unpack",    "gcinfo",  "newproxy",       NULL};
    for (int k = 0; gone[k]; k++) {
        char src[128];
        snprintf(src, sizeof src, "return %s == nil", gone[k]);
        int rc = run_in(sb, "absent.lua", src, out, sizeof out, err, sizeof err);
        CHECK_MSG(rc == 0 && strcmp(out, "true") == 0, "%s is reachable (%s)", gone[k], err);
    }
    /* The string metatable is hidden; its __index cannot be reached to restore dump. */
    CHECK(run_in(sb, "mt.lua", "return getmetatable('')", out, sizeof out, err, sizeof err) == 0 &&
          strcmp(out, "false") == 0);
    CHECK(run_in(sb, "mt.lua", "return getmetatable('').__index", out, sizeof out, err,
                 sizeof err) < 0);
    CHECK(run_in(sb, "mt.lua", "return setmetatable('', {})", out, sizeof out, err, sizeof err) <
          0);
    /* Patching the string table affects this state only, and dump stays gone. */
    CHECK(run_in(sb, "mt.lua", "string.dump = nil return ('x').dump == nil", out, sizeof out, err,
                 sizeof err) == 0 &&
          strcmp(out, "true") == 0);
    /* No addresses anywhere. */
    static const char *const shown[][2] = {
        {"return tostring({})", "table"},
        {"return tostring(print)", "function"},
        {"return tostring(function() end)", "function"},
        {"return string.format('%s', {})", "table"},
        {"return string.format('%s|%s', 1, {})", "1|table"},
        {"return tostring(setmetatable({}, {__tostring = function() return 'me' end}))", "me"},
        {"return tostring(setmetatable({}, {__name = 'X'}))", "table"},
        {"return tostring(nil) .. tostring(true) .. tostring(1.5) .. tostring(7)", "niltrue1.57"},
    };
    for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++) {
        int rc = run_in(sb, "show.lua", shown[k][0], out, sizeof out, err, sizeof err);
        CHECK_MSG(rc == 0 && strcmp(out, shown[k][1]) == 0, "%s gave %s (%s)", shown[k][0], out,
                  err);
    }
    CHECK(run_in(sb, "p.lua", "return string.format('%p', {})", out, sizeof out, err, sizeof err) <
          0);
    CHECK(run_in(sb, "p.lua", "return string.format('%5p', print)", out, sizeof out, err,
                 sizeof err) < 0);
    /* print is captured, not written to stdout. */
    scr_sandbox_clear_output(sb);
    CHECK(run_in(sb, "print.lua", "print('hello', 1, {}, nil, print) return 1", out, sizeof out,
                 err, sizeof err) == 0);
    size_t len;
    int cut;
    const char *o = scr_sandbox_output(sb, &len, &cut);
    CHECK_MSG(strcmp(o, "hello\t1\t{}\tnil\tfunction\n") == 0 && !cut, "print gave [%s]", o);
    /* A table printed shows what is in it (two levels), in pairs' order; dump takes a depth. */
    scr_sandbox_clear_output(sb);
    CHECK(run_in(sb, "print.lua",
                 "print({a = 'q\"', [2] = true, 5, t = {u = {v = {}}}}) "
                 "print(dump({1, {2, {3, {4}}}}, 3)) "
                 "print(setmetatable({}, {__tostring = function() return 'mine' end})) return 1",
                 out, sizeof out, err, sizeof err) == 0);
    o = scr_sandbox_output(sb, &len, &cut);
    CHECK_MSG(
        strcmp(o, "{5, true, a = \"q\\\"\", t = {u = {...}}}\n{1, {2, {3, {...}}}}\nmine\n") == 0,
        "print/dump gave [%s]", o);
    CHECK(run_in(sb, "dump.lua", "return dump(1, 9)", out, sizeof out, err, sizeof err) < 0 &&
          strstr(err, "dump: depth must be from 1 to 8, got 9"));
    CHECK(run_in(sb, "dump.lua", "return #dump(string.rep('x', 3000))", out, sizeof out, err,
                 sizeof err) == 0);
    CHECK_MSG(strcmp(out, "2077") == 0, "a long dump is %s bytes", out);
    /* The things that remain work. */
    static const char *const work[][2] = {
        {"return ('2025-03'):match('^(%d+)-(%d+)$')", "2025"},
        {"return select(2, ('a,b,c'):gsub(',', ';'))", "2"},
        {"local n = 0 for w in ('a b  c'):gmatch('%S+') do n = n + 1 end return n", "3"},
        {"return table.concat({1, 2, 3}, '-')", "1-2-3"},
        {"local t = {3, 1, 2} table.sort(t) return table.concat(t)", "123"},
        {"local t = {1, 2} table.insert(t, 1, 0) table.remove(t) return table.concat(t)", "01"},
        {"return select('#', table.unpack({1, 2, 3}))", "3"},
        {"return #table.move({1, 2, 3}, 1, 3, 2)", "4"},
        {"return utf8.len('h\xc3\xa9')", "2"},
        {"return math.floor(3.7) + math.max(1, 2)", "5"},
        {"return ('x'):rep(3, ',')", "x,x,x"},
        {"local ok, e = pcall(error, 'e', 0) return e", "e"},
        {"local ok, v = xpcall(function() error('z', 0) end, function(e) return e .. '!' end) "
         "return v",
         "z!"},
        {"local C = {} C.__index = C function C.new() return setmetatable({v = 1}, C) end "
         "function C:get() return self.v end return C.new():get()",
         "1"},
        {"local t = setmetatable({}, {__index = function(_, k) return k * 2 end}) return t[21]",
         "42"},
        {"local mt = {} setmetatable({}, mt) mt.__index = mt mt.extra = 1 return mt.extra", "1"},
    };
    for (size_t k = 0; k < sizeof work / sizeof work[0]; k++) {
        int rc = run_in(sb, "work.lua", work[k][0], out, sizeof out, err, sizeof err);
        CHECK_MSG(rc == 0 && strcmp(out, work[k][1]) == 0, "%s gave %s (%s)", work[k][0], out, err);
    }
    scr_sandbox_destroy(sb);
}

/* Messages name the script and the line; the traceback is kept apart. */
static void test_messages(void)
{
    ScrLimits lim = test_limits();
    char err[256] = "", out[64];
    ScrSandbox *sb = scr_sandbox_create(&lim, 1, "msg", err, sizeof err);
    CHECK(sb != NULL);
    if (!sb)
        return;
    CHECK(run_in(sb, "m.lua", "\n\nlocal x = nil\nreturn x.y", out, sizeof out, err, sizeof err) <
          0);
    CHECK_MSG(strncmp(err, "m.lua:4:", 8) == 0, "runtime error: %s", err);
    CHECK(strstr(scr_sandbox_traceback(sb), "stack traceback") != NULL);
    CHECK(run_in(sb, "m.lua", "\nerror({})", out, sizeof out, err, sizeof err) < 0);
    CHECK_MSG(strncmp(err, "m.lua:2: error object is a table value", 38) == 0, "table: %s", err);
    CHECK(run_in(sb, "m.lua", "\n\n\nwhile true do end", out, sizeof out, err, sizeof err) < 0);
    CHECK_MSG(strncmp(err, "m.lua:4: instruction budget", 27) == 0, "budget: %s", err);
    CHECK(run_in(sb, "m.lua", "local t = {}\nfor i = 1, 1e9 do\n t[i] = i\nend", out, sizeof out,
                 err, sizeof err) < 0);
    CHECK_MSG(strncmp(err, "m.lua:", 6) == 0 && strstr(err, "out of memory (the limit is 8.0"),
              "memory: %s", err);
    CHECK(run_in(sb, "m.lua", "error('one\\ntwo')", out, sizeof out, err, sizeof err) < 0);
    CHECK_MSG(strchr(err, '\n') == NULL, "one line: %s", err);
    /* DEL and C1 controls from the script's text neither (found by fuzz_lua, in a syntax error
     * quoting the source) */
    CHECK(run_in(sb, "m.lua", "error('a\\127b\\194\\155c')", out, sizeof out, err, sizeof err) < 0);
    CHECK_MSG(strchr(err, 0x7f) == NULL && strstr(err, "\xc2\x9b") == NULL && strstr(err, "a b  c"),
              "controls: %s", err);
    CHECK(run_in(sb, "m.lua", "x = 'a\x7f\xc2\x9b", out, sizeof out, err, sizeof err) < 0);
    CHECK_MSG(strchr(err, 0x7f) == NULL && strstr(err, "\xc2\x9b") == NULL, "controls: %s", err);
    /* A long name is cut from the left, as Lua shows it. */
    char name[200];
    memset(name, 'd', sizeof name);
    memcpy(name + sizeof name - 10, "/s.lua", 7);
    CHECK(run_in(sb, name, "error('x')", out, sizeof out, err, sizeof err) < 0);
    CHECK_MSG(strncmp(err, "...", 3) == 0 && strstr(err, "/s.lua:1: x"), "long name: %s", err);
    /* The cost of the last call and the memory are reported. */
    CHECK(run_in(sb, "m.lua", "local s = 0 for i = 1, 1e5 do s = s + i end return s", out,
                 sizeof out, err, sizeof err) == 0);
    CHECK_MSG(scr_sandbox_used(sb) >= 190000 && scr_sandbox_used(sb) < 400000,
              "units for a 100000-step loop: %lld", (long long)scr_sandbox_used(sb));
    CHECK(scr_sandbox_memory(sb) > 0 && scr_sandbox_memory(sb) < ((size_t)1 << 20));
    CHECK(scr_sandbox_memory_peak(sb) >= scr_sandbox_memory(sb));
    scr_sandbox_destroy(sb);
}

/* A budget spent by allocating stops the call at the next instruction, not at the next run of
 * the count hook (up to SCR_HOOK_STEP instructions later, each able to allocate 1 MiB more: a
 * loop of big strings under pcall ran 3 times its budget, found by fuzz_lua as a timeout). */
static void test_alloc_budget(void)
{
    ScrLimits lim = test_limits();
    char err[256] = "", out[64] = "";
    ScrSandbox *sb = scr_sandbox_create(&lim, 1, "alloc", err, sizeof err);
    CHECK_MSG(sb != NULL, "create: %s", err);
    if (!sb)
        return;
    /* Each round allocates about 2 MB (a 1 MB string and the concatenation): 250,000 units. */
    CHECK(run_in(sb, "a.lua",
                 "n = 0 while true do pcall(function() n = n + 1 "
                 "local s = ('x'):rep(1 << 20) .. n end) end",
                 out, sizeof out, err, sizeof err) < 0);
    CHECK_MSG(strstr(err, "instruction budget"), "%s", err);
    int64_t used = scr_sandbox_used(sb);
    CHECK(run_in(sb, "n.lua", "return n", out, sizeof out, err, sizeof err) == 0);
    int rounds = atoi(out);
    CHECK_MSG(rounds > 0 && rounds <= lim.instructions / 250000 + 1, "%d rounds", rounds);
    CHECK_MSG(used < lim.instructions + 300000, "%lld units spent", (long long)used);
    scr_sandbox_destroy(sb);
}

/* The clock backstop catches what the budget cannot see (comparing long strings). */
static void test_backstop(void)
{
    ScrLimits lim = test_limits();
    lim.wall_ms = 200;
    lim.instructions = 0; /* no budget: only the clock */
    char err[256] = "";
    ScrSandbox *sb = scr_sandbox_create(&lim, 1, "clock", err, sizeof err);
    CHECK(sb != NULL);
    if (!sb)
        return;
    double t0 = now();
    int rc = run_in(sb, "c.lua", "while true do end", NULL, 0, err, sizeof err);
    double dt = now() - t0;
    CHECK_MSG(rc < 0 && strstr(err, "took longer than 200 ms"), "backstop: %s", err);
    CHECK_MSG(dt >= 0.15 && dt < time_limit(), "backstop after %.2f s", dt);
    healthy(sb, "backstop");
    scr_sandbox_destroy(sb);
    /* With the default limits, a loop of slow instructions ends too. */
    hostile("long string compare",
            "local a, b = ('x'):rep(1e6), ('x'):rep(1e6) local n = 0 while a == b do n = n + 1 "
            "end",
            NULL, 0);
}

/* Collects, in a fresh state, the keys of a table of 200 string keys as pairs visits them. */
static void pairs_order(uint64_t seed, char *out, size_t outsz)
{
    ScrLimits lim = test_limits();
    char err[256] = "";
    ScrSandbox *sb = scr_sandbox_create(&lim, seed, "pairs", err, sizeof err);
    CHECK(sb != NULL);
    if (!sb)
        return;
    int rc = run_in(sb, "p.lua",
                    "local t = {} for i = 1, 200 do t['k' .. (i * 7919 % 1000)] = i end "
                    "t[3] = 'c' t[1] = 'a' t[2] = 'b' t[2.5] = 'x' t[-1] = 'm' t[true] = 't' "
                    "local o, prev = {}, nil for k in pairs(t) do o[#o + 1] = tostring(k) "
                    "if type(k) == 'string' then assert(prev == nil or prev < k, 'unsorted') "
                    "prev = k end end "
                    "local n = {} local k = next(t) while k ~= nil do n[#n + 1] = tostring(k) "
                    "k = next(t, k) end "
                    "assert(table.concat(o, ',') == table.concat(n, ','), 'next differs') "
                    "return table.concat(o, ',')",
                    out, outsz, err, sizeof err);
    CHECK_MSG(rc == 0, "pairs: %s", err);
    scr_sandbox_destroy(sb);
}

static void test_determinism(void)
{
    static char a[4096], b[4096];
    pairs_order(1, a, sizeof a);
    pairs_order(2, b, sizeof b);
    CHECK_MSG(strcmp(a, b) == 0, "pairs order differs between two states");
    CHECK_MSG(strncmp(a, "1,2,3,-1,2.5,k", 14) == 0, "pairs order: %.60s", a);
    CHECK(strlen(a) > 5 && strcmp(a + strlen(a) - 5, ",true") == 0);

    /* math.random: the same seed gives the same numbers, another seed others. */
    char r1[256], r2[256], r3[256], err[256];
    const char *src = "local t = {} for i = 1, 8 do t[i] = math.random(1, 1000000) end "
                      "t[9] = string.format('%.17g', math.random()) t[10] = math.random(6) "
                      "return table.concat(t, ' ')";
    uint64_t seeds[3] = {11, 11, 12};
    char *outs[3] = {r1, r2, r3};
    for (int k = 0; k < 3; k++) {
        ScrLimits lim = test_limits();
        ScrSandbox *sb = scr_sandbox_create(&lim, seeds[k], "actor", err, sizeof err);
        CHECK(sb != NULL);
        if (!sb)
            return;
        CHECK(run_in(sb, "r.lua", src, outs[k], 256, err, sizeof err) == 0);
        scr_sandbox_destroy(sb);
    }
    CHECK_MSG(strcmp(r1, r2) == 0, "same seed: %s / %s", r1, r2);
    CHECK_MSG(strcmp(r1, r3) != 0, "other seed gave the same numbers");
    /* randomseed: a stream of its own, and back to the caller's with no argument */
    ScrLimits lim = test_limits();
    ScrSandbox *sb = scr_sandbox_create(&lim, 5, "x", err, sizeof err);
    CHECK(sb != NULL);
    if (!sb)
        return;
    char o[256];
    CHECK(run_in(sb, "r.lua",
                 "local a = math.random(1e9) math.randomseed() local b = math.random(1e9) "
                 "math.randomseed(42) local c = math.random(1e9) math.randomseed(42) "
                 "local d = math.random(1e9) "
                 "local ok = pcall(math.random, 2, 1) "
                 "return tostring(a == b and c == d and a ~= c and not ok)",
                 o, sizeof o, err, sizeof err) == 0);
    CHECK_MSG(strcmp(o, "true") == 0, "randomseed: %s %s", o, err);
    CHECK(run_in(sb, "r.lua",
                 "for i = 1, 1000 do local v = math.random(-3, 3) assert(v >= -3 and v <= 3) "
                 "local f = math.random() assert(f >= 0 and f < 1) end return 1",
                 o, sizeof o, err, sizeof err) == 0);
    scr_sandbox_destroy(sb);
}

/* pairs refuses keys without a fixed order, honours a script's __pairs, and looks through
 * proxies (tested with the view in test_scr_api). */
static void test_pairs_rules(void)
{
    ScrLimits lim = test_limits();
    char err[256] = "", out[128];
    ScrSandbox *sb = scr_sandbox_create(&lim, 1, "p", err, sizeof err);
    CHECK(sb != NULL);
    if (!sb)
        return;
    CHECK(run_in(sb, "p.lua", "local t = {[{}] = 1} for k in pairs(t) do end", out, sizeof out, err,
                 sizeof err) < 0);
    CHECK_MSG(strstr(err, "no fixed order") != NULL, "%s", err);
    CHECK(run_in(sb, "p.lua",
                 "local t = setmetatable({}, {__pairs = function(t) return function(_, k) "
                 "if not k then return 1, 'one' end end, t, nil end}) "
                 "local s = '' for k, v in pairs(t) do s = s .. k .. v end return s",
                 out, sizeof out, err, sizeof err) == 0);
    CHECK_MSG(strcmp(out, "1one") == 0, "__pairs: %s %s", out, err);
    CHECK(run_in(sb, "p.lua",
                 "local t = {a = 1, b = 2, c = 3} local s = '' "
                 "for k in pairs(t) do s = s .. k t[k] = nil end return s .. tostring(next(t))",
                 out, sizeof out, err, sizeof err) == 0);
    CHECK_MSG(strcmp(out, "abcnil") == 0, "removal during pairs: %s %s", out, err);
    CHECK(run_in(sb, "p.lua", "return next({}) == nil and next({5}) == 1", out, sizeof out, err,
                 sizeof err) == 0 &&
          strcmp(out, "true") == 0);
    scr_sandbox_destroy(sb);
}

/* ---------------------------------------------------------------------------------------------
 * Through the strategy layer: decide's failures and bad intents */

static SimWorld *world(void)
{
    SimScenario *sc = fx_scenario(3, 12);
    char err[256] = "";
    SimWorld *w = sc ? sim_world_create(sc, 3, err, sizeof err) : NULL;
    CHECK_MSG(w != NULL, "world: %s", err);
    sim_scenario_free(sc);
    return w;
}

/* Makes a Lua strategy for actor i of w from src; 0 or -1. */
static int attach(SimWorld *w, int i, const char *src, const ScrLimits *lim)
{
    SimStrategy s;
    char err[256] = "";
    int rc = scr_strategy_create("s.lua", src, strlen(src), lim, 1, w->sc->actors[i].id, &s, err,
                                 sizeof err);
    CHECK_MSG(rc == 0, "create: %s", err);
    if (rc == 0)
        sim_world_set_strategy(w, i, s);
    return rc;
}

/* One decide of actor i; returns its rc, with the intents in *l and the message in err. */
static int decide_once(SimWorld *w, int i, SimIntentList *l, char *err, size_t errsz)
{
    SimView v = {w, i};
    memset(l, 0, sizeof *l);
    SimStrategy *s = &w->actors[i].strategy;
    double t0 = now();
    int rc = s->decide(s->self, &v, l, err, errsz);
    CHECK_MSG(now() - t0 < time_limit(), "decide took %.2f s", now() - t0);
    return rc;
}

static void test_decide_garbage(void)
{
    static const struct {
        const char *body, *expect;
    } cases[] = {
        {"return 42", "decide returned a number"},
        {"return 'accept'", "decide returned a string"},
        {"return function() end", "decide returned a function"},
        {"return {1, 2, 3}", "entry 1 is a number"},
        {"return {accept(0), 'x'}", "entry 2 is a string"},
        {"return true", "decide returned a boolean"},
        {"error('boom')", "s.lua:2: boom"},
        {"while true do end", "instruction budget"},
        {"local s = 'x' while true do s = s .. s end", "out of memory"},
        {"view.turn = 5", "read-only"},
        {"view.self.cash = 1e9", "read-only"},
        {"view.actors[1] = nil", "read-only"},
        {"view.offers_to_me[1] = 1", "read-only"},
        {"table.insert(view.deals, 1)", "read-only"},
        {"rawset(view, 'turn', 1) return {}", "read-only"},
        {"rawset(view.self, 'cash', 1) return {}", "read-only"},
        {"view.memory.f = print", "view.memory.f holds a function"},
        {"view.memory.t = setmetatable({}, {})", "view.memory.t holds a table with a metatable"},
        {"view.memory.c = {} view.memory.c.c = view.memory.c", "holds a cycle"},
        {"view.memory.v = view.self", "s.lua:2: view.memory.v = a view table"},
        {"view.memory.w = {view.self}", "view.memory.w[1] holds a view table"},
        {"view.memory.n = 0/0", "not finite"},
        /* strict reads: the field and the nearest one it has, at the line of the read */
        {"return view.self.cahs", "s.lua:2: view.self.cahs: no such field; did you mean 'cash'?"},
        {"return view.sentimnet",
         "s.lua:2: view.sentimnet: no such field; did you mean 'sentiment'"},
        {"return view.params.treshold",
         "view.params.treshold: no such field; did you mean 'threshold'"},
        {"return view.actors[view.me].growht",
         "view.self.growht: no such field; did you mean 'growth'"},
        {"return view.self.zzzzzz", "view.self.zzzzzz: no such field (the fields are in docs"},
        {"return view.actors.nobody_here", "view.actors.nobody_here: no such field"},
        {"return exposure('x' .. view.me)", "unknown actor 'x"},
        {"return pass", "a function, not a list of intents (did you mean pass()?"},
        {"return {accept}", "entry 1 is a function, not an intent (did you mean accept(id)?"},
        /* what may be nil reads nil; lists end in nil; dump reads the whole view */
        {"assert(view.actors[#view.actors + 1] == nil) assert(view.prices[99] == nil) "
         "local n = 0 for _ in ipairs(view.actors) do n = n + 1 end assert(n == #view.actors) "
         "local t = view.self.top local l = view.self.last_deal "
         "assert(view.params.playbook.no_such_name == nil) "
         "assert(#dump(view) > 100 and view.deal(0) == view.deal(0)) return {}",
         NULL},
    };
    ScrLimits lim = scr_limits_default();
    /* Above the 1,048,576 units that filling the 8 MiB costs (a unit per 8 bytes allocated), so
     * that the string doubling runs out of memory before it runs out of budget. */
    lim.instructions = 2000000;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        SimWorld *w = world();
        if (!w)
            return;
        char src[512];
        snprintf(src, sizeof src, "return {decide = function(view)\n%s\nend}", cases[k].body);
        if (attach(w, 1, src, &lim) == 0) {
            SimIntentList l;
            char err[SIM_REASON_LEN] = "";
            int rc = decide_once(w, 1, &l, err, sizeof err);
            if (cases[k].expect) {
                CHECK_MSG(rc < 0 && strstr(err, cases[k].expect) && strncmp(err, "s.lua", 5) == 0,
                          "%s: rc %d, \"%s\"", cases[k].body, rc, err);
                CHECK(l.n == 0);
            } else {
                CHECK_MSG(rc == 0, "%s: %s", cases[k].body, err);
            }
            /* and the next turn still works once the script is sane: same state */
            ScrStats st;
            CHECK(scr_strategy_stats(&w->actors[1].strategy, &st) == 0);
            if (cases[k].expect)
                CHECK(st.failures == 1);
        }
        sim_world_destroy(w);
    }
}

/* A list of 10000 intents: the first 16 kept, the rest dropped with one message; malformed
 * intents dropped one by one with the line of their constructor. */
static void test_intent_drops(void)
{
    SimWorld *w = world();
    if (!w)
        return;
    const char *src = "return {decide = function(view)\n"
                      "  local out = {}\n"
                      "  for i = 1, 10000 do\n"
                      "    out[i] = build{amount = 1, months = 12}\n"
                      "  end\n"
                      "  return out\n"
                      "end}";
    if (attach(w, 1, src, NULL) == 0) {
        SimIntentList l;
        char err[SIM_REASON_LEN] = "";
        CHECK_MSG(decide_once(w, 1, &l, err, sizeof err) == 0, "10000 intents: %s", err);
        CHECK(l.n == SIM_MAX_INTENTS);
        CHECK(l.overflow == 10000 - SIM_MAX_INTENTS);
        ScrStats st;
        scr_strategy_stats(&w->actors[1].strategy, &st);
        CHECK(st.dropped == 10000 - SIM_MAX_INTENTS);
        ScrMessage m;
        int n = scr_strategy_message_count(&w->actors[1].strategy);
        CHECK(n >= 1 && scr_strategy_message(&w->actors[1].strategy, n - 1, &m) == 0);
        CHECK_MSG(n >= 1 && m.kind == SCR_MSG_DROPPED && strstr(m.text, "9984 intents beyond"),
                  "message: %s", n >= 1 ? m.text : "");
    }
    sim_world_destroy(w);

    w = world();
    if (!w)
        return;
    src = "return {decide = function(view)\n"
          "  return {\n"
          "    propose{to = 'nobody', kind = 'compute', amount = 1},\n"  /* line 3 */
          "    propose{to = 'openai', kind = 'teleport', amount = 1},\n" /* 4 */
          "    propose{to = 'openai', kind = 'compute', amount = 'lots'},\n"
          "    propose{to = 'openai', kind = 'compute', amount = 0/0},\n"
          "    propose{to = 'openai', kind = 'compute', amount = 1/0},\n"
          "    propose{to = 'openai', kind = 'compute', amount = -5},\n"
          "    propose{to = 'openai', kind = 'compute', amount = 1e7},\n"
          "    propose{to = 'openai', kind = 'compute', amount = 5, months = 1.5},\n"
          "    propose{to = 'openai', kind = 'compute', amont = 5},\n"
          "    accept('x'),\n"
          "    accept(-1),\n"
          "    {op = 'fly'},\n"
          "    {amount = 3},\n"
          "    propose{to = 'openai', kind = 'compute', amount = 5, reason = 7},\n"
          "    propose{to = 'openai', kind = 'compute', amount = 10, months = 24,\n"
          "            reason = 'fine'},\n" /* 17: kept */
          "    pass('nothing'),\n"
          "  }\n"
          "end}";
    if (attach(w, 1, src, NULL) == 0) {
        SimIntentList l;
        char err[SIM_REASON_LEN] = "";
        CHECK_MSG(decide_once(w, 1, &l, err, sizeof err) == 0, "malformed: %s", err);
        CHECK(l.n == 1);
        if (l.n == 1) {
            CHECK(l.v[0].kind == SIM_INTENT_PROPOSE && l.v[0].terms.amount == 10.0 &&
                  l.v[0].terms.months == 24 && strcmp(l.v[0].reason, "fine") == 0);
            /* compute offered by the giant: the hub pays */
            CHECK(l.v[0].terms.payer == FX_HUB && l.v[0].terms.payee == 1);
        }
        static const char *const want[] = {
            "s.lua:3: propose dropped: unknown actor 'nobody'",
            "s.lua:4: propose dropped: unknown kind 'teleport'",
            "s.lua:5: propose dropped: amount is a string, not a number",
            "s.lua:6: propose dropped: amount is not a finite number",
            "s.lua:7: propose dropped: amount is not a finite number",
            "s.lua:8: propose dropped: amount is negative",
            "s.lua:9: propose dropped: amount is absurd",
            "s.lua:10: propose dropped: months must be a whole number",
            "s.lua:11: propose dropped: unknown field 'amont'",
            "s.lua:12: accept dropped: the deal id is a string",
            "s.lua:13: accept dropped: -1 is not a deal id",
            "s.lua:1: intent dropped: unknown op 'fly'",
            "s.lua:1: intent dropped: not an intent",
            "s.lua:16: propose dropped: reason: expected a string or a table {en=..., zh=...}, got "
            "number",
        };
        int n = scr_strategy_message_count(&w->actors[1].strategy);
        CHECK_MSG(n == (int)(sizeof want / sizeof want[0]), "%d messages", n);
        for (int k = 0; k < n && k < (int)(sizeof want / sizeof want[0]); k++) {
            ScrMessage m;
            scr_strategy_message(&w->actors[1].strategy, k, &m);
            CHECK_MSG(strncmp(m.text, want[k], strlen(want[k])) == 0, "message %d: %s", k, m.text);
        }
    }
    sim_world_destroy(w);
}

/* A script that loads but returns no decide, or fails while loading, is refused at creation. */
static void test_create_errors(void)
{
    static const struct {
        const char *src, *expect;
    } cases[] = {
        {"return 1", "must return a table with a decide function (it returned number)"},
        {"return {}", "needs decide to be a function"},
        {"return {decide = function() end, init = 5}", "needs init to be a function"},
        {"error('at load')", "s.lua:1: at load"},
        {"while true do end", "instruction budget"},
        {"return {decide = function(", "s.lua:1:"},
        {"\x1bLua", "binary"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        SimStrategy s;
        char err[256] = "";
        int rc = scr_strategy_create("s.lua", cases[k].src, strlen(cases[k].src), NULL, 1, NULL, &s,
                                     err, sizeof err);
        CHECK_MSG(rc < 0 && strstr(err, cases[k].expect) && strncmp(err, "s.lua", 5) == 0, "%s: %s",
                  cases[k].src, err);
    }
    SimStrategy s;
    char err[256];
    CHECK(scr_strategy_create("ok.lua", "return {decide = function() end}", 32, NULL, 1, "openai",
                              &s, err, sizeof err) == 0);
    CHECK(scr_strategy_is_lua(&s));
    sim_strategy_destroy(&s);
    SimStrategy native;
    sim_strategy_passive(&native);
    ScrStats st;
    CHECK(!scr_strategy_is_lua(&native) && scr_strategy_stats(&native, &st) < 0);
}

int main(void)
{
    test_hostile();
    test_bytecode();
    test_absent();
    test_messages();
    test_alloc_budget();
    test_backstop();
    test_determinism();
    test_pairs_rules();
    test_decide_garbage();
    test_intent_drops();
    test_create_errors();
    TEST_END();
}
