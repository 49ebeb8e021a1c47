/* test_ui_cjk: Chinese text in the window and the PNGs, on a software renderer with no video
 * driver. SDL2_ttf has no font fallback, so ui_draw draws the characters DejaVu lacks with a CJK
 * font (fonts-wqy-microhei): each Chinese character must come out as itself, not as the
 * missing-glyph box (compared with a code point no font has, and with the same character drawn
 * while no CJK font is found); mixed English and Chinese sits on one baseline and measures what
 * is drawn; wrapping breaks between Chinese characters, never before closing punctuation or after
 * opening punctuation, never inside a Latin word, and leaves English as it was.
 *
 * Without a CJK font on the machine this test FAILS (it does not skip): the game would show boxes
 * to a Chinese class. tools/install-deps.sh installs the package. CL_UI_TEST_PNG=file.png saves a
 * wrapped Chinese paragraph in a box, to look at. */
#define _POSIX_C_SOURCE 200809L
#include "ui_draw.h"
#include "ui_png.h"
#include "test_ui_util.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAT_W  48
#define PAT_H  40
#define PAT_PX 32

static const char *const hanzi[] = {"软", "银", "与", "英", "伟", "达"};
#define N_HANZI ((int)(sizeof hanzi / sizeof *hanzi))
static const char box_char[] = "\xF4\x8F\xBF\xBD"; /* U+10FFFD: no font has it */

/* A paragraph of the kind the news feed shows, with full-width punctuation, quotes, brackets and
 * Latin words and figures inside the Chinese. */
static const char para[] =
    "英伟达宣布向OpenAI投资最多1000亿美元，随算力逐步到位分批注入；OpenAI则承诺采购10GW的"
    "英伟达系统（首批1GW预计2026年下半年交付）。甲骨文与OpenAI签下为期五年、总额3000亿美元的"
    "算力合同，当天股价大涨36%。分析师称这是“循环交易”：钱从投资者流向OpenAI，再以订单的形式"
    "流回投资者手中。";

/* Draws ch alone in white at PAT_PX pixels and keeps its coverage (the red channel) in pat;
 * returns the number of lit pixels. */
static int pattern_weight(UiDraw *d, SDL_Surface *s, const char *ch, int bold, unsigned char *pat)
{
    ui_clear(d, ui_rgba(0x000000, 255));
    ui_text(d, ch, 4, 4, PAT_PX, bold, ui_rgba(0xFFFFFF, 255), UI_LEFT);
    SDL_RenderFlush(ui_draw_renderer(d));
    int lit = 0;
    for (int y = 0; y < PAT_H; y++)
        for (int x = 0; x < PAT_W; x++) {
            pat[y * PAT_W + x] = ut_pixel(s, x, y).r;
            lit += pat[y * PAT_W + x] > 60;
        }
    return lit;
}

static int pattern(UiDraw *d, SDL_Surface *s, const char *ch, unsigned char *pat)
{
    return pattern_weight(d, s, ch, 0, pat);
}

/* Pixels where two patterns differ clearly. */
static int pattern_diff(const unsigned char *a, const unsigned char *b)
{
    int n = 0;
    for (int k = 0; k < PAT_W * PAT_H; k++)
        n += abs(a[k] - b[k]) > 80;
    return n;
}

