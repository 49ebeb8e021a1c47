/* test_ui_fit: the text-fit audit. Every screen of the window (start, game screen with its map,
 * charts and news, help, card, debrief and its histogram of 100 worlds, lesson in numbers, the
 * player's desk with two offers, the deal dialog with a value out of its range, the lever panel
 * with and without a comparison, the saves list with and without its seat question, a hosted
 * class's room screen with its QR code, and the game with the room's strip) is drawn at
 * 1280x720 and 3840x2160 in normal scale and at 1920x1080 and 1280x720 in projector scale, in
 * English and Chinese, at the scale the window would take (ui_scale_layout); every text drawn is
 * traced, and each label's measured box must lie inside the screen (or the layer it was drawn
 * into) and inside the clip it was drawn under: a label that leaves them is cut, and the test
 * names it. No two texts of a screen may overlap, but where one is drawn on purpose over the
 * other on a plate (ui_draw_plate: a dialog, a card, a tooltip, the help); the test says which
 * pairs do. In projector scale
 * on a 1080p screen the smallest text is at least 20 px (its box at least the line height of
 * 20 px type), the help overlay aside. With $UT_PNG_DIR set, a PNG of each screen is kept to
 * look at; with $UT_FIT_SIZES set, the smallest text of each screen is said on stderr; with
 * $UT_FIT_ONLY set (say "projector screen desk"), only the screens and scale presets it names are
 * drawn (while working on one screen: the checks are then fewer). */
#include "core_err.h"
#include "core_month.h"
#include "core_text.h"
#include "dat_scenario.h"
#include "sim_fixture.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "test_lang.h"
#include "test_ui_lang.h"
#include "test_util.h"
#include "ui_card.h"
#include "ui_debrief.h"
#include "ui_desk.h"
#include "ui_draw.h"
#include "ui_lab.h"
#include "ui_png.h"
#include "ui_room.h"
#include "ui_saves.h"
#include "ui_scale.h"
#include "ui_screen.h"
#include "ui_start.h"
#include "ui_takeaway.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_CAP 8192

static int n_overlaps, n_screens; /* for the summary on stderr */

typedef struct {
    int w, h;
    int preset;
} Size;

static const Size sizes[] = {{1280, 720, UI_SCALE_NORMAL},
                             {3840, 2160, UI_SCALE_NORMAL},
                             {1920, 1080, UI_SCALE_PROJECTOR},
                             {1280, 720, UI_SCALE_PROJECTOR}};
#define N_SIZES (int)(sizeof sizes / sizeof sizes[0])

static int within(SDL_FRect in, SDL_FRect out)
{
    const float e = 1.0f;
    return in.x >= out.x - e && in.y >= out.y - e && in.x + in.w <= out.x + out.w + e &&
           in.y + in.h <= out.y + out.h + e;
}

/* The audit of one drawing: t[0..n) inside the screen W x H (or their layer) and their clips.
 * Returns the smallest text box height seen. */
static float audit(const UiTextTrace *t, int n, int W, int H, const char *what)
{
    float least = 1e9f;
    int cut = 0;
    for (int i = 0; i < n && i < TRACE_CAP; i++) {
        const UiTextTrace *x = &t[i];
        if (x->box.w <= 0 || x->box.h <= 0)
            continue;
        SDL_FRect area = x->target_w > 0 ? (SDL_FRect){0, 0, (float)x->target_w, (float)x->target_h}
                                         : (SDL_FRect){0, 0, (float)W, (float)H};
        int ok = within(x->box, area) && (x->clip.w <= 0 || within(x->box, x->clip));
        if (!ok && cut++ < 12)
            CHECK_MSG(0,
                      "%s: \"%s\" is cut: its box %.0f,%.0f %.0fx%.0f, its area %.0f,%.0f "
                      "%.0fx%.0f, its clip %.0f,%.0f %.0fx%.0f",
                      what, x->text, x->box.x, x->box.y, x->box.w, x->box.h, area.x, area.y, area.w,
                      area.h, x->clip.x, x->clip.y, x->clip.w, x->clip.h);
        if (x->box.h < least)
            least = x->box.h;
    }
    if (cut > 12)
        CHECK_MSG(0, "%s: %d texts cut in all", what, cut);
    return least;
}

/* Two texts of one screen overlap when their boxes, on the same render target and the same plate
 * (ui_draw_plate: a box drawn on purpose over the texts before it), share more than a pixel
 * each way (boxes are whole pixels; touching is not overlapping). Returns the overlaps found. */
static int overlaps(const UiTextTrace *t, int n, const char *what)
{
    int found = 0;
    if (n > TRACE_CAP)
        n = TRACE_CAP;
    for (int i = 0; i < n; i++) {
        const UiTextTrace *a = &t[i];
        if (a->box.w <= 0 || a->box.h <= 0)
            continue;
        for (int j = i + 1; j < n; j++) {
            const UiTextTrace *b = &t[j];
            if (b->box.w <= 0 || b->box.h <= 0 || b->plate != a->plate || b->target != a->target)
                continue;
            float ox = fminf(a->box.x + a->box.w, b->box.x + b->box.w) - fmaxf(a->box.x, b->box.x);
            float oy = fminf(a->box.y + a->box.h, b->box.y + b->box.h) - fmaxf(a->box.y, b->box.y);
            if (ox <= 1.0f || oy <= 1.0f)
                continue;
            if (found++ < 12)
                fprintf(stderr,
                        "%s: \"%s\" (%.0f,%.0f %.0fx%.0f) overlaps \"%s\" (%.0f,%.0f %.0fx%.0f) by "
                        "%.0fx%.0f px\n",
                        what, a->text, a->box.x, a->box.y, a->box.w, a->box.h, b->text, b->box.x,
                        b->box.y, b->box.w, b->box.h, ox, oy);
        }
    }
    return found;
}

