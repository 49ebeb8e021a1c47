/* sim_verdict: what decided a game, read from its record.
 *
 * Three answers for the debrief and the end of the story, each computed from what the world
 * already keeps (the snapshots, the events, the deals and the demand it drew); nothing is saved
 * beside them, so a restored game gives the same verdict as the one that was played.
 *   the world drawn     the hub's revenue ceiling, where it lies in its prior (sim_demand), the
 *                       adoption speed, and the months in which compute capped its revenue;
 *   the deal that tipped it
 *                       if the hub defaulted: of the deals it signed, the one whose month raised
 *                       its default probability the most (snapshot pd before and after the
 *                       month it was announced; in a month with several, the one that added most
 *                       to what the hub owes); otherwise the deal whose announcement added the
 *                       most market value, all actors together;
 *   the funding that dried up
 *                       the month the hub last drew on its credit line and last raised equity
 *                       before the default, its first missed payment, the month its pd first
 *                       crossed one half; and whether the market saw it coming: how far the
 *                       hub's market value stood below its peak in the six months before the
 *                       default, and how many months pd had been above one half by then.
 * Months are turns (0-based, as in SimEvent.turn: the month played is sc->start + turn); -1
 * means "never". A pure function of the world; the result is a plain struct the caller owns. */
#ifndef SIM_VERDICT_H
#define SIM_VERDICT_H

struct SimWorld;

/* The months before a default over which "the market saw it coming" is measured. */
#define SIM_VERDICT_WINDOW 6
/* How far below its peak, or how many months of pd above one half, count as "saw it coming". */
#define SIM_VERDICT_DROP    0.30
#define SIM_VERDICT_WARNING 3

typedef struct SimVerdict {
    /* The world drawn. */
    double ceiling;     /* the hub's revenue ceiling, $B a year */
    double percentile;  /* where it lies in its prior, [0, 1] (0.5: the median world) */
    double speed;       /* the adoption speed q drawn, a year */
    double speed_prior; /* the speed's median (the hub's revenue_growth in the scenario) */
    int months_played;  /* months the hub traded (up to its default) */
    int compute_bound;  /* of which months its revenue was capped by the compute online */

    /* How the game ended for the hub. */
    int defaulted;    /* the hub defaulted */
    int default_turn; /* the month it did, or -1 */

    /* The deal that tipped it (defaulted) or that added most value (not): an index into
     * w->deals, or -1 if the hub signed none. */
    int tipping_deal;
    int tipping_turn;   /* the month it was announced */
    double pd_before;   /* the hub's pd at the end of the month before */
    double pd_after;    /* and at the end of that month */
    double owed_added;  /* $B the deal added to what the hub owes (its whole schedule) */
    double value_added; /* $B of market value its announcement moved, all actors */
    int month_deals;    /* the hub's deals announced that month, this one included */
    double month_owed;  /* $B all of them added to what the hub owes */

    /* The funding that dried up (all -1 when the hub never defaulted, but pd_half_turn, which
     * is set whenever pd crossed one half). */
    int last_credit_turn; /* the last month the hub drew on its credit line */
    int last_raise_turn;  /* the last month it raised equity from investors */
    int first_miss_turn;  /* the first month it could not pay what it owed */
    int dried_turn;       /* when its funding dried up: the first miss, or the last draw of
                             credit or equity if none was missed (always set on a default) */
    int pd_half_turn;     /* the first month its pd ended above one half, or -1 */

    /* The market saw it coming (a default only; otherwise 0 and -1). */
    double peak_value;   /* the hub's highest market value before the default, $B */
    double window_value; /* its highest in the SIM_VERDICT_WINDOW months before the default */
    double below_peak;   /* 1 - window_value / peak_value: 0.4 is "40% below its peak" */
    double last_value;   /* its value at the end of the month before the default, $B */
    int warning_months;  /* months between pd first above one half and the default, or -1 */
    int saw_coming;      /* the market saw it coming: the value stood SIM_VERDICT_DROP below its
                            peak through the window, or pd was above one half at least
                            SIM_VERDICT_WARNING months before the default */
} SimVerdict;

/* Reads the verdict of w as it stands (a game still under way gets the part so far). */
void sim_verdict(const struct SimWorld *w, SimVerdict *v);

#endif
