/* ui_start: the start screen (see ui_start.h). */
#include "ui_start.h"

#include "ui_scale.h"

#include "core_text.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- the picks */

int ui_start_rows(const UiStart *s)
{
    return UI_START_ROW_ROLE0 + s->n_roles + 1;
}

static int start_row(const UiStart *s)
{
    return UI_START_ROW_ROLE0 + s->n_roles;
}

void ui_start_reset_roles(UiStart *s)
{
    if (s->n_roles > UI_START_MAX_ROLES)
        s->n_roles = UI_START_MAX_ROLES;
    for (int i = 0; i < UI_START_MAX_ROLES; i++) {
        s->person[i] = 0;
        s->script[i] = 0;
    }
    s->focus = UI_START_ROW_SCENARIO;
    s->seed_typed = 0;
}

int ui_start_people(const UiStart *s, int *first)
{
    int n = 0;
    if (first)
        *first = -1;
    for (int i = 0; i < s->n_roles; i++)
        if (s->person[i]) {
            if (n == 0 && first)
                *first = i;
            n++;
        }
    return n;
}

static void move_focus(UiStart *s, int by)
{
    int rows = ui_start_rows(s);
    s->focus = ((s->focus + by) % rows + rows) % rows;
    s->seed_typed = 0;
}

/* A role's value cycles through "a person" (0) and the strategies (1..n_scripts). */
static void cycle_role(UiStart *s, int i, int by)
{
    int n = s->n_scripts + 1;
    int v = s->person[i] ? 0 : s->script[i] + 1;
    v = ((v + by) % n + n) % n;
    s->person[i] = v == 0;
    if (v > 0)
        s->script[i] = v - 1;
}

/* "You play" cycles Watch -> the first role -> ... -> the last -> Watch; from a hot-seat of
 * several people it goes back to Watch. */
static void cycle_you(UiStart *s, int by)
{
    /* 0 is Watch, 1..n_roles a role, the last "Try a strategy" (the lab). */
    int first, people = ui_start_people(s, &first), n = s->n_roles + 2;
    int next = 0;
    if (people <= 1) {
        int cur = people == 1 ? first + 1 : s->lab ? n - 1 : 0;
        next = ((cur + by) % n + n) % n;
    }
    s->lab = next == n - 1;
    for (int i = 0; i < s->n_roles; i++)
        s->person[i] = i == next - 1;
}

static UiStartAction cycle_row(UiStart *s, int row, int by)
{
    if (row == UI_START_ROW_LANG) {
        s->lang = ((s->lang + by) % CORE_LANG_COUNT + CORE_LANG_COUNT) % CORE_LANG_COUNT;
        return UI_START_LANG;
    }
    if (row == UI_START_ROW_SCENARIO) {
        if (s->n_scenarios < 2)
            return UI_START_NONE;
        s->scenario = ((s->scenario + by) % s->n_scenarios + s->n_scenarios) % s->n_scenarios;
        return UI_START_SCENARIO;
    }
    if (row == UI_START_ROW_YOU)
        cycle_you(s, by);
    else if (row >= UI_START_ROW_ROLE0 && row < start_row(s))
        cycle_role(s, row - UI_START_ROW_ROLE0, by);
    return UI_START_NONE;
}

static UiStartAction go(const UiStart *s)
{
    return s->n_roles > 0 ? UI_START_GO : UI_START_NONE;
}