typedef struct {
    SDL_Surface *s;
    SDL_Renderer *r;
    UiDraw *d;
    UiTextTrace *t;
    int W, H, preset;
    char what[128];
} Canvas;

static int open_canvas(Canvas *c, const Size *z, const char *screen)
{
    char err[256] = "";
    memset(c, 0, sizeof *c);
    c->W = z->w;
    c->H = z->h;
    c->preset = z->preset;
    snprintf(c->what, sizeof c->what, "%s %s %dx%d %s", screen, core_lang_code(core_tr_lang()),
             z->w, z->h, ui_scale_preset_name(z->preset));
    c->s = ui_png_surface(z->w, z->h, err, sizeof err);
    c->r = c->s ? SDL_CreateSoftwareRenderer(c->s) : NULL;
    double scale = ui_scale_layout(z->w, z->h, 1.0, ui_scale_preset(z->preset));
    c->d = c->r ? ui_draw_create(c->r, scale, NULL, err, sizeof err) : NULL;
    c->t = calloc(TRACE_CAP, sizeof *c->t);
    CHECK_MSG(c->d && c->t, "%s: %s", c->what, err);
    if (!c->d || !c->t)
        return -1;
    ui_draw_trace(c->d, c->t, TRACE_CAP);
    return 0;
}

/* Audits what was drawn, keeps the PNG, frees the canvas; returns the smallest text's height. */
static float close_canvas(Canvas *c, const char *png)
{
    float least = 0;
    if (c->d && c->t) {
        int n = ui_draw_traced(c->d);
        ui_draw_trace(c->d, NULL, 0);
        CHECK_MSG(n > 3, "%s: %d texts", c->what, n);
        least = audit(c->t, n, c->W, c->H, c->what);
        int ov = overlaps(c->t, n, c->what);
        CHECK_MSG(ov == 0, "%s: %d pairs of texts overlap (the first 12 are said above)", c->what,
                  ov);
        n_overlaps += ov;
        n_screens++;
        /* Projector size on a 1080p screen: no text under 20 px, but in the help overlay, a
         * list of keys for the one at the keyboard, which shrinks to show every row. */
        int h20 = 0;
        ui_text_size(c->d, "Ag", 20.0f, 0, NULL, &h20);
        if (c->preset == UI_SCALE_PROJECTOR && c->H == 1080 && strncmp(c->what, "help", 4) != 0)
            CHECK_MSG(least >= (float)h20 - 0.5f,
                      "%s: a text %.0f px high, under the %d px of 20 px type", c->what, least,
                      h20);
        if (getenv("UT_FIT_SIZES"))
            fprintf(stderr, "%s: smallest text box %.1f px high (20 px type: %d)\n", c->what, least,
                    h20);
        SDL_RenderPresent(c->r);
        char name[96];
        snprintf(name, sizeof name, "fit-%s-%s", png, ui_scale_preset_name(c->preset));
        ut_keep_png(c->s, name, c->W, c->H);
    }
    free(c->t);
    ui_draw_destroy(c->d);
    if (c->r)
        SDL_DestroyRenderer(c->r);
    if (c->s)
        SDL_FreeSurface(c->s);
    return least;
}

/* ---------------------------------------------------------------- the screens */

static const char *const scen_files[] = {"closed-loop-2025.json"};
static const char *const scripts[] = {"playbook", "baseline", "history", "passive"};

static void draw_start(const SimWorld *w, const Size *z)
{
    Canvas c;
    if (open_canvas(&c, z, "start") < 0) {
        close_canvas(&c, "start");
        return;
    }
    UiStart s;
    memset(&s, 0, sizeof s);
    s.scenarios = scen_files;
    s.n_scenarios = 1;
    s.title = core_tr_content(w->sc->title);
    s.about = core_tr_content(w->sc->description);
    s.scripts = scripts;
    s.n_scripts = 4;
    s.lang = (int)core_tr_lang();
    s.n_roles = w->n < UI_START_MAX_ROLES ? w->n : UI_START_MAX_ROLES;
    for (int i = 0; i < s.n_roles; i++) {
        s.roles[i].id = w->sc->actors[i].id;
        s.roles[i].name = core_tr_content(w->sc->actors[i].name);
        s.roles[i].note = i == w->sc->hub ? core_tr("start.note.hub") : NULL;
    }
    snprintf(s.seed, sizeof s.seed, "20250121");
    ui_start_reset_roles(&s);
    s.scale = z->preset;
    UiStartGeom g;
    ui_start_draw(c.d, c.W, c.H, &s, -1, -1, &g);
    CHECK_MSG(within(g.fullscreen, g.screen) && within(g.scale, g.screen) && g.fullscreen.w > 0,
              "%s: the display's options are off the screen", c.what);
    close_canvas(&c, "start");
}

/* The news log with a few months of rows: some long ones. */
static int news_rows(const SimWorld *w, UiNewsRow *rows, char (*texts)[200], int cap)
{
    int n = 0;
    for (int m = 0; m < 4 && n + 4 <= cap; m++) {
        char mon[48];
        core_tr_month(w->sc->start + m, mon, sizeof mon);
        snprintf(texts[n], 200, "%s", mon);
        rows[n] = (UiNewsRow){texts[n], m, UI_NEWS_HEADER, 0, 0};
        n++;
        for (int k = 0; k < 3; k++) {
            snprintf(texts[n], 200, "%s → %s: %s", core_tr_content(w->sc->actors[k].name),
                     core_tr_content(w->sc->actors[k + 1].name), core_tr_content(w->sc->title));
            rows[n] = (UiNewsRow){texts[n], m, k == 2 ? UI_NEWS_MARKET : UI_NEWS_DEAL, 0, 0};
            n++;
        }
    }
    return n;
}

