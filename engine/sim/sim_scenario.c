/* sim_scenario: allocation, deep copy, lookups and the cross-field checks of a scenario.
 *
 * Error paths name the place the value has in a scenario file ("$.events[4].date"), so that a
 * message from a loaded file points into it; a scenario built in code gets the same paths. */
#include "sim_scenario.h"

#include "core_err.h"
#include "core_month.h"
#include "core_text.h"

#include <math.h>
#include <stdarg.h>
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
    for (int i = 0; i < n_events; i++) {
        s->events[i].default_actor = -1; /* no failure of the record */
        s->events[i].after_default = -1;
        s->events[i].recovery = NAN;
    }
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
    for (int i = 0; i < CORE_LANG_COUNT; i++) {
        core_text_destroy(s->lang_strings[i]);
        core_text_destroy(s->lang_content[i]);
    }
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
    for (int i = 0; i < CORE_LANG_COUNT; i++)
        c->lang_strings[i] = c->lang_content[i] = NULL;
    for (int i = 0; i < CORE_LANG_COUNT; i++) {
        if ((s->lang_strings[i] && !(c->lang_strings[i] = core_text_clone(s->lang_strings[i]))) ||
            (s->lang_content[i] && !(c->lang_content[i] = core_text_clone(s->lang_content[i])))) {
            sim_scenario_free(c);
            return NULL;
        }
    }
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
 * Checks
 *
 * sim/ reads no string tables, so a message is written either in English (sim_scenario_check:
 * for tests and readers with no tables) or as a reference "\x1eKEY\x1eARG..." (sim_scenario_
 * check_ref: the loader tells it in the reader's language with core_text_pick). Every message has
 * its key (err.sc.*, assets/lang/<code>/errsim.json) and its English template here, the same
 * bytes as the English table's; numbers are formatted by the caller, as strings. */

typedef struct {
    char *err;
    size_t errsz;
    int ref; /* write references, not English */
} Out;

/* The message of key (English template `english`, arguments strings then NULL) into o; -1. */
static int fail(Out *o, const char *key, const char *english, ...)
{
    const char *args[9];
    int n = 0;
    va_list ap;
    va_start(ap, english);
    for (const char *a = va_arg(ap, const char *); a && n < 9; a = va_arg(ap, const char *))
        args[n++] = a;
    va_end(ap);
    if (!o->err || !o->errsz)
        return -1;
    if (!o->ref) {
        core_text_subst(o->err, o->errsz, english, args, n);
        return -1;
    }
    size_t len = (size_t)snprintf(o->err, o->errsz, "%c%s", CORE_TEXT_REF, key);
    for (int i = 0; i < n && len < o->errsz; i++)
        len += (size_t)snprintf(o->err + len, o->errsz - len, "%c%s", CORE_TEXT_REF, args[i]);
    return -1;
}

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

static const char *num(char *buf, size_t n, int x)
{
    snprintf(buf, n, "%d", x);
    return buf;
}

/* Why terms are refused: in English sim_terms_check's own words; as a reference the refusal's
 * code, told by the tables' refuse.<code> texts ({1} kind, {2} actor, {3} other, {4} deal, {5}
 * and {6} figures). */
static int fail_terms(Out *o, const SimScenario *s, const char *at, const SimTerms *t)
{
    char why[SIM_REASON_LEN + 64], key[48], deal[16], a[40], b[40];
    SimRefusal r;
    why[0] = '\0';
    sim_terms_check_why(t, s->n_actors, &r, why, sizeof why);
    if (!o->ref)
        return fail(o, "err.sc.terms", "{1}: {2}", at, why[0] ? why : "the terms are not valid",
                    NULL);
    snprintf(key, sizeof key, "%%refuse.%s", sim_refuse_code_name(r.code));
    snprintf(a, sizeof a, "$%.17g", r.a);
    snprintf(b, sizeof b, "$%.17g", r.b);
    const char *kind = (unsigned)r.kind < SIM_DEAL_KIND_COUNT ? sim_deal_kind_name(r.kind) : "?";
    return fail(o, "err.sc.terms_ref", "{8}: {7}", kind, r.actor >= 0 ? who(s, r.actor) : "?",
                r.other >= 0 ? who(s, r.other) : "?", num(deal, sizeof deal, r.deal),
                isfinite(r.a) ? a : "?", isfinite(r.b) ? b : "?", key, at, NULL);
}

/* The parties and terms of a deal (an initial deal or a deal event) at path `at`. */
static int check_deal(const SimScenario *s, const char *at, int proposer, const SimTerms *t, Out *o)
{
    char n[16];
    if ((int)t->kind < 0 || t->kind >= SIM_DEAL_KIND_COUNT)
        return fail(o, "err.sc.kind", "{1}.kind: expected a deal kind, got kind number {2}", at,
                    num(n, sizeof n, (int)t->kind), NULL);
    if (!valid_actor(s, t->payer))
        return fail(o, "err.sc.payer", "{1}.payer: expected an actor, got actor index {2}", at,
                    num(n, sizeof n, t->payer), NULL);
    int world_payee = sim_kind(t->kind)->payee == SIM_PAYEE_WORLD;
    if (world_payee && t->payee != SIM_WORLD)
        return fail(o, "err.sc.build_payee",
                    "{1}.payee: expected \"world\" for kind \"build\" (an actor's own build), got "
                    "\"{2}\"",
                    at, who(s, t->payee), NULL);
    if (t->payee == SIM_WORLD) {
        if (!world_payee)
            return fail(o, "err.sc.world_payee",
                        "{1}.payee: expected an actor (\"world\" only for kind \"build\"), got "
                        "\"world\" for kind \"{2}\"",
                        at, sim_deal_kind_name(t->kind), NULL);
    } else if (!valid_actor(s, t->payee)) {
        return fail(o, "err.sc.payee", "{1}.payee: expected an actor, got actor index {2}", at,
                    num(n, sizeof n, t->payee), NULL);
    }
    if (t->payer == t->payee)
        return fail(o, "err.sc.same_party",
                    "{1}.payee: expected an actor other than the payer, got \"{2}\" again", at,
                    who(s, t->payee), NULL);
    if (proposer != t->payer && proposer != t->payee)
        return fail(
            o, "err.sc.proposer",
            "{1}.proposer: expected the payer (\"{2}\") or the payee (\"{3}\"), got \"{4}\"", at,
            who(s, t->payer), who(s, t->payee), who(s, proposer), NULL);
    if (sim_terms_check(t, s->n_actors, NULL, 0))
        return fail_terms(o, s, at, t);
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

/* "expected the tag of an exclusivity right held by \"{2}\" (an initial deal or an earlier deal
 * event), got \"{3}\"": the start of every complaint about the right a release names. */
#define RIGHT_EXPECT                                                                               \
    "{1}.right: expected the tag of an exclusivity right held by \"{2}\" (an initial deal or an "  \
    "earlier deal event), got \"{3}\""

static int check_release(const SimScenario *s, int i, const char *at, Out *o)
{
    const SimScenarioEvent *e = &s->events[i];
    const char *tag = e->release_tag;
    const SimTerms *t = NULL;
    int refused = 0;
    char n[16];
    if (!valid_actor(s, e->actor))
        return fail(o, "err.sc.release_actor",
                    "{1}.actor: expected the actor that holds the right, got actor index {2}", at,
                    num(n, sizeof n, e->actor), NULL);
    const char *holder = s->actors[e->actor].id;
    for (int j = 0; j < s->n_initial && !t; j++) {
        if (strcmp(s->initial[j].tag, tag) == 0)
            t = &s->initial[j].terms;
    }
    for (int j = 0; j < s->n_events && !t; j++) {
        const SimScenarioEvent *d = &s->events[j];
        if (d->type != SIM_SEV_DEAL || strcmp(d->id, tag) != 0)
            continue;
        if (j > i)
            return fail(o, "err.sc.right.later",
                        RIGHT_EXPECT ", a deal that comes later "
                                     "($.events[{4}])",
                        at, holder, tag, num(n, sizeof n, j), NULL);
        t = &d->terms;
        refused = !d->accept;
    }
    if (!t)
        return fail(o, "err.sc.right.no_deal", RIGHT_EXPECT ", which names no deal", at, holder,
                    tag, NULL);
    if (!sim_kind_valid((int)t->kind) || !(sim_kind(t->kind)->flags & SIM_KF_RIGHT))
        return fail(o, "err.sc.right.kind", RIGHT_EXPECT ", a deal of kind \"{4}\"", at, holder,
                    tag, sim_deal_kind_name(t->kind), NULL);
    if (t->payee != e->actor)
        return fail(o, "err.sc.right.holder", RIGHT_EXPECT ", which \"{4}\" holds", at, holder, tag,
                    who(s, t->payee), NULL);
    if (refused)
        return fail(o, "err.sc.right.refused", RIGHT_EXPECT ", a deal that was refused", at, holder,
                    tag, NULL);
    for (int k = 0; k < i; k++) {
        if (s->events[k].type == SIM_SEV_RELEASE && strcmp(s->events[k].release_tag, tag) == 0)
            return fail(o, "err.sc.right.released",
                        "{1}.right: the right \"{2}\" is already released at $.events[{3}]", at,
                        tag, num(n, sizeof n, k), NULL);
    }
    return 0;
}

static int check_event(const SimScenario *s, int i, Out *o)
{
    const SimScenarioEvent *e = &s->events[i];
    char at[32], where[48], m[8], a[8], b[8], n[32];
    snprintf(at, sizeof at, "$.events[%d]", i);
    if ((int)e->type < 0 || e->type >= SIM_SEV_COUNT)
        return fail(o, "err.sc.event_type",
                    "{1}.type: expected \"news\", \"deal\" or \"release\", got type number {2}", at,
                    num(n, sizeof n, (int)e->type), NULL);
    if (!e->id[0])
        return fail(o, "err.sc.event_id_empty", "{1}.id: expected a non-empty tag, got \"\"", at,
                    NULL);
    if (tag_seen(s, e->id, s->n_initial, i, where, sizeof where))
        return fail(o, "err.sc.event_id_twice",
                    "{1}.id: expected a unique tag, got \"{2}\" again (first at {3})", at, e->id,
                    where, NULL);
    core_month_format(e->month, m, sizeof m);
    core_month_format(s->start, a, sizeof a);
    core_month_format(s->end, b, sizeof b);
    if (i > 0 && e->month < s->events[i - 1].month) {
        char p[8];
        core_month_format(s->events[i - 1].month, p, sizeof p);
        return fail(o, "err.sc.order", "{1}.date: events out of order: {2} comes after {3}", at, m,
                    p, NULL);
    }
    if (e->month < s->start || e->month > s->end)
        return fail(o, "err.sc.calendar",
                    "{1}.date: expected a month within the calendar {2}..{3}, got {4}", at, a, b, m,
                    NULL);
    if (e->after_default != -1 && !valid_actor(s, e->after_default))
        return fail(o, "err.sc.after_default",
                    "{1}.after_default: expected an actor, got actor index {2}", at,
                    num(n, sizeof n, e->after_default), NULL);
    switch (e->type) {
    case SIM_SEV_NEWS:
        if (e->actor != -1 && !valid_actor(s, e->actor))
            return fail(o, "err.sc.news_actor", "{1}.actor: expected an actor, got actor index {2}",
                        at, num(n, sizeof n, e->actor), NULL);
        if (e->threat_to != -1 && !valid_actor(s, e->threat_to))
            return fail(o, "err.sc.threat_to",
                        "{1}.threat_to: expected an actor, got actor index {2}", at,
                        num(n, sizeof n, e->threat_to), NULL);
        if (!isfinite(e->sentiment) || !isfinite(e->growth))
            return fail(o, "err.sc.effects", "{1}: expected finite sentiment and growth effects",
                        at, NULL);
        if (!isfinite(e->threat) || e->threat < 0) {
            snprintf(n, sizeof n, "%g", e->threat);
            return fail(o, "err.sc.threat", "{1}.threat: expected a finite number >= 0, got {2}",
                        at, n, NULL);
        }
        if (e->growth != 0 && e->actor < 0)
            return fail(o, "err.sc.growth_actor",
                        "{1}.growth: expected \"actor\" beside it (whose growth changes), got none",
                        at, NULL);
        if (e->threat > 0 && e->threat_to < 0)
            return fail(o, "err.sc.threat_to_missing",
                        "{1}.threat: expected \"threat_to\" to name the actor threatened, got none",
                        at, NULL);
        if (e->default_actor != -1 && !valid_actor(s, e->default_actor))
            return fail(o, "err.sc.default_actor",
                        "{1}.default: expected an actor, got actor index {2}", at,
                        num(n, sizeof n, e->default_actor), NULL);
        if (!isnan(e->recovery) && !(e->recovery >= 0.0 && e->recovery <= 1.0)) {
            snprintf(n, sizeof n, "%g", e->recovery);
            return fail(o, "err.sc.recovery",
                        "{1}.recovery: expected a share in 0..1 beside \"default\", got {2}", at, n,
                        NULL);
        }
        if (!isnan(e->recovery) && e->default_actor < 0)
            return fail(o, "err.sc.recovery_alone",
                        "{1}.recovery: expected \"default\" beside it (whose creditors recover), "
                        "got none",
                        at, NULL);
        break;
    case SIM_SEV_DEAL:
        if (e->month <= s->start)
            return fail(o, "err.sc.deal_date",
                        "{1}.date: expected a month after the start {2} for a deal (it is proposed "
                        "the month before it is answered), got {3}",
                        at, a, m, NULL);
        if (check_deal(s, at, e->proposer, &e->terms, o))
            return -1;
        if (e->accept != 0 && e->accept != 1)
            return fail(o, "err.sc.accept", "{1}.accept: expected true or false", at, NULL);
        if (isinf(e->target_payer) || isinf(e->target_payee))
            return fail(o, "err.sc.reaction", "{1}.reaction: expected finite reactions", at, NULL);
        break;
    case SIM_SEV_RELEASE:
        if (check_release(s, i, at, o))
            return -1;
        break;
    default:
        break;
    }
    return 0;
}

static int check(const SimScenario *s, Out *o)
{
    char at[40], where[48], a[8], b[8], n[32], n2[16];
    int hub = -1;
    if (s->n_actors < 1 || !s->actors)
        return fail(o, "err.sc.no_actors", "$.actors: expected at least one actor, got none", NULL);
    for (int i = 0; i < s->n_actors; i++) {
        const SimActorSpec *x = &s->actors[i];
        snprintf(at, sizeof at, "$.actors[%d]", i);
        if (!x->id[0])
            return fail(o, "err.sc.actor_id_empty", "{1}.id: expected a non-empty id, got \"\"", at,
                        NULL);
        for (int j = 0; j < i; j++) {
            if (strcmp(s->actors[j].id, x->id) == 0)
                return fail(o, "err.sc.actor_id_twice",
                            "{1}.id: expected a unique id, got \"{2}\" again (first at "
                            "$.actors[{3}])",
                            at, x->id, num(n, sizeof n, j), NULL);
        }
        if ((int)x->role < (int)SIM_ROLE_HUB || x->role > SIM_ROLE_OUTSIDE)
            return fail(o, "err.sc.role",
                        "{1}.role: expected \"hub\", \"giant\" or \"outside\", got role number {2}",
                        at, num(n, sizeof n, (int)x->role), NULL);
        if (x->role == SIM_ROLE_HUB) {
            if (hub >= 0)
                return fail(o, "err.sc.two_hubs",
                            "{1}.role: expected exactly one actor with role \"hub\", got a second "
                            "one (the first is \"{2}\", $.actors[{3}])",
                            at, s->actors[hub].id, num(n, sizeof n, hub), NULL);
            hub = i;
        }
    }
    if (hub < 0)
        return fail(o, "err.sc.no_hub",
                    "$.actors: expected exactly one actor with role \"hub\", got none", NULL);
    if (s->hub != hub) {
        if (valid_actor(s, s->hub))
            return fail(o, "err.sc.hub",
                        "$.hub: expected \"{1}\", the actor with role \"hub\", got \"{2}\" (role "
                        "\"{3}\")",
                        s->actors[hub].id, s->actors[s->hub].id,
                        s->actors[s->hub].role == SIM_ROLE_GIANT ? "giant" : "outside", NULL);
        return fail(o, "err.sc.hub_index",
                    "$.hub: expected \"{1}\", the actor with role \"hub\", got actor index {2}",
                    s->actors[hub].id, num(n2, sizeof n2, s->hub), NULL);
    }
    core_month_format(s->start, a, sizeof a);
    core_month_format(s->end, b, sizeof b);
    if (s->start > s->end)
        return fail(o, "err.sc.end", "$.end: expected a month not before the start {1}, got {2}", a,
                    b, NULL);
    if (!(isfinite(s->target_gw) && s->target_gw > 0)) {
        snprintf(n, sizeof n, "%g", s->target_gw);
        return fail(o, "err.sc.target_gw", "$.target_gw: expected a finite number > 0, got {1}", n,
                    NULL);
    }
    if ((s->n_events > 0 && !s->events) || (s->n_initial > 0 && !s->initial) || s->n_events < 0 ||
        s->n_initial < 0)
        return fail(o, "err.sc.arrays", "$: the event or initial deal arrays are missing", NULL);
    for (int i = 0; i < s->n_initial; i++) {
        const SimInitialDeal *d = &s->initial[i];
        snprintf(at, sizeof at, "$.initial_deals[%d]", i);
        if (!d->tag[0])
            return fail(o, "err.sc.tag_empty", "{1}.tag: expected a non-empty tag, got \"\"", at,
                        NULL);
        if (tag_seen(s, d->tag, i, 0, where, sizeof where))
            return fail(o, "err.sc.tag_twice",
                        "{1}.tag: expected a unique tag, got \"{2}\" again (first at {3})", at,
                        d->tag, where, NULL);
        if (check_deal(s, at, d->proposer, &d->terms, o))
            return -1;
    }
    for (int i = 0; i < s->n_events; i++) {
        if (check_event(s, i, o))
            return -1;
    }
    return 0;
}

int sim_scenario_check(const SimScenario *s, char *err, size_t errsz)
{
    Out o = {err, errsz, 0};
    return check(s, &o);
}

int sim_scenario_check_ref(const SimScenario *s, char *err, size_t errsz)
{
    Out o = {err, errsz, 1};
    return check(s, &o);
}
