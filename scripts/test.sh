#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test (unit, end-to-end and the crash campaign).
#
# Then checks that the run left no process behind. `swift test` runs in a session of its own, so every
# process it starts is in that session unless it makes one for itself; and every process the tests
# start carries the mark DOSSIER_TEST_RUN=<token of this run> in its environment (Tests/TestServers
# passes it on even to servers started with an environment of their own), which finds those that did
# (nginx and sshd overwrite their environment's memory with their process title, hence both). Any live
# process of the session or with the mark once `swift test` has returned is a leftover — a server, a
# worker it forked, a command a test started: they are named, killed, and the run fails. The servers'
# watchdog (Tests/TestServers/ServerGroups.swift) notes in a log the server groups it had to end
# because their test process died without stopping them; those fail the run too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests

DOSSIER_TEST_RUN="$(date +%s)-$$-$RANDOM"
DOSSIER_TEST_WATCHDOG_LOG="$(mktemp "${TMPDIR:-/tmp}/dossier-test-watchdog.XXXXXX")"
export DOSSIER_TEST_RUN DOSSIER_TEST_WATCHDOG_LOG

# PIDs of live processes of the test session or carrying this run's mark, except this script. Run in
# a subshell ($(leftovers)), which stops exporting the mark first: the commands it runs do not carry it.
session=""
leftovers() {
    local file pid
    export -n DOSSIER_TEST_RUN
    {
        [ -z "$session" ] || ps -eo pid=,sid=,stat= | awk -v s="$session" '$2 == s && $3 !~ /^[ZX]/ { print $1 }'
        for file in $(grep -lzx "DOSSIER_TEST_RUN=$DOSSIER_TEST_RUN" /proc/[0-9]*/environ 2>/dev/null); do
            pid=${file#/proc/}; pid=${pid%/environ}
            [ "$pid" = "$$" ] || [ "$pid" = "${BASHPID:-$$}" ] || [ ! -e "/proc/$pid" ] && continue
            grep -q '^State:[[:space:]]*[ZX]' "/proc/$pid/status" 2>/dev/null && continue
            echo "$pid"
        done
    } | sort -un
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
# A background job of a script is not a process group leader, so setsid execs swift test itself: $! is
# its PID and the id of its new session. Ctrl-C (or a CI cancel) reaches this script: pass it on.
setsid swift test "$@" &   # arguments, if any, go to swift test (e.g. --filter); none in CI
session=$!
trap 'kill -s INT -- "-$session" 2>/dev/null || true' INT
trap 'kill -s TERM -- "-$session" 2>/dev/null || true' TERM HUP
while true; do
    wait "$session" && status=0 || status=$?
    # wait returns early (> 128) when a trapped signal arrives: wait again until swift test has ended.
    kill -0 "$session" 2>/dev/null || break
done
trap - INT TERM HUP
check_leftovers || { [ "$status" -ne 0 ] || status=1; }
exit "$status"