UiStartAction ui_start_key(UiStart *s, SDL_Keycode key, Uint16 mod)
{
    int row = s->focus;
    int digit = key >= SDLK_0 && key <= SDLK_9         ? (int)(key - SDLK_0)
                : key >= SDLK_KP_1 && key <= SDLK_KP_9 ? (int)(key - SDLK_KP_1) + 1
                : key == SDLK_KP_0                     ? 0
                                                       : -1;
    if (digit >= 0) {
        if (row != UI_START_ROW_SEED)
            return UI_START_NONE;
        size_t len = s->seed_typed ? strlen(s->seed) : 0;
        if (len + 1 < sizeof s->seed && len < 20) {
            s->seed[len] = (char)('0' + digit);
            s->seed[len + 1] = '\0';
        }
        s->seed_typed = 1;
        return UI_START_NONE;
    }
    switch (key) {
    case SDLK_UP:
        move_focus(s, -1);
        break;
    case SDLK_DOWN:
        move_focus(s, 1);
        break;
    case SDLK_TAB:
        move_focus(s, (mod & KMOD_SHIFT) ? -1 : 1);
        break;
    case SDLK_LEFT:
        return cycle_row(s, row, -1);
    case SDLK_RIGHT:
        return cycle_row(s, row, 1);
    case SDLK_SPACE:
        if (row == UI_START_ROW_SEED)
            return UI_START_RANDOM;
        if (row == start_row(s))
            return go(s);
        if (row >= UI_START_ROW_ROLE0) {
            s->person[row - UI_START_ROW_ROLE0] = !s->person[row - UI_START_ROW_ROLE0];
            break;
        }
        return cycle_row(s, row, 1);
    case SDLK_p:
        if (row >= UI_START_ROW_ROLE0 && row < start_row(s))
            s->person[row - UI_START_ROW_ROLE0] = !s->person[row - UI_START_ROW_ROLE0];
        break;
    case SDLK_w:
        for (int i = 0; i < s->n_roles; i++)
            s->person[i] = 0;
        s->lab = 0;
        break;
    case SDLK_r:
        return UI_START_RANDOM;
    case SDLK_c:
        s->story = !s->story;
        break;
    case SDLK_o:
        s->host = !s->host;
        break;
    case SDLK_l: /* "Try a strategy": the lab's picker opens with the game */
        s->lab = !s->lab;
        if (s->lab)
            for (int i = 0; i < s->n_roles; i++)
                s->person[i] = 0;
        break;
    case SDLK_F11:
        s->fullscreen = !s->fullscreen;
        return UI_START_DISPLAY;
    case SDLK_z:
        s->scale = s->scale >= 0 && s->scale < UI_SCALE_PRESETS - 1 ? s->scale + 1 : 0;
        return UI_START_DISPLAY;
    case SDLK_BACKSPACE:
    case SDLK_DELETE:
        if (row == UI_START_ROW_SEED) {
            size_t len = strlen(s->seed);
            if (len > 0)
                s->seed[len - 1] = '\0';
            s->seed_typed = 1;
        }
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return go(s);
    case SDLK_ESCAPE:
    case SDLK_q:
        return UI_START_QUIT;
    default:
        break;
    }
    return UI_START_NONE;
}

