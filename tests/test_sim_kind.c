/* test_sim_kind: the table of deal kinds (sim_kind.h) has every property of every kind set and
 * consistent, and the texts of every kind are in both language tables. A kind added with a row
 * that leaves a property empty, or without its texts, fails here (a row that leaves out a column
 * does not compile). */
#include "core_text.h"
#include "dat_lang.h"
#include "sim_deal.h"
#include "test_util.h"

#include <stdio.h>
#include <string.h>

static CoreText *tables[2]; /* en, zh */
static const char *const codes[2] = {"en", "zh"};

static void load_tables(void)
{
    for (int l = 0; l < 2; l++) {
        char dir[4096], err[512];
        tables[l] = core_text_create();
        CoreText *content = core_text_create();
        snprintf(dir, sizeof dir, "%s/%s", CL_LANGDIR, codes[l]);
        int rc = dat_lang_load(dir, tables[l], content, err, sizeof err);
        CHECK_MSG(rc == 0, "%s", err);
#ifdef CL_LANGDIR_EXTRA
        /* The test build's extra kind brings its texts in a folder of its own. */
        snprintf(dir, sizeof dir, "%s/%s", CL_LANGDIR_EXTRA, codes[l]);
        rc = dat_lang_load(dir, tables[l], content, err, sizeof err);
        CHECK_MSG(rc == 0, "%s", err);
#endif
        core_text_destroy(content);
    }
}

/* The text `prefix` + `name` (+ `suffix`) is in both tables and not empty. */
static void check_text(const char *kind, const char *prefix, const char *name, const char *suffix)
{
    char key[128];
    snprintf(key, sizeof key, "%s%s%s", prefix, name, suffix ? suffix : "");
    for (int l = 0; l < 2; l++) {
        const char *s = core_text_find(tables[l], key);
        CHECK_MSG(s && *s, "kind %s: no text %s in assets/lang/%s", kind, key, codes[l]);
    }
}

static int lower_id(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
            return 0;
    return 1;
}