/* The distance from a plate to a node's circle (0: they touch or overlap). */
static float plate_gap(SDL_FRect p, const UiMapNode *nd)
{
    float cx = fmaxf(p.x, fminf(nd->x, p.x + p.w)), cy = fmaxf(p.y, fminf(nd->y, p.y + p.h));
    float g = hypotf(cx - nd->x, cy - nd->y) - nd->r;
    return g > 0 ? g : 0;
}

static void draw_game(const SimWorld *w, const Size *z, int help)
{
    Canvas c;
    const char *name = help ? "help" : "screen";
    if (open_canvas(&c, z, name) < 0) {
        close_canvas(&c, name);
        return;
    }
    char err[256] = "";
    UiMap *m = ui_map_create(err, sizeof err);
    UiNewsRow rows[32];
    char texts[32][200];
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1, .show_help = help};
    st.news = rows;
    st.n_news = news_rows(w, rows, texts, 32);
    st.news_view = ui_news_view_new();
    UiScreenGeom g;
    CHECK_MSG(m && ui_screen_draw(c.d, m, c.W, c.H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0,
              "%s: %s", c.what, err);
    if (m) {
        /* Every plate anchored to its own node: no other node's circle nearer to it than its
         * own (OpenAI's plate beside Oracle's node reads as Oracle's), unless a leader line
         * joins it to its node. */
        int n = ui_map_node_count(m);
        for (int i = 0; i < n; i++) {
            const UiMapNode *nd = ui_map_node(m, i);
            if (nd->label.w <= 0)
                continue;
            float own = plate_gap(nd->label, nd), nearest = 1e9f;
            int who = -1;
            for (int j = 0; j < n; j++) {
                float gj = j == i ? 1e9f : plate_gap(nd->label, ui_map_node(m, j));
                if (gj < nearest)
                    nearest = gj, who = j;
            }
            CHECK_MSG(own <= nearest + ui_px(c.d, 4) || own <= ui_px(c.d, 6) ||
                          ui_map_node_leader(m, i),
                      "%s: %s's plate is %.0f px from its node, %.0f from %s's", c.what,
                      w->sc->actors[i].id, own, nearest, who >= 0 ? w->sc->actors[who].id : "?");
        }
        CHECK_MSG(g.news.shown >= 3, "%s: the news log shows %d rows", c.what, g.news.shown);
        /* Every chart of the panel keeps a plot under its title and legend: a fifth of its
         * place at least, and 28 units high (the "owed within a year" chart was once a strip
         * under a three-row legend at projector size). */
        for (int k = 0; k < UI_N_CHARTS; k++) {
            if (k == UI_CHART_GAUGE)
                continue;
            float ph = g.chart[k].plot.h, sh = g.slot[k].h;
            CHECK_MSG(ph >= 0.2f * sh && ph >= ui_px(c.d, 28),
                      "%s: chart %s has a plot %.0f px high in its %.0f px", c.what,
                      ui_panel_charts[k].name, ph, sh);
        }
    }
    ui_map_destroy(m);
    close_canvas(&c, name);
}

/* The room of a hosted class (ui_room): the room screen with every seat of w, the QR code and a
 * seat's menu; then the game screen with the room's strip under the map and the menu open over
 * it, the new code shown. */
static void fill_room(const SimWorld *w, UiRoom *r)
{
    memset(r, 0, sizeof *r);
    r->url[0] = "http://192.168.100.200:49152/";
    r->where[0] = "wlp2s0";
    r->url[1] = "http://10.20.30.40:49152/";
    r->where[1] = "enp0s31f6";
    r->url[2] = "http://127.0.0.1:49152/";
    r->where[2] = "lo";
    r->n_url = 3;
    r->code = "WWWMMM";
    r->n_seats = w->n < UI_ROOM_SEATS ? w->n : UI_ROOM_SEATS;
    for (int i = 0; i < r->n_seats; i++) {
        r->seats[i].name = core_tr_content(w->sc->actors[i].name);
        r->seats[i].state = (UiSeatState)(i % 4);
    }
    r->countdown = 3599;
    r->menu_seat = 1;
    r->menu_code = "0123456789abcdef0123456789abcdef";
}

