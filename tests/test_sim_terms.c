/* test_sim_terms: what needs no world: the names of deal kinds and statuses, the checks of a
 * deal's terms (every kind's good terms pass, each bad field is refused with its reason) and the
 * payment schedules each kind books. */
#include "sim_fixture.h"
#include "test_lang.h"
#include "test_util.h"

#include <string.h>

/* Actors of the 5-giant fixture. */
enum { HUB = FX_HUB, NVIDIA = 1, ORACLE = 2, MICROSOFT = 3, SOFTBANK = 4, AMD = 5 };

/* ---------------------------------------------------------------------------------------------
 * Pure functions */

static void test_names(void)
{
    /* The names files use, which never change; a kind added goes after them (test_sim_kind
     * checks every kind's name). */
    static const char *const expect[] = {
        "compute",  "chip_purchase", "chip_lease",    "equity", "loan",        "guarantee",
        "warrants", "revenue_share", "joint_venture", "codev",  "exclusivity", "build"};
    const int shipped = (int)(sizeof expect / sizeof expect[0]);
    CHECK(SIM_DEAL_KIND_COUNT >= shipped);
    for (int k = 0; k < shipped && k < SIM_DEAL_KIND_COUNT; k++) {
        const char *name = sim_deal_kind_name((SimDealKind)k);
        CHECK_MSG(strcmp(name, expect[k]) == 0, "kind %d is \"%s\", scenario files say \"%s\"", k,
                  name, expect[k]);
        CHECK(sim_deal_kind_parse(name) == k);
    }
    CHECK(sim_deal_kind_parse("Compute") == -1);
    CHECK(sim_deal_kind_parse("compute ") == -1);
    CHECK(sim_deal_kind_parse("") == -1);
    CHECK(sim_deal_kind_parse(NULL) == -1);
    CHECK(strcmp(sim_deal_kind_name(SIM_DEAL_KIND_COUNT), "?") == 0);
    CHECK(strcmp(sim_deal_kind_name((SimDealKind)-1), "?") == 0);

    for (int s = 0; s < SIM_DS_STATUS_COUNT; s++) {
        const char *a = sim_deal_status_name((SimDealStatus)s);
        CHECK(strcmp(a, "?") != 0);
        for (int j = 0; j < s; j++)
            CHECK(strcmp(a, sim_deal_status_name((SimDealStatus)j)) != 0);
    }
    CHECK(strcmp(sim_deal_status_name(SIM_DS_PROPOSED), "proposed") == 0);
    CHECK(strcmp(sim_deal_status_name(SIM_DS_COMPLETED), "completed") == 0);
    CHECK(strcmp(sim_deal_status_name(SIM_DS_STATUS_COUNT), "?") == 0);

    SimDeal d;
    memset(&d, 0, sizeof d);
    d.t = fx_terms(SIM_DEAL_COMPUTE, 0, 3, 1.0, 1);
    CHECK(sim_deal_counterparty(&d, 0) == 3);
    CHECK(sim_deal_counterparty(&d, 3) == 0);
    for (int s = 0; s < SIM_DS_STATUS_COUNT; s++) {
        d.status = (SimDealStatus)s;
        CHECK(sim_deal_is_live(&d) == (s == SIM_DS_ANNOUNCED || s == SIM_DS_DELIVERING));
    }
}

/* Good terms of each kind among 4 actors. */
static SimTerms good_terms(SimDealKind k)
{
    SimTerms t = fx_terms(k, 0, 1, 10.0, 12);
    switch (k) {
    case SIM_DEAL_LOAN:
    case SIM_DEAL_GUARANTEE:
        t.rate = 0.07;
        break;
    case SIM_DEAL_WARRANTS:
        t.amount = 0.0;
        t.shares = 0.16;
        break;
    case SIM_DEAL_REVENUE_SHARE:
        t.amount = 0.0;
        t.rate = 0.2;
        break;
    case SIM_DEAL_JOINT_VENTURE:
        t.rate = 0.4;
        t.rate2 = 0.1;
        t.gw = 5.0;
        break;
    case SIM_DEAL_EXCLUSIVITY:
        t.amount = 0.0;
        break;
    case SIM_DEAL_BUILD:
        t.payee = SIM_WORLD;
        t.gw = 1.0;
        break;
    default:
        t.gw = 1.0;
        break;
    }
    return t;
}

