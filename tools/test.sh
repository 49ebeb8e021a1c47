#!/bin/sh
# The whole test suite: a normal build and an AddressSanitizer + UndefinedBehaviorSanitizer build,
# each with every CTest test. Exit status non-zero if anything fails.
set -e
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$JOBS"
# --timeout: a test that hangs (a host waiting for a seat nobody takes) fails instead of stopping CI.
ctest --test-dir build --output-on-failure -j"$JOBS" --timeout 600
# The recipes' test builds (the engine compiled again with one more deal kind, chart and series)
# run in the normal build; under the sanitizers they would only compile the same sources again.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCL_SANITIZE=ON -DCL_KINDTEST=OFF >/dev/null
cmake --build build-asan -j"$JOBS"
# Under the sanitizers everything runs 2-10 times slower, and the window tests (a real X server)
# and the sandbox's 1-second wall-clock backstop have failed on a loaded machine and passed alone:
# a test that fails is run once more, and one that fails twice fails the suite.
# The window tests (one X server each, on a display of its own: x11_xvfb in tests/x11_lib.sh) run
# in parallel with the other tests; they mostly wait on the window, and take about as long under
# the sanitizers as without. Under the sanitizers
# run the three that drive the whole frame loop (play, role, class); the other twelve run in the
# normal build above, and the code they reach (cards, the deal dialog, saves, levers and their
# comparison, the scale, news, rescue, failure cards, idle waiting, the lab) also runs in module
# tests here (test_app_cards, test_ui_desk_draft, test_app_forecast, test_app_savegame,
# test_app_compare, test_ui_levers, test_ui_fit, test_app_news, test_ui_fail, test_app_lab...).
# This keeps the CI under its 20 minutes (measured: 19 minutes with six of them here).
# The browser test (test_web: chromium, about 35 s) runs in the normal build only: the host code it
# drives runs here in test_host and the test_net_* module tests.
# test_whatifs and test_league (about 55 s of CPU here) play the same engine as test_batch and
# the module tests do under the sanitizers; they run in the normal build only, to keep CI in time.
ASAN_SKIP_X11='test_(loop|fail|rescue|idle|news|scale|levers|saves|cards|dialog|host|lab)_x11|test_web|test_whatifs|test_league'
# tools/lsan.supp: leaks inside system libraries (cairo), not ours.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp" \
  ctest --test-dir build-asan --output-on-failure -j"$JOBS" --timeout 600 --repeat until-pass:2 -E "$ASAN_SKIP_X11"