static void draw_room(const SimWorld *w, const Size *z, int game)
{
    Canvas c;
    const char *name = game ? "strip" : "room";
    if (open_canvas(&c, z, name) < 0) {
        close_canvas(&c, name);
        return;
    }
    UiRoom r;
    fill_room(w, &r);
    UiRoomGeom rg;
    UiQr q;
    int has_qr = ui_qr_make(r.url[0], &q) == 0;
    CHECK_MSG(has_qr, "%s: no QR code", c.what);
    if (!game) {
        ui_room_draw(c.d, c.W, c.H, &r, has_qr ? &q : NULL, ui_tr("room.keys"), -1, -1, &rg);
        for (int k = 0; k < r.n_seats; k++)
            CHECK_MSG(within(rg.seat[k], rg.screen), "%s: seat %d off the screen", c.what, k);
        CHECK_MSG(within(rg.qr, rg.screen) && within(rg.start, rg.screen) &&
                      within(rg.menu, rg.screen),
                  "%s: the QR code, Start or the menu off the screen", c.what);
        /* No word of the room shortened with an ellipsis: a seat's state ("taken, not
         * connected") and the keys whole at every size (at projector size they were cut). */
        int n = ui_draw_traced(c.d);
        for (int i = 0; i < n && i < TRACE_CAP; i++)
            CHECK_MSG(!strstr(c.t[i].text, "\xe2\x80\xa6"), "%s: \"%s\" is cut short", c.what,
                      c.t[i].text);
    } else {
        char err[256] = "";
        UiMap *m = ui_map_create(err, sizeof err);
        UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1};
        st.news_view = ui_news_view_new();
        float W64 = (float)c.W * 0.64f;
        st.map_foot = ui_room_strip_height(c.d, W64, r.n_seats);
        UiScreenGeom g;
        CHECK_MSG(
            m && ui_screen_draw(c.d, m, c.W, c.H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0,
            "%s: %s", c.what, err);
        SDL_FRect area = {g.map.x, g.map.y + g.map.h, g.map.w, st.map_foot};
        ui_room_strip(c.d, area, &r, -1, -1, &rg);
        for (int k = 0; k < r.n_seats; k++)
            CHECK_MSG(within(rg.chip[k], area), "%s: chip %d out of the strip", c.what, k);
        ui_map_destroy(m);
    }
    if (has_qr)
        ui_qr_free(&q);
    close_canvas(&c, name);
}

static void draw_card(const SimWorld *w, const Size *z)
{
    Canvas c;
    if (open_canvas(&c, z, "card") < 0) {
        close_canvas(&c, "card");
        return;
    }
    char mon[48];
    core_tr_month(w->sc->start + 3, mon, sizeof mon);
    const char *body = core_tr_content(w->sc->description);
    UiCard card = {UI_CARD_STORY,
                   mon,
                   core_tr_content(w->sc->title),
                   {body, body, body},
                   body,
                   body,
                   NULL,
                   1,
                   3,
                   NULL};
    UiCardGeom g;
    SDL_FRect screen = {0, 0, (float)c.W, (float)c.H};
    ui_card_draw(c.d, screen, (SDL_FRect){0, screen.h * 0.7f, screen.w * 0.66f, screen.h * 0.22f},
                 &card, 0, -1, -1, &g);
    CHECK_MSG(within(g.box, screen), "%s: the card leaves the screen", c.what);
    close_canvas(&c, "card");
}

/* A story card pushed to a class from the window's host, with the class's answers: counted
 * (revealed = 0: the Show button) or revealed (a bar per choice, six teams' words). */
static void draw_card_answers(const SimWorld *w, const Size *z, int revealed)
{
    const char *name = revealed ? "card answers revealed" : "card answers";
    Canvas c;
    if (open_canvas(&c, z, name) < 0) {
        close_canvas(&c, name);
        return;
    }
    char mon[48], head[200], reveal[120], line[UI_CARD_LINES][400];
    core_tr_month(w->sc->start + 3, mon, sizeof mon);
    const char *body = core_tr_content(w->sc->description);
    UiCardAnswers a = {core_trf(head, sizeof head,
                                revealed ? "room.card.revealed" : "room.card.answered", "6", "9",
                                NULL),
                       6,
                       9,
                       revealed,
                       core_trf(reveal, sizeof reveal, "room.card.reveal", NULL),
                       4,
                       {core_tr_content(w->sc->actors[0].name), core_tr("room.seat.connected"),
                        core_tr("room.seat.taken"), core_tr("room.seat.free")},
                       {3, 1, 2, 0},
                       {NULL},
                       0};
    for (int k = 0; k < UI_CARD_LINES; k++)
        a.line[a.n_lines++] = core_trf(line[k], sizeof line[k], "room.card.line",
                                       core_tr_content(w->sc->actors[k % w->n].name), body, NULL);
    UiCard card = {UI_CARD_STORY,
                   mon,
                   core_tr_content(w->sc->title),
                   {body, NULL, NULL},
                   NULL,
                   body,
                   NULL,
                   0,
                   1,
                   &a};
    UiCardGeom g;
    SDL_FRect screen = {0, 0, (float)c.W, (float)c.H};
    ui_card_draw(c.d, screen, (SDL_FRect){0, screen.h * 0.7f, screen.w * 0.66f, screen.h * 0.22f},
                 &card, 0, -1, -1, &g);
    CHECK_MSG(within(g.box, screen), "%s: the card leaves the screen", c.what);
    if (!revealed)
        CHECK_MSG(g.btn_reveal.w > 0 && within(g.btn_reveal, g.box) &&
                      ui_card_hit(&g, g.btn_reveal.x + 2, g.btn_reveal.y + 2) == UI_CARD_REVEAL,
                  "%s: no Show button on the card", c.what);
    else
        CHECK_MSG(g.btn_reveal.w == 0, "%s: a Show button after the reveal", c.what);
    CHECK_MSG(g.btn_next.y >= g.question.y + g.question.h, "%s: the buttons over the question",
              c.what);
    close_canvas(&c, name);
}

static void draw_debrief(const SimWorld *w, const Size *z)
{
    Canvas c;
    if (open_canvas(&c, z, "debrief") < 0) {
        close_canvas(&c, "debrief");
        return;
    }
    UiDebriefGeom g;
    ui_debrief_draw(c.d, c.W, c.H, w, core_tr("play.keys.debrief"), &g);
    close_canvas(&c, "debrief");
}

/* The debrief with its histogram of 100 worlds, a third broken over the calendar: its x labels
 * are months of the game (from its first month, the scenario's start, to its last). */
