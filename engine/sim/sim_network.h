/* sim_network: measures over the whole network of obligations and flows, for any number of
 * firms and any shape (not a star around one hub): what each firm stands to lose if another
 * fails, the share of what one firm paid another that the payee itself financed along any path
 * (circularity), and each firm's systemic weight (DebtRank, Battiston et al. 2012).
 *
 * Every matrix is n x n, row-major, a[i * n + j]. Pure and deterministic; nothing here
 * allocates: functions that need room take a scratch buffer of sim_network_scratch_size(n) bytes.
 * The equations are in docs/model.md ("The network: clearing, contagion, circularity"). */
#ifndef SIM_NETWORK_H
#define SIM_NETWORK_H

#include "sim_clear.h"

#include <stddef.h>

/* Bytes of scratch any function below needs for n firms (enough for sim_clear as well). */
size_t sim_network_scratch_size(int n);

/* Direct exposure: x[i][j] = what i loses at once if j fails =
 *   claims[i][j] (1 - recovery[j]) + stakes[i][j]
 * claims[i][j]: what j owes i (receivables, loans, prepaid deliveries, guarantees i gave for
 * j's debts); stakes[i][j]: the value of i's shares of j, lost with it (may be NULL);
 * recovery[j]: the share of a claim on j that is recovered (NULL: none). The diagonal is 0. */
void sim_network_exposure(int n, const double *claims, const double *stakes, const double *recovery,
                          double *x);

/* Exposure counting the cascade: x[i][j] = what i receives in the clearing of net less what it
 * receives when j's outside assets are lost (j fails and whoever it then fails with), for i != j;
 * the diagonal is 0. n + 1 clearings. Returns 0 or -1 with the clearing's message in err. */
int sim_network_exposure_cleared(const SimClearNet *net, double *x, void *scratch,
                                 size_t scratch_size, char *err, size_t errsz);

/* Money flows over a period (a month): what each firm put into the others and paid them. */
typedef struct SimFlows {
    int n;
    const double *finance; /* finance[a][b]: money a put into b (equity, loans, prepayments) */
    const double *pay;     /* pay[a][b]: money a paid b for goods and services */
    const double *outside; /* outside[a]: money a had besides these flows: its cash at the start
                              and its own revenue (NULL: none) */
    const double *carried; /* carried[a][b]: of a's cash at the start, the amount traced to b's
                              financing in earlier periods (sim_network_carry; NULL: none) */
} SimFlows;

/* Traces money along every path (docs/model.md): share[a][b] = the share of the money a spent
 * in the period that b put into the network as financing, reaching a directly or through any
 * firms between (b lends to c, c invests in a). Money is pooled: each firm spends the mix of what
 * it had and received in the period. Money that comes back to b is b's own again: share[b][b]
 * = 0. So share[a][b] is also the share of what a paid b that b itself financed. Each entry is
 * in [0, 1]; the shares of different origins overlap (money b lent c that c put into a is
 * traced to c and to b). Returns 0 or -1 with a message (negative or non-finite flows, scratch
 * too small). Within a period the order of flows is not known, so money received late in it is
 * pooled with money spent early: trace month by month and carry the mix (sim_network_carry). */
int sim_network_trace(const SimFlows *f, double *share, void *scratch, size_t scratch_size,
                      char *err, size_t errsz);

/* The mix a firm carries into the next period: carried_next[a][b] = share[a][b] x cash_end[a]
 * (cash_end: each firm's cash at the end of the period, as its books say; negative counts as
 * 0); the diagonal is 0. */
void sim_network_carry(int n, const double *share, const double *cash_end, double *carried_next);

/* Circularity of each payee b: the share of everything paid to b that b financed,
 *   circ[b] = sum_a pay[a][b] share[a][b] / sum_a pay[a][b]   (0 when nobody paid b). */
void sim_network_circularity(const SimFlows *f, const double *share, double *circ);

/* DebtRank. exposure[i][j]: what i loses if j fails (sim_network_exposure); equity[i]: i's
 * capital; value[i]: i's economic weight (NULL: each firm's positive equity). Distress h in
 * [0, 1] spreads from j to i by W = min(1, exposure[i][j] / equity[i]) (1 when i has no
 * equity and some exposure), each distressed firm passing it on once (Battiston et al. 2012).
 * rank[i] = the share of the system's weight lost to the distress started by i's failure (h_i
 * = 1), not counting i itself: in [0, 1 - v_i]. */
int sim_debtrank(int n, const double *exposure, const double *equity, const double *value,
                 double *rank, void *scratch, size_t scratch_size);

/* One DebtRank spread from an initial distress h0 (n values in [0, 1]); the final distress goes
 * to h (n) and the weight lost beyond the initial distress, sum_j (h_j - h0_j) v_j with v
 * normalised to sum 1, to *lost. Both functions return 0, or -1 if n < 1 or the scratch is too
 * small (nothing written). */
int sim_debtrank_spread(int n, const double *exposure, const double *equity, const double *value,
                        const double *h0, double *h, double *lost, void *scratch,
                        size_t scratch_size);

#endif
