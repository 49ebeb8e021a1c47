/* scr_require: require for scripts/lib (see scr_require.h). The folder and the texts read from
 * it are process-wide; what a sandbox has loaded is a table in its registry (name -> value, false
 * while the module runs); frozen tables are proxies as the view's are (scr_sandbox_proxy_key), so
 * that pairs and next look through them. */
#define _POSIX_C_SOURCE 200809L
#include "scr_require.h"

#include "core_err.h"
#include "scr_sandbox_int.h"

#include <lauxlib.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FREEZE_DEPTH 32

typedef struct {
    char name[SCR_REQUIRE_NAME_MAX + 1];
    char *text; /* NULL: the module is not there (why says so) */
    size_t len;
    char why[160];
} Module;

static char lib_dir[4096];
static Module modules[SCR_REQUIRE_MODULES];
static int n_modules;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static char loaded_key; /* registry: what this sandbox has loaded */

void scr_require_set_dir(const char *dir)
{
    pthread_mutex_lock(&lock);
    if (strcmp(lib_dir, dir ? dir : "") == 0) { /* the same folder: keep what was read */
        pthread_mutex_unlock(&lock);
        return;
    }
    core_strlcpy(lib_dir, dir ? dir : "", sizeof lib_dir);
    for (int k = 0; k < n_modules; k++)
        free(modules[k].text);
    memset(modules, 0, sizeof modules);
    n_modules = 0;
    pthread_mutex_unlock(&lock);
}

/* Reads dir/name.lua into m (text, or why it is not there). */
static void read_module(Module *m, const char *name)
{
    core_strlcpy(m->name, name, sizeof m->name);
    if (!lib_dir[0]) {
        snprintf(m->why, sizeof m->why, "no module folder (scripts/lib) is set");
        return;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/%s.lua", lib_dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(m->why, sizeof m->why, "no module '%s' (looked for %.100s)", name, path);
        return;
    }
    char *text = malloc(SCR_REQUIRE_TEXT_MAX + 1);
    size_t len = text ? fread(text, 1, SCR_REQUIRE_TEXT_MAX + 1, f) : 0;
    int bad = !text || ferror(f);
    fclose(f);
    if (bad || len > SCR_REQUIRE_TEXT_MAX) {
        free(text);
        snprintf(m->why, sizeof m->why, "module '%s' cannot be read%s", name,
                 bad ? "" : " (larger than 1 MiB)");
        return;
    }
    m->text = text;
    m->len = len;
}

/* A copy of module name's text (the caller frees it), read on first use; NULL with why. */
static char *module_text(const char *name, size_t *len, char *why, size_t whysz)
{
    pthread_mutex_lock(&lock);
    Module *m = NULL;
    for (int k = 0; k < n_modules && !m; k++)
        if (strcmp(modules[k].name, name) == 0)
            m = &modules[k];
    Module fresh = {0};
    if (!m) {
        read_module(&fresh, name);
        if (n_modules < SCR_REQUIRE_MODULES) {
            modules[n_modules] = fresh;
            m = &modules[n_modules++];
        } else {
            m = &fresh; /* kept for this call only */
        }
    }
    char *copy = NULL;
    if (m->text) {
        copy = malloc(m->len ? m->len : 1);
        if (copy) {
            memcpy(copy, m->text, m->len);
            *len = m->len;
        } else {
            core_strlcpy(why, "out of memory", whysz);
        }
    } else {
        core_strlcpy(why, m->why, whysz);
    }
    if (m == &fresh)
        free(fresh.text);
    pthread_mutex_unlock(&lock);
    return copy;
}

