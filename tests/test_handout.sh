#!/bin/sh
# The printable handout (issue 14), as a teacher uses it: `closedloop handout` writes a PDF that
# poppler opens and renders page by page (pdfinfo, pdftoppm), with no blank page, in English and
# in Chinese (the WenQuanYi font embedded, the Chinese words in the text), for the 2025 scenario
# before a game and for the telecom loop after one (its lesson in numbers, on US letter paper),
# from a save too; the same inputs give the same bytes; bad input is refused with a message
# naming the flag or the file, exit 2, and leaves no file behind.
# Usage: test_handout.sh BINARY SOURCE_DIR
. "$2/tests/cli_lib.sh"
cli_begin test_handout "$@"
for tool in pdfinfo pdftoppm pdffonts pdftotext convert; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "test_handout: $tool is missing (poppler-utils, imagemagick: tools/install-deps.sh)"
    exit 1
  fi
done
S2025="$SRC/assets/scenarios/closed-loop-2025.json"
TEL="$SRC/tests/data/telecom/telecom-2000.json"

# pages FILE: the page count pdfinfo reads.
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# rendered FILE NAME: renders every page at 50 dpi; checks that there are as many PNGs as pages
# and that none is blank (a white page has mean 1).
rendered() {
  n=$(pages "$1")
  mkdir -p "$TMP/png-$2"
  if ! pdftoppm -r 50 -png "$1" "$TMP/png-$2/p" 2>"$TMP/pdftoppm.err"; then
    bad "$2: pdftoppm failed: $(cat "$TMP/pdftoppm.err")"
    return
  fi
  got=$(ls "$TMP/png-$2" | wc -l)
  if [ -n "$n" ] && [ "$got" -eq "$n" ]; then ok; else bad "$2: $got PNGs for $n pages"; fi
  for f in "$TMP/png-$2"/*.png; do
    mean=$(convert "$f" -colorspace Gray -format '%[fx:mean]' info:)
    if python3 -c "import sys; sys.exit(0 if float('$mean') < 0.995 else 1)"; then
      ok
    else
      bad "$2: $(basename "$f") is blank (mean $mean)"
    fi
  done
}

# has FILE NAME TEXT...: the PDF's text holds each TEXT.
has() {
  f=$1 name=$2
  shift 2
  pdftotext "$f" "$TMP/text.txt" 2>/dev/null || bad "$name: pdftotext failed"
  for t in "$@"; do
    if grep -qF -- "$t" "$TMP/text.txt"; then ok; else bad "$name: no '$t' in the text"; fi
  done
}

# 1. English, before a game: the cover, all 17 cards of the 2025 notes with their questions, the
#    debrief's questions; A4.
if "$BIN" handout "$S2025" --out "$TMP/en.pdf" >"$TMP/out.txt" 2>&1; then ok; else
  bad "handout en failed: $(cat "$TMP/out.txt")"
fi
grep -q "Wrote $TMP/en.pdf (" "$TMP/out.txt" && ok || bad "no 'Wrote' line: $(cat "$TMP/out.txt")"
n=$(pages "$TMP/en.pdf")
if [ -n "$n" ] && [ "$n" -ge 6 ]; then ok; else bad "en: $n pages, expected at least 6"; fi
pdfinfo "$TMP/en.pdf" | grep -q "Page size: *595.* x 841.* pts (A4)" && ok || bad "en: not A4"
rendered "$TMP/en.pdf" en
has "$TMP/en.pdf" en "The closed loop, 2025" "THE QUESTION OF THIS GAME" "Sam Altman" \
  "CARD 1 OF 17" "CARD 17 OF 17" "Why does the first large commitment matter more" "After the game"
if grep -qF "The lesson in numbers" "$TMP/text.txt"; then bad "en: a lesson in numbers without a game"; else ok; fi

# 2. Chinese: CJK glyphs from the embedded WenQuanYi font, the Chinese words in the text.
if "$BIN" handout "$S2025" --lang zh --out "$TMP/zh.pdf" >"$TMP/out.txt" 2>&1; then ok; else
  bad "handout zh failed: $(cat "$TMP/out.txt")"
fi
pdffonts "$TMP/zh.pdf" | grep WenQuanYi | grep -q " yes " && ok || bad "zh: WenQuanYi not embedded: $(pdffonts "$TMP/zh.pdf")"
rendered "$TMP/zh.pdf" zh
has "$TMP/zh.pdf" zh "算力闭环" "剧情卡" "讨论" "萨姆·奥尔特曼"
[ "$(pages "$TMP/zh.pdf")" -ge 6 ] && ok || bad "zh: too few pages"

# 3. The telecom loop after a game played to its end, on letter paper: the lesson in numbers.
if "$BIN" handout "$TEL" --paper letter --seed 3 --strategy all=playbook --out "$TMP/tel.pdf" \
  >"$TMP/out.txt" 2>&1; then ok; else bad "handout telecom failed: $(cat "$TMP/out.txt")"; fi
pdfinfo "$TMP/tel.pdf" | grep -q "Page size: *612 x 792 pts (letter)" && ok || bad "telecom: not letter"
rendered "$TMP/tel.pdf" tel
has "$TMP/tel.pdf" telecom "The telecom vendor-financing loop" "Winstar" "CARD 2 OF 2" \
  "The lesson in numbers" "VALUE FROM ANNOUNCEMENTS ALONE" "Market value, start = 100" "FINAL SCORES"

# 4. The same inputs, the same bytes.
"$BIN" handout "$TEL" --paper letter --seed 3 --strategy all=playbook --out "$TMP/tel2.pdf" >/dev/null 2>&1
cmp -s "$TMP/tel.pdf" "$TMP/tel2.pdf" && ok || bad "two runs wrote different bytes"

# 5. From a save: the lesson as it stands after 20 months.
"$BIN" run --scenario "$TEL" --seed 2 --turns 20 --save "$TMP/save.json" --quiet >/dev/null 2>&1 ||
  bad "run --save failed"
if "$BIN" handout --load "$TMP/save.json" --out "$TMP/load.pdf" >"$TMP/out.txt" 2>&1; then ok; else
  bad "handout --load failed: $(cat "$TMP/out.txt")"
fi
has "$TMP/load.pdf" load "The lesson in numbers" "after 20 months" "SCORES SO FAR"
if grep -qF "FINAL SCORES" "$TMP/text.txt"; then bad "load: final scores of a game still going"; else ok; fi

# 5b. After a game, only the cards of the events it had (as story mode showed them), and one line
#     naming those of the record it did not have: crypto-2022 played by baseline rules, where
#     Terra and Three Arrows do not fail by their dates. Before a game, all fourteen.
CRYPTO="$SRC/assets/scenarios/crypto-2022.json"
"$BIN" handout "$CRYPTO" --out "$TMP/cr0.pdf" >/dev/null 2>&1 || bad "handout crypto failed"
has "$TMP/cr0.pdf" crypto-before "CARD 1 OF 14" "CARD 14 OF 14"
if "$BIN" handout "$CRYPTO" --seed 1 --strategy all=baseline --out "$TMP/cr1.pdf" >"$TMP/out.txt" 2>&1; then ok; else
  bad "handout crypto after a game failed: $(cat "$TMP/out.txt")"
fi
has "$TMP/cr1.pdf" crypto-after "CARD 1 OF 4" "CARD 4 OF 4" "In the record but not in this game" \
  "Terraform Labs cannot pay (May 2022)" "(10 of the scenario"
if grep -qF "OF 14" "$TMP/text.txt"; then bad "crypto-after: a card of an event the game did not have"; else ok; fi
"$BIN" handout "$CRYPTO" --lang zh --seed 1 --strategy all=baseline --out "$TMP/cr1zh.pdf" >/dev/null 2>&1 ||
  bad "handout crypto zh after a game failed"
has "$TMP/cr1zh.pdf" crypto-after-zh "第4张，共4张" "本局游戏中没有发生的事件"

# 6. Refusals: exit 2, a message naming what is wrong, no PDF and no temporary file left.
refuse() {
  want=$1
  shift
  "$BIN" handout "$@" >"$TMP/out.txt" 2>"$TMP/err.txt"
  rc=$?
  if [ $rc -eq 2 ] && grep -qF -- "$want" "$TMP/err.txt"; then ok; else
    bad "handout $*: exit $rc, expected 2 with '$want': $(cat "$TMP/err.txt")"
  fi
}
mkdir "$TMP/r"
refuse "--lang expects en" "$S2025" --lang xx --out "$TMP/r/a.pdf"
refuse "nowhere.json" "$TMP/nowhere.json" --out "$TMP/r/b.pdf"
refuse "--out $TMP/r/missing/c.pdf: cannot be written" "$S2025" --out "$TMP/r/missing/c.pdf"
refuse "is a folder" "$S2025" --out "$TMP/r"
refuse "--paper expects a4 or letter, got 'a5'" "$S2025" --paper a5 --out "$TMP/r/d.pdf"
refuse "handout needs --out" "$S2025"
refuse "unknown option '--colour'" --colour --out "$TMP/r/e.pdf"
refuse "drop --seed" --load "$TMP/save.json" --seed 4 --out "$TMP/r/f.pdf"
refuse "--seed expects a whole number" --seed x --out "$TMP/r/g.pdf"
echo "{" >"$TMP/broken.json"
refuse "broken.json" --load "$TMP/broken.json" --out "$TMP/r/h.pdf"
left=$(ls "$TMP/r")
[ -z "$left" ] && ok || bad "refusals left files behind: $left"

# An existing handout is replaced whole or not at all: a refused run leaves it as it was.
cp "$TMP/en.pdf" "$TMP/r/keep.pdf"
"$BIN" handout "$TMP/nowhere.json" --out "$TMP/r/keep.pdf" >/dev/null 2>&1
cmp -s "$TMP/en.pdf" "$TMP/r/keep.pdf" && ok || bad "a refused run changed the existing PDF"
[ "$(ls "$TMP/r")" = "keep.pdf" ] && ok || bad "a refused run left a temporary file: $(ls "$TMP/r")"

# The help names the command's options.
"$BIN" handout --help >"$TMP/help.txt" 2>&1 && ok || bad "handout --help failed"
for t in "--out FILE.pdf" "--paper a4|letter" "--load SAVE" "--strategy ROLE=NAME"; do
  grep -qF -- "$t" "$TMP/help.txt" && ok || bad "help lacks '$t'"
done

cli_end
