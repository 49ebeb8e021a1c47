/* sim_history: the native strategy that plays the scenario's dated deals as they happened.
 *
 * A deal event dated month M is proposed by its proposer in month M-1 and answered by the
 * counterparty in month M as the record says (accepted or refused); an actor's own build, which
 * needs nobody's answer, is made in its month; a release event is played by the right's holder in
 * its month. Offers that are not in the record are refused. A deal event that follows a firm's
 * failure ("after_default") is made only if that firm fails by its month. Stateless. */
#include "sim_native.h"
#include "sim_world.h"

#include "core_err.h"

#include <string.h>

static int history_decide(void *self, const SimView *view, SimIntentList *out, char *err,
                          size_t errsz)
{
    (void)self, (void)err, (void)errsz;
    const SimWorld *w = view->world;
    const SimScenario *sc = w->sc;
    int me = view->self, month = sc->start + w->turn;
    /* Events are sorted by month: look only at this month's and next month's. */
    int k0 = w->next_event < sc->n_events ? w->next_event : sc->n_events;
    while (k0 > 0 && sc->events[k0 - 1].month >= month)
        k0--;
    for (int k = k0; k < sc->n_events && sc->events[k].month <= month + 1; k++) {
        const SimScenarioEvent *ev = &sc->events[k];
        int lead = ev->terms.payee == SIM_WORLD ? 0 : 1;
        /* A deal the record made after a firm's failure waits for that failure: none comes if a
         * free strategy keeps the firm trading. */
        if (ev->type == SIM_SEV_DEAL && ev->proposer == me && ev->month == month + lead &&
            (ev->after_default < 0 || sim_record_failed_by(w, ev->after_default, ev->month))) {
            SimIntent *in = sim_intents_push(out, SIM_INTENT_PROPOSE);
            if (!in)
                continue;
            in->terms = ev->terms;
            in->history_event = k;
            core_strlcpy(in->reason, ev->reason, sizeof in->reason);
        } else if (ev->type == SIM_SEV_RELEASE && ev->actor == me && ev->month == month) {
            for (int x = 0; x < w->n_live; x++) {
                int d = w->live[x];
                const SimDeal *deal = &w->deals[d];
                if (sim_deal_is_live(deal) && deal->t.payee == me &&
                    strcmp(deal->tag, ev->release_tag) == 0) {
                    SimIntent *in = sim_intents_push(out, SIM_INTENT_RELEASE);
                    if (!in)
                        break;
                    in->deal = d;
                    in->history_event = k;
                    core_strlcpy(in->reason, ev->text[0] ? ev->text : ev->title, sizeof in->reason);
                }
            }
        }
    }
    for (int x = 0; x < w->n_open; x++) {
        int d = w->open[x];
        const SimDeal *deal = &w->deals[d];
        if (deal->status != SIM_DS_PROPOSED || deal->proposer == me ||
            (deal->t.payer != me && deal->t.payee != me))
            continue;
        int he = deal->history_event;
        if (he >= 0 && sc->events[he].month > month)
            continue; /* the record answers later */
        int yes = he >= 0 && sc->events[he].accept;
        SimIntent *in = sim_intents_push(out, yes ? SIM_INTENT_ACCEPT : SIM_INTENT_REJECT);
        if (!in)
            break;
        in->deal = d;
        in->history_event = he;
        core_strlcpy(in->reason, he >= 0 ? sc->events[he].answer : "not part of the record",
                     sizeof in->reason);
    }
    return 0;
}

int sim_strategy_history(SimStrategy *out)
{
    return sim_strategy_stateless(out, "history", history_decide);
}
