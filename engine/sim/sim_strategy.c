/* sim_strategy: intent lists, the passive strategy and the queued seat of a person. */
#include "sim_strategy.h"

#include <stdlib.h>
#include <string.h>

static const char *intent_names[SIM_INTENT_KIND_COUNT] = {
    "pass", "propose", "accept", "reject", "counter", "release", "sell", "exit", "rescue"};

void sim_intents_note(SimIntentList *l, const char *text)
{
    if (l->n_notes >= SIM_MAX_NOTES) {
        l->notes_lost++;
        return;
    }
    size_t n = strlen(text);
    if (n >= SIM_REASON_LEN)
        n = SIM_REASON_LEN - 1;
    memcpy(l->notes[l->n_notes], text, n);
    l->notes[l->n_notes][n] = '\0';
    l->n_notes++;
}

const char *sim_intent_kind_name(SimIntentKind k)
{
    return (unsigned)k < SIM_INTENT_KIND_COUNT ? intent_names[k] : "?";
}

SimIntent *sim_intents_push(SimIntentList *l, SimIntentKind kind)
{
    if (l->n >= SIM_MAX_INTENTS) {
        l->overflow++;
        return NULL;
    }
    SimIntent *in = &l->v[l->n++];
    memset(in, 0, sizeof *in);
    in->kind = kind;
    in->deal = -1;
    in->history_event = -1;
    in->actor = -1;
    in->made = -1;
    return in;
}

static int passive_decide(void *self, const SimView *view, SimIntentList *out, char *err,
                          size_t errsz)
{
    (void)self, (void)view, (void)out, (void)err, (void)errsz;
    return 0;
}

int sim_strategy_stateless(SimStrategy *out, const char *name,
                           int (*decide)(void *self, const SimView *view, SimIntentList *out,
                                         char *err, size_t errsz))
{
    memset(out, 0, sizeof *out);
    out->name = name;
    out->decide = decide;
    return 0;
}

int sim_strategy_passive(SimStrategy *out)
{
    return sim_strategy_stateless(out, "passive", passive_decide);
}

static int queued_decide(void *self, const SimView *view, SimIntentList *out, char *err,
                         size_t errsz)
{
    (void)view, (void)err, (void)errsz;
    SimIntentList *q = self;
    *out = *q;
    memset(q, 0, sizeof *q);
    return 0;
}

int sim_strategy_queued(SimStrategy *out)
{
    memset(out, 0, sizeof *out);
    SimIntentList *q = calloc(1, sizeof *q);
    if (!q)
        return -1;
    out->name = "human";
    out->self = q;
    out->decide = queued_decide;
    out->destroy = free;
    return 0;
}

int sim_strategy_is_queued(const SimStrategy *s)
{
    return s->decide == queued_decide;
}

SimIntentList *sim_strategy_queue(SimStrategy *s)
{
    return sim_strategy_is_queued(s) ? s->self : NULL;
}

void sim_strategy_destroy(SimStrategy *s)
{
    if (s->destroy)
        s->destroy(s->self);
    memset(s, 0, sizeof *s);
}
