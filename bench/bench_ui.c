/* bench_ui: how fast the game window's frames are drawn, and how much memory it takes.
 *
 * Not a test: it times, it does not judge. Plays the 2025 scenario with the native `history`
 * strategy to October 2025 (12 turns, so the map carries the year's deals), then draws the game
 * screen (ui_screen_draw, as `closedloop play` does every frame) with SDL's software renderer
 * into an SDL_Surface (the path of the headless PNGs; no video driver). Measures, in wall-clock
 * time (CLOCK_MONOTONIC):
 *   - the time to the first frame: SDL_Init(0), the surface, the renderer, ui_draw_create (the
 *     fonts) and the first full ui_screen_draw, median of 5 fresh starts;
 *   - the time per frame at 1280x800 (scale 1.0) and 1920x1080 (scale 1.5), 300 frames with the
 *     animation phase advancing as in the window (a 2.4 s cycle at 60 frames a second), median
 *     and 95th percentile of each run, the median of 3 runs quoted; the same with the map screen
 *     only (ui_scene_map) to show where the time goes, and on a person's turn: Nvidia's desk in
 *     the panel's place, and the desk with the deal dialog open over the screen;
 *   - the peak resident memory (getrusage).
 * docs/performance.md quotes its output.
 *
 * Usage: cl_bench_ui [SCENARIO] [FRAMES] [profile [KIND]]   (defaults: the 2025 scenario, 300
 * frames a run; `profile` only draws FRAMES screens at 1920x1080, for valgrind --tool=callgrind
 * or perf: KIND 0 full screen, 1 map only, 2 desk, 3 desk and dialog). Run it from the
 * repository's top folder: it reads the string tables from assets/lang, in English, or in
 * Chinese with CL_BENCH_LANG=zh (then the news panel holds Chinese lines of the same kind). */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "core_text.h"
#include "dat_lang.h"
#include "dat_scenario.h"
#include "sim_strategy.h"
#include "sim_native.h"
#include "sim_turn.h"
#include "sim_world.h"
#include "ui_desk.h"
#include "ui_draw.h"
#include "ui_map.h"
#include "ui_scene.h"
#include "ui_screen.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define STARTS 5 /* fresh starts for the first frame */
#define RUNS   3 /* runs of FRAMES frames for each row */
#define TURNS  12

/* The same lines as the Chinese feed tells them. */
static const char *const feed_zh[] = {
    "2025年9月：甲骨文与OpenAI签下为期五年、总额3000亿美元的算力合同。",
    "甲骨文股价当天大涨36%，创1992年以来最大单日涨幅。",
    "英伟达宣布向OpenAI投资最多1000亿美元，随算力逐步上线分批注入。",
    "OpenAI承诺部署10 GW的英伟达系统；首个1 GW预计2026年下半年到位。",
    "CoreWeave与OpenAI的合同再扩大65亿美元，总额达224亿美元。",
    "2025年10月：AMD向OpenAI授予最多1.6亿股的认股权证，换取6 GW的Instinct GPU订单。",
    "AMD股价当天上涨24%。",
    "博通与OpenAI同意共同开发10 GW的定制加速器。",
    "枢纽企业的承诺已超过其十年的收入。",
    "市场情绪：狂热。每一项公告都推高供应商的股价。",
};
static int use_zh;
static void die(const char *what, const char *err);
static CoreText *lang_en, *lang_zh, *lang_content;

/* The string tables, as the program puts them in use (app_lang). */
static void use_tables(void)
{
    char err[512];
    const char *code = getenv("CL_BENCH_LANG");
    use_zh = code && strcmp(code, "zh") == 0;
    lang_en = core_text_create();
    lang_zh = core_text_create();
    lang_content = core_text_create();
    if (dat_lang_load("assets/lang/en", lang_en, NULL, err, sizeof err) < 0 ||
        (use_zh && dat_lang_load("assets/lang/zh", lang_zh, lang_content, err, sizeof err) < 0))
        die("string tables", err);
    core_tr_use(use_zh ? CORE_LANG_ZH : CORE_LANG_EN, use_zh ? lang_zh : lang_en, lang_en,
                use_zh ? lang_content : NULL);
}

