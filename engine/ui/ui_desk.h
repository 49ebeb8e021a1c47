/* ui_desk: a person's month at the table, as data: the proposals addressed to them and the answer
 * they give each (wait, accept, counter, reject), the proposals they draft in the deal dialog, and
 * the intents all of that becomes when they end the turn.
 *
 * The desk reads the world (to list the offers, to check a draft with sim_turn_validate, to give
 * the numbers a player needs) and never writes it. It knows no SDL event: the app turns keys and
 * clicks into the calls below, and ui_role draws the desk. A draft is checked after every change,
 * so the dialog always says whether the engine would take it and, if not, why: the engine gives
 * its reason as data (SimRefusal), and the desk says it in the reader's language (the "desk.",
 * "refuse." texts of the tables; sim/ itself writes only its English log line).
 *
 * Ownership: a UiDesk is a plain value (no pointers into the heap); the caller owns it. */
#ifndef UI_DESK_H
#define UI_DESK_H

#include "sim_world.h"

#include <stddef.h>

#define UI_DESK_OFFERS 12 /* offers shown; more are counted in more_offers and wait */
#define UI_DESK_OWN    8  /* the player's own proposals in one month */
#define UI_DESK_LAST   6  /* the player's outcomes of the month before (ui_news_yours) */

typedef enum { UI_ANS_WAIT, UI_ANS_ACCEPT, UI_ANS_COUNTER, UI_ANS_REJECT } UiAnswer;

/* The rows of the deal dialog, in order. Which ones a kind shows: ui_desk_field_shown. */
typedef enum {
    UI_F_OTHER,  /* the counterparty */
    UI_F_KIND,   /* the deal kind */
    UI_F_SIDE,   /* who pays: the player or the counterparty */
    UI_F_AMOUNT, /* $B */
    UI_F_MONTHS,
    UI_F_DELAY,
    UI_F_GW,
    UI_F_RATE,   /* revenue share, interest, the payer's share of a joint venture */
    UI_F_RATE2,  /* the payee's share of a joint venture */
    UI_F_SHARES, /* warrants, billions of shares */
    UI_F_REASON, /* a sentence for the news feed */
    UI_F_COUNT
} UiField;

typedef struct {
    int deal; /* an open proposal to the player, index in the world's deals */
    UiAnswer answer;
    SimTerms counter; /* the terms sent back when answer is UI_ANS_COUNTER */
    char reason[SIM_REASON_LEN];
} UiDeskOffer;

typedef struct {
    int open;       /* the dialog is shown */
    int counter_of; /* the offer (index in offers) this draft counters, or -1: a new proposal */
    SimTerms t;
    UiField focus;
    char typed[24]; /* what the player is typing into the focused number ("" if nothing) */
    char reason[SIM_REASON_LEN];
    int valid;          /* the engine would take the draft as it stands */
    SimRefusal refusal; /* if not, the engine's reason as data (code SIM_REFUSE_NONE if valid) */
    char verdict[320];  /* why not, or what it would cost (one line, in the reader's language) */
    int rescue; /* a rescue (SIM_INTENT_RESCUE): the firm (OTHER) and the amount, nothing else */
    double kept_amount; /* the amount, kept while a kind that takes none is chosen */
    /* The other side's answer as its script gave it on a copy of the game (the app asks:
     * app_game_forecast), for the terms asked_t: a SimIntentKind (ACCEPT, REJECT, COUNTER,
     * PASS), -1 if it could not be asked; asked 0: not asked for these terms. */
    int asked, asked_answer;
    SimTerms asked_t;
    char asked_reason[SIM_REASON_LEN];
} UiDeskDraft;

typedef struct {
    int me;   /* the player's actor */
    int turn; /* the month the desk was opened for */
    UiDeskOffer offers[UI_DESK_OFFERS];
    int n_offers, more_offers;
    int sel; /* the highlighted offer (keys A, C, R act on it), -1 if none */
    SimIntent own[UI_DESK_OWN];
    int n_own;
    UiDeskDraft draft;
    int last[UI_DESK_LAST]; /* the player's own outcomes of the month before: events (indexes in
                               the world's log) of "Your last month" on the desk */
    int n_last;
} UiDesk;

/* Opens the desk of actor `me` for the world's next month: lists the open proposals addressed to
 * it, all answers on "wait", no drafts, and its outcomes of the month before (ui_news_yours). */
void ui_desk_open(UiDesk *k, const SimWorld *w, int me);

