/* test_app_cards: the window's queue of cards (app_play_cards), without a window. On the 2025
 * scenario in story mode: the cards of a month come up and stop auto-play; a key in their first
 * moment leaves them as they are; then the next card, the one before (none before the first),
 * fold and unfold, a key the card does not use (a notice), L (the card folds for the levers),
 * D (the debrief, the cards wait); after the last card auto-play goes on, one step later. Story
 * mode turned off drops the story cards. On the cascade chain: the month's two defaults are two
 * cards of one queue, in the order of failures, and Escape goes through them. The story says
 * which card is on show. */
#include "app_class.h"
#include "app_play_state.h"
#include "dat_scenario.h"
#include "sim_cascade.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SimWorld *history_world(const char *path, uint64_t seed)
{
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    SimWorld *w = sc ? sim_world_create(sc, seed, err, sizeof err) : NULL;
    sim_scenario_free(sc);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        return NULL;
    for (int i = 0; i < w->n; i++) {
        SimStrategy st;
        sim_strategy_history(&st);
        sim_world_set_strategy(w, i, st);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    return w;
}

static int key(Play *p, SDL_Keycode sym)
{
    SDL_KeyboardEvent k;
    memset(&k, 0, sizeof k);
    k.type = SDL_KEYDOWN;
    k.keysym.sym = sym;
    return app_play_card_key(p, &k);
}

/* The cards' first moment, over. */
static void later(Play *p)
{
    p->card_since -= PLAY_CARD_GRACE_MS + 100;
}

/* The last line of the story so far that starts with prefix, into out. */
static const char *last_line(FILE *f, const char *prefix, char *out, size_t n)
{
    fflush(f);
    rewind(f);
    char line[512];
    out[0] = '\0';
    while (fgets(line, sizeof line, f))
        if (strncmp(line, prefix, strlen(prefix)) == 0) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, n, "%s", line);
        }
    fseek(f, 0, SEEK_END);
    return out;
}

/* The window's state for w, as far as the cards need it: the output in a temporary file (what
 * the cards print is read back from it). 0, or -1 if there is no temporary file. */
static int play_open(Play *p, SimWorld *w)
{
    memset(p, 0, sizeof *p);
    p->w = w;
    p->out = tmpfile();
    p->errout = stderr;
    return p->out ? 0 : -1;
}