static void draw_worlds(const SimWorld *w, const Size *z)
{
    Canvas c;
    if (open_canvas(&c, z, "worlds") < 0) {
        close_canvas(&c, "worlds");
        return;
    }
    UiDebriefWorlds wd;
    memset(&wd, 0, sizeof wd);
    wd.total = wd.done = UI_DEBRIEF_WORLDS;
    wd.horizon = w->turns;
    for (int k = 0; k < UI_DEBRIEF_WORLDS; k++)
        wd.broke[k] = k % 3 ? 0 : 1 + k * (w->turns - 1) / UI_DEBRIEF_WORLDS;
    wd.people = 1u << w->sc->hub;
    UiDebriefGeom g;
    ui_debrief_draw_worlds(c.d, c.W, c.H, w, core_tr("play.keys.debrief"), &wd, &g);
    int n = ui_draw_traced(c.d), months = 0;
    for (int i = 0; i < n && i < TRACE_CAP; i++) {
        int m;
        if (core_month_parse(c.t[i].text, &m) != 0)
            continue;
        months++;
        CHECK_MSG(m >= w->sc->start && m <= w->sc->end,
                  "%s: the x label %s is not a month of the game", c.what, c.t[i].text);
    }
    CHECK_MSG(months >= 2, "%s: %d month labels under the bars", c.what, months);
    close_canvas(&c, "worlds");
}

static void draw_lesson(const SimWorld *w, const Size *z)
{
    Canvas c;
    if (open_canvas(&c, z, "lesson") < 0) {
        close_canvas(&c, "lesson");
        return;
    }
    /* Four questions, as the scenario's classroom notes give, one of them long. */
    const char *title = core_tr_content(w->sc->title);
    const char *q[4] = {core_tr_content(w->sc->description), title, title, title};
    UiTakeawayGeom g;
    ui_takeaway_draw(c.d, c.W, c.H, w, q, 4, core_tr("play.keys.debrief"), &g);
    /* The lower tiles keep their bars at every size (at projector size they once had none):
     * two at least of the exposure tile's, this game's hub having failed with creditors. */
    CHECK_MSG(g.n_bars >= 2, "%s: %d bars in the exposure tile", c.what, g.n_bars);
    close_canvas(&c, "lesson");
}

/* The hub's desk with the offers of desk_world waiting, and with `dialog` its
 * deal dialog over it: a draft of 900 months, above its range, so the dialog explains it. */
static void draw_desk(const SimWorld *w, const Size *z, int dialog)
{
    Canvas c;
    const char *name = dialog ? "dialog" : "desk";
    if (open_canvas(&c, z, name) < 0) {
        close_canvas(&c, name);
        return;
    }
    static UiDesk k;
    ui_desk_open(&k, w, w->sc->hub);
    CHECK_MSG(k.n_offers >= 2, "%s: %d offers on the hub's desk", c.what, k.n_offers);
    if (dialog) {
        ui_desk_draft_new(&k, w);
        for (int n = 0; n < SIM_DEAL_KIND_COUNT && k.draft.t.kind != SIM_DEAL_COMPUTE; n++)
            ui_desk_step(&k, w, UI_F_KIND, 1, 0);
        for (int n = 0; n < UI_F_COUNT && k.draft.focus != UI_F_MONTHS; n++)
            ui_desk_focus(&k, 1);
        ui_desk_type(&k, w, "900");
        CHECK_MSG(ui_desk_field_state(&k, UI_F_MONTHS) == UI_FS_HIGH, "%s: 900 months in range",
                  c.what);
    }
    char err[256] = "";
    UiMap *m = ui_map_create(err, sizeof err);
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1, .desk = &k, .n_seats = 1};
    st.news_view = ui_news_view_new();
    UiScreenGeom g;
    CHECK_MSG(m && ui_screen_draw(c.d, m, c.W, c.H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0,
              "%s: %s", c.what, err);
    /* An offer's card in view, however short the panel (the numbers give way). */
    CHECK_MSG(dialog || g.role.offer[0].w > 0, "%s: no offer's card on the desk", c.what);
    /* Every offer reachable: each card shown, or a line saying how many are and that Up/Down
     * brings the others. */
    if (!dialog && g.role.offer[k.n_offers - 1].w <= 0) {
        char more[160], n1[16], n2[16];
        int shown = 0, said = 0;
        for (int i = 0; i < k.n_offers; i++)
            shown += g.role.offer[i].w > 0;
        snprintf(n1, sizeof n1, "%d", shown);
        snprintf(n2, sizeof n2, "%d", k.n_offers + k.more_offers);
        core_trf(more, sizeof more, "role.desk.more", n1, n2, NULL);
        int n = ui_draw_traced(c.d);
        for (int i = 0; i < n && i < TRACE_CAP; i++)
            said |= strncmp(c.t[i].text, more, sizeof c.t[i].text - 1) == 0;
        CHECK_MSG(said, "%s: %d of %d offers shown and no \"%s\"", c.what, shown, k.n_offers, more);
    }
    if (dialog)
        CHECK_MSG(g.role.dialog.w > 0 && g.role.note.w > 0,
                  "%s: the dialog or its note is not shown", c.what);
    ui_map_destroy(m);
    close_canvas(&c, name);
}

/* The lever panel in the chart panel's place; with `without`, the game without the change beside
 * this one from month `from`, and its sentence. */
