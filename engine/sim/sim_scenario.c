/* sim_scenario: allocation, deep copy, lookups and the cross-field checks of a scenario.
 *
 * Error paths name the place the value has in a scenario file ("$.events[4].date"), so that a
 * message from a loaded file points into it; a scenario built in code gets the same paths. */
#include "sim_scenario.h"

#include "core_err.h"
#include "core_month.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

SimScenario *sim_scenario_alloc(int n_actors, int n_events, int n_initial)
{
    if (n_actors < 0 || n_events < 0 || n_initial < 0)
        return NULL;
    SimScenario *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n_actors = n_actors;
    s->n_events = n_events;
    s->n_initial = n_initial;
    if (n_actors > 0 && !(s->actors = calloc((size_t)n_actors, sizeof *s->actors)))
        goto fail;
    if (n_events > 0 && !(s->events = calloc((size_t)n_events, sizeof *s->events)))
        goto fail;
    if (n_initial > 0 && !(s->initial = calloc((size_t)n_initial, sizeof *s->initial)))
        goto fail;
    return s;
fail:
    sim_scenario_free(s);
    return NULL;
}

void sim_scenario_free(SimScenario *s)
{
    if (!s)
        return;
    free(s->actors);
    free(s->events);
    free(s->initial);
    free(s);
}

SimScenario *sim_scenario_clone(const SimScenario *s)
{
    if (!s)
        return NULL;
    SimScenario *c = sim_scenario_alloc(s->n_actors, s->n_events, s->n_initial);
    if (!c)
        return NULL;
    SimActorSpec *actors = c->actors;
    SimScenarioEvent *events = c->events;
    SimInitialDeal *initial = c->initial;
    *c = *s;
    c->actors = actors;
    c->events = events;
    c->initial = initial;
    if (s->n_actors > 0)
        memcpy(c->actors, s->actors, (size_t)s->n_actors * sizeof *s->actors);
    if (s->n_events > 0)
        memcpy(c->events, s->events, (size_t)s->n_events * sizeof *s->events);
    if (s->n_initial > 0)
        memcpy(c->initial, s->initial, (size_t)s->n_initial * sizeof *s->initial);
    return c;
}

int sim_scenario_find_actor(const SimScenario *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (int i = 0; i < s->n_actors; i++) {
        if (strcmp(s->actors[i].id, id) == 0)
            return i;
    }
    return -1;
}

int sim_scenario_turns(const SimScenario *s)
{
    return s->end - s->start + 1;
}

/* ---------------------------------------------------------------------------------------------
 * Checks */

static int valid_actor(const SimScenario *s, int i)
{
    return i >= 0 && i < s->n_actors;
}

/* An actor's id for messages, or "world" / a placeholder for bad indexes. */
static const char *who(const SimScenario *s, int i)
{
    if (valid_actor(s, i))
        return s->actors[i].id;
    return i == SIM_WORLD ? "world" : "?";
}

/* The parties and terms of a deal (an initial deal or a deal event) at path `at`. */
static int check_deal(const SimScenario *s, const char *at, int proposer, const SimTerms *t,
                      char *err, size_t errsz)
{
    char why[SIM_REASON_LEN + 64];
    if ((int)t->kind < 0 || t->kind >= SIM_DEAL_KIND_COUNT)
        return core_errf(err, errsz, "%s.kind: expected a deal kind, got kind number %d", at,
                         (int)t->kind);
    if (!valid_actor(s, t->payer))
        return core_errf(err, errsz, "%s.payer: expected an actor, got actor index %d", at,
                         t->payer);
    if (t->kind == SIM_DEAL_BUILD && t->payee != SIM_WORLD)
        return core_errf(err, errsz,
                         "%s.payee: expected \"world\" for kind \"build\" (an actor's own "
                         "build), got \"%s\"",
                         at, who(s, t->payee));
    if (t->payee == SIM_WORLD) {
        if (t->kind != SIM_DEAL_BUILD)
            return core_errf(err, errsz,
                             "%s.payee: expected an actor (\"world\" only for kind \"build\"), "
                             "got \"world\" for kind \"%s\"",
                             at, sim_deal_kind_name(t->kind));
    } else if (!valid_actor(s, t->payee)) {
        return core_errf(err, errsz, "%s.payee: expected an actor, got actor index %d", at,
                         t->payee);
    }
    if (t->payer == t->payee)
        return core_errf(err, errsz,
                         "%s.payee: expected an actor other than the payer, got \"%s\" again", at,
                         who(s, t->payee));
    if (proposer != t->payer && proposer != t->payee)
        return core_errf(err, errsz,
                         "%s.proposer: expected the payer (\"%s\") or the payee (\"%s\"), got "
                         "\"%s\"",
                         at, who(s, t->payer), who(s, t->payee), who(s, proposer));
    why[0] = '\0';
    if (sim_terms_check(t, s->n_actors, why, sizeof why))
        return core_errf(err, errsz, "%s: %s", at, why[0] ? why : "the terms are not valid");
    return 0;
}

