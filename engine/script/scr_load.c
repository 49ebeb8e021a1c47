/* scr_load: compiling a script's text (text only) into a sandbox, through a process-wide cache
 * of compiled dumps.
 *
 * Ownership: the cache is process-wide, behind a mutex; what it holds is freed at exit by the
 * system. */
#define _POSIX_C_SOURCE 200809L
#include "scr_sandbox_int.h"

#include "core_err.h"

#include <lauxlib.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The name as Lua shows a "@name" chunk (cut from the left when long). */
void scr_sb_short_src(char *dst, size_t dstsz, const char *name)
{
    size_t l = strlen(name);
    if (l < dstsz) {
        memcpy(dst, name, l + 1);
        return;
    }
    snprintf(dst, dstsz, "...%s", name + l - (dstsz - 4));
}

/* Compiled chunks.
 *
 * A batch of games makes the same few strategies again and again, and compiling a playbook was
 * about half of making its state. So each text is compiled once, in a scratch state under the
 * same memory cap, and dumped with its debug information (lines and names stay in messages);
 * every sandbox then loads that dump, the first one too, so that a state's history, and with it
 * every figure of memory and cost, never depends on what the process compiled before. The dumps
 * are the only binary chunks ever loaded, and only ones made here from text: a script itself is
 * still read as text only. Process-wide, behind a mutex, at most CHUNK_CACHE entries (the oldest
 * replaced); what it holds is freed at exit by the system. */
#define CHUNK_CACHE 32

typedef struct {
    char *name; /* the chunk name ("@path") */
    char *text;
    size_t len;
    char *dump;
    size_t dump_len;
} Chunk;

static Chunk chunks[CHUNK_CACHE];
static int chunks_next;
static pthread_mutex_t chunks_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct {
    size_t used, cap;
} Scratch;

static void *scratch_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    Scratch *sc = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sc->used -= old;
        return NULL;
    }
    if (nsize > old && sc->cap && (nsize - old > sc->cap || sc->used > sc->cap - (nsize - old)))
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p)
        return nsize <= old ? ptr : NULL;
    sc->used = sc->used - old + nsize;
    return p;
}

typedef struct {
    char *p;
    size_t n, cap;
} DumpBuf;

static int dump_write(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    DumpBuf *b = ud;
    if (b->n + sz > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + sz)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q)
            return 1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, sz);
    b->n += sz;
    return 0;
}

/* The dump of text as chunk `chunk`, from the cache or compiled now (then cached): 0 with a copy
 * in *dump (the caller frees it), or the status of the failed compilation with its message in
 * msg. cap: the memory the compilation may use (0: no limit). */
int scr_sb_chunk_dump(const char *chunk, const char *text, size_t len, size_t cap, char **dump,
                      size_t *dump_len, char *msg, size_t msgsz)
{
    *dump = NULL;
    pthread_mutex_lock(&chunks_lock);
    for (int k = 0; k < CHUNK_CACHE; k++) {
        const Chunk *c = &chunks[k];
        if (c->dump && c->len == len && strcmp(c->name, chunk) == 0 &&
            memcmp(c->text, text, len) == 0) {
            *dump = malloc(c->dump_len);
            if (*dump) {
                memcpy(*dump, c->dump, c->dump_len);
                *dump_len = c->dump_len;
            }
            break;
        }
    }
    pthread_mutex_unlock(&chunks_lock);
    if (*dump)
        return LUA_OK;

    Scratch sc = {0, cap};
    lua_State *C = lua_newstate(scratch_alloc, &sc);
    if (!C) {
        core_strlcpy(msg, "cannot load", msgsz);
        return LUA_ERRMEM;
    }
    int st = luaL_loadbufferx(C, text, len, chunk, "t");
    DumpBuf b = {NULL, 0, 0};
    if (st == LUA_OK && lua_dump(C, dump_write, &b, 0) != 0)
        st = LUA_ERRMEM;
    if (st != LUA_OK) {
        core_strlcpy(msg, lua_type(C, -1) == LUA_TSTRING ? lua_tostring(C, -1) : "cannot load",
                     msgsz);
        lua_close(C);
        free(b.p);
        return st;
    }
    lua_close(C);

    Chunk c = {malloc(strlen(chunk) + 1), malloc(len ? len : 1), len, malloc(b.n), b.n};
    if (c.name && c.text && c.dump) {
        memcpy(c.name, chunk, strlen(chunk) + 1);
        memcpy(c.text, text, len);
        memcpy(c.dump, b.p, b.n);
        pthread_mutex_lock(&chunks_lock);
        Chunk *old = &chunks[chunks_next];
        free(old->name);
        free(old->text);
        free(old->dump);
        *old = c;
        chunks_next = (chunks_next + 1) % CHUNK_CACHE;
        pthread_mutex_unlock(&chunks_lock);
    } else {
        free(c.name);
        free(c.text);
        free(c.dump);
    }
    *dump = b.p;
    *dump_len = b.n;
    return LUA_OK;
}

int scr_sandbox_load(ScrSandbox *sb, const char *name, const char *text, size_t len, char *err,
                     size_t errsz)
{
    lua_State *L = sb->L;
    char chunk[512];
    snprintf(chunk, sizeof chunk, "@%s", name);
    scr_sb_short_src(sb->src, sizeof sb->src, name);
    if (!lua_checkstack(L, 2))
        return core_errf(err, errsz, "%s: out of memory for the Lua stack", sb->src);
    sb->refused = 0;
    char *dump, why[512];
    size_t dump_len = 0;
    size_t cap = sb->lim.memory ? (sb->lim.memory > sb->used ? sb->lim.memory - sb->used : 1) : 0;
    int st = scr_sb_chunk_dump(chunk, text, len, cap, &dump, &dump_len, why, sizeof why);
    const char *msg = why;
    if (st == LUA_OK) {
        st = luaL_loadbufferx(L, dump, dump_len, chunk, "b"); /* our own dump, see above */
        free(dump);
        if (st == LUA_OK)
            return 0;
        msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "cannot load";
    } else {
        lua_pushnil(L); /* nothing was pushed: keep the stack as a failed load leaves it */
    }
    if (st == LUA_ERRMEM)
        msg = "not enough memory to compile the script";
    size_t sl = strlen(sb->src);
    if (strncmp(msg, sb->src, sl) == 0 && msg[sl] == ':')
        snprintf(sb->trace, sizeof sb->trace, "%s", msg);
    else
        snprintf(sb->trace, sizeof sb->trace, "%s: %s", sb->src, msg);
    scr_sb_one_line(err, errsz, sb->trace);
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT, 0);
    return -1;
}
