/* test_ui_lang: what the ui tests of the game screen and its panels share to check them in
 * another language: that no key name showed (ui_tr counts the texts asked for that no table
 * has) and, with $UT_PNG_DIR set, a PNG of each screen drawn, named by language, to look at. */
#ifndef TEST_UI_LANG_H
#define TEST_UI_LANG_H

#include "core_text.h"
#include "test_util.h"
#include "ui_fmt.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

static inline void ut_keep_png(SDL_Surface *s, const char *what, int W, int H)
{
    const char *dir = getenv("UT_PNG_DIR");
    if (!dir || !s)
        return;
    char fn[512];
    snprintf(fn, sizeof fn, "%s/%s-%s-%dx%d.png", dir, what, core_lang_code(core_tr_lang()), W, H);
    IMG_SavePNG(s, fn);
}

/* Checks that every text asked for since the last call had an entry, then starts counting
 * again. */
static inline void ut_check_no_keys(const char *what, int W, int H)
{
    const char *last = NULL;
    int missing = ui_tr_missing(&last);
    CHECK_MSG(missing == 0, "%s %dx%d (%s): %d texts without a table entry, e.g. %s", what, W, H,
              core_lang_code(core_tr_lang()), missing, last ? last : "");
    ui_tr_missing_reset();
}

#endif