/* Where a tag was first used, or "" if it was not: initial deals, then events before `upto`. */
static int tag_seen(const SimScenario *s, const char *tag, int n_initial, int upto, char *where,
                    size_t wsz)
{
    for (int i = 0; i < n_initial; i++) {
        if (strcmp(s->initial[i].tag, tag) == 0) {
            core_errf(where, wsz, "$.initial_deals[%d]", i);
            return 1;
        }
    }
    for (int i = 0; i < upto; i++) {
        if (strcmp(s->events[i].id, tag) == 0) {
            core_errf(where, wsz, "$.events[%d]", i);
            return 1;
        }
    }
    return 0;
}

static int check_release(const SimScenario *s, int i, const char *at, char *err, size_t errsz)
{
    const SimScenarioEvent *e = &s->events[i];
    const char *tag = e->release_tag;
    const SimTerms *t = NULL;
    int refused = 0;
    char expect[160];
    if (!valid_actor(s, e->actor))
        return core_errf(err, errsz,
                         "%s.actor: expected the actor that holds the right, got actor index %d",
                         at, e->actor);
    snprintf(expect, sizeof expect,
             "expected the tag of an exclusivity right held by \"%s\" (an initial deal or an "
             "earlier deal event)",
             s->actors[e->actor].id);
    for (int j = 0; j < s->n_initial && !t; j++) {
        if (strcmp(s->initial[j].tag, tag) == 0)
            t = &s->initial[j].terms;
    }
    for (int j = 0; j < s->n_events && !t; j++) {
        const SimScenarioEvent *d = &s->events[j];
        if (d->type != SIM_SEV_DEAL || strcmp(d->id, tag) != 0)
            continue;
        if (j > i)
            return core_errf(err, errsz,
                             "%s.right: %s, got \"%s\", a deal that comes later ($.events[%d])", at,
                             expect, tag, j);
        t = &d->terms;
        refused = !d->accept;
    }
    if (!t)
        return core_errf(err, errsz, "%s.right: %s, got \"%s\", which names no deal", at, expect,
                         tag);
    if (t->kind != SIM_DEAL_EXCLUSIVITY)
        return core_errf(err, errsz, "%s.right: %s, got \"%s\", a deal of kind \"%s\"", at, expect,
                         tag, sim_deal_kind_name(t->kind));
    if (t->payee != e->actor)
        return core_errf(err, errsz, "%s.right: %s, got \"%s\", which \"%s\" holds", at, expect,
                         tag, who(s, t->payee));
    if (refused)
        return core_errf(err, errsz, "%s.right: %s, got \"%s\", a deal that was refused", at,
                         expect, tag);
    for (int k = 0; k < i; k++) {
        if (s->events[k].type == SIM_SEV_RELEASE && strcmp(s->events[k].release_tag, tag) == 0)
            return core_errf(err, errsz,
                             "%s.right: the right \"%s\" is already released at "
                             "$.events[%d]",
                             at, tag, k);
    }
    return 0;
}

static int check_event(const SimScenario *s, int i, char *err, size_t errsz)
{
    const SimScenarioEvent *e = &s->events[i];
    char at[32], where[48], m[8], a[8], b[8];
    snprintf(at, sizeof at, "$.events[%d]", i);
    if ((int)e->type < 0 || e->type >= SIM_SEV_COUNT)
        return core_errf(err, errsz,
                         "%s.type: expected \"news\", \"deal\" or \"release\", got type number %d",
                         at, (int)e->type);
    if (!e->id[0])
        return core_errf(err, errsz, "%s.id: expected a non-empty tag, got \"\"", at);
    if (tag_seen(s, e->id, s->n_initial, i, where, sizeof where))
        return core_errf(err, errsz, "%s.id: expected a unique tag, got \"%s\" again (first at %s)",
                         at, e->id, where);
    core_month_format(e->month, m, sizeof m);
    core_month_format(s->start, a, sizeof a);
    core_month_format(s->end, b, sizeof b);
    if (i > 0 && e->month < s->events[i - 1].month) {
        char p[8];
        core_month_format(s->events[i - 1].month, p, sizeof p);
        return core_errf(err, errsz, "%s.date: events out of order: %s comes after %s", at, m, p);
    }
    if (e->month < s->start || e->month > s->end)
        return core_errf(err, errsz, "%s.date: expected a month within the calendar %s..%s, got %s",
                         at, a, b, m);
    switch (e->type) {
    case SIM_SEV_NEWS:
        if (e->actor != -1 && !valid_actor(s, e->actor))
            return core_errf(err, errsz, "%s.actor: expected an actor, got actor index %d", at,
                             e->actor);
        if (e->threat_to != -1 && !valid_actor(s, e->threat_to))
            return core_errf(err, errsz, "%s.threat_to: expected an actor, got actor index %d", at,
                             e->threat_to);
        if (!isfinite(e->sentiment) || !isfinite(e->growth))
            return core_errf(err, errsz, "%s: expected finite sentiment and growth effects", at);
        if (!isfinite(e->threat) || e->threat < 0)
            return core_errf(err, errsz, "%s.threat: expected a finite number >= 0, got %g", at,
                             e->threat);
        if (e->growth != 0 && e->actor < 0)
            return core_errf(err, errsz,
                             "%s.growth: expected \"actor\" beside it (whose growth changes), got "
                             "none",
                             at);
        if (e->threat > 0 && e->threat_to < 0)
            return core_errf(err, errsz,
                             "%s.threat: expected \"threat_to\" to name the actor threatened, got "
                             "none",
                             at);
        break;
    case SIM_SEV_DEAL:
        if (e->month <= s->start)
            return core_errf(err, errsz,
                             "%s.date: expected a month after the start %s for a deal (it is "
                             "proposed the month before it is answered), got %s",
                             at, a, m);
        if (check_deal(s, at, e->proposer, &e->terms, err, errsz))
            return -1;
        if (e->accept != 0 && e->accept != 1)
            return core_errf(err, errsz, "%s.accept: expected true or false", at);
        if (isinf(e->target_payer) || isinf(e->target_payee))
            return core_errf(err, errsz, "%s.reaction: expected finite reactions", at);
        break;
    case SIM_SEV_RELEASE:
        if (check_release(s, i, at, err, errsz))
            return -1;
        break;
    default:
        break;
    }
    return 0;
}

