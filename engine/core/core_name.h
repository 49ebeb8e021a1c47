/* core_name: shorter forms of names and titles, shortened with intent rather than cut.
 *
 * Where a long name does not fit (a map label, a bar chart's axis, a terminal column), the
 * reader should still know whom it means: "Lucent Technologies Inc." becomes "Lucent
 * Technologies", then "Lucent", before anything is cut with an ellipsis. Each level drops more:
 *
 *   name level 1  drops what is in parentheses, the legal form at the end (Inc., Corp.,
 *                 Ltd., LLC, plc, AG, S.A., Holdings, Group, 有限公司, 集团, ...) and a long
 *                 leading word that only says what kind of company it is
 *                 (Telefonaktiebolaget, Koninklijke, The);
 *   name level 2  also the generic trade words at the end (Technologies, Communications,
 *                 Networks, Systems, International, Capital, Research, Digital, 科技, 通信,
 *                 ...), keeping the first word, and the initials a dropped leading word leaves
 *                 ("Telefonaktiebolaget LM Ericsson" -> "LM Ericsson" -> "Ericsson");
 *   title level 1 drops what is in parentheses;
 *   title level 2 keeps the first clause (up to the first ": ", " - ", ", ", "：", "，", ...).
 *
 * A level that would leave nothing gives the previous one; level 0 is the text itself. The
 * functions only look at bytes (UTF-8 safe: they cut at ASCII spaces and punctuation, or before
 * whole CJK suffixes), so they are pure and deterministic. The caller owns buf. */
#ifndef CORE_NAME_H
#define CORE_NAME_H

#include <stddef.h>

#define CORE_NAME_LEVELS 3 /* levels 0..2 */

/* Writes name at `level` (0..2; clamped) into buf and returns buf. */
char *core_name_short(const char *name, int level, char *buf, size_t bufsz);
/* Writes title at `level` (0..2; clamped) into buf and returns buf. */
char *core_title_short(const char *title, int level, char *buf, size_t bufsz);

#endif
