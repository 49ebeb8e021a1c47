#define _GNU_SOURCE /* memmem */
/* test_ui_pdf: the printed page's pieces: where a line may end (core_break: English at spaces,
 * Chinese between characters, never before a closing mark or inside an amount), and ui_pdf: a
 * paragraph wraps to the width and runs on over pages, a word wider than the line is cut, Chinese
 * wraps without spaces and is never set half bold, the same document gives the same bytes, a
 * font that is missing or a file that cannot be written is said, not crashed on. */
#include "core_break.h"
#include "test_util.h"
#include "ui_draw.h" /* the window's font files */
#include "ui_pdf_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_breaks(void)
{
    size_t n = 0;
    CHECK(core_utf8_next("a", &n) == 'a' && n == 1);
    CHECK(core_utf8_next("\xc3\xa9", &n) == 0xE9 && n == 2);       /* é */
    CHECK(core_utf8_next("\xe4\xbd\xa0", &n) == 0x4F60 && n == 3); /* 你 */
    CHECK(core_utf8_next("\xff"
                         "a",
                         &n) == 0xFFFD &&
          n == 1); /* malformed */
    CHECK(core_utf8_next("\xe4\xbd"
                         "a",
                         &n) == 0xFFFD &&
          n == 1); /* cut short */
    const char *en = "money round";
    CHECK(core_can_break(en, 5));  /* before the space */
    CHECK(!core_can_break(en, 3)); /* inside a word */
    CHECK(!core_can_break(en, 6)); /* after the space: the break is before it */
    const char *zh = "你好世界";
    CHECK(core_can_break(zh, 3) && core_can_break(zh, 6) && core_can_break(zh, 9));
    CHECK(!core_can_break(zh, 1) && !core_can_break(zh, 4)); /* inside a character */
    const char *comma = "你好，世界";
    CHECK(!core_can_break(comma, 6)); /* never before the full-width comma */
    CHECK(core_can_break(comma, 9));  /* after it */
    const char *money = "付585亿美元了";
    CHECK(!core_can_break(money, 6));  /* "585" and "亿" stay together */
    CHECK(!core_can_break(money, 9));  /* 亿美 */
    CHECK(core_can_break(money, 15));  /* after 元 */
    CHECK(!core_can_break("($5B", 1)); /* not after an opening mark */
    CHECK(core_is_cjk(0x4F60) && !core_is_cjk('a'));
}

static UiPdfFonts fonts(void)
{
    UiPdfFonts f = {UI_FONT_REGULAR_PATH, UI_FONT_BOLD_PATH, NULL, NULL};
    if (access(UI_FONT_CJK_PATH, R_OK) == 0)
        f.cjk = UI_FONT_CJK_PATH;
    return f;
}

static const UiPdfStyle BODY = {10, 0, {0, 0, 0}, 0, 0};

/* With a bold CJK face (Noto Sans CJK Bold), a bold text with Chinese is set bold throughout. */
static void test_cjk_bold(void)
{
    char err[512] = "";
    UiPdfFonts f = fonts();
    if (f.cjk && access(UI_FONT_CJK_BOLD_PATH, R_OK) == 0) {
        UiPdfFonts fb = f;
        fb.cjk_bold = UI_FONT_CJK_BOLD_PATH;
        FILE *o2 = tmpfile();
        UiPdf *q = o2 ? ui_pdf_create(o2, UI_PDF_A4, &fb, "t", "f", err, sizeof err) : NULL;
        CHECK_MSG(q != NULL, "%s", err);
        if (q) {
            CHECK(ui_pdf_weight(q, "OpenAI：12个月", 1) == 1);
            CHECK(ui_pdf_finish(q, err, sizeof err) == 0);
        }
        if (o2)
            fclose(o2);
    }
}

