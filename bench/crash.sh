#!/usr/bin/env bash
# The crash campaign (Tests/CrashTests) in its long mode: every command killed with SIGKILL at every
# rename/fsync/link/unlink/lock step it makes (strace fault injection), plus 10 seeded random kills
# each; after each kill the invariants are checked (git fsck --full, the review store's integrity, no
# saved evidence lost, the next command succeeding without hand repair). Writes the counts per command
# and their outcome to the "Crash campaign" section of BENCHMARKS.md (between `<!-- crash:begin -->`
# and `<!-- crash:end -->`; the rest of the file is kept), with the machine and the seed.
#
# Environment: SEED (default: the time), MODE (long, default; ci: the sample the CI runs),
# FILTER (default CrashTests: e.g. 'CrashTests/save' for one command), REPORT (0: do not touch
# BENCHMARKS.md; the section is then in bench-work/crash/section.md).
# Needs strace and sqlite3 (scripts/install-deps.sh installs them).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
need strace "apt-get install -y strace (or scripts/install-deps.sh)"
need sqlite3 "apt-get install -y sqlite3 (or scripts/install-deps.sh)"
SEED=${SEED:-$(date +%s)}
MODE=${MODE:-long}
FILTER=${FILTER:-CrashTests}
REPORT=${REPORT:-1}
WORK="$ROOT/bench-work/crash"
mkdir -p "$WORK"
rm -f "$WORK/report.jsonl"

log "Building (debug, with the tests)"
build --build-tests
log "Crash campaign: mode $MODE, seed $SEED (log: bench-work/crash/test.log)"
status=0
start=$(date +%s)
DOSSIER_CRASH_MODE="$MODE" DOSSIER_CRASH_SEED="$SEED" DOSSIER_CRASH_REPORT="$WORK/report.jsonl" \
    swift test --skip-build --filter "$FILTER" >"$WORK/test.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
grep -E '^\| |^crash campaign' "$WORK/test.log" | grep -v '^|---' >&2 || true

target="$ROOT/BENCHMARKS.md"
[ "$REPORT" = 1 ] || target="$WORK/section.md"
python3 "$ROOT/bench/crash-report.py" "$WORK/report.jsonl" "$target" --seed "$SEED" --mode "$MODE" --elapsed "$elapsed" \
    --test-status "$status" --commit "$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources || echo ' (Sources modified)')"
log "Wrote the Crash campaign section of $target (swift test exit $status)"
exit 0
