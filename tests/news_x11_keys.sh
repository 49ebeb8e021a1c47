# news_x11_keys: what test_news_x11's drivers share (sourced after x11_lib.sh, under x11_xvfb).
#
# news_begin FILE: the game's output, which the game and the drivers' markers both append to (so
# that they stay in order); empties it.
# news_key KEY | news_key click BUTTON: sends a key (or a mouse click) to $wid and waits until the
# window has said where the log is ("news log: ..."), 15 s at most: a key that moves the log
# makes one such line after the next frame, and two keys read in the same frame make one, so
# each waits for its own.
# news_settle: waits until the output has been still for half a second (15 s at most).
news_begin() {
  news_out=$1
  : >"$news_out"
}

news_lines() {
  grep -c '^news log: ' "$news_out"
}

news_key() {
  before=$(news_lines)
  if [ "$1" = click ]; then
    xdotool click --window "$wid" "$2" 2>/dev/null || xdotool click "$2"
  else
    xdotool key --window "$wid" "$1" 2>/dev/null || xdotool key "$1"
  fi
  i=0
  while [ "$(news_lines)" -le "$before" ] && [ $i -lt 60 ]; do
    sleep 0.25
    i=$((i + 1))
  done
}

news_settle() {
  last=-1
  i=0
  while [ $i -lt 30 ]; do
    size=$(wc -c <"$news_out")
    [ "$size" = "$last" ] && return 0
    last=$size
    sleep 0.5
    i=$((i + 1))
  done
}