/* Whether the dialog shows field f for deals of kind `kind`: the terms the kind uses, by the
 * fields column of the kinds' table (sim_kind.h). */
int ui_desk_field_shown(SimDealKind kind, UiField f);
/* The term (SIM_FIELD_*) row f edits, 0 for the rows that edit none (counterparty, kind, side,
 * reason). */
unsigned ui_desk_field_term(UiField f);
/* The value of the term row f edits in t, as a double (0 for the rows that edit none). */
double ui_desk_term_value(const SimTerms *t, UiField f);

/* The dialog for a new proposal (to the hub, or the first other actor, of the last kind used) or
 * for a counter to offer `offer` (its terms as the starting point). */
void ui_desk_draft_new(UiDesk *k, const SimWorld *w);
void ui_desk_draft_counter(UiDesk *k, const SimWorld *w, int offer);
/* The dialog for a rescue of `target` (-1: the first firm that can be rescued, sim_rescue_open):
 * money into a firm in distress for new shares, or a failed firm bought whole, its price to its
 * creditors. It starts at the least the engine takes for a failed firm (its estate) or $1B, and
 * is checked as any draft (the same sim_turn_validate_why), its refusal told the same way. The
 * firm field steps through the firms that can be rescued. */
void ui_desk_draft_rescue(UiDesk *k, const SimWorld *w, int target);
/* Whether the dialog shows field f for the draft as it stands (a rescue: firm, amount, reason). */
int ui_desk_draft_shows(const UiDesk *k, UiField f);
/* One line on the player's own intent i: its terms (ui_desk_terms_text) or the rescue. */
const char *ui_desk_own_text(const UiDesk *k, const SimWorld *w, int i, char *buf, size_t bufsz);

/* Moves the focus to the next (dir > 0) or previous shown field. */
void ui_desk_focus(UiDesk *k, int dir);
/* Changes field f by one step up (dir > 0) or down; big: ten steps (numbers) at once. */
void ui_desk_step(UiDesk *k, const SimWorld *w, UiField f, int dir, int big);
/* Text typed by the player: into the reason, or digits and a point into the focused number. */
void ui_desk_type(UiDesk *k, const SimWorld *w, const char *utf8);
/* Backspace: the last character typed, or of the reason. */
void ui_desk_backspace(UiDesk *k, const SimWorld *w);
/* Checks the draft against the world (sets valid and verdict); called by every change above. */
void ui_desk_check(UiDesk *k, const SimWorld *w);
/* Queues the draft (or sets it as the counter of its offer) and closes the dialog: 0, or -1 when
 * the engine would not take it or the month's list is full (the verdict says so; the dialog
 * stays open). */
int ui_desk_draft_commit(UiDesk *k, const SimWorld *w);
void ui_desk_draft_cancel(UiDesk *k);

/* Sets the answer to an offer (UI_ANS_COUNTER opens the dialog; use ui_desk_draft_counter). */
void ui_desk_answer(UiDesk *k, int offer, UiAnswer a);
/* Drops the player's own proposal i. */
void ui_desk_remove_own(UiDesk *k, int i);

/* The intents of the month: one per answered offer, then the player's proposals. */
void ui_desk_intents(const UiDesk *k, SimIntentList *out);

/* The engine's reason for refusing, in the reader's language: the table's "refuse.<code>" text
 * with the kind, the actors' names and the figures of r. Returns buf. */
const char *ui_desk_refusal_text(const SimWorld *w, const SimRefusal *r, char *buf, size_t bufsz);

/* The value of field f of the draft as the dialog shows it ("Oracle", "chip lease", "$25B",
 * "48 months", "12%" ...), into buf. */
const char *ui_desk_field_text(const UiDesk *k, const SimWorld *w, UiField f, char *buf,
                               size_t bufsz);
const char *ui_desk_field_name(UiField f);
/* A value v of numeric field f for a deal of `kind`, as the dialog shows it ("$25B", "48 months",
 * "12% a year"). Returns buf. */
const char *ui_desk_value_text(SimDealKind kind, UiField f, double v, char *buf, size_t bufsz);

/* One line on a deal's terms with `me` as "you": "chip lease: OpenAI pays you $100B over 48
 * months". */
const char *ui_desk_terms_text(const SimWorld *w, int me, const SimTerms *t, char *buf,
                               size_t bufsz);