static void test_wrap(void)
{
    char err[512] = "";
    UiPdfFonts f = fonts();
    FILE *out = tmpfile();
    UiPdf *p = ui_pdf_create(out, UI_PDF_A4, &f, "t", "foot", err, sizeof err);
    CHECK_MSG(p != NULL, "%s", err);
    if (!p)
        return;
    double W = ui_pdf_width(p), lh = 10 * 1.4;
    CHECK_NEAR(W, 595.276 - 2 * 56.7, 1e-6);
    CHECK_NEAR(ui_pdf_text_height(p, "one line", &BODY, 0), lh, 1e-9);
    CHECK_NEAR(ui_pdf_text_height(p, "", &BODY, 0), 0, 1e-9);
    CHECK_NEAR(ui_pdf_text_height(p, "two\nlines", &BODY, 0), 2 * lh, 1e-9);
    /* Forty words of six letters: about 2000 points of text, so four to six lines at 480. */
    char words[400] = "";
    for (int k = 0; k < 40; k++)
        strcat(words, "closed ");
    double h = ui_pdf_text_height(p, words, &BODY, 0);
    CHECK_MSG(h >= 3 * lh && h <= 7 * lh, "%g lines", h / lh);
    /* Narrower: more lines; every line holds whole words (the width of a line never passes
     * the column: measured below). */
    CHECK(ui_pdf_text_height(p, words, &BODY, W / 2) > h);
    /* A word wider than the line is cut between characters, not left to run off the page. */
    char longword[200];
    memset(longword, 'm', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    CHECK(ui_pdf_text_height(p, longword, &BODY, 100) >= 10 * lh);
    CHECK(ui_pdf_measure(p, "mmmm", 4, 10, 0) > ui_pdf_measure(p, "mm", 2, 10, 0));
    CHECK(ui_pdf_measure(p, "bold", 4, 10, 1) > ui_pdf_measure(p, "bold", 4, 10, 0));
    if (f.cjk) {
        /* Chinese has no spaces and still wraps, between characters. */
        const char *zh = "每一笔交易单独看都说得通顺着资金在循环里走一圈谁付钱给谁用的是谁的钱";
        double one = ui_pdf_measure(p, zh, strlen(zh), 10, 0);
        CHECK(one > 300); /* 34 characters of 10 points: drawn in the CJK face, not boxes */
        CHECK_NEAR(ui_pdf_text_height(p, zh, &BODY, 100), ceil(one / 100) * lh, 1.01 * lh);
        /* No half-bold Chinese: a text that needs the CJK face is set regular throughout. */
        CHECK(ui_pdf_weight(p, "OpenAI：12个月", 1) == 0);
        CHECK(ui_pdf_weight(p, "OpenAI: 12 months", 1) == 1);
        CHECK(ui_pdf_weight(p, "OpenAI：12个月", 0) == 0);
    }
    /* Enough paragraphs run on over pages. */
    CHECK(ui_pdf_pages(p) == 1);
    for (int k = 0; k < 80; k++)
        ui_pdf_text(p, words, &BODY);
    CHECK(ui_pdf_pages(p) >= 4);
    /* A new page on an empty page adds none. */
    int n = ui_pdf_pages(p);
    ui_pdf_page(p);
    ui_pdf_page(p);
    CHECK(ui_pdf_pages(p) == n + 1);
    CHECK(ui_pdf_finish(p, err, sizeof err) == 0);
    long size = ftell(out);
    CHECK(size > 1000);
    rewind(out);
    char head[6] = "";
    CHECK(fread(head, 1, 5, out) == 5 && memcmp(head, "%PDF-", 5) == 0);
    fclose(out);
}

/* A small document with a row and a chart into a new buffer of *len bytes (the caller frees). */
static char *document(size_t *len)
{
    char err[512];
    UiPdfFonts f = fonts();
    FILE *out = tmpfile();
    UiPdf *p = ui_pdf_create(out, UI_PDF_LETTER, &f, "same", "foot", err, sizeof err);
    if (!p) {
        fclose(out);
        return NULL;
    }
    ui_pdf_text(p, "The same document, twice: 价值", &BODY);
    const char *cells[] = {"OpenAI", "$6.0B"};
    const double cols[] = {0.5, 0.5};
    const int right[] = {0, 1};
    ui_pdf_row(p, cells, cols, right, 2, &BODY, 1);
    double v[4] = {100, 120, NAN, 90};
    const char *xl[4] = {"2025", NULL, NULL, "2026"};
    UiPdfSeries s = {"a", v, {0, 0, 1}, 0};
    UiPdfChart c = {"chart", "note", &s, 1, 4, xl, 1, 100, "start", 100};
    ui_pdf_chart(p, &c);
    ui_pdf_finish(p, err, sizeof err);
    *len = (size_t)ftell(out);
    char *buf = malloc(*len);
    rewind(out);
    if (buf && fread(buf, 1, *len, out) != *len) {
        free(buf);
        buf = NULL;
    }
    fclose(out);
    return buf;
}

static void test_same_bytes(void)
{
    size_t a_len = 0, b_len = 0;
    char *a = document(&a_len), *b = document(&b_len);
    CHECK(a && b && a_len > 0);
    CHECK(a && b && a_len == b_len && memcmp(a, b, a_len) == 0);
    /* The creation date is the fixed one, not the clock's. */
    CHECK(a && memmem(a, a_len, "(20250101000000Z)", 17) != NULL);
    free(a);
    free(b);
}

static void test_faults(void)
{
    char err[512] = "";
    UiPdfFonts f = fonts();
    f.regular = "/nonexistent/font.ttf";
    FILE *out = tmpfile();
    CHECK(ui_pdf_create(out, UI_PDF_A4, &f, "t", "", err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "/nonexistent/font.ttf") != NULL, "%s", err);
    fclose(out);
    /* A device that is full: the document is drawn, and finishing it says the file failed. */
    FILE *full = fopen("/dev/full", "wb");
    if (!full)
        return;
    setvbuf(full, NULL, _IONBF, 0);
    f = fonts();
    UiPdf *p = ui_pdf_create(full, UI_PDF_A4, &f, "t", "", err, sizeof err);
    CHECK(p != NULL);
    if (p) {
        ui_pdf_text(p, "nowhere to go", &BODY);
        err[0] = '\0';
        CHECK(ui_pdf_finish(p, err, sizeof err) == -1);
        CHECK_MSG(strstr(err, "could not be written") != NULL, "%s", err);
    }
    fclose(full);
}

int main(void)
{
    test_breaks();
    test_wrap();
    test_cjk_bold();
    test_same_bytes();
    test_faults();
    TEST_END();
}
