#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test (unit, end-to-end and the crash campaign).
#
# Then checks that the run left no process behind: every process the tests start carries the mark
# DOSSIER_TEST_RUN=<token of this run> in its environment (Tests/TestServers passes it on even to
# servers started with an environment of their own), so any live process still carrying it once
# `swift test` has returned is a leftover — a server, a worker it forked, a command a test started.
# They are named, killed, and the run fails. The servers' watchdog (Tests/TestServers/ServerGroups.swift)
# notes in a log the server groups it had to end because their test process died without stopping
# them; those fail the run too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests

DOSSIER_TEST_RUN="$(date +%s)-$$-$RANDOM"
DOSSIER_TEST_WATCHDOG_LOG="$(mktemp "${TMPDIR:-/tmp}/dossier-test-watchdog.XXXXXX")"
export DOSSIER_TEST_RUN DOSSIER_TEST_WATCHDOG_LOG

# PIDs of live processes carrying this run's mark, except this script (grep runs without the mark).
leftovers() {
    local file pid
    for file in $(env -u DOSSIER_TEST_RUN grep -lzx "DOSSIER_TEST_RUN=$DOSSIER_TEST_RUN" /proc/[0-9]*/environ 2>/dev/null); do
        pid=${file#/proc/}; pid=${pid%/environ}
        [ "$pid" = "$$" ] || [ "$pid" = "${BASHPID:-$$}" ] || [ ! -e "/proc/$pid" ] && continue
        grep -q '^State:[[:space:]]*[ZX]' "/proc/$pid/status" 2>/dev/null && continue
        echo "$pid"
    done
}

check_leftovers() {
    local pids pid waited=0
    # A watchdog ends its groups within 2 s of its test process's exit; processes may still be exiting.
    pids=$(leftovers)
    while [ -n "$pids" ] && [ "$waited" -lt 10 ]; do sleep 1; waited=$((waited + 1)); pids=$(leftovers); done
    local failed=0
    if [ -s "$DOSSIER_TEST_WATCHDOG_LOG" ]; then
        echo "error: servers left running when their test process ended (stopped by the watchdog):" >&2
        cat "$DOSSIER_TEST_WATCHDOG_LOG" >&2
        failed=1
    fi
    if [ -n "$pids" ]; then
        echo "error: processes of this test run left behind (now killed):" >&2
        for pid in $pids; do
            printf '  pid %s (parent %s): %s\n' "$pid" "$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null)" \
                "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)" >&2
        done
        for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
        failed=1
    fi
    rm -f "$DOSSIER_TEST_WATCHDOG_LOG"
    return $failed
}

status=0
trap 'check_leftovers || true; exit 130' INT TERM HUP
swift test "$@" || status=$?   # arguments, if any, go to swift test (e.g. --filter); none in CI
trap - INT TERM HUP
check_leftovers || { [ "$status" -ne 0 ] || status=1; }
exit "$status"