static void test_story(void)
{
    SimWorld *w = history_world(CL_SCENARIO, 100);
    if (!w)
        return;
    char err[512] = "", buf[512];
    Play p;
    int opened = play_open(&p, w);
    p.speed_idx = 2;
    p.story = app_class_create(w, err, sizeof err);
    CHECK_MSG(p.story != NULL, "%s", err);
    if (!p.story || opened < 0)
        return;
    /* Month 1 under auto-play: one card, auto-play stopped for it. */
    p.playing = 1;
    int turn = w->turn;
    CHECK(sim_turn_step(w, err, sizeof err) == 0);
    app_play_cards_month(&p, turn, 0);
    CHECK(app_play_card_up(&p) && p.n_cards == 1 && !p.playing);
    CHECK(strcmp(last_line(p.out, "card ", buf, sizeof buf), "card 1 of 1: tokyo") == 0);
    /* Space in the first moment (meant to pause): eaten, the card stays. */
    CHECK(key(&p, SDLK_SPACE) == 1 && app_play_card_up(&p) && p.card_at == 0);
    later(&p);
    Uint32 before = SDL_GetTicks();
    CHECK(key(&p, SDLK_SPACE) == 1 && !app_play_card_up(&p));
    CHECK(strcmp(last_line(p.out, "cards", buf, sizeof buf), "cards done") == 0);
    /* Auto-play goes on, a step later (a second at one month a second), not at once. */
    CHECK(p.playing && (Sint32)(p.next_step - before) >= 1000);

    /* Month 2, paused: two cards; back and forth, fold, other keys. */
    p.playing = 0;
    turn = w->turn;
    CHECK(sim_turn_step(w, err, sizeof err) == 0);
    app_play_cards_month(&p, turn, 0);
    CHECK(p.n_cards == 2 && p.card_at == 0);
    later(&p);
    CHECK(key(&p, SDLK_LEFT) == 1 && p.card_at == 0); /* none before the first */
    CHECK(key(&p, SDLK_RIGHT) == 1 && p.card_at == 1);
    CHECK(strncmp(last_line(p.out, "card ", buf, sizeof buf), "card 2 of 2: ", 13) == 0);
    /* The news log's keys are never the card's (each key one role): they pass to the log. */
    CHECK(key(&p, SDLK_PAGEUP) == 0 && key(&p, SDLK_PAGEDOWN) == 0 && p.card_at == 1);
    CHECK(key(&p, SDLK_HOME) == 0 && key(&p, SDLK_END) == 0 && key(&p, SDLK_v) == 0);
    CHECK(key(&p, SDLK_BACKSPACE) == 1 && p.card_at == 0);
    CHECK(strncmp(last_line(p.out, "card ", buf, sizeof buf), "card 1 of 2: ", 13) == 0);
    CHECK(key(&p, SDLK_f) == 1 && p.card_folded == 1);
    CHECK(key(&p, SDLK_f) == 1 && p.card_folded == 0);
    CHECK(key(&p, SDLK_a) == 1 && p.card_at == 0 && p.notice[0] != '\0');
    CHECK(key(&p, SDLK_LSHIFT) == 1 && p.card_at == 0);
    CHECK(key(&p, SDLK_l) == 0 && p.card_folded == 1); /* the levers' key, the card folded */
    CHECK(key(&p, SDLK_q) == 0 && key(&p, SDLK_h) == 0 && key(&p, SDLK_s) == 0);
    CHECK(key(&p, SDLK_d) == 1 && p.show_debrief && app_play_card_up(&p));
    p.show_debrief = 0;
    CHECK(key(&p, SDLK_RETURN) == 1 && p.card_at == 1);
    CHECK(!p.playing);
    /* Story mode off: its cards go, nothing waits; auto-play stays as it was (off). */
    app_play_toggle_story(&p);
    CHECK(p.story == NULL && !app_play_card_up(&p) && !p.playing);
    fclose(p.out);
    sim_world_destroy(w);
}

/* The cascade chain (seed 3): Carrier One and Vendor Two fail in one month: two cards. */
static void test_defaults(void)
{
    SimWorld *w = history_world(CL_TESTDATA "/cascade-3.json", 3);
    if (!w)
        return;
    char err[512] = "", buf[512];
    Play p;
    if (play_open(&p, w) < 0)
        return;
    int found = 0;
    while (!found && w->turn < w->turns) {
        int turn = w->turn, rc = sim_turn_step(w, err, sizeof err);
        CHECK_MSG(rc >= 0, "%s", err);
        if (rc != 0)
            break;
        p.playing = 1;
        app_play_cards_month(&p, turn, 0);
        found = p.n_cards;
    }
    CHECK(found == 2 && !p.playing && p.card_resume);
    CHECK(p.cards[0].kind == PLAY_CARD_FAIL && p.cards[1].kind == PLAY_CARD_FAIL);
    CHECK(sim_default_order(w, p.cards[0].ref) < sim_default_order(w, p.cards[1].ref));
    char want[64];
    snprintf(want, sizeof want, "card 1 of 2: default of %s", w->sc->actors[p.cards[0].ref].id);
    CHECK_MSG(strcmp(last_line(p.out, "card ", buf, sizeof buf), want) == 0, "%s", buf);
    later(&p);
    CHECK(key(&p, SDLK_ESCAPE) == 1 && p.card_at == 1);
    CHECK(key(&p, SDLK_ESCAPE) == 1 && !app_play_card_up(&p) && p.playing);
    fclose(p.out);
    sim_world_destroy(w);
}

int main(void)
{
    test_lang_use(CORE_LANG_EN);
    test_story();
    test_defaults();
    TEST_END();
}
