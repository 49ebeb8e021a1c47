/* sim_kind: the table of deal kinds, generated from SIM_DEAL_KINDS (see sim_kind.h). */
#include "sim_kind.h"

#include <assert.h>

#define SIM_KIND_ROW_(id, nm, pay_, round_, flow_, payee_, lender_, gw_, stake_, recv_, commit_,   \
                      risk_, budget_, need_, fields_, flags_, family_, words_, voice_, typical_,   \
                      verb_)                                                                       \
    [SIM_DEAL_##id] = {.name = nm,                                                                 \
                       .pay = SIM_PAY_##pay_,                                                      \
                       .round = SIM_ROUND_##round_,                                                \
                       .flow = SIM_FLOW_##flow_,                                                   \
                       .payee = SIM_PAYEE_##payee_,                                                \
                       .lender = SIM_LENDER_##lender_,                                             \
                       .gw = SIM_GW_##gw_,                                                         \
                       .stake = SIM_STAKE_##stake_,                                                \
                       .receives = SIM_VALUE_##recv_,                                              \
                       .commits = SIM_VALUE_##commit_,                                             \
                       .risk = SIM_RISK_##risk_,                                                   \
                       .budget = SIM_BUDGET_##budget_,                                             \
                       .need = SIM_NEED_##need_,                                                   \
                       .fields = (fields_),                                                        \
                       .flags = (flags_),                                                          \
                       .family = SIM_FAMILY_##family_,                                             \
                       .words = words_,                                                            \
                       .voice = SIM_VOICE_##voice_,                                                \
                       .typical = typical_,                                                        \
                       .verb = verb_},

const SimKindInfo sim_kinds[SIM_DEAL_KIND_COUNT] = {SIM_DEAL_KINDS(SIM_KIND_ROW_)};

/* A row per kind: the enum and the table come from the same list, and designated initializers
 * put each row at its kind's number. */
#define SIM_KIND_ONE_(...) +1
static_assert(0 SIM_DEAL_KINDS(SIM_KIND_ONE_) == SIM_DEAL_KIND_COUNT, "one row per deal kind");
static_assert(sizeof sim_kinds / sizeof sim_kinds[0] == SIM_DEAL_KIND_COUNT,
              "sim_kinds has SIM_DEAL_KIND_COUNT rows");