/* The numbers a player needs about actor `who`, as label/value rows: cash, budget left for the
 * next 12 months, exposure to the hub, market value and last month's move, its value on its
 * fundamentals (Merton equity) against the market's, its default probability over the market's
 * horizon and the credit lenders would still give it (not once it has defaulted), its last
 * announcement and how the market took it, and (for the hub) revenue and obligations. Returns
 * the row count. */
#define UI_DESK_FACT_LEN 96
int ui_desk_facts(const SimWorld *w, int who, char label[][UI_DESK_FACT_LEN],
                  char value[][UI_DESK_FACT_LEN], int max);

/* A value on its fundamentals against the market's, in the reader's language: "$120B: the
 * market pays 18% above" (the desk.fact.fundamental_* texts). Returns buf. */
const char *ui_desk_premium_text(double market_value, double fundamental, char *buf, size_t bufsz);

/* The market's expected first-day move (a fraction, before noise) for `who` if the draft were
 * announced as it stands. */
double ui_desk_expected_move(const UiDesk *k, const SimWorld *w, int who);

/* ---------------------------------------------------------------- the dialog explains
 * (ui_desk_draft.c) */

/* Enter in the dialog: confirms what is typed into the focused row and moves to the next row, or
 * stays on a value outside its range (the row shows the value as typed, flagged, and
 * ui_desk_field_note says the range). It never sends the draft: ui_desk_draft_commit does
 * (Ctrl+Enter, the button). */
void ui_desk_enter(UiDesk *k, const SimWorld *w);

/* How field f of the draft stands: within its range, below or above the range the engine takes
 * (sim_terms_range), or named by the engine's refusal of the draft (over budget, larger than the
 * company, the partners' shares above 100% ...). Typed values are kept as typed, never cut. */
typedef enum { UI_FS_OK, UI_FS_LOW, UI_FS_HIGH, UI_FS_REFUSED } UiFieldState;
UiFieldState ui_desk_field_state(const UiDesk *k, UiField f);
/* The row the engine's refusal code is about (UI_F_COUNT: none in particular). */
UiField ui_desk_refusal_field(SimRefuseCode code);
/* One line on a field outside its range, in the reader's language: "900 months is above the
 * range: the engine takes 1 month to 600 months." ("" for a field within it). Returns buf. */
const char *ui_desk_field_note(const UiDesk *k, const SimWorld *w, UiField f, char *buf,
                               size_t bufsz);
/* The name of row f for the draft's kind: what the rate is (interest, a share of revenue, a
 * partner's part of a joint build), whether the capacity is bought, rented or built. */
const char *ui_desk_field_label(const UiDesk *k, const SimWorld *w, UiField f, char *buf,
                                size_t bufsz);
/* One line on what the draft's kind is (desk.explain.<kind>; a rescue has its own). */
const char *ui_desk_kind_text(const UiDesk *k, char *buf, size_t bufsz);
/* Keeps only the terms the draft's kind uses (sim_kind's fields column): the others are 0, so
 * what the dialog does not show is not sent; an amount set aside comes back with a kind that
 * takes one. */
void ui_desk_fit_kind(UiDesk *k);

/* The player after the draft as it stands, $B: cash now and after the deal's first payment (what
 * it pays or receives then; other flows aside), what it owes within 12 months, and its exposure
 * to others now and once the deal is fully in force (a loan drawn, a build funded). */
typedef struct {
    double cash, cash_after;
    double due, due_after;
    double exposure, exposure_after;
    int first_turn; /* the world's turn of the first payment */
} UiDeskAfter;
void ui_desk_after(const UiDesk *k, const SimWorld *w, UiDeskAfter *a);
/* The pieces of the "you after this deal" line in the reader's language: cash, dues, exposure
 * (a rescue: cash only; empty strings for the pieces not shown). Returns whether cash would go
 * below zero. */
int ui_desk_after_text(const UiDesk *k, const SimWorld *w, char *cash, char *dues, char *exposure,
                       size_t bufsz);
/* The other side's likely answer to the draft this month, as its seat's strategy would give it
 * (sim_native_forecast), labelled as a forecast; or why it cannot be told. Returns buf. */
const char *ui_desk_forecast_text(const UiDesk *k, const SimWorld *w, char *buf, size_t bufsz);
/* Whether the draft's other side plays a script that has not been asked about the draft's terms
 * as they stand (the app then asks it on a copy of the game and calls ui_desk_set_asked). */
int ui_desk_wants_asking(const UiDesk *k, const SimWorld *w);
void ui_desk_set_asked(UiDesk *k, int answer, const char *reason);

#endif