/* Every property of every kind is set, and the properties agree with one another. */
static void test_every_kind(void)
{
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        const SimKindInfo *ki = sim_kind((SimDealKind)k);
        const char *n = ki->name ? ki->name : "(null)";
        /* The name: a stable identifier, unique, that parses back. */
        CHECK_MSG(lower_id(ki->name), "kind %d: name \"%s\" is not a lower-case identifier", k, n);
        CHECK_MSG(sim_deal_kind_parse(n) == k, "kind %s does not parse back to %d", n, k);
        CHECK(strcmp(sim_deal_kind_name((SimDealKind)k), n) == 0);
        /* How it pays: a mode, and a round and a flow kind whenever money moves. */
        CHECK_MSG((unsigned)ki->pay < SIM_PAY_MODE_COUNT, "kind %s: pay mode %d", n, ki->pay);
        if (ki->pay == SIM_PAY_NONE) {
            CHECK_MSG(ki->round == SIM_ROUND_NONE && ki->flow == SIM_FLOW_KIND_COUNT,
                      "kind %s moves no money but has a round or a flow kind", n);
            CHECK_MSG(ki->stake == SIM_STAKE_VEST || (ki->flags & SIM_KF_RIGHT),
                      "kind %s moves neither money nor shares and is no right", n);
        } else {
            CHECK_MSG((unsigned)ki->round < SIM_ROUND_COUNT, "kind %s: no payment round", n);
            CHECK_MSG((unsigned)ki->flow < SIM_FLOW_KIND_COUNT, "kind %s: no flow kind", n);
        }
        /* Who owes whom: only loans have a lender; a deal with the world has no counterparty. */
        CHECK_MSG((ki->lender != SIM_LENDER_NONE) == (ki->pay == SIM_PAY_LOAN),
                  "kind %s: a lender without draws and repayments, or the reverse", n);
        CHECK(ki->payee == SIM_PAYEE_ACTOR || ki->payee == SIM_PAYEE_WORLD);
        if (ki->payee == SIM_PAYEE_WORLD) {
            CHECK_MSG(ki->risk == SIM_RISK_NONE && ki->receives == SIM_VALUE_NONE &&
                          !(ki->flags & (SIM_KF_FINANCE | SIM_KF_RIGHT | SIM_KF_SOLD)),
                      "kind %s is paid to the world but has a counterparty's property", n);
        }
        /* What the market reads, exposure, budget, terms. */
        CHECK((unsigned)ki->receives < SIM_VALUE_COUNT && (unsigned)ki->commits < SIM_VALUE_COUNT);
        CHECK_MSG(ki->commits != SIM_VALUE_NONE, "kind %s commits nothing", n);
        CHECK((unsigned)ki->risk < SIM_RISK_COUNT);
        CHECK(ki->budget == SIM_BUDGET_NONE || ki->budget == SIM_BUDGET_AMOUNT ||
              ki->budget == SIM_BUDGET_SPLIT || ki->budget == SIM_BUDGET_REVENUE ||
              ki->budget == SIM_BUDGET_CONTINGENT);
        /* Every kind that moves money takes something from a budget. */
        CHECK_MSG((ki->budget == SIM_BUDGET_NONE) == (ki->pay == SIM_PAY_NONE),
                  "kind %s: budget %d, pay %d", n, (int)ki->budget, (int)ki->pay);
        CHECK_MSG((ki->budget == SIM_BUDGET_SPLIT) == (ki->pay == SIM_PAY_SPLIT),
                  "kind %s: a split budget goes with a split payment", n);
        unsigned f = ki->fields;
        CHECK_MSG(f != 0 && (f & ~(unsigned)SIM_FIELD_ALL) == 0, "kind %s: fields 0x%x", n, f);
        CHECK_MSG((f & (SIM_FIELD_MONTHS | SIM_FIELD_DELAY)) ==
                      (SIM_FIELD_MONTHS | SIM_FIELD_DELAY),
                  "kind %s: every kind runs for months after a delay", n);
        CHECK_MSG((ki->gw != SIM_GW_NONE) == ((f & SIM_FIELD_GW) != 0),
                  "kind %s: delivers compute iff it uses gw", n);
        static const unsigned need_fields[] = {
            [SIM_NEED_NONE] = 0,
            [SIM_NEED_AMOUNT] = SIM_FIELD_AMOUNT,
            [SIM_NEED_RATE] = SIM_FIELD_RATE,
            [SIM_NEED_SHARES] = SIM_FIELD_SHARES,
            [SIM_NEED_SPLIT] = SIM_FIELD_AMOUNT | SIM_FIELD_RATE | SIM_FIELD_RATE2,
        };
        CHECK((unsigned)ki->need < sizeof need_fields / sizeof need_fields[0]);
        CHECK_MSG((f & need_fields[ki->need]) == need_fields[ki->need],
                  "kind %s requires a term it does not use", n);
        if (ki->pay == SIM_PAY_REVENUE || ki->pay == SIM_PAY_LOAN)
            CHECK_MSG(f & SIM_FIELD_RATE, "kind %s pays by a rate it does not use", n);
        if (ki->pay == SIM_PAY_PLAIN || ki->pay == SIM_PAY_LOAN || ki->pay == SIM_PAY_SPLIT)
            CHECK_MSG(ki->need != SIM_NEED_RATE && ki->need != SIM_NEED_SHARES,
                      "kind %s pays an amount but requires no amount", n);
        if (ki->stake == SIM_STAKE_VEST)
            CHECK_MSG(f & SIM_FIELD_SHARES, "kind %s vests shares it does not use", n);
        CHECK_MSG((ki->flags & ~(unsigned)SIM_KF_ALL) == 0, "kind %s: flags 0x%x", n, ki->flags);
        /* How it is drawn and said. */
        CHECK_MSG((unsigned)ki->family < SIM_FAMILY_COUNT, "kind %s: no family (colour)", n);
        CHECK_MSG(lower_id(ki->words), "kind %s: no words", n);
        CHECK(ki->voice == SIM_VOICE_PAYER || ki->voice == SIM_VOICE_HOLDER ||
              ki->voice == SIM_VOICE_ANY);
        if (tables[0] && tables[1]) {
            check_text(n, "desk.kind.", n, NULL);
            check_text(n, "desk.explain.", n, NULL); /* the deal dialog's line on the kind */
            check_text(n, "deal.kind.", n, NULL);
            check_text(n, "deal.noun.", n, NULL);
            const char *w = ki->words ? ki->words : "";
            check_text(n, "story.deal.", w, NULL);
            if (ki->fields & SIM_FIELD_AMOUNT)
                check_text(n, "story.deal.", w, "_gw");
            if (ki->voice == SIM_VOICE_ANY) {
                check_text(n, "desk.terms.", w, ".any");
            } else {
                check_text(n, "desk.terms.", w, ".you");
                check_text(n, "desk.terms.", w, ".other");
                if (ki->voice == SIM_VOICE_HOLDER)
                    check_text(n, "desk.terms.", w, ".yours");
            }
        }
        for (int j = 0; j < k; j++)
            CHECK_MSG(strcmp(n, sim_kinds[j].name ? sim_kinds[j].name : "") != 0,
                      "kinds %d and %d share the name %s", j, k, n);
        /* The script API's constructor: an identifier of its own, or none. */
        if (ki->verb) {
            CHECK_MSG(lower_id(ki->verb), "kind %s: verb \"%s\"", n, ki->verb);
            for (int j = 0; j < SIM_DEAL_KIND_COUNT; j++)
                CHECK_MSG(j == k || !sim_kinds[j].verb || strcmp(ki->verb, sim_kinds[j].verb) != 0,
                          "kinds %s and %s share the verb %s", n, sim_kinds[j].name, ki->verb);
        }
    }
}

