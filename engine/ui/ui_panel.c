/* ui_panel: the game's charts from one table (see ui_panel.h). */
#include "ui_panel.h"

#include "core_text.h"
#include "sim_series.h"
#include "ui_fmt.h"

#include <string.h>

#define UI_PANEL_ROW_(id, name, title, series, draw, screen, sheet)                                \
    {name, title, series, draw, {screen, sheet}},
const UiPanelChart ui_panel_charts[UI_N_CHARTS] = {UI_PANEL_CHARTS(UI_PANEL_ROW_)};

void ui_chart_gauge(UiDraw *d, SDL_FRect area, const SimWorld *w, int turn, UiChartGeom *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    ui_chart_sentiment(d, area, w, turn);
}

/* The charts k0..k1-1 side by side in one row at (x, y), iw wide and h high. The screen shares
 * out what the gaps leave, the last chart taking the rest; the sheet shares out the whole width
 * and each chart after the first gives up the gap before it. (Both as the two layouts were
 * written before the table, to the bit.) */
static void lay_row(UiPanelKind kind, int k0, int k1, float x, float y, float iw, float h,
                    float gap, SDL_FRect *slot)
{
    int m = k1 - k0, sum = 0;
    for (int k = k0; k < k1; k++)
        sum += ui_panel_charts[k].slot[kind].width;
    float avail = kind == UI_PANEL_SCREEN ? iw - (float)(m - 1) * gap : iw, rest = iw;
    for (int k = k0; k < k1; k++) {
        float f = (float)ui_panel_charts[k].slot[kind].width / (float)(sum > 0 ? sum : 1), wk;
        if (kind == UI_PANEL_SCREEN) {
            wk = k == k1 - 1 ? rest : avail * f;
            rest = rest - wk - gap;
        } else {
            wk = iw * f;
            if (k > k0)
                wk -= gap;
        }
        slot[k] = (SDL_FRect){x, y, wk, h};
        x = x + wk + gap;
    }
}

void ui_panel_layout(UiDraw *d, UiPanelKind kind, SDL_FRect area, float top,
                     SDL_FRect slot[UI_N_CHARTS])
{
    int rows = 0, sum = 0;
    for (int k = 0; k < UI_N_CHARTS; k++)
        if (!ui_panel_charts[k].slot[kind].beside || k == 0) {
            rows++;
            sum += ui_panel_charts[k].slot[kind].height;
        }
    int screen = kind == UI_PANEL_SCREEN;
    float pad = ui_px(d, screen ? 16 : 24), gap = screen ? pad : 2 * pad;
    /* The screen shares out the height the gaps leave, the sheet the whole. */
    float hbase = area.h - top - (float)(screen ? rows + 1 : 2) * pad;
    float x = area.x + pad, y = area.y + top + pad, iw = area.w - 2 * pad;
    int row = 0;
    for (int k0 = 0; k0 < UI_N_CHARTS; row++) {
        int k1 = k0 + 1;
        while (k1 < UI_N_CHARTS && ui_panel_charts[k1].slot[kind].beside)
            k1++;
        float f = (float)ui_panel_charts[k0].slot[kind].height / (float)(sum > 0 ? sum : 1);
        float h = row == rows - 1 ? area.y + area.h - pad - y : hbase * f;
        lay_row(kind, k0, k1, x, y, iw, h, gap, slot);
        if (screen)
            y += h + pad;
        else
            y = y + h + pad;
        k0 = k1;
    }
}

/* A chart of a series: every actor's line, titled from the table. */
static void draw_series_chart(UiDraw *d, SDL_FRect area, const UiPanelChart *c, const SimWorld *w,
                              int turn, UiChartGeom *out)
{
    int k = sim_series_find(c->series);
    if (k < 0) {
        if (out)
            memset(out, 0, sizeof *out);
        return;
    }
    ui_chart_series(d, area, w, turn, k, ui_tr(c->title), 1, out);
}

void ui_panel_draw(UiDraw *d, const SDL_FRect slot[UI_N_CHARTS], const SimWorld *w, int turn,
                   UiChartGeom geom[UI_N_CHARTS])
{
    for (int k = 0; k < UI_N_CHARTS; k++) {
        const UiPanelChart *c = &ui_panel_charts[k];
        UiChartGeom *out = geom ? &geom[k] : NULL;
        if (c->draw)
            c->draw(d, slot[k], w, turn, out);
        else
            draw_series_chart(d, slot[k], c, w, turn, out);
    }
}