static void draw_levers(const SimWorld *w, const SimWorld *without, const Size *z)
{
    Canvas c;
    const char *name = without ? "levers-compare" : "levers";
    if (open_canvas(&c, z, name) < 0) {
        close_canvas(&c, name);
        return;
    }
    char err[256] = "", sentence[400], mon[64], v1[32], v2[32];
    int hub = w->sc->hub;
    core_tr_month(w->sc->start - 1 + w->turn, mon, sizeof mon);
    snprintf(v1, sizeof v1, "$%.0fB", sim_market_value(w, hub));
    snprintf(v2, sizeof v2, "$%.0fB", sim_market_value(w, hub) * 0.8);
    core_trf(sentence, sizeof sentence, "lever.compare.value",
             core_tr_content(w->sc->actors[hub].name), mon, v1, v2, "+25.0%", NULL);
    UiMap *m = ui_map_create(err, sizeof err);
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1, .levers = 1, .lever_focus = 2};
    st.news_view = ui_news_view_new();
    if (without)
        st.lever_compare = (UiLeversCompare){without, 2, sentence};
    UiScreenGeom g;
    CHECK_MSG(m && ui_screen_draw(c.d, m, c.W, c.H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0,
              "%s: %s", c.what, err);
    CHECK_MSG(g.levers.box.w > 0, "%s: no lever panel", c.what);
    ui_map_destroy(m);
    close_canvas(&c, name);
}

/* The lab (app_play_lab.c): its panel over the chart panel with this version's run (now) and,
 * if given, the run before, the sentence and a console of prints, an error with its hint and the
 * lab's lines; with `pick`, the picker over the screen (the file step, a path being typed). */
static void draw_lab(const SimWorld *w, const SimWorld *now, const SimWorld *before, const Size *z,
                     int pick)
{
    Canvas c;
    const char *name = pick ? "lab-pick" : before ? "lab-before" : "lab";
    if (open_canvas(&c, z, name) < 0) {
        close_canvas(&c, name);
        return;
    }
    char err[256] = "", title[256], status[600], sentence[1200], a[400], b[400], mon[64];
    int hub = w->sc->hub, me = 4;
    const char *hub_name = core_tr_content(w->sc->actors[hub].name);
    const char *my_name = core_tr_content(w->sc->actors[me].name);
    core_trf(title, sizeof title, "lab.title", my_name, "timed_exit_for_the_class.lua", NULL);
    core_trf(status, sizeof status, "lab.version", "12", "15", NULL);
    core_trf(a, sizeof a, "lab.refused_note", "12", NULL);
    snprintf(status + strlen(status), sizeof status - strlen(status), " %s", a);
    core_tr_month(w->sc->start + 50, mon, sizeof mon);
    core_trf(a, sizeof a, "lab.changed.score", my_name, "1.431", "1.417", "+0.014", NULL);
    core_trf(b, sizeof b, "lab.changed.end", core_tr("lab.end.default"), core_tr("lab.end.horizon"),
             NULL);
    core_trf(sentence, sizeof sentence, "lab.changed.join", a, b, NULL);
    core_trf(a, sizeof a, "lab.changed.default_new", hub_name, mon, NULL);
    core_strlcpy(b, sentence, sizeof b);
    core_trf(sentence, sizeof sentence, "lab.changed.join", b, a, NULL);
    char lines[6][500];
    core_trf(lines[0], sizeof lines[0], "lab.console.print", mon, "offer 3.1 (deal 5): accepted",
             NULL);
    core_trf(lines[1], sizeof lines[1], "lab.console.lost", mon,
             "mine.lua:14: view.actors[...] has no field 'casj' (did you mean 'cash'?)", NULL);
    core_trf(lines[2], sizeof lines[2], "lab.console.dropped", mon, "propose: over budget", NULL);
    core_trf(lines[3], sizeof lines[3], "lab.console.more_prints", "70", NULL);
    core_trf(lines[4], sizeof lines[4], "lab.console.refused", "12", NULL);
    core_trf(lines[5], sizeof lines[5], "lab.console.taken", "12", sentence, NULL);
    const char *lp[6] = {lines[0], lines[1], lines[2], lines[3], lines[4], lines[5]};
    static const int kinds[6] = {UI_LAB_PRINT, UI_LAB_ERROR, UI_LAB_DROPPED,
                                 UI_LAB_INFO,  UI_LAB_INFO,  UI_LAB_INFO};
    UiMap *m = ui_map_create(err, sizeof err);
    UiScreenState st = {.speed = 1.0, .mouse_x = -1, .mouse_y = -1};
    st.news_view = ui_news_view_new();
    UiScreenGeom g;
    CHECK_MSG(m && ui_screen_draw(c.d, m, c.W, c.H, w, w->turn, 0.3, &st, &g, err, sizeof err) == 0,
              "%s: %s", c.what, err);
    UiLab lab = {title, status, sentence, now, before, me, lp, kinds, 6, 0};
    UiLabGeom lg;
    ui_lab_draw(c.d, g.panel, &lab, &lg);
    CHECK_MSG(lg.box.w > 0 && lg.shown > 0, "%s: no lab panel or console", c.what);
    /* The point of the lab: the run drawn beside the one before, at every size (a projector's
     * short panel included). */
    CHECK_MSG(lg.value.plot.w > 0 && lg.value.plot.h >= ui_px(c.d, 28),
              "%s: the lab draws no chart of the runs (plot %.0fx%.0f)", c.what, lg.value.plot.w,
              lg.value.plot.h);
    if (pick) {
        const char *rows[] = {"mine.lua", "strategies/oracle_opportunist.lua",
                              "examples/cautious_vendor.lua", "cookbook/timed_exit.lua"};
        char q[400];
        core_trf(q, sizeof q, "lab.pick.file", my_name, NULL);
        UiLabPick pk = {core_tr("lab.pick.title"), q, rows, 4, 1, "students/ana/timed.lua",
                        core_tr("lab.pick.keys")};
        UiLabPickGeom pg;
        ui_lab_pick_draw(c.d, c.W, c.H, &pk, &pg);
        CHECK_MSG(pg.row[3].w > 0, "%s: the picker's rows are not all shown", c.what);
    }
    ui_map_destroy(m);
    close_canvas(&c, name);
}

