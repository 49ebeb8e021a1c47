/* ui_lesson: the classroom card (see ui_lesson.h). */
#include "ui_lesson.h"

#include "core_text.h"
#include "ui_fmt.h"

#include <string.h>

void ui_lesson_to_card(const UiLessonCard *in, UiCard *out)
{
    memset(out, 0, sizeof *out);
    out->kind = UI_CARD_STORY;
    /* The notes are written in English: the reader's language from the content table (a text
     * without a translation, or one already translated, comes back as it is). */
    out->when = in->when ? core_tr_content(in->when) : "";
    out->title = in->title ? core_tr_content(in->title) : "";
    out->body[0] = in->explain ? core_tr_content(in->explain) : NULL;
    out->question = in->question ? core_tr_content(in->question) : NULL;
    out->action = ui_tr("lesson.button.leave");
    out->index = in->index;
    out->count = in->count;
}