static UiDraw *make(SDL_Surface *s, SDL_Renderer **r)
{
    char err[256] = "";
    *r = SDL_CreateSoftwareRenderer(s);
    UiDraw *d = *r ? ui_draw_create(*r, 1.0, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    return d;
}

/* Each character is itself: not the box, and not the same picture as another character. */
static void test_glyphs(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(PAT_W, PAT_H, err, sizeof err);
    SDL_Renderer *r = NULL;
    UiDraw *d = s ? make(s, &r) : NULL;
    if (!d)
        return;
    const char *font = ui_draw_cjk_font(d);
    CHECK_MSG(font != NULL,
              "no Chinese font found: install fonts-wqy-microhei (tools/install-deps.sh does) or "
              "set CLOSEDLOOP_CJK_FONT to a .ttf/.ttc file with Chinese characters");
    static unsigned char box[PAT_W * PAT_H], pats[N_HANZI][PAT_W * PAT_H];
    int box_lit = pattern(d, s, box_char, box);
    CHECK(box_lit > 0); /* the box itself is drawn: the comparison means something */
    for (int k = 0; k < N_HANZI; k++) {
        int lit = pattern(d, s, hanzi[k], pats[k]);
        CHECK_MSG(lit > 40, "%s: %d pixels lit", hanzi[k], lit);
        CHECK_MSG(pattern_diff(pats[k], box) > 40, "%s is drawn as the missing-glyph box",
                  hanzi[k]);
        for (int j = 0; j < k; j++)
            CHECK_MSG(pattern_diff(pats[k], pats[j]) > 40, "%s and %s look the same", hanzi[k],
                      hanzi[j]);
    }
    /* A character and its bold are measured and bold is not narrower (test_bold: how it is drawn).
     */
    int w0 = 0, w1 = 0;
    ui_text_size(d, "软银", PAT_PX, 0, &w0, NULL);
    ui_text_size(d, "软银", PAT_PX, 1, &w1, NULL);
    CHECK(w0 > PAT_PX && w1 >= w0);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);

    /* The same characters while no CJK font is found: boxes, the same as the code point no font
     * has (so the comparison above would catch a missing font), and no crash. */
    setenv("CLOSEDLOOP_CJK_FONT", "/nonexistent/cjk.ttc", 1);
    d = make(s, &r);
    unsetenv("CLOSEDLOOP_CJK_FONT");
    if (d) {
        CHECK(ui_draw_cjk_font(d) == NULL);
        static unsigned char p[PAT_W * PAT_H];
        pattern(d, s, hanzi[0], p);
        CHECK_MSG(pattern_diff(p, box) == 0, "without a CJK font, %s should be the box", hanzi[0]);
        int tw = 0;
        ui_text_size(d, "OpenAI向软银", 20, 1, &tw, NULL);
        CHECK(tw > 0);
        CHECK(ui_text(d, "OpenAI向软银", 0, 0, 20, 1, ui_rgba(0xFFFFFF, 255), UI_LEFT) == tw);
        ui_draw_destroy(d);
        SDL_DestroyRenderer(r);
    }
    SDL_FreeSurface(s);
}

/* Bold Chinese is a real bold face (fonts-noto-cjk) or the regular weight, never FreeType's
 * synthetic bold, which filled the strokes of small characters in (issue 14). */
static void test_bold(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(PAT_W, PAT_H, err, sizeof err);
    SDL_Renderer *r = NULL;
    static unsigned char reg[PAT_W * PAT_H], bold[PAT_W * PAT_H];
    /* The default fonts: the bold face is drawn, heavier than the regular and another picture. */
    CHECK_MSG(access(UI_FONT_CJK_BOLD_PATH, R_OK) == 0,
              "no bold Chinese font at %s: install fonts-noto-cjk (tools/install-deps.sh does)",
              UI_FONT_CJK_BOLD_PATH);
    UiDraw *d = s ? make(s, &r) : NULL;
    if (!d)
        return;
    int lit0 = pattern_weight(d, s, hanzi[0], 0, reg);
    int lit1 = pattern_weight(d, s, hanzi[0], 1, bold);
    CHECK_MSG(lit1 > lit0 && pattern_diff(reg, bold) > 20, "bold %s: %d pixels lit, regular %d",
              hanzi[0], lit1, lit0);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    /* A regular font named and no bold one: bold Chinese is the regular weight, pixel for pixel
     * (synthetic bold would thicken it). A bold font that does not open: the same. */
    const char *benv[] = {NULL, "/nonexistent/bold.ttc"};
    for (int k = 0; k < 2; k++) {
        setenv("CLOSEDLOOP_CJK_FONT", UI_FONT_CJK_PATH, 1);
        if (benv[k])
            setenv("CLOSEDLOOP_CJK_BOLD_FONT", benv[k], 1);
        d = make(s, &r);
        unsetenv("CLOSEDLOOP_CJK_FONT");
        unsetenv("CLOSEDLOOP_CJK_BOLD_FONT");
        if (!d)
            break;
        pattern_weight(d, s, hanzi[0], 0, reg);
        pattern_weight(d, s, hanzi[0], 1, bold);
        CHECK_MSG(pattern_diff(reg, bold) == 0,
                  "bold %s without a bold face (%s) is not the regular", hanzi[0],
                  benv[k] ? benv[k] : "none named");
        int w0 = 0, w1 = 0;
        ui_text_size(d, "OpenAI向软银", 20, 0, &w0, NULL);
        ui_text_size(d, "OpenAI向软银", 20, 1, &w1, NULL);
        CHECK(w1 > w0); /* the Latin part stays bold */
        ui_draw_destroy(d);
        SDL_DestroyRenderer(r);
    }
    SDL_FreeSurface(s);
}

/* Ink rows (first and last lit row) of the columns [x0, x1) of s. */
static void ink_rows(SDL_Surface *s, int x0, int x1, int *top, int *bottom)
{
    *top = s->h;
    *bottom = -1;
    for (int y = 0; y < s->h; y++)
        for (int x = x0; x < x1; x++)
            if (ut_pixel(s, x, y).r > 100) {
                if (y < *top)
                    *top = y;
                if (y > *bottom)
                    *bottom = y;
            }
}

