/* core_break: where a line of text may end, for every renderer that wraps text (the window's
 * ui_text and the printed handout's ui_pdf): at a space as always, and between two characters of
 * which one is CJK (Chinese breaks between any two characters), unless punctuation forbids it
 * (no closing mark at the start of a line, no opening one at its end) or an amount would be cut
 * ("585亿美元", "2025年" stay whole). Latin words stay whole. Also the UTF-8 decoder they share.
 * Pure functions over caller text; nothing allocates. */
#ifndef CORE_BREAK_H
#define CORE_BREAK_H

#include <stddef.h>
#include <stdint.h>

/* The character of UTF-8 text at s and its length in bytes (*len >= 1); a malformed byte is
 * taken as U+FFFD on its own. */
uint32_t core_utf8_next(const char *s, size_t *len);

/* Han, kana, CJK punctuation and full-width forms. */
int core_is_cjk(uint32_t c);

/* Whether a line may end before p[k] (0 < k < strlen(p)). */
int core_can_break(const char *p, size_t k);

#endif
