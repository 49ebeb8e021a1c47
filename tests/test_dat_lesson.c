/* test_dat_lesson: the classroom notes. The notes shipped for the 2025 scenario load against it,
 * one per historical event, each with an explanation and a question; broken notes are refused
 * with the file, the JSON path and what was expected. */
#include "dat_lesson.h"
#include "dat_scenario.h"
#include "test_lang.h"
#include "test_util.h"

#include <stdio.h>
#include <string.h>

#define NOTES CL_TESTDATA "/../../assets/classroom/closed-loop-2025.json"

static void test_shipped(const SimScenario *sc)
{
    char err[512] = "";
    DatLessons *l = dat_lessons_load(NOTES, sc, err, sizeof err);
    CHECK_MSG(l != NULL, "%s", err);
    if (!l)
        return;
    /* Every historical event has its note, in calendar order. */
    CHECK_MSG(l->n == sc->n_events, "%d notes for %d events", l->n, sc->n_events);
    for (int e = 0; e < sc->n_events; e++) {
        const DatLesson *x = dat_lesson_for(l, e);
        CHECK_MSG(x != NULL, "no note for event %s", sc->events[e].id);
        if (x) {
            CHECK(strlen(x->explain) > 80 && strlen(x->question) > 20);
            CHECK(strchr(x->question, '?') != NULL);
        }
    }
    for (int k = 1; k < l->n; k++)
        CHECK(l->lessons[k - 1].event < l->lessons[k].event);
    CHECK(dat_lesson_for(l, -1) == NULL && dat_lesson_for(l, sc->n_events) == NULL);
    CHECK(l->n_debrief >= 3);
    dat_lessons_free(l);
}

static void refused(const SimScenario *sc, const char *text, const char *want1, const char *want2)
{
    char err[512] = "";
    DatLessons *l = dat_lessons_parse(text, strlen(text), "notes.json", sc, err, sizeof err);
    CHECK_MSG(l == NULL, "accepted: %s", text);
    dat_lessons_free(l);
    CHECK_MSG(strstr(err, "notes.json") && strstr(err, want1) && (!want2 || strstr(err, want2)),
              "for %s: %s", text, err);
}

static void test_refused(const SimScenario *sc)
{
#define HEAD                                                                                       \
    "{\"format\": \"closedloop-lessons\", \"version\": 1, \"scenario\": \"closed-loop-2025\", "
    refused(sc,
            HEAD
            "\"lessons\": [{\"event\": \"atlantis\", \"explain\": \"x\", \"question\": \"y?\"}]}",
            "$.lessons[0].event", "no event \"atlantis\"");
    refused(sc,
            HEAD "\"lessons\": [{\"event\": \"tokyo\", \"explain\": \"x\", \"question\": \"y?\"}, "
                 "{\"event\": \"tokyo\", \"explain\": \"x\", \"question\": \"y?\"}]}",
            "$.lessons[1].event", "has a note already");
    refused(sc, HEAD "\"lessons\": [{\"event\": \"tokyo\", \"explain\": \"x\"}]}", "$.lessons[0]",
            "question");
    refused(sc,
            HEAD "\"lessons\": [{\"event\": \"tokyo\", \"explain\": \"x\", \"question\": \"y?\", "
                 "\"hint\": 1}]}",
            "$.lessons[0]", "hint");
    refused(sc, HEAD "\"lessons\": [], \"debrief\": [\"fine?\", 7]}", "$.debrief[1]",
            "expected a question");
    refused(sc,
            "{\"format\": \"closedloop-lessons\", \"version\": 1, \"scenario\": \"elsewhere\", "
            "\"lessons\": []}",
            "$.scenario", "not \"closed-loop-2025\"");
    refused(
        sc,
        "{\"format\": \"closedloop-save\", \"version\": 1, \"scenario\": \"x\", \"lessons\": []}",
        "$.format", "closedloop-lessons");
    refused(sc, HEAD "\"lessons\": [], \"version\": 2}", "duplicate", NULL);
    refused(sc, HEAD "\"lessons\": [", "notes.json:1:", "not valid JSON");
#undef HEAD
    char err[256] = "";
    CHECK(dat_lessons_load(CL_TESTDATA "/no-such-notes.json", sc, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "no-such-notes.json") != NULL, "%s", err);
}

/* In Chinese the message says what was expected and what was found; the file, the JSON path and
 * the ids stay as they are. */
static void test_refused_zh(const SimScenario *sc)
{
    static const char text[] =
        "{\"format\": \"closedloop-lessons\", \"version\": 1, \"scenario\": \"closed-loop-2025\", "
        "\"lessons\": [{\"event\": \"atlantis\", \"explain\": \"x\", \"question\": \"y?\"}]}";
    static const char other[] = "{\"format\": \"closedloop-lessons\", \"version\": 1, "
                                "\"scenario\": \"elsewhere\", \"lessons\": []}";
    char err[512] = "";
    test_lang_use(CORE_LANG_ZH);
    CHECK(dat_lessons_parse(text, strlen(text), "notes.json", sc, err, sizeof err) == NULL);
    CHECK_MSG(strcmp(err, "notes.json: $.lessons[0].event: 情景\"closed-loop-2025\"中没有事件"
                          "\"atlantis\"") == 0,
              "%s", err);
    CHECK(dat_lessons_parse(other, strlen(other), "notes.json", sc, err, sizeof err) == NULL);
    CHECK_MSG(strcmp(err, "notes.json: $.scenario: 这份笔记属于情景\"elsewhere\"，而不是"
                          "\"closed-loop-2025\"") == 0,
              "%s", err);
    test_lang_use(CORE_LANG_EN);
}

int main(void)
{
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (sc) {
        test_shipped(sc);
        test_refused(sc);
        test_refused_zh(sc);
        sim_scenario_free(sc);
    }
    TEST_END();
}
