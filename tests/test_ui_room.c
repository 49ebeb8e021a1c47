/* test_ui_room: the classroom's room on the projector (ui_room), drawn headless.
 *
 * The QR code: a classroom address makes a version 2 code (25 x 25 modules, error correction M),
 * its three finder patterns where the standard puts them; drawn at 1280x720 and 1920x1080, every
 * module's centre is black where the matrix is dark and white where it is light, with four
 * white modules of quiet zone round it, and as many dark squares drawn as the matrix has (every
 * module drawn). A text too long for any version is refused, not a crash.
 * The room screen: the code, each seat and Start inside the screen, apart from the QR code; the
 * seat's colour bar follows its state (free, connected, ready); a click on a seat hits that seat,
 * on Start hits Start. The strip: one row for a few seats, more rows for 50, every chip inside
 * it; a chip's click hits its seat; the seat menu's buttons hit free and new code, and its box
 * shows the new code. Every text asked for has an entry in the tables, in English and Chinese. */
#include "test_ui_lang.h"
#include "test_ui_util.h"
#include "ui_draw.h"
#include "ui_png.h"
#include "ui_room.h"

#include <stdio.h>
#include <string.h>

static int rect_in(SDL_FRect in, SDL_FRect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
           in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static int overlap(SDL_FRect a, SDL_FRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static const char *const names[] = {"OpenAI", "Microsoft", "Nvidia", "SoftBank", "Oracle",
                                    "AMD",    "Broadcom",  "TSMC",   "Google"};

static void fill_room(UiRoom *r, int n)
{
    memset(r, 0, sizeof *r);
    r->url[0] = "http://192.168.1.20:43791/";
    r->where[0] = "wlan0";
    r->url[1] = "http://127.0.0.1:43791/";
    r->where[1] = "lo";
    r->n_url = 2;
    r->qr_url = 0;
    r->code = "HHDBZ7";
    r->n_seats = n;
    for (int k = 0; k < n; k++) {
        r->seats[k].name = names[k % 9];
        r->seats[k].state = (UiSeatState)(k % 4);
    }
    r->countdown = 83.2;
    r->menu_seat = -1;
}

static void test_qr_matrix(void)
{
    UiQr q;
    CHECK(ui_qr_make("http://192.168.1.20:43791/", &q) == 0);
    CHECK_MSG(q.version == 2 && q.size == 25, "version %d, %d modules a side", q.version, q.size);
    /* The finder patterns: a dark 7x7 ring with a dark 3x3 centre at three corners. */
    int corner[3][2] = {{0, 0}, {q.size - 7, 0}, {0, q.size - 7}};
    for (int c = 0; c < 3; c++)
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 7; x++) {
                int ring = x == 0 || y == 0 || x == 6 || y == 6;
                int core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
                int dark = q.dark[(corner[c][1] + y) * q.size + corner[c][0] + x];
                CHECK_MSG(dark == (ring || core), "finder %d module %d,%d", c, x, y);
            }
    ui_qr_free(&q);
    CHECK(q.dark == NULL);
    /* Longer than version 40 holds at level M: refused. */
    static char huge[4000];
    memset(huge, 'x', sizeof huge - 1);
    CHECK(ui_qr_make(huge, &q) < 0 && q.dark == NULL);
}

static void check_screen(int W, int H, double scale)
{
    char err[256] = "";
    SDL_Surface *s = ui_png_surface(W, H, err, sizeof err);
    SDL_Renderer *rd = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    UiDraw *d = rd ? ui_draw_create(rd, scale, NULL, err, sizeof err) : NULL;
    CHECK_MSG(d != NULL, "%s", err);
    if (!d)
        return;
    const UiTheme *th = ui_draw_theme(d);
    UiRoom r;
    fill_room(&r, 9);
    UiQr q;
    CHECK(ui_qr_make(r.url[0], &q) == 0);
    UiRoomGeom g;
    ui_room_draw(d, W, H, &r, &q, "Enter: start", -1, -1, &g);
    SDL_RenderPresent(rd);
    ut_keep_png(s, "room", W, H);
    /* Every module drawn, each where the matrix says, in a white quiet zone. */
    int dark = 0;
    for (int k = 0; k < q.size * q.size; k++)
        dark += q.dark[k];
    CHECK_MSG(g.qr_drawn == dark, "%dx%d: %d dark modules drawn of %d", W, H, g.qr_drawn, dark);
    CHECK_MSG(g.module >= 4, "%dx%d: modules of %.1f px", W, H, g.module);
    int wrong = 0;
    for (int y = -4; y < q.size + 4; y++)
        for (int x = -4; x < q.size + 4; x++) {
            int px = (int)(g.qr.x + ((float)x + 0.5f) * g.module);
            int py = (int)(g.qr.y + ((float)y + 0.5f) * g.module);
            int in = x >= 0 && y >= 0 && x < q.size && y < q.size;
            SDL_Color want = in && q.dark[y * q.size + x] ? (SDL_Color){0, 0, 0, 255}
                                                          : (SDL_Color){255, 255, 255, 255};
            wrong += !ut_near(ut_pixel(s, px, py), want, 8);
        }
    CHECK_MSG(wrong == 0, "%dx%d: %d modules of the wrong colour", W, H, wrong);
    /* The parts on the screen, the seats apart from the code. */
    CHECK(rect_in(g.qr, g.screen) && rect_in(g.code, g.screen) && rect_in(g.start, g.screen));
    for (int k = 0; k < r.n_seats; k++) {
        CHECK_MSG(rect_in(g.seat[k], g.screen) && !overlap(g.seat[k], g.qr),
                  "%dx%d: seat %d at %.0f,%.0f", W, H, k, g.seat[k].x, g.seat[k].y);
        /* The bar at the seat's left edge in its state's colour. */
        SDL_Color bar = ut_pixel(s, (int)(g.seat[k].x + 2), (int)(g.seat[k].y + g.seat[k].h / 2));
        SDL_Color want = r.seats[k].state == UI_SEAT_READY ? th->up : th->text_dim;
        if (r.seats[k].state == UI_SEAT_READY || r.seats[k].state == UI_SEAT_FREE)
            CHECK_MSG(ut_near(bar, want, 30), "%dx%d: seat %d's bar", W, H, k);
    }
    int seat = -1;
    SDL_FRect s4 = g.seat[4];
    CHECK(ui_room_hit(&g, &r, s4.x + s4.w / 2, s4.y + s4.h / 2, &seat) == UI_ROOM_HIT_SEAT &&
          seat == 4);
    CHECK(ui_room_hit(&g, &r, g.start.x + 3, g.start.y + 3, &seat) == UI_ROOM_HIT_START);
    ut_check_no_keys("room", W, H);

    /* The strip under a map, with a seat's menu and its new code. */
    SDL_FRect map = {0, 60, (float)W * 0.64f, (float)H * 0.6f};
    float foot = ui_room_strip_height(d, map.w, 9);
    CHECK(foot > 0 && ui_room_strip_height(d, map.w, 50) > 2 * foot);
    SDL_FRect area = {map.x, map.y + map.h, map.w, foot};
    r.menu_seat = 2;
    r.menu_code = "0123456789abcdef0123456789abcdef";
    ui_clear(d, th->bg);
    ui_room_strip(d, area, &r, -1, -1, &g);
    for (int k = 0; k < r.n_seats; k++)
        CHECK_MSG(rect_in(g.chip[k], area), "%dx%d: chip %d out of the strip", W, H, k);
    CHECK(g.menu.w > 0 && rect_in(g.menu_free, g.menu) && rect_in(g.menu_new, g.menu));
    CHECK(ui_room_hit(&g, &r, g.menu_free.x + 2, g.menu_free.y + 2, &seat) == UI_ROOM_HIT_FREE);
    CHECK(ui_room_hit(&g, &r, g.menu_new.x + 2, g.menu_new.y + 2, &seat) == UI_ROOM_HIT_NEW);
    SDL_FRect c7 = g.chip[7];
    CHECK(ui_room_hit(&g, &r, c7.x + c7.w / 2, c7.y + c7.h / 2, &seat) == UI_ROOM_HIT_SEAT &&
          seat == 7);
    ut_check_no_keys("strip", W, H);
    ui_qr_free(&q);
    ui_draw_destroy(d);
    SDL_DestroyRenderer(rd);
    SDL_FreeSurface(s);
}

int main(void)
{
    test_qr_matrix();
    test_lang_use(CORE_LANG_EN);
    check_screen(1280, 720, 1.0);
    check_screen(1920, 1080, 1.5);
    test_lang_use(CORE_LANG_ZH);
    check_screen(1280, 720, 1.0);
    TEST_END();
}