int sim_scenario_check(const SimScenario *s, char *err, size_t errsz)
{
    char at[40], where[48], a[8], b[8];
    int hub = -1;
    if (s->n_actors < 1 || !s->actors)
        return core_errf(err, errsz, "$.actors: expected at least one actor, got none");
    for (int i = 0; i < s->n_actors; i++) {
        const SimActorSpec *x = &s->actors[i];
        snprintf(at, sizeof at, "$.actors[%d]", i);
        if (!x->id[0])
            return core_errf(err, errsz, "%s.id: expected a non-empty id, got \"\"", at);
        for (int j = 0; j < i; j++) {
            if (strcmp(s->actors[j].id, x->id) == 0)
                return core_errf(err, errsz,
                                 "%s.id: expected a unique id, got \"%s\" again (first at "
                                 "$.actors[%d])",
                                 at, x->id, j);
        }
        if ((int)x->role < (int)SIM_ROLE_HUB || x->role > SIM_ROLE_OUTSIDE)
            return core_errf(err, errsz,
                             "%s.role: expected \"hub\", \"giant\" or \"outside\", got role number "
                             "%d",
                             at, (int)x->role);
        if (x->role == SIM_ROLE_HUB) {
            if (hub >= 0)
                return core_errf(err, errsz,
                                 "%s.role: expected exactly one actor with role \"hub\", got a "
                                 "second one (the first is \"%s\", $.actors[%d])",
                                 at, s->actors[hub].id, hub);
            hub = i;
        }
    }
    if (hub < 0)
        return core_errf(err, errsz,
                         "$.actors: expected exactly one actor with role \"hub\", got none");
    if (s->hub != hub) {
        if (valid_actor(s, s->hub))
            return core_errf(err, errsz,
                             "$.hub: expected \"%s\", the actor with role \"hub\", got \"%s\" "
                             "(role \"%s\")",
                             s->actors[hub].id, s->actors[s->hub].id,
                             s->actors[s->hub].role == SIM_ROLE_GIANT ? "giant" : "outside");
        return core_errf(err, errsz,
                         "$.hub: expected \"%s\", the actor with role \"hub\", got actor index %d",
                         s->actors[hub].id, s->hub);
    }
    core_month_format(s->start, a, sizeof a);
    core_month_format(s->end, b, sizeof b);
    if (s->start > s->end)
        return core_errf(err, errsz, "$.end: expected a month not before the start %s, got %s", a,
                         b);
    if (!(isfinite(s->target_gw) && s->target_gw > 0))
        return core_errf(err, errsz, "$.target_gw: expected a finite number > 0, got %g",
                         s->target_gw);
    if ((s->n_events > 0 && !s->events) || (s->n_initial > 0 && !s->initial) || s->n_events < 0 ||
        s->n_initial < 0)
        return core_errf(err, errsz, "$: the event or initial deal arrays are missing");
    for (int i = 0; i < s->n_initial; i++) {
        const SimInitialDeal *d = &s->initial[i];
        snprintf(at, sizeof at, "$.initial_deals[%d]", i);
        if (!d->tag[0])
            return core_errf(err, errsz, "%s.tag: expected a non-empty tag, got \"\"", at);
        if (tag_seen(s, d->tag, i, 0, where, sizeof where))
            return core_errf(err, errsz,
                             "%s.tag: expected a unique tag, got \"%s\" again (first at %s)", at,
                             d->tag, where);
        if (check_deal(s, at, d->proposer, &d->terms, err, errsz))
            return -1;
    }
    for (int i = 0; i < s->n_events; i++) {
        if (check_event(s, i, err, errsz))
            return -1;
    }
    return 0;
}
