#!/bin/sh
# test_calib_probe: cl_calib (the measuring half of tools/calibrate.py) as the tool uses it:
# one JSON line per settings line, the settings really applied, bad input refused with exit 2.
P="$1"
fail=0
bad() { echo "FAIL: $1"; fail=1; }
out=$(printf '\nmarket.fomo_gain=0\n' | "$P" --seeds 1:3) || bad "two settings lines"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] || bad "one line per settings line"
printf '%s\n' "$out" | head -1 | grep -q '"targets":\[{"event":"stargate","actor":"softbank"' || bad "targets listed"
a=$(printf '%s\n' "$out" | sed -n 1p | sed 's/.*"total":\[\([^]]*\)\].*/\1/')
b=$(printf '%s\n' "$out" | sed -n 2p | sed 's/.*"total":\[\([^]]*\)\].*/\1/')
[ -n "$a" ] && [ "$a" != "$b" ] || bad "a setting changes the totals"
err=$(echo "market.nope=1" | "$P" --seeds 1:1 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && echo "$err" | grep -q "stdin line 1: 'market.nope'" || bad "unknown parameter: exit 2 naming the line ($rc: $err)"
err=$(echo "market.fomo_gain=-1" | "$P" --seeds 1:1 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && echo "$err" | grep -q "market.fomo_gain=-1: expected" || bad "value out of range: exit 2 ($rc: $err)"
"$P" --seeds 5:1 </dev/null 2>/dev/null; [ $? -eq 2 ] || bad "--seeds 5:1 refused"
[ $fail -eq 0 ] && echo "test_calib_probe: ok"
exit $fail
