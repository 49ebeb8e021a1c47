# cli_lib: what every test that runs the binary from the shell begins and ends with. Source it
# with `. "$2/tests/cli_lib.sh"`, then `cli_begin NAME "$@"` (BINARY SOURCE_DIR): it sets BIN and
# SRC as absolute paths, clears the environment variables that would change what the binary reads
# or says, makes TMP (removed on exit) and the counters that ok and bad keep; `cli_end` prints
# "NAME: P passed, F failed" and returns non-zero if anything failed. `expect` and `same` are the
# two checks most of these tests make.
cli_begin() {
  NAME=$1
  BIN=$2
  SRC=$3
  if [ -z "$BIN" ] || [ -z "$SRC" ]; then
    echo "usage: $NAME.sh BINARY SOURCE_DIR" >&2
    exit 2
  fi
  case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
  SRC=$(cd "$SRC" && pwd) || exit 2
  unset CLOSEDLOOP_LANG LC_ALL LC_MESSAGES CLOSEDLOOP_DATA CLOSEDLOOP_SCRIPTS CLOSEDLOOP_CLASSROOM
  export LANG=C
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  pass=0
  fail=0
}
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect STATUS PATTERN -- COMMAND...: runs COMMAND (stdout and stderr into $TMP/out) and counts
# it passed if it exits with STATUS and its output matches the grep PATTERN; else shows the
# output's first lines.
expect() {
  want=$1
  pattern=$2
  shift 3
  "$@" >"$TMP/out" 2>&1
  got=$?
  if [ "$got" != "$want" ]; then
    bad "$* exited $got, expected $want"
    sed 's/^/  | /' "$TMP/out" | head -5
    return
  fi
  if ! grep -q -- "$pattern" "$TMP/out"; then
    bad "$*: output lacks '$pattern'"
    sed 's/^/  | /' "$TMP/out" | head -5
    return
  fi
  ok
}
# same A B WHAT: passes if files A and B are the same to the byte.
same() {
  if cmp -s "$1" "$2"; then ok; else
    bad "$3: $1 and $2 differ"
    diff "$1" "$2" | head -5
  fi
}
cli_end() {
  echo "$NAME: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