static void expect_refused(SimTerms t, const char *what)
{
    char err[256] = "";
    CHECK_MSG(sim_terms_check(&t, 4, err, sizeof err) == -1, "%s (%s) was accepted", what,
              sim_deal_kind_name(t.kind));
    CHECK_MSG(err[0] != '\0', "%s: no message", what);
    CHECK(sim_terms_check(&t, 4, NULL, 0) == -1);
}

static void test_terms_check(void)
{
    char err[256];
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        SimTerms t = good_terms((SimDealKind)k);
        err[0] = '\0';
        CHECK_MSG(sim_terms_check(&t, 4, err, sizeof err) == 0, "good %s refused: %s",
                  sim_deal_kind_name((SimDealKind)k), err);
        /* The limits themselves are allowed. */
        t.months = 600;
        t.delay = 240;
        t.upfront = 1.0;
        t.gw = 1e4;
        CHECK_MSG(sim_terms_check(&t, 4, err, sizeof err) == 0, "%s at its limits refused: %s",
                  sim_deal_kind_name((SimDealKind)k), err);
    }
    /* The message names the kind. */
    SimTerms t = good_terms(SIM_DEAL_CHIP_LEASE);
    t.months = 0;
    sim_terms_check(&t, 4, err, sizeof err);
    CHECK_MSG(strstr(err, "chip_lease") && strstr(err, "months"), "message: %s", err);

    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        SimDealKind kind = (SimDealKind)k;
        SimTerms g = good_terms(kind);
        t = g, t.payer = -1, expect_refused(t, "payer -1");
        t = g, t.payer = 4, expect_refused(t, "payer out of range");
        if (kind == SIM_DEAL_BUILD) {
            t = g, t.payee = 1, expect_refused(t, "a build paid to an actor");
        } else {
            t = g, t.payee = SIM_WORLD, expect_refused(t, "payee the world");
            t = g, t.payee = 4, expect_refused(t, "payee out of range");
            t = g, t.payee = -7, expect_refused(t, "payee negative");
            t = g, t.payee = t.payer, expect_refused(t, "payer pays itself");
        }
        t = g, t.amount = NAN, expect_refused(t, "amount NaN");
        t = g, t.amount = INFINITY, expect_refused(t, "amount inf");
        t = g, t.amount = -1.0, expect_refused(t, "amount negative");
        t = g, t.amount = 1.000001e6, expect_refused(t, "amount absurd");
        t = g, t.months = 0, expect_refused(t, "months 0");
        t = g, t.months = -3, expect_refused(t, "months negative");
        t = g, t.months = 601, expect_refused(t, "months 601");
        t = g, t.delay = -1, expect_refused(t, "delay negative");
        t = g, t.delay = 241, expect_refused(t, "delay 241");
        t = g, t.upfront = -0.01, expect_refused(t, "upfront negative");
        t = g, t.upfront = 1.01, expect_refused(t, "upfront above 1");
        t = g, t.upfront = NAN, expect_refused(t, "upfront NaN");
        t = g, t.gw = -1.0, expect_refused(t, "gw negative");
        t = g, t.gw = NAN, expect_refused(t, "gw NaN");
        t = g, t.gw = 1e4 + 1.0, expect_refused(t, "gw absurd");
        t = g, t.rate = -0.1, expect_refused(t, "rate negative");
        t = g, t.rate = 1.5, expect_refused(t, "rate above 1");
        t = g, t.rate = NAN, expect_refused(t, "rate NaN");
        t = g, t.rate2 = -0.1, expect_refused(t, "rate2 negative");
        t = g, t.rate2 = 1.5, expect_refused(t, "rate2 above 1");
        t = g, t.rate2 = NAN, expect_refused(t, "rate2 NaN");
        t = g, t.shares = -1.0, expect_refused(t, "shares negative");
        t = g, t.shares = NAN, expect_refused(t, "shares NaN");
        t = g, t.shares = 1001.0, expect_refused(t, "shares absurd");
        /* Kinds that move money need some. */
        if (kind != SIM_DEAL_WARRANTS && kind != SIM_DEAL_REVENUE_SHARE &&
            kind != SIM_DEAL_EXCLUSIVITY) {
            t = g, t.amount = 0.0, expect_refused(t, "amount 0");
        } else {
            t = g, t.amount = 0.0;
            CHECK_MSG(sim_terms_check(&t, 4, err, sizeof err) == 0, "%s with no amount: %s",
                      sim_deal_kind_name(kind), err);
        }
    }
    t = good_terms((SimDealKind)0), t.kind = SIM_DEAL_KIND_COUNT, expect_refused(t, "kind count");
    t = good_terms((SimDealKind)0), t.kind = (SimDealKind)-1, expect_refused(t, "kind -1");
    t = good_terms(SIM_DEAL_REVENUE_SHARE), t.rate = 0.0, expect_refused(t, "revenue share of 0");
    t = good_terms(SIM_DEAL_WARRANTS), t.shares = 0.0, expect_refused(t, "no warrant shares");
    SimTerms jv = good_terms(SIM_DEAL_JOINT_VENTURE);
    t = jv, t.rate = 0.7, t.rate2 = 0.4, expect_refused(t, "partners above the whole build");
    t = jv, t.rate = 0.0, t.rate2 = 0.0, expect_refused(t, "partners paying nothing");
    t = jv, t.rate = 0.6, t.rate2 = 0.4;
    CHECK(sim_terms_check(&t, 4, NULL, 0) == 0); /* the whole build between them */
    t = jv, t.rate = 0.0, t.rate2 = 0.3;
    CHECK(sim_terms_check(&t, 4, NULL, 0) == 0);
}