/* Mixed text: one baseline, the box ui_text_size gives is the box drawn, runs measured alike. */
static void test_mixed(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(700, 80, err, sizeof err);
    SDL_Renderer *r = NULL;
    UiDraw *d = s ? make(s, &r) : NULL;
    if (!d)
        return;
    const char *line = "OpenAI向软银提出3000亿美元";
    SDL_Color white = ui_rgba(0xFFFFFF, 255);
    for (int bold = 0; bold <= 1; bold++) {
        int tw = 0, th = 0, ew = 0, eh = 0;
        ui_text_size(d, line, 28, bold, &tw, &th);
        ui_text_size(d, "OpenAI", 28, bold, &ew, &eh);
        CHECK(th == eh); /* one line height, whatever the script */
        ui_clear(d, ui_rgba(0x000000, 255));
        int drawn = ui_text(d, line, 10, 20, 28, bold, white, UI_LEFT);
        CHECK_MSG(drawn == tw, "drawn %d, measured %d", drawn, tw);
        SDL_RenderFlush(r);
        int outside = 0, right = 0;
        for (int y = 0; y < s->h; y++)
            for (int x = 0; x < s->w; x++) {
                int lit = ut_pixel(s, x, y).r > 60;
                outside += lit && !(x >= 10 && x < 10 + tw && y >= 20 && y < 20 + th);
                right += lit && x >= 10 + tw - 20;
            }
        CHECK_MSG(outside == 0, "%d pixels outside the measured box", outside);
        CHECK(right > 20); /* the last character (元) is drawn, at the end of the box */
        /* The parts measure as they do alone (each run is measured as drawn). */
        int a = 0, b = 0, ab = 0;
        ui_text_size(d, "OpenAI", 28, bold, &a, NULL);
        ui_text_size(d, "向软银", 28, bold, &b, NULL);
        ui_text_size(d, "OpenAI向软银", 28, bold, &ab, NULL);
        CHECK_MSG(ab == a + b, "%d != %d + %d", ab, a, b);
    }
    /* One baseline: "H" stands on it, and so does the ideograph beside it (its ink goes a little
     * below, as Chinese characters do, but not by a jump). */
    int hw = 0;
    ui_text_size(d, "H", 28, 0, &hw, NULL);
    ui_clear(d, ui_rgba(0x000000, 255));
    ui_text(d, "H银", 10, 20, 28, 0, white, UI_LEFT);
    SDL_RenderFlush(r);
    int ht, hb, ct, cb;
    ink_rows(s, 10, 10 + hw, &ht, &hb);
    ink_rows(s, 10 + hw, 10 + hw + 40, &ct, &cb);
    CHECK_MSG(cb >= hb && cb <= hb + 4, "baseline: H ends at row %d, 银 at row %d", hb, cb);
    CHECK_MSG(ct >= 20 && ct <= ht + 2, "top: H starts at row %d, 银 at row %d", ht, ct);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

static int starts_with_any(const char *s, const char *const *set)
{
    for (int k = 0; set[k]; k++)
        if (strncmp(s, set[k], strlen(set[k])) == 0)
            return 1;
    return 0;
}

static int ends_with_any(const char *s, size_t n, const char *const *set)
{
    for (int k = 0; set[k]; k++) {
        size_t m = strlen(set[k]);
        if (n >= m && strncmp(s + n - m, set[k], m) == 0)
            return 1;
    }
    return 0;
}

static int is_latin(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Wrapping: Chinese breaks between characters, within the width, by the punctuation rules, and
 * keeps Latin words whole; English is as it was. */
static void test_wrap(void)
{
    static const char *const closing[] = {"，", "。", "、", "；", "：", "？", "！",
                                          "）", "」", "』", "”",  "’",  "%",  NULL};
    static const char *const opening[] = {"（", "「", "『", "“", "‘", NULL};
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(64, 64, err, sizeof err);
    SDL_Renderer *r = NULL;
    UiDraw *d = s ? make(s, &r) : NULL;
    if (!d)
        return;
    char lines[4096];
    int most = 0;
    /* Twice: the second time the wrapping comes from the kept ones (ui_draw keeps the lines of
     * the texts it wrapped) and must be the same. */
    for (int pass = 0; pass < 2; pass++)
        for (int w = 120; w <= 600; w += 9) {
            int n = ui_text_wrap_lines(d, para, (float)w, 18, 0, 99, lines, sizeof lines);
            if (n > most)
                most = n;
            CHECK(n >= 2);
            CHECK_NEAR(ui_text_wrapped_height(d, para, (float)w, 18, 0, 99), n * 18 * 1.35, 1e-3);
            /* Nothing lost or added: the lines put together are the text. */
            char joined[4096] = "";
            size_t jl = 0;
            const char *p = lines;
            int k = 0;
            while (*p) {
                const char *e = strchr(p, '\n');
                size_t len = (size_t)(e - p);
                char one[1024];
                memcpy(one, p, len);
                one[len] = '\0';
                int tw = 0;
                ui_text_size(d, one, 18, 0, &tw, NULL);
                CHECK_MSG((float)tw <= (float)w, "w %d, line %d is %d wide: %s", w, k, tw, one);
                CHECK_MSG(k == 0 || !starts_with_any(one, closing), "w %d, line %d starts with %s",
                          w, k, one);
                CHECK_MSG(e[1] == '\0' || !ends_with_any(one, len, opening),
                          "w %d, line %d ends with opening punctuation: %s", w, k, one);
                /* Amounts stay whole: no line starts inside "1000亿美元" or "2026年". */
                CHECK_MSG(k == 0 || (strncmp(one, "美", 3) != 0 && strncmp(one, "元", 3) != 0),
                          "w %d, line %d starts inside a unit: %s", w, k, one);
                CHECK_MSG(e[1] == '\0' || !(one[len - 1] >= '0' && one[len - 1] <= '9' &&
                                            (unsigned char)e[1] >= 0xE3),
                          "w %d, a number is parted from its unit after line %d: %s", w, k, one);
                /* A Latin word is never split between two lines. */
                CHECK_MSG(e[1] == '\0' || !(is_latin(one[len - 1]) && is_latin(e[1])),
                          "w %d, a Latin word is split after line %d: %s", w, k, one);
                memcpy(joined + jl, one, len);
                jl += len;
                joined[jl] = '\0';
                p = e + 1;
                k++;
            }
            CHECK_MSG(strcmp(joined, para) == 0, "w %d: the lines do not make the text", w);
        }
    CHECK(most >= 6);
    /* The box of a narrow column: the last line ends in an ellipsis when lines run out. */
    int n = ui_text_wrap_lines(d, para, 150, 18, 0, 3, lines, sizeof lines);
    CHECK(n == 3);
    CHECK(strstr(lines, "\xe2\x80\xa6\n") != NULL);

    /* English: breaks at spaces only, as before. */
    const char *en = "Nvidia announces an investment of up to $100B in OpenAI, tranche by tranche "
                     "as capacity comes online.";
    n = ui_text_wrap_lines(d, en, 200, 18, 0, 99, lines, sizeof lines);
    CHECK(n >= 3);
    char joined[1024] = "";
    for (char *p = lines, *e; (e = strchr(p, '\n')) != NULL; p = e + 1) {
        *e = '\0';
        if (*joined)
            strcat(joined, " ");
        strcat(joined, p);
    }
    CHECK_MSG(strcmp(joined, en) == 0, "%s", joined);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The picture to look at: a Chinese paragraph wrapped in a box, regular and bold, and a mixed
 * title line. */
static void test_picture(void)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(760, 420, err, sizeof err);
    SDL_Renderer *r = NULL;
    UiDraw *d = s ? make(s, &r) : NULL;
    if (!d)
        return;
    const UiTheme *th = ui_draw_theme(d);
    ui_clear(d, th->bg);
    SDL_FRect box = {20, 20, 340, 380};
    ui_fill_round_rect(d, box, 8, th->panel);
    ui_text(d, "OpenAI向软银提出3000亿美元", box.x + 14, box.y + 12, 20, 1, th->text, UI_LEFT);
    float h = ui_text_wrapped(d, para, box.x + 14, box.y + 48, box.w - 28, 16, 0, th->text, 14);
    CHECK(h > 0 && h < box.h);
    SDL_FRect box2 = {380, 20, 360, 380};
    ui_fill_round_rect(d, box2, 8, th->panel);
    ui_text(d, "甲骨文 Oracle +36%", box2.x + 14, box2.y + 12, 20, 1, th->up, UI_LEFT);
    ui_text_wrapped(d, para, box2.x + 14, box2.y + 48, box2.w - 28, 18, 1, th->text_dim, 7);
    SDL_RenderFlush(r);
    const char *png = getenv("CL_UI_TEST_PNG");
    if (png && *png)
        CHECK_MSG(IMG_SavePNG(s, png) == 0, "%s: %s", png, IMG_GetError());
    ui_draw_destroy(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_lang_use(CORE_LANG_ZH);
    test_glyphs();
    test_bold();
    test_mixed();
    test_wrap();
    test_picture();
    TEST_END();
}