/* The saves list as the app fills it (app_play_saves.c): a game's heading, its saves, a file that
 * does not load, a failed load's message; with `ask`, the seat question over it. */
static void draw_saves(const SimWorld *w, const Size *z, int ask)
{
    Canvas c;
    const char *name = ask ? "saves-ask" : "saves";
    if (open_canvas(&c, z, name) < 0) {
        close_canvas(&c, name);
        return;
    }
    enum { N = 8 };
    char title[N][400], detail[N][600], mon[64], seats[400], names[300] = "", turn[16];
    for (int i = 0; i < 3; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                 core_tr_content(w->sc->actors[i].name));
    core_trf(seats, sizeof seats, "play.saves.seats.people", names,
             core_tr("play.saves.plays.playbook"), NULL);
    core_tr_month(w->sc->start + 33, mon, sizeof mon);
    UiSaveRow rows[N];
    core_trf(title[0], sizeof title[0], "play.saves.game_this", "12", core_tr_content(w->sc->title),
             "20250121", NULL);
    core_trf(detail[0], sizeof detail[0], "play.saves.game_detail", seats, mon, NULL);
    rows[0] = (UiSaveRow){title[0], detail[0], 1, 1};
    for (int r = 1; r < N - 2; r++) {
        core_tr_month(w->sc->start + 34 - r, mon, sizeof mon);
        snprintf(turn, sizeof turn, "%d", 35 - r);
        core_trf(title[r], sizeof title[r], "play.saves.row",
                 core_tr(r % 2 ? "play.saves.autosave" : "play.saves.saved"), mon, turn, NULL);
        core_trf(detail[r], sizeof detail[r], "play.saves.row_detail", "2026-12-06 17:02 UTC",
                 "closed-loop-2025-game12-seed20250121-2027-09.json", NULL);
        rows[r] = (UiSaveRow){title[r], detail[r], 1, 0};
    }
    snprintf(title[N - 2], sizeof title[N - 2], "%s", core_tr("play.saves.game_bad"));
    snprintf(detail[N - 2], sizeof detail[N - 2], "%s", core_tr("play.saves.game_bad_detail"));
    rows[N - 2] = (UiSaveRow){title[N - 2], detail[N - 2], 1, 1};
    snprintf(title[N - 1], sizeof title[N - 1], "closed-loop-2025-game3-seed7-2026-01.json");
    core_trf(detail[N - 1], sizeof detail[N - 1], "play.saves.bad",
             "saves/closed-loop-2025-game3-seed7-2026-01.json: $.world.actors[3].cash: expected "
             "a number",
             NULL);
    rows[N - 1] = (UiSaveRow){title[N - 1], detail[N - 1], 0, 0};
    char text[1200], mine[400];
    core_trf(text, sizeof text, "play.saves.ask.text", title[1], seats, NULL);
    core_trf(mine, sizeof mine, "play.saves.ask.mine", names, NULL);
    UiSavesAsk q = {
        .title = core_tr("play.saves.ask.title"),
        .text = text,
        .keys = core_tr("play.saves.ask.keys"),
        .answer = {core_tr("play.saves.ask.keep"), mine, core_tr("play.saves.ask.watch")},
        .enabled = {1, 1, 1},
        .n = 3,
        .sel = 0};
    UiSavesGeom g;
    SDL_FRect screen = {0, 0, (float)c.W, (float)c.H};
    ui_saves_draw(c.d, screen, rows, N, 1, core_tr("play.saves.bad_picked"), ask ? &q : NULL, -1,
                  -1, &g);
    CHECK_MSG(g.n_drawn >= 5, "%s: %d rows of %d drawn", c.what, g.n_drawn, N);
    close_canvas(&c, name);
}

static SimWorld *game(int turns)
{
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        return NULL;
    SimWorld *w = sim_world_create(sc, 7, err, sizeof err);
    sim_scenario_free(sc);
    CHECK_MSG(w != NULL, "%s", err);
    if (!w)
        return NULL;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        CHECK(sim_strategy_history(&s) == 0);
        sim_world_set_strategy(w, i, s);
    }
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    CHECK_MSG(sim_turn_run(w, turns, err, sizeof err) >= 0, "%s", err);
    return w;
}

/* The 2025 scenario played by history for 8 months, but the hub answers nothing and, in the 8th
 * month, Oracle offers it compute and SoftBank offers to buy its shares: both wait on its desk. */
static SimWorld *desk_world(void)
{
    char err[512] = "";
    SimScenario *sc = dat_scenario_load(CL_SCENARIO, err, sizeof err);
    CHECK_MSG(sc != NULL, "%s", err);
    if (!sc)
        return NULL;
    int hub = sc->hub, oracle = sim_scenario_find_actor(sc, "oracle"),
        softbank = sim_scenario_find_actor(sc, "softbank");
    SimWorld *w = sim_world_create(sc, 7, err, sizeof err);
    sim_scenario_free(sc);
    CHECK_MSG(w != NULL && oracle >= 0 && softbank >= 0, "%s", err);
    if (!w || oracle < 0 || softbank < 0)
        return w;
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        CHECK(sim_strategy_history(&s) == 0);
        sim_world_set_strategy(w, i, s);
    }
    fx_script(w, hub);
    fx_propose(fx_script(w, oracle), 7, fx_terms(SIM_DEAL_COMPUTE, hub, oracle, 100.0, 48));
    fx_propose(fx_script(w, softbank), 7, fx_terms(SIM_DEAL_EQUITY, softbank, hub, 40.0, 6));
    CHECK(sim_turn_start(w, err, sizeof err) == 0);
    CHECK_MSG(sim_turn_run(w, 8, err, sizeof err) >= 0, "%s", err);
    return w;
}