static void test_schedule(void)
{
    const double upfronts[] = {0.0, 0.1, 0.25, 0.5, 0.9, 0.999, 1.0};
    for (int months = 1; months <= 240; months++) {
        for (size_t u = 0; u < sizeof upfronts / sizeof upfronts[0]; u++) {
            SimTerms t = fx_terms(SIM_DEAL_COMPUTE, 0, 1, 1.0, months);
            t.upfront = upfronts[u];
            double sum = 0.0;
            int nonneg = 1;
            for (int k = 0; k < months; k++) {
                double s = sim_schedule_share(&t, k);
                nonneg &= s >= 0.0;
                sum += s;
            }
            CHECK_MSG(fabs(sum - 1.0) <= 1e-12, "months %d upfront %g: shares sum to %.17g", months,
                      upfronts[u], sum);
            CHECK(nonneg);
            CHECK(sim_schedule_share(&t, -1) == 0.0);
            CHECK(sim_schedule_share(&t, months) == 0.0);
            if (months > 1) {
                /* The first carries the upfront; the others are equal. */
                CHECK(sim_schedule_share(&t, 0) >= sim_schedule_share(&t, 1));
                CHECK(sim_schedule_share(&t, 1) == sim_schedule_share(&t, months - 1));
                CHECK_NEAR(sim_schedule_share(&t, 0) - sim_schedule_share(&t, 1), upfronts[u],
                           1e-12);
            }
        }
    }
    /* sim_schedule_sum is the sum of the shares over [from, to), clipped to the schedule. */
    int sums_ok = 1;
    for (int months = 1; months <= 30; months++) {
        for (size_t u = 0; u < sizeof upfronts / sizeof upfronts[0]; u++) {
            SimTerms t = fx_terms(SIM_DEAL_COMPUTE, 0, 1, 1.0, months);
            t.upfront = upfronts[u];
            for (int from = -2; from <= months + 2; from++) {
                for (int to = -2; to <= months + 2; to++) {
                    double slow = 0.0;
                    for (int k = from; k < to; k++)
                        slow += sim_schedule_share(&t, k);
                    double fast = sim_schedule_sum(&t, from, to);
                    if (!(fabs(fast - slow) <= 1e-12)) {
                        if (sums_ok)
                            CHECK_MSG(0, "months %d upfront %g [%d, %d): sum %.17g, shares %.17g",
                                      months, upfronts[u], from, to, fast, slow);
                        sums_ok = 0;
                    }
                }
            }
        }
    }
    CHECK(sums_ok);
    SimTerms t = fx_terms(SIM_DEAL_COMPUTE, 0, 1, 30.0, 3);
    t.upfront = 0.5;
    CHECK_NEAR(30.0 * sim_schedule_share(&t, 0), 20.0, 1e-12);
    CHECK_NEAR(30.0 * sim_schedule_share(&t, 2), 5.0, 1e-12);
    t.months = 1;
    CHECK(sim_schedule_share(&t, 0) == 1.0);

    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        SimTerms s = good_terms((SimDealKind)k);
        s.months = 7;
        int loan = k == SIM_DEAL_LOAN || k == SIM_DEAL_GUARANTEE;
        CHECK_MSG(sim_deal_span(&s) == (loan ? 14 : 7), "%s spans %d turns",
                  sim_deal_kind_name((SimDealKind)k), sim_deal_span(&s));
    }
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_names();
    test_terms_check();
    test_schedule();
    TEST_END();
}