/* Terms of kind k that use every field the kind uses, among 3 actors. */
static SimTerms terms_of(SimDealKind k)
{
    const SimKindInfo *ki = sim_kind(k);
    SimTerms t;
    memset(&t, 0, sizeof t);
    t.kind = k;
    t.payer = 0;
    t.payee = ki->payee == SIM_PAYEE_WORLD ? SIM_WORLD : 1;
    t.months = 12;
    t.amount = ki->fields & SIM_FIELD_AMOUNT ? 10.0 : 0.0;
    t.gw = ki->fields & SIM_FIELD_GW ? 1.0 : 0.0;
    t.rate = ki->fields & SIM_FIELD_RATE ? 0.4 : 0.0;
    t.rate2 = ki->fields & SIM_FIELD_RATE2 ? 0.4 : 0.0;
    t.shares = ki->fields & SIM_FIELD_SHARES ? 0.1 : 0.0;
    return t;
}

/* Every kind's properties act: terms with its fields pass, the term it needs missing is refused,
 * its debtor, span and budget follow its row. */
static void test_kinds_act(void)
{
    for (int k = 0; k < SIM_DEAL_KIND_COUNT; k++) {
        const SimKindInfo *ki = sim_kind((SimDealKind)k);
        SimTerms t = terms_of((SimDealKind)k);
        char err[256];
        SimRefusal why;
        CHECK_MSG(sim_terms_check_why(&t, 3, &why, err, sizeof err) == 0, "kind %s: %s", ki->name,
                  err);
        SimTerms bad = t;
        SimRefuseCode expect = SIM_REFUSE_NONE;
        switch (ki->need) {
        case SIM_NEED_NONE:
            break;
        case SIM_NEED_AMOUNT:
        case SIM_NEED_SPLIT:
            bad.amount = 0.0;
            expect = SIM_REFUSE_NO_AMOUNT;
            break;
        case SIM_NEED_RATE:
            bad.rate = 0.0;
            expect = SIM_REFUSE_NO_RATE;
            break;
        case SIM_NEED_SHARES:
            bad.shares = 0.0;
            expect = SIM_REFUSE_NO_SHARES;
            break;
        }
        int rc = sim_terms_check_why(&bad, 3, &why, err, sizeof err);
        CHECK_MSG(rc == (expect == SIM_REFUSE_NONE ? 0 : -1) && why.code == expect,
                  "kind %s: missing the term it needs gives code %s", ki->name,
                  sim_refuse_code_name(why.code));
        if (rc < 0)
            CHECK_MSG(strncmp(err, ki->name, strlen(ki->name)) == 0,
                      "kind %s: the refusal names another kind: %s", ki->name, err);
        /* A build's payee must be the world, any other's an actor. */
        bad = t;
        bad.payee = ki->payee == SIM_PAYEE_WORLD ? 1 : SIM_WORLD;
        CHECK(sim_terms_check_why(&bad, 3, &why, err, sizeof err) < 0);
        CHECK(why.code ==
              (ki->payee == SIM_PAYEE_WORLD ? SIM_REFUSE_BUILD_PAYEE : SIM_REFUSE_PAYEE));
        /* Debtor and creditor. */
        int debtor = sim_deal_debtor(&t), creditor = sim_deal_creditor(&t);
        switch (ki->lender) {
        case SIM_LENDER_NONE:
            CHECK(debtor == t.payer && creditor == t.payee);
            break;
        case SIM_LENDER_PAYER:
            CHECK(debtor == t.payee && creditor == t.payer);
            break;
        case SIM_LENDER_WORLD:
            CHECK(debtor == t.payee && creditor == SIM_WORLD);
            break;
        }
        CHECK(sim_deal_span(&t) == (ki->pay == SIM_PAY_LOAN ? 24 : 12));
        double year = sim_terms_first_year(&t);
        double expect_year = ki->budget == SIM_BUDGET_NONE || ki->budget == SIM_BUDGET_REVENUE ? 0.0
                             : ki->budget == SIM_BUDGET_SPLIT      ? t.amount * t.rate
                             : ki->budget == SIM_BUDGET_CONTINGENT ? SIM_GUARANTEE_WEIGHT * t.amount
                                                                   : t.amount;
        CHECK_MSG(fabs(year - expect_year) < 1e-9, "kind %s: first year %g, expected %g", ki->name,
                  year, expect_year);
    }
    /* The supply kinds: what the hub buys from a vendor. */
    CHECK(sim_kind_is_supply(SIM_DEAL_COMPUTE) && sim_kind_is_supply(SIM_DEAL_CHIP_LEASE));
    CHECK(!sim_kind_is_supply(SIM_DEAL_BUILD) && !sim_kind_is_supply(SIM_DEAL_EQUITY));
    CHECK(!sim_kind_valid(SIM_DEAL_KIND_COUNT) && !sim_kind_valid(-1) && sim_kind_valid(0));
}

int main(void)
{
    load_tables();
    test_every_kind();
    test_kinds_act();
    for (int l = 0; l < 2; l++)
        core_text_destroy(tables[l]);
    TEST_END();
}
