/* net_lang: a language's tables as the pages read them (net_lang.h). */
#include "net_lang.h"

#include <string.h>

const char *const net_lang_prefixes[] = {"web.",   "desk.",         "refuse.", "money.",
                                         "month.", "deal.",         "role.",   "reason.",
                                         "lever.", "start.script.", NULL};

static int served(const char *key)
{
    for (int i = 0; net_lang_prefixes[i]; i++)
        if (strncmp(key, net_lang_prefixes[i], strlen(net_lang_prefixes[i])) == 0)
            return 1;
    return 0;
}

static void pair(DatBuf *b, int *first, const char *key, const char *text)
{
    dat_buf_puts(b, *first ? "" : ",");
    dat_buf_string(b, key);
    dat_buf_puts(b, ":");
    dat_buf_string(b, text);
    *first = 0;
}

/* One content text and its translation, if there is one. */
static void content_pair(DatBuf *b, int *first, const CoreText *content, const char *english)
{
    const char *t = content && english[0] ? core_text_find(content, english) : NULL;
    if (t)
        pair(b, first, english, t);
}

void net_lang_json(const char *code, const CoreText *strings, const CoreText *english,
                   const CoreText *content, const SimScenario *sc, DatBuf *b)
{
    dat_buf_puts(b, "{\"lang\":");
    dat_buf_string(b, code);
    dat_buf_puts(b, ",\"strings\":{");
    int first = 1;
    /* English first (every key), each in the language's words where it has them. */
    for (size_t k = 0; k < core_text_count(english); k++) {
        const char *key = core_text_key(english, k);
        if (!served(key))
            continue;
        const char *t = core_text_find(strings, key);
        pair(b, &first, key, t ? t : core_text_find(english, key));
    }
    dat_buf_puts(b, "},\"content\":{");
    first = 1;
    for (int i = 0; sc && i < sc->n_actors; i++)
        content_pair(b, &first, content, sc->actors[i].name);
    for (int k = 0; sc && k < sc->n_events; k++) {
        int seen = 0; /* a title said twice is one key */
        for (int j = 0; j < k && !seen; j++)
            seen = strcmp(sc->events[j].title, sc->events[k].title) == 0;
        if (!seen)
            content_pair(b, &first, content, sc->events[k].title);
    }
    dat_buf_puts(b, "}}");
}
