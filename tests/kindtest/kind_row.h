/* kind_row: the one row that the recipe's test build adds to SIM_DEAL_KINDS (engine/sim/
 * sim_kind.h), compiled in when SIM_TEST_EXTRA_KIND names this file (tests/CMakeLists.txt,
 * closedloop_kindtest and the *_xk tests; docs/architecture.md "A new deal kind").
 *
 * "prepay": the payer prepays a supplier for capacity it will rent, a year's worth at most. It is
 * made of existing columns and modes only (a plain schedule paid in the round of what is owed,
 * contracted compute to the payer, the unpaid rest at risk), so that the row, its texts
 * (tests/kindtest/lang/) and the tests are all it takes. It differs from `compute` in what a draft
 * starts from, in being proposed by its payer (not SOLD) and in reserving nothing (not
 * EXCLUSIVE); its verb is prepay{...}. */
#ifndef KIND_ROW_H
#define KIND_ROW_H

/* clang-format off */
#define SIM_DEAL_KINDS_EXTRA(X) \
X(PREPAY,        "prepay",        PLAIN,   OWED,  CONTRACT,        ACTOR, NONE,  PAYER_CONTRACTED, NONE, \
  AMOUNT,   AMOUNT,     UNPAID,    AMOUNT, AMOUNT, SIM_F_SCHED | SIM_FIELD_GW, \
  SIM_KF_HUB_PAYS, PAYMENT, "pay", PAYER, \
  SIM_TYPICAL(12, SIM_ALWAYS, 0, 0, 0), "prepay")
/* clang-format on */

#endif