static int valid_name(const char *s, size_t len)
{
    if (len == 0 || len > SCR_REQUIRE_NAME_MAX)
        return 0;
    for (size_t k = 0; k < len; k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') || s[k] == '_'))
            return 0;
    return 1;
}

/* Metamethods of a frozen table: upvalue 1 the module's name. */
static int l_frozen_write(lua_State *L)
{
    return luaL_error(L, "the module '%s' is read-only", lua_tostring(L, lua_upvalueindex(1)));
}

static int l_frozen_target(lua_State *L)
{
    if (!lua_getmetatable(L, 1) || lua_getfield(L, -1, "__index") != LUA_TTABLE)
        return luaL_error(L, "a frozen table lost its contents");
    return 1;
}

static int l_frozen_len(lua_State *L)
{
    l_frozen_target(L);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

/* Freezes the table at t in place: its contents move to a hidden target, and t becomes a
 * read-only proxy of it; then the tables among the target's values, in turn. */
static void freeze(lua_State *L, int t, const char *name, int depth)
{
    t = lua_absindex(L, t);
    if (scr_sb_is_proxy(L, t))
        return; /* frozen already: a table met twice */
    if (depth > FREEZE_DEPTH)
        luaL_error(L, "require: module '%s' returned tables nested more than %d deep", name,
                   FREEZE_DEPTH);
    if (lua_getmetatable(L, t))
        luaL_error(L,
                   "require: module '%s' returned a table with a metatable (a module gives "
                   "plain tables)",
                   name);
    luaL_checkstack(L, 8, "require");
    lua_newtable(L); /* the target */
    int target = lua_gettop(L);
    scr_sandbox_copy(L, t, target);
    scr_sandbox_clear(L, t);
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, target);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushcclosure(L, l_frozen_write, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, l_frozen_len);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushcfunction(L, l_frozen_target);
    lua_rawsetp(L, -2, scr_sandbox_proxy_key());
    lua_setmetatable(L, t);
    lua_pushnil(L);
    while (lua_next(L, target)) {
        if (lua_type(L, -1) == LUA_TTABLE)
            freeze(L, -1, name, depth + 1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1); /* the target */
}

/* Compiles module name's text and pushes it as a function. */
static void load_module(lua_State *L, const char *name)
{
    char why[256];
    size_t len = 0;
    char *text = module_text(name, &len, why, sizeof why);
    if (!text)
        luaL_error(L, "require: %s", why);
    ScrSandbox *sb = scr_sandbox_of(L);
    char chunk[SCR_REQUIRE_NAME_MAX + 16], *dump = NULL;
    snprintf(chunk, sizeof chunk, "@lib/%s.lua", name);
    size_t dump_len = 0;
    size_t cap = sb->lim.memory ? (sb->lim.memory > sb->used ? sb->lim.memory - sb->used : 1) : 0;
    int st = scr_sb_chunk_dump(chunk, text, len, cap, &dump, &dump_len, why, sizeof why);
    free(text);
    if (st != LUA_OK)
        luaL_error(L, "require: module '%s' does not compile: %s", name,
                   st == LUA_ERRMEM ? "not enough memory" : why);
    scr_sandbox_charge(L, (int64_t)(len / ALLOC_UNIT));   /* the compilation, done outside */
    st = luaL_loadbufferx(L, dump, dump_len, chunk, "b"); /* our own dump of its text */
    free(dump);
    if (st != LUA_OK)
        lua_error(L);
}

static int l_require(lua_State *L)
{
    if (lua_type(L, 1) !=
        LUA_TSTRING) /* a number is not a name (lua_tolstring would make it one) */
        return luaL_error(L, "require: expects a module name (a string), got %s",
                          luaL_typename(L, 1));
    size_t len;
    const char *name = lua_tolstring(L, 1, &len);
    if (!valid_name(name, len))
        return luaL_error(L,
                          "require: bad module name '%s' (a-z, 0-9 and _ only, at most %d; the "
                          "module is scripts/lib/NAME.lua)",
                          len > 80 ? "(too long)" : name, SCR_REQUIRE_NAME_MAX);
    lua_settop(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key); /* 2 */
    int was = lua_getfield(L, 2, name);
    if (was == LUA_TBOOLEAN && !lua_toboolean(L, -1))
        return luaL_error(L, "require: module '%s' requires itself (directly or through others)",
                          name);
    if (was != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    load_module(L, name); /* 3 */
    lua_pushboolean(L, 0);
    lua_setfield(L, 2, name); /* running */
    lua_pushvalue(L, 1);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) { /* hooks stay on: a spent budget raises again */
        lua_pushnil(L);
        lua_setfield(L, 2, name);
        return lua_error(L);
    }
    lua_pushnil(L);
    lua_setfield(L, 2, name); /* ran: a failure to freeze below leaves it unloaded */
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    if (lua_type(L, -1) == LUA_TTABLE)
        freeze(L, -1, name, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);
    return 1;
}

void scr_require_open(lua_State *L)
{
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &loaded_key);
    lua_pushcfunction(L, l_require);
    lua_setfield(L, -2, "require");
}