/* Story lines of the kind the app feeds the news panel (the feed is word-wrapped each frame). */
static const char *const feed[] = {
    "September 2025: Oracle signs a $300B compute contract with OpenAI over five years.",
    "Oracle's shares jump 36% on the day, its largest gain since 1992.",
    "Nvidia announces an investment of up to $100B in OpenAI, tranche by tranche as capacity "
    "comes online.",
    "OpenAI commits to 10 GW of Nvidia systems; the first gigawatt is due in the second half "
    "of 2026.",
    "CoreWeave extends its contract with OpenAI by $6.5B, to $22.4B in all.",
    "October 2025: AMD grants OpenAI warrants for up to 160 million shares against 6 GW of "
    "Instinct GPUs.",
    "AMD's shares rise 24% on the announcement.",
    "Broadcom and OpenAI agree to co-develop 10 GW of custom accelerators.",
    "The hub's obligations now exceed ten years of its revenue.",
    "Sentiment: euphoric. Every announcement lifts the vendor's shares.",
};
#define N_FEED ((int)(sizeof feed / sizeof feed[0]))

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, const char *err)
{
    fprintf(stderr, "bench_ui: %s: %s\n", what, err);
    exit(1);
}

/* The 2025 scenario played with `history` to October 2025. */
static SimWorld *play_to_october(const SimScenario *sc)
{
    char err[512];
    SimWorld *w = sim_world_create(sc, 1, err, sizeof err);
    if (!w)
        die("world", err);
    for (int i = 0; i < w->n; i++) {
        SimStrategy s;
        sim_strategy_history(&s);
        sim_world_set_strategy(w, i, s);
    }
    if (sim_turn_start(w, err, sizeof err) < 0)
        die("start", err);
    for (int t = 0; t < TURNS; t++) {
        int rc = sim_turn_step(w, err, sizeof err);
        if (rc < 0)
            die("turn", err);
        if (rc == 1)
            break;
    }
    return w;
}

/* The story lines as the news log's rows: a line flush left is a month's header, "  = " the
 * month's money, "    " a follow-up. */
static int news_rows(const char *const *lines, int n, UiNewsRow *rows)
{
    for (int i = 0; i < n; i++) {
        const char *t = lines[i];
        UiNewsRow r = {t, 0, UI_NEWS_DEAL, 0, 0};
        if (t[0] != ' ')
            r.kind = UI_NEWS_HEADER;
        else if (strncmp(t, "    ", 4) == 0)
            r.cont = 1, r.text = t + 4;
        else
            r.kind = strncmp(t, "  = ", 4) == 0 ? UI_NEWS_MARKET : UI_NEWS_DEAL, r.text = t + 4;
        rows[i] = r;
    }
    return n;
}

static UiScreenState screen_state(void)
{
    static UiNewsRow rows[64];
    int n = use_zh ? news_rows(feed_zh, (int)(sizeof feed_zh / sizeof feed_zh[0]), rows)
                   : news_rows(feed, N_FEED, rows);
    UiScreenState st = {.news = rows,
                        .n_news = n,
                        .news_view = ui_news_view_new(),
                        .playing = 1,
                        .speed = 1.0,
                        .mouse_x = -1.0f,
                        .mouse_y = -1.0f};
    return st;
}

/* Everything a window needs to draw, over a surface. */
typedef struct {
    SDL_Surface *s;
    SDL_Renderer *r;
    UiDraw *d;
    UiMap *map;
    int width, height;
} Canvas;