static int inside(SDL_FRect r, float x, float y)
{
    return r.w > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

UiStartAction ui_start_click(UiStart *s, const UiStartGeom *g, float x, float y)
{
    if (inside(g->start, x, y))
        return go(s);
    if (inside(g->quit, x, y))
        return UI_START_QUIT;
    if (inside(g->host, x, y)) {
        s->host = !s->host;
        return UI_START_NONE;
    }
    if (inside(g->story, x, y)) {
        s->story = !s->story;
        return UI_START_NONE;
    }
    if (inside(g->fullscreen, x, y)) {
        s->fullscreen = !s->fullscreen;
        return UI_START_DISPLAY;
    }
    if (inside(g->scale, x, y)) {
        s->scale = s->scale >= 0 && s->scale < UI_SCALE_PRESETS - 1 ? s->scale + 1 : 0;
        return UI_START_DISPLAY;
    }
    if (inside(g->random, x, y)) {
        s->focus = UI_START_ROW_SEED;
        return UI_START_RANDOM;
    }
    for (int i = 0; i < s->n_roles && i < UI_START_MAX_ROLES; i++)
        if (inside(g->person[i], x, y)) {
            s->focus = UI_START_ROW_ROLE0 + i;
            s->person[i] = !s->person[i];
            return UI_START_NONE;
        }
    for (int r = 0; r < g->n_rows; r++) {
        if (!inside(g->row[r], x, y))
            continue;
        if (s->focus != r) {
            s->focus = r;
            s->seed_typed = 0;
        }
        if (inside(g->prev[r], x, y))
            return cycle_row(s, r, -1);
        if (inside(g->next[r], x, y) || (r != UI_START_ROW_SEED && inside(g->value[r], x, y)))
            return cycle_row(s, r, 1);
        return UI_START_NONE;
    }
    return UI_START_NONE;
}

/* ---------------------------------------------------------------- drawing */

static SDL_Color accent(const UiTheme *th)
{
    return th->family[UI_FAM_EQUITY];
}

static void button(UiDraw *d, SDL_FRect r, const char *label, int hot, int on)
{
    const UiTheme *th = ui_draw_theme(d);
    SDL_Color fill = on ? ui_shade(accent(th), -0.35) : ui_shade(th->panel, 0.12);
    if (hot)
        fill = ui_shade(fill, 0.15);
    ui_fill_round_rect(d, r, ui_px(d, 8), fill);
    ui_stroke_round_rect(d, r, ui_px(d, 8), ui_px(d, 2), on ? accent(th) : th->axis);
    ui_text(d, label, r.x + r.w / 2, r.y + r.h / 2, fminf(ui_px(d, 22), r.h * 0.5f), 1, th->text,
            UI_CENTER | UI_MIDDLE);
}

/* A row's background: the focused one lit, with an accent bar on its left. */
static void row_back(UiDraw *d, SDL_FRect r, int focused, int odd)
{
    const UiTheme *th = ui_draw_theme(d);
    if (focused) {
        ui_fill_round_rect(d, r, ui_px(d, 6), ui_shade(th->panel, 0.16));
        ui_fill_rect(d, (SDL_FRect){r.x, r.y, ui_px(d, 6), r.h}, accent(th));
    } else if (odd) {
        ui_fill_rect(d, r, ui_shade(th->panel, 0.04));
    }
}

/* A value box with arrows at both ends: < value >. */
static void chooser(UiDraw *d, SDL_FRect box, const char *text, int strong, SDL_Color c, float mx,
                    float my, SDL_FRect *prev, SDL_FRect *next)
{
    const UiTheme *th = ui_draw_theme(d);
    int hot = inside(box, mx, my);
    ui_fill_round_rect(d, box, ui_px(d, 6), ui_shade(th->bg, hot ? 0.1 : 0.04));
    ui_stroke_round_rect(d, box, ui_px(d, 6), ui_px(d, 1.5), th->axis);
    float aw = fminf(box.h, ui_px(d, 40));
    *prev = (SDL_FRect){box.x, box.y, aw, box.h};
    *next = (SDL_FRect){box.x + box.w - aw, box.y, aw, box.h};
    float size = fminf(ui_px(d, 21), box.h * 0.6f), cy = box.y + box.h / 2;
    ui_text(d, "\xE2\x97\x80", prev->x + aw / 2, cy, size * 0.8f, 0,
            inside(*prev, mx, my) ? th->text : th->text_dim, UI_CENTER | UI_MIDDLE);
    ui_text(d, "\xE2\x96\xB6", next->x + aw / 2, cy, size * 0.8f, 0,
            inside(*next, mx, my) ? th->text : th->text_dim, UI_CENTER | UI_MIDDLE);
    /* Smaller, down to 14 units (20 px at projector size); then on two lines where the box holds
     * them; an ellipsis last. */
    int tw = 0;
    for (; size * 0.95f >= ui_px(d, 14); size *= 0.95f) {
        ui_text_size(d, text, size, strong, &tw, NULL);
        if ((float)tw <= box.w - 2 * aw)
            break;
    }
    ui_text_size(d, text, size, strong, &tw, NULL);
    float h2 = ui_text_wrapped_height(d, text, box.w - 2 * aw, size, strong, 2);
    if ((float)tw > box.w - 2 * aw && h2 <= box.h - ui_px(d, 4)) {
        ui_text_wrapped(d, text, box.x + aw, cy - h2 / 2, box.w - 2 * aw, size, strong, c, 2);
        return;
    }
    char fit[160];
    ui_text_fit(d, text, size, strong, box.w - 2 * aw, fit, sizeof fit);
    ui_text(d, fit, box.x + box.w / 2, cy, size, strong, c, UI_CENTER | UI_MIDDLE);
}

static const char *role_value(const UiStart *s, int i, char *buf, size_t n)
{
    if (s->person[i])
        return core_tr("start.person");
    int k = s->script[i];
    if (k < 0 || k >= s->n_scripts)
        return "?";
    if (k == 0 && s->roles[i].playbook && s->roles[i].playbook[0]) {
        return core_trf(buf, n, "start.playbook", s->roles[i].playbook, NULL);
    }
    return s->scripts[k];
}

static const char *you_value(const UiStart *s, char *buf, size_t n)
{
    int first, people = ui_start_people(s, &first);
    if (people == 0)
        return core_tr(s->lab ? "start.lab" : "start.watch");
    if (people == 1)
        return s->roles[first].name;
    char names[400], count[16];
    int len = 0, shown = 0;
    names[0] = '\0';
    for (int i = 0; i < s->n_roles && len >= 0 && (size_t)len < sizeof names; i++)
        if (s->person[i])
            len += snprintf(names + len, sizeof names - (size_t)len, "%s%s",
                            shown++ ? core_tr("start.list_sep") : "", s->roles[i].name);
    snprintf(count, sizeof count, "%d", people);
    return core_trf(buf, n, "start.hotseat", count, names, NULL);
}

/* The header: the name, the line under it, and the language row on the right. */
static void draw_header(UiDraw *d, float W, float pad, float y, const UiStart *s, float mx,
                        float my, UiStartGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    float label_pt = ui_px(d, 17);
    float tw = (float)ui_text(d, "closedloop", pad, y, ui_px(d, 44), 1, th->text, UI_LEFT);
    {
        int r = UI_START_ROW_LANG, lw_label = 0, focused = s->focus == r;
        const char *label = core_tr("start.label.lang");
        float lh = ui_px(d, 44), lbw = fminf(ui_px(d, 230), W * 0.22f);
        SDL_FRect box = {W - pad - lbw, y + ui_px(d, 4), lbw, lh};
        ui_text_size(d, label, label_pt, 1, &lw_label, NULL);
        SDL_FRect row = {box.x - (float)lw_label - ui_px(d, 34), box.y - ui_px(d, 6),
                         W - pad + ui_px(d, 8) - (box.x - (float)lw_label - ui_px(d, 34)),
                         lh + ui_px(d, 12)};
        g->row[r] = row;
        row_back(d, row, focused, 0);
        ui_text(d, label, row.x + ui_px(d, 18), box.y + lh / 2, label_pt, 1,
                focused ? th->text : th->text_dim, UI_LEFT | UI_MIDDLE);
        char key[32];
        snprintf(key, sizeof key, "start.lang.%s", core_lang_code((CoreLang)s->lang));
        chooser(d, box, core_tr(key), 1, th->text, mx, my, &g->prev[r], &g->next[r]);
        g->value[r] = box;
        /* The line under the name gives way to the language row. */
        float sx = pad + tw + ui_px(d, 20), sw = row.x - ui_px(d, 16) - sx;
        int stw = 0;
        ui_text_size(d, core_tr("start.subtitle"), ui_px(d, 22), 0, &stw, NULL);
        if (sw > ui_px(d, 40) && (float)stw <= sw) {
            ui_text(d, core_tr("start.subtitle"), sx, y + ui_px(d, 44) - ui_px(d, 22) * 1.25f,
                    ui_px(d, 22), 0, th->text_dim, UI_LEFT);
        } else if (sw > ui_px(d, 40)) { /* whole, on two lines of smaller type */
            float h2 = ui_text_wrapped_height(d, core_tr("start.subtitle"), sw, ui_px(d, 15), 0, 2);
            ui_text_wrapped(d, core_tr("start.subtitle"), sx, y + ui_px(d, 30) - h2 / 2, sw,
                            ui_px(d, 15), 0, th->text_dim, 2);
        }
    }
}

/* The left column: scenario, seed and who you play, then the scenario's story and how the seats
 * work. */
static void draw_settings(UiDraw *d, float lx, float lw, float y, float body_bottom,
                          const UiStart *s, float mx, float my, UiStartGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    float label_pt = ui_px(d, 17), box_h = ui_px(d, 50), val_pt = ui_px(d, 21);
    char buf[512];
    static const char *const labels[3] = {"start.label.scenario", "start.label.seed",
                                          "start.label.you"};
    for (int r = UI_START_ROW_SCENARIO; r <= UI_START_ROW_YOU; r++) {
        SDL_FRect row = {lx - ui_px(d, 12), y - ui_px(d, 8), lw + ui_px(d, 24),
                         label_pt * 1.5f + box_h + ui_px(d, 16)};
        g->row[r] = row;
        row_back(d, row, s->focus == r, 0);
        ui_text(d, core_tr(labels[r - UI_START_ROW_SCENARIO]), lx + ui_px(d, 4), y, label_pt, 1,
                s->focus == r ? th->text : th->text_dim, UI_LEFT);
        SDL_FRect box = {lx + ui_px(d, 4), y + label_pt * 1.5f, lw - ui_px(d, 8), box_h};
        if (r == UI_START_ROW_SCENARIO) {
            const char *label =
                s->n_scenarios > 0 && s->scenario >= 0 && s->scenario < s->n_scenarios
                    ? s->scenarios[s->scenario]
                    : core_tr("start.no_scenario");
            chooser(d, box, label, 1, th->text, mx, my, &g->prev[r], &g->next[r]);
            if (s->n_scenarios < 2)
                g->prev[r].w = g->next[r].w = 0;
            g->value[r] = box;
        } else if (r == UI_START_ROW_SEED) {
            float rbw = ui_px(d, 130);
            SDL_FRect field = {box.x, box.y, box.w - rbw - ui_px(d, 12), box_h};
            int editing = s->focus == r;
            ui_fill_round_rect(d, field, ui_px(d, 6), ui_shade(th->bg, 0.04));
            ui_stroke_round_rect(d, field, ui_px(d, 6), ui_px(d, editing ? 2.5 : 1.5),
                                 editing ? accent(th) : th->axis);
            float sx = field.x + ui_px(d, 14);
            sx += (float)ui_text(d, s->seed, sx, field.y + box_h / 2, val_pt, 1, th->text,
                                 UI_LEFT | UI_MIDDLE);
            if (editing) /* a caret */
                ui_fill_rect(d,
                             (SDL_FRect){sx + ui_px(d, 3), field.y + box_h * 0.22f, ui_px(d, 2.5),
                                         box_h * 0.56f},
                             accent(th));
            g->value[r] = field;
            g->random = (SDL_FRect){field.x + field.w + ui_px(d, 12), box.y, rbw, box_h};
            button(d, g->random, core_tr("start.random"), inside(g->random, mx, my), 0);
        } else {
            int people = ui_start_people(s, NULL);
            chooser(d, box, you_value(s, buf, sizeof buf), 1, people == 0 ? th->text : th->up, mx,
                    my, &g->prev[r], &g->next[r]);
            g->value[r] = box;
        }
        y += row.h + ui_px(d, 14);
    }
    y += ui_px(d, 6);
    if (s->title) {
        char fit[256];
        ui_text_fit_short(d, s->title, 1, ui_px(d, 22), 1, lw, fit, sizeof fit);
        ui_text(d, fit, lx, y, ui_px(d, 22), 1, th->text, UI_LEFT);
        y += ui_px(d, 22) * 1.5f;
    }
    /* How the seats work, at the bottom of the column when there is room. */
    const char *how = core_tr("start.how");
    float how_pt = ui_px(d, 16), how_h = ui_text_wrapped_height(d, how, lw, how_pt, 0, 3);
    int how_fits = body_bottom - y > how_h + ui_px(d, 22) * 4;
    if (s->about) {
        float size = ui_px(d, 17), room = body_bottom - y - (how_fits ? how_h + ui_px(d, 16) : 0);
        int lines = (int)(room / (size * 1.35f));
        if (lines > 0)
            ui_text_wrapped(d, s->about, lx, y, lw, size, 0,
                            s->n_roles > 0 ? th->text_dim : th->down, lines > 12 ? 12 : lines);
    }
    if (how_fits)
        ui_text_wrapped(d, how, lx, body_bottom - how_h, lw, how_pt, 0, th->text_dim, 3);
}

/* The right column: each role, a person's box and who else plays it. */
static void draw_roles(UiDraw *d, float rx, float rw, float ry, float body_bottom, const UiStart *s,
                       float mx, float my, UiStartGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    char buf[512];
    ui_text(d, core_tr("start.roles"), rx, ry, ui_px(d, 24), 1, th->text, UI_LEFT);
    ry += ui_px(d, 24) * 1.5f;
    float head_pt = ui_px(d, 15);
    float person_x = rx + rw * 0.3f, value_x = person_x + ui_px(d, 96);
    SDL_FRect value_col = {value_x, 0, rx + rw - value_x, 0};
    ui_text(d, core_tr("start.head.role"), rx + ui_px(d, 16), ry, head_pt, 0, th->text_dim,
            UI_LEFT);
    ui_text(d, core_tr("start.head.person"), person_x + ui_px(d, 20), ry, head_pt, 0, th->text_dim,
            UI_CENTER);
    ui_text(d, core_tr("start.head.other"), value_col.x + value_col.w / 2, ry, head_pt, 0,
            th->text_dim, UI_CENTER);
    ry += head_pt * 1.6f;
    int n = s->n_roles < UI_START_MAX_ROLES ? s->n_roles : UI_START_MAX_ROLES;
    float rh = n > 0 ? fminf(ui_px(d, 56), (body_bottom - ry) / (float)n) : ui_px(d, 56);
    int two = rh >= ui_px(d, 48);
    float name_pt = fminf(ui_px(d, 21), rh * (two ? 0.4f : 0.55f)), note_pt = ui_px(d, 14);
    for (int i = 0; i < n; i++) {
        int r = UI_START_ROW_ROLE0 + i;
        SDL_FRect row = {rx, ry, rw, rh};
        g->row[r] = row;
        row_back(d, row, s->focus == r, i % 2 == 1);
        float cy = ry + rh / 2;
        const UiStartRole *ro = &s->roles[i];
        char fit[128];
        float name_w = person_x - rx - ui_px(d, 24);
        ui_text_fit_short(d, ro->name ? ro->name : ro->id, 0, name_pt, 1, name_w, fit, sizeof fit);
        if (two && ro->note && ro->note[0]) {
            ui_text(d, fit, rx + ui_px(d, 16), cy - ui_px(d, 1), name_pt, 1, th->text,
                    UI_LEFT | UI_BOTTOM);
            ui_text_fit(d, ro->note, note_pt, 0, name_w, fit, sizeof fit);
            ui_text(d, fit, rx + ui_px(d, 16), cy + ui_px(d, 2), note_pt, 0, th->text_dim, UI_LEFT);
        } else {
            ui_text(d, fit, rx + ui_px(d, 16), cy, name_pt, 1, th->text, UI_LEFT | UI_MIDDLE);
        }
        float bs = fminf(ui_px(d, 30), rh * 0.7f);
        SDL_FRect pb = {person_x + ui_px(d, 20) - bs / 2, cy - bs / 2, bs, bs};
        g->person[i] = pb;
        if (s->person[i]) {
            ui_fill_round_rect(d, pb, ui_px(d, 5), th->up);
            ui_text(d, "\xE2\x9C\x93", pb.x + bs / 2, cy, bs * 0.8f, 1, th->bg,
                    UI_CENTER | UI_MIDDLE);
        } else {
            ui_fill_round_rect(d, pb, ui_px(d, 5), inside(pb, mx, my) ? th->grid : th->bg);
            ui_stroke_round_rect(d, pb, ui_px(d, 5), ui_px(d, 2), th->axis);
        }
        /* Thin rows (many roles) give the box more of their height, so its text stays near
         * the names' size. */
        float box_k = two ? 0.76f : 0.9f;
        SDL_FRect box = {value_x, ry + rh * (1.0f - box_k) / 2.0f, value_col.w - ui_px(d, 8),
                         rh * box_k};
        chooser(d, box, role_value(s, i, buf, sizeof buf), s->person[i],
                s->person[i] ? th->up : th->text, mx, my, &g->prev[r], &g->next[r]);
        g->value[r] = box;
        ry += rh;
    }
}

/* A box in the bottom bar: a tick box and its label (tick = 0: the label alone, a chooser). */
static void tick_box(UiDraw *d, SDL_FRect b, const char *label, int on, int tick, float mx,
                     float my)
{
    const UiTheme *th = ui_draw_theme(d);
    float bs = fminf(ui_px(d, 26), b.h - ui_px(d, 6)), cy = b.y + b.h / 2;
    SDL_FRect box = {b.x + ui_px(d, 12), cy - bs / 2, bs, bs};
    ui_fill_round_rect(d, b, ui_px(d, 8),
                       inside(b, mx, my) ? ui_shade(th->panel, 0.12) : th->panel);
    float lx = b.x + ui_px(d, 14);
    if (tick) {
        if (on) {
            ui_fill_round_rect(d, box, ui_px(d, 5), th->up);
            ui_text(d, "\xE2\x9C\x93", box.x + bs / 2, cy, bs * 0.8f, 1, th->bg,
                    UI_CENTER | UI_MIDDLE);
        } else {
            ui_stroke_round_rect(d, box, ui_px(d, 5), ui_px(d, 2), th->axis);
        }
        lx = box.x + bs + ui_px(d, 10);
    }
    char fit[200];
    float lw = b.x + b.w - ui_px(d, 10) - lx, pt = ui_px(d, 17);
    /* Smaller type before an ellipsis, down to 14. */
    for (int tw = 0; pt > ui_px(d, 14); pt -= ui_px(d, 0.5)) {
        ui_text_size(d, label, pt, 1, &tw, NULL);
        if ((float)tw <= lw)
            break;
    }
    ui_text_fit(d, label, pt, 1, lw, fit, sizeof fit);
    ui_text(d, fit, lx, cy, pt, 1, on || !tick ? th->text : th->text_dim, UI_LEFT | UI_MIDDLE);
}

/* The bottom bar: a notice, the keys above it; story mode, the display's options, Quit and
 * Start. */
static void draw_bottom(UiDraw *d, float W, float pad, float bottom, const UiStart *s, float mx,
                        float my, UiStartGeom *g)
{
    const UiTheme *th = ui_draw_theme(d);
    if (s->notice && *s->notice)
        ui_text(d, s->notice, pad, bottom - ui_px(d, 36), ui_px(d, 17), 1, th->down,
                UI_LEFT | UI_BOTTOM);
    /* Story mode, full screen and the scale: boxes to tick, left of Quit. */
    char scale[120];
    const char *scale_name = ui_scale_preset_name(s->scale);
    char scale_key[48];
    snprintf(scale_key, sizeof scale_key, "start.scale_name.%s", scale_name ? scale_name : "other");
    core_trf(scale, sizeof scale, "start.scale", core_tr(scale_key), NULL);
    tick_box(d, g->story, core_tr("start.story"), s->story, 1, mx, my);
    tick_box(d, g->host, core_tr("start.host"), s->host, 1, mx, my);
    tick_box(d, g->fullscreen, core_tr("start.fullscreen"), s->fullscreen, 1, mx, my);
    tick_box(d, g->scale, scale, 0, 0, mx, my);
    const char *keys = core_tr("start.keys");
    float keys_w = W - 2 * pad, keys_pt = ui_px(d, 16);
    for (int kw = 0; keys_pt > ui_px(d, 11); keys_pt -= ui_px(d, 0.5)) {
        ui_text_size(d, keys, keys_pt, 0, &kw, NULL);
        if ((float)kw <= keys_w)
            break;
    }
    char keys_fit[512];
    ui_text_fit(d, keys, keys_pt, 0, keys_w, keys_fit, sizeof keys_fit);
    ui_text(d, keys_fit, pad, bottom - ui_px(d, 6), keys_pt, 0, th->text_dim, UI_LEFT | UI_BOTTOM);
    button(d, g->quit, core_tr("start.quit"), inside(g->quit, mx, my), 0);
    int focus_start = s->focus == start_row(s);
    button(d, g->start, core_tr(s->n_roles > 0 ? "start.start" : "start.start_none"),
           inside(g->start, mx, my) || focus_start, s->n_roles > 0);
    if (focus_start)
        ui_stroke_round_rect(d,
                             (SDL_FRect){g->start.x - ui_px(d, 4), g->start.y - ui_px(d, 4),
                                         g->start.w + ui_px(d, 8), g->start.h + ui_px(d, 8)},
                             ui_px(d, 10), ui_px(d, 2.5), th->text);
}

void ui_start_draw(UiDraw *d, int width, int height, const UiStart *s, float mx, float my,
                   UiStartGeom *g)
{
    memset(g, 0, sizeof *g);
    const UiTheme *th = ui_draw_theme(d);
    g->screen = ui_fill_window(d, width, height);
    float W = g->screen.w, H = g->screen.h, pad = ui_px(d, 32);

    float y = pad * 0.8f;
    draw_header(d, W, pad, y, s, mx, my, g);
    y += ui_px(d, 44) * 1.2f + ui_px(d, 18);
    ui_fill_rect(d, (SDL_FRect){pad, y, W - 2 * pad, fmaxf(ui_px(d, 1), 1)}, th->grid);
    y += ui_px(d, 22);

    /* Quit and Start sit at the bottom; the columns fill what is above them. */
    float bh = ui_px(d, 56), bottom = H - pad * 0.6f - bh;
    g->start = (SDL_FRect){W - pad - ui_px(d, 220), bottom, ui_px(d, 220), bh};
    g->quit = (SDL_FRect){g->start.x - ui_px(d, 16) - ui_px(d, 120), bottom, ui_px(d, 120), bh};
    /* Story mode, full screen and the scale share the bar left of Quit. */
    float gap = ui_px(d, 12), room = g->quit.x - ui_px(d, 16) - pad - 3 * gap;
    float story_w = fminf(ui_px(d, 330), room * 0.31f), opt_w = fminf(ui_px(d, 250), room * 0.21f);
    float host_w = fminf(ui_px(d, 300), room * 0.27f);
    g->story = (SDL_FRect){g->quit.x - ui_px(d, 16) - story_w, bottom, story_w, bh};
    g->host = (SDL_FRect){g->story.x - gap - host_w, bottom, host_w, bh};
    g->fullscreen = (SDL_FRect){g->host.x - gap - opt_w, bottom, opt_w, bh};
    g->scale = (SDL_FRect){g->fullscreen.x - gap - opt_w, bottom, opt_w, bh};
    if (H / ui_px(d, 1) < 640.0f) {
        /* The enlarged layout's short canvas: the four boxes on two rows of two, their words
         * whole. */
        float half = (bh - ui_px(d, 6)) / 2, cw = (g->quit.x - ui_px(d, 16) - pad - gap) / 2;
        g->scale = (SDL_FRect){pad, bottom, cw, half};
        g->fullscreen = (SDL_FRect){pad + cw + gap, bottom, cw, half};
        g->host = (SDL_FRect){pad, bottom + half + ui_px(d, 6), cw, half};
        g->story = (SDL_FRect){pad + cw + gap, bottom + half + ui_px(d, 6), cw, half};
    }
    /* The keys' line sits above the bar. */
    float body_bottom = bottom - ui_px(d, 20) - ui_px(d, 26);

    float colgap = ui_px(d, 40), lw = (W - 2 * pad - colgap) * 0.4f;
    float lx = pad, rx = pad + lw + colgap, rw = W - pad - rx;
    draw_settings(d, lx, lw, y, body_bottom, s, mx, my, g);
    draw_roles(d, rx, rw, pad * 0.8f + ui_px(d, 44) * 1.2f + ui_px(d, 40), body_bottom, s, mx, my,
               g);
    g->row[start_row(s)] = g->start;
    g->n_rows = ui_start_rows(s);
    draw_bottom(d, W, pad, bottom, s, mx, my, g);
    ui_clip(d, NULL);
}