/* The scale: 1 at 1280x720, 3 at 3840x2160; projector on 1080p draws 11-unit text at 20 px or
 * more; never a canvas smaller than the one every screen fits. */
static void test_scale(void)
{
    CHECK(fabs(ui_scale_layout(1280, 720, 1, 1) - 1.0) < 1e-9);
    CHECK(fabs(ui_scale_layout(3840, 2160, 1, 1) - 3.0) < 1e-9);
    CHECK(fabs(ui_scale_layout(1920, 1080, 1, 1) - 1.5) < 1e-9);
    CHECK(11 * ui_scale_layout(1920, 1080, 1, ui_scale_preset(UI_SCALE_PROJECTOR)) >= 20.0);
    CHECK(ui_scale_layout(1920, 1080, 1, 4.0) <= 1080 / UI_SCALE_MIN_H + 1e-9);
    CHECK(ui_scale_layout(2560, 1600, 2, 1) == ui_scale_layout(1280, 800, 1, 1) * 2);
    CHECK(ui_scale_preset_parse("projector") == UI_SCALE_PROJECTOR &&
          ui_scale_preset_parse("huge") == -1);
    CHECK(ui_scale_preset_of(1.25) == UI_SCALE_PROJECTOR && ui_scale_preset_of(1.3) == -1);
    CHECK(ui_scale_step(1.0, 1) > 1.0 && ui_scale_step(1.0, -1) < 1.0);
    CHECK(ui_scale_step(1.6, 1) == 1.6 && ui_scale_step(0.8, -1) == 0.8);
    CHECK(ui_scale_step(ui_scale_step(1.0, 1), -1) == 1.0);
}

/* The overlap check itself: two texts drawn at one place overlap; drawn on a plate over the
 * first, the second does not count; side by side, none. */
static void test_overlap_check(void)
{
    Canvas c;
    Size z = {640, 360, UI_SCALE_NORMAL};
    if (open_canvas(&c, &z, "overlap-self") < 0) {
        close_canvas(&c, "overlap-self");
        return;
    }
    SDL_Color white = {255, 255, 255, 255};
    ui_text(c.d, "first words", 10, 10, 20, 0, white, UI_LEFT);
    ui_text(c.d, "second words", 30, 14, 20, 0, white, UI_LEFT);
    ui_text(c.d, "far away", 400, 10, 20, 0, white, UI_LEFT);
    int n = ui_draw_traced(c.d);
    CHECK(overlaps(c.t, n, "the overlap check's own test (one pair expected)") == 1);
    ui_draw_plate(c.d);
    ui_text(c.d, "over a plate", 12, 12, 20, 0, white, UI_LEFT);
    n = ui_draw_traced(c.d);
    CHECK(n == 4 && c.t[3].plate == 1 && c.t[0].plate == 0);
    CHECK(overlaps(c.t, n, "the overlap check's own test (one pair expected)") == 1);
    ui_draw_trace(c.d, NULL, 0);
    free(c.t);
    ui_draw_destroy(c.d);
    SDL_DestroyRenderer(c.r);
    SDL_FreeSurface(c.s);
}

int main(void)
{
    test_scale();
    test_overlap_check();
    test_lang_use(CORE_LANG_EN);
    SimWorld *w = game(8), *end = game(1000), *w10 = game(10), *w10b = game(10), *dk = desk_world();
    if (!w || !end || !w10 || !w10b || !dk)
        TEST_END();
    for (int lang = 0; lang < 2; lang++) {
        test_lang_use(lang ? CORE_LANG_ZH : CORE_LANG_EN);
        for (int k = 0; k < N_SIZES; k++) {
            const Size *z = &sizes[k];
            const char *only = getenv("UT_FIT_ONLY"); /* while working on one screen */
            if (only && !strstr(only, ui_scale_preset_name(z->preset)))
                continue;
#define WANT(name) (!only || strstr(only, name))
            if (WANT("start"))
                draw_start(w, z);
            if (WANT("screen")) {
                draw_game(w, z, 0);
                draw_game(w, z, 1);
            }
            if (WANT("card")) {
                draw_card(w, z);
                draw_card_answers(w, z, 0);
                draw_card_answers(w, z, 1);
            }
            if (WANT("debrief")) {
                draw_debrief(end, z);
                draw_worlds(end, z);
            }
            if (WANT("lesson"))
                draw_lesson(end, z);
            if (WANT("desk")) {
                draw_desk(dk, z, 0);
                draw_desk(dk, z, 1);
            }
            if (WANT("levers")) {
                draw_levers(w, NULL, z);
                draw_levers(w10, w10b, z);
            }
            if (WANT("saves")) {
                draw_saves(w, z, 0);
                draw_saves(w, z, 1);
            }
            if (WANT("room")) {
                draw_room(w, z, 0);
                draw_room(w, z, 1);
            }
            if (WANT("lab")) {
                draw_lab(w, end, NULL, z, 0);
                draw_lab(w, end, w10, z, 0);
                draw_lab(w, end, w10, z, 1);
            }
#undef WANT
        }
    }
    sim_world_destroy(w);
    sim_world_destroy(end);
    sim_world_destroy(w10);
    sim_world_destroy(w10b);
    sim_world_destroy(dk);
    fprintf(stderr, "test_ui_fit: %d screens drawn, %d overlapping pairs of texts\n", n_screens,
            n_overlaps);
    TEST_END();
}