static void canvas_open(Canvas *c, int width, int height, double scale)
{
    char err[512];
    c->width = width;
    c->height = height;
    c->s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!c->s)
        die("surface", SDL_GetError());
    c->r = SDL_CreateSoftwareRenderer(c->s);
    if (!c->r)
        die("software renderer", SDL_GetError());
    c->d = ui_draw_create(c->r, scale, NULL, err, sizeof err);
    if (!c->d)
        die("fonts", err);
    c->map = ui_map_create(err, sizeof err);
    if (!c->map)
        die("map", err);
}

static void canvas_close(Canvas *c)
{
    ui_map_destroy(c->map);
    ui_draw_destroy(c->d);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

enum { SCREEN_FULL, SCREEN_MAP, SCREEN_DESK, SCREEN_DIALOG, SCREEN_KINDS };
static const char *const screen_names[SCREEN_KINDS] = {"full screen", "map only", "desk",
                                                       "desk+dialog"};

/* One frame of a kind of screen; flushed to the surface. */
static void frame(Canvas *c, const SimWorld *w, double phase, int kind)
{
    char err[512];
    static UiDesk desk;
    if (kind == SCREEN_MAP) {
        ui_clear(c->d, ui_draw_theme(c->d)->bg);
        SDL_FRect area = {0, 0, (float)c->width, (float)c->height};
        if (ui_scene_map(c->d, c->map, area, w, w->turn, phase, err, sizeof err) < 0)
            die("map", err);
    } else {
        UiScreenState st = screen_state();
        if (kind == SCREEN_DESK || kind == SCREEN_DIALOG) {
            int nvidia = sim_scenario_find_actor(w->sc, "nvidia");
            ui_desk_open(&desk, w, nvidia < 0 ? 1 : nvidia);
            if (kind == SCREEN_DIALOG)
                ui_desk_draft_new(&desk, w);
            st.desk = &desk;
            st.n_seats = 1;
        }
        UiScreenGeom g;
        if (ui_screen_draw(c->d, c->map, c->width, c->height, w, w->turn, phase, &st, &g, err,
                           sizeof err) < 0)
            die("screen", err);
    }
    SDL_RenderFlush(c->r);
    SDL_RenderPresent(c->r);
}

/* Milliseconds from nothing (SDL not initialised) to the end of the first full frame. */
static double first_frame_ms(const SimWorld *w, int width, int height, double scale)
{
    double t0 = now_seconds();
    if (SDL_Init(0) < 0)
        die("SDL_Init", SDL_GetError());
    Canvas c;
    canvas_open(&c, width, height, scale);
    frame(&c, w, 0.0, 0);
    double ms = (now_seconds() - t0) * 1e3;
    canvas_close(&c);
    SDL_Quit();
    return ms;
}

typedef struct {
    double median, p95; /* ms per frame, each the median over the runs */
    int cached;         /* strings in the text cache after the runs */
} FrameStats;

static FrameStats frame_times(const SimWorld *w, int width, int height, double scale, int kind,
                              int frames)
{
    Canvas c;
    canvas_open(&c, width, height, scale);
    frame(&c, w, 0.0, kind); /* the first frame rasterises the labels */
    double *t = malloc((size_t)frames * sizeof *t);
    if (!t)
        die("memory", "frame times");
    double med[RUNS], p95[RUNS];
    for (int run = 0; run < RUNS; run++) {
        for (int i = 0; i < frames; i++) {
            double phase = fmod((double)(run * frames + i) / 144.0, 1.0);
            double t0 = now_seconds();
            frame(&c, w, phase, kind);
            t[i] = (now_seconds() - t0) * 1e3;
        }
        qsort(t, (size_t)frames, sizeof t[0], bench_cmp_double);
        med[run] = t[frames / 2];
        int k = (int)ceil(0.95 * frames) - 1;
        p95[run] = t[k < 0 ? 0 : k];
    }
    free(t);
    qsort(med, RUNS, sizeof med[0], bench_cmp_double);
    qsort(p95, RUNS, sizeof p95[0], bench_cmp_double);
    FrameStats fs = {med[RUNS / 2], p95[RUNS / 2], ui_draw_cached(c.d)};
    canvas_close(&c);
    return fs;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "assets/scenarios/closed-loop-2025.json";
    int frames = argc > 2 ? atoi(argv[2]) : 300;
    if (frames < 1)
        frames = 1;
    bench_keep_memory();
    use_tables();
    char err[512];
    SimScenario *sc = dat_scenario_load(path, err, sizeof err);
    if (!sc)
        die(path, err);
    SimWorld *w = play_to_october(sc);
    int edges = 0;
    {
        /* The map's size, to say what is drawn. */
        UiMap *m = ui_map_create(err, sizeof err);
        if (!m)
            die("map", err);
        SDL_FRect view = {0, 0, 1280, 800};
        if (ui_map_layout(m, w, w->turn, view, 1.0, err, sizeof err) < 0)
            die("layout", err);
        edges = ui_map_edge_count(m);
        ui_map_destroy(m);
    }
    printf("2025 scenario, history, %d turns: %d actors, %d deals, %d map edges\n", w->turn, w->n,
           w->n_deals, edges);

    if (argc > 3 && strcmp(argv[3], "profile") == 0) {
        if (SDL_Init(0) < 0)
            die("SDL_Init", SDL_GetError());
        Canvas c;
        canvas_open(&c, 1920, 1080, 1.5);
        int kind = argc > 4 ? atoi(argv[4]) : SCREEN_FULL;
        if (kind < 0 || kind >= SCREEN_KINDS)
            kind = SCREEN_FULL;
        frame(&c, w, 0.0, kind); /* the first frame rasterises the labels */
        for (int i = 0; i < frames; i++)
            frame(&c, w, fmod((double)i / 144.0, 1.0), kind);
        canvas_close(&c);
        SDL_Quit();
        sim_world_destroy(w);
        sim_scenario_free(sc);
        return 0;
    }

    static const struct {
        int width, height;
        double scale;
    } sizes[] = {{1280, 800, 1.0}, {1920, 1080, 1.5}};

    printf("\ntime to first frame (SDL_Init, renderer, fonts, first screen), median of %d "
           "starts, wall clock\n",
           STARTS);
    for (int k = 0; k < 2; k++) {
        double ms[STARTS];
        for (int i = 0; i < STARTS; i++)
            ms[i] = first_frame_ms(w, sizes[k].width, sizes[k].height, sizes[k].scale);
        qsort(ms, STARTS, sizeof ms[0], bench_cmp_double);
        printf("  %4dx%-4d scale %.1f  %7.1f ms  (min %.1f, max %.1f)\n", sizes[k].width,
               sizes[k].height, sizes[k].scale, ms[STARTS / 2], ms[0], ms[STARTS - 1]);
    }

    if (SDL_Init(0) < 0)
        die("SDL_Init", SDL_GetError());
    printf("\nframe time, software renderer, %d frames a run, median of %d runs, wall clock\n",
           frames, RUNS);
    printf("  %-10s %-6s %-12s %10s %10s %8s\n", "size", "scale", "screen", "median", "p95",
           "strings");
    for (int k = 0; k < 2; k++)
        for (int kind = 0; kind < SCREEN_KINDS; kind++) {
            FrameStats fs =
                frame_times(w, sizes[k].width, sizes[k].height, sizes[k].scale, kind, frames);
            char size[16];
            snprintf(size, sizeof size, "%dx%d", sizes[k].width, sizes[k].height);
            printf("  %-10s %-6.1f %-12s %7.2f ms %7.2f ms %8d\n", size, sizes[k].scale,
                   screen_names[kind], fs.median, fs.p95, fs.cached);
        }
    SDL_Quit();

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("\npeak resident memory: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    sim_world_destroy(w);
    sim_scenario_free(sc);
    return 0;
}
