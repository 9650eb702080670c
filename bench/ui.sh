#!/usr/bin/env bash
# The CFA's application (`dossier ui`, release build) on the 12 × 1,000-file dossier of BENCHMARKS.md:
#   Pages: the dashboard (`/`) and one badge page (`/badge/tutorat`, 1,000 evidence entries), each under
#   `wrk -t2 -c$CONNECTIONS -d$DURATION --timeout 30s --latency` on 127.0.0.1 with the session cookie (the launch URL
#   printed by `dossier ui --no-open`, exchanged with curl), ROUNDS rounds interleaved.
#   Upload: a SIZE_MIB file of random bytes sent through the badge page's form with `curl -F` (the same
#   multipart body a browser sends, and like a browser without `Expect: 100-continue`), against `cp` +
#   `sha256sum` of the same file (what `dossier add` does: copy and hash), ROUNDS rounds interleaved;
#   wall time, and the server's peak memory during the upload (VmHWM, reset before each upload
#   through /proc/PID/clear_refs).
# Writes the "ui" section of BENCHMARKS.md (between `<!-- ui:begin -->` and `<!-- ui:end -->`).
#
#   bench/ui.sh                                   # 1,000 files per badge, 2 GiB upload, 20 s per measure, 3 rounds
#   FILES=100 SIZE_MIB=256 DURATION=5 ROUNDS=1 bench/ui.sh   # quick try
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
FILES=${FILES:-1000}
SIZE_MIB=${SIZE_MIB:-2048}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-10}
ROUNDS=${ROUNDS:-3}
REPORT=${REPORT:-1}
KEEP=${KEEP:-0}
BADGE=tutorat
need wrk "apt-get install -y wrk (or scripts/install-deps.sh)"
need curl "apt-get install -y curl"
need python3 "apt-get install -y python3"
need sha256sum "coreutils"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "${DOSSIER_BIN:-}" ]; then BIN=$DOSSIER_BIN; else log "Building the release binary"; build -c release --product dossier; BIN="$ROOT/.build/release/dossier"; fi
WORK="$ROOT/bench-work/ui"
DATA="$WORK/data"
RESULTS="$WORK/results"
rm -rf "$DATA" "$RESULTS"
mkdir -p "$DATA" "$RESULTS"
cleanup() { stop_servers; if [ "$KEEP" = 1 ]; then echo "kept $DATA" >&2; else rm -rf "$DATA"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
cp "$BIN" "$DATA/dossier"
D="$DATA/dossier"
export HOME="$DATA/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME"
git config --global user.name "Claire Lemonnier"
git config --global user.email "direction@cfa-batiment-caen.example.fr"
git config --global init.defaultBranch main

# ------------------------------------------------------------------------------------------ data
log "Generating a dossier of 12 badges × $FILES evidence files"
DOSSIER="$DATA/base"
"$D" catalogue --json >"$DATA/catalogue.json"
"$D" init "$DOSSIER" --uai 0141234R --name "CFA du Bâtiment de Caen (banc de mesure)" >/dev/null
python3 "$ROOT/bench/gen.py" "$DOSSIER" "$DATA/catalogue.json" "$FILES" >&2
"$D" save -C "$DOSSIER" -m "Génération des preuves du banc de mesure" >/dev/null
log "A $SIZE_MIB MiB file of random bytes"
BIG="$DATA/video.mp4"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$BIG"

# ---------------------------------------------------------------------------------------- server
start_server "$RESULTS/server.log" "$D" ui "$DOSSIER" --no-open
PID=${SERVER_GROUPS[-1]}
url=""
for _ in $(seq 300); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/open?token=[A-Za-z0-9_-]*' "$RESULTS/server.log" | head -n 1 || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$RESULTS/server.log" >&2; echo "dossier ui printed no address" >&2; exit 1; }
base=${url%%/open*}
jar="$DATA/cookies"
curl -sf -c "$jar" -o /dev/null "$url"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
declare -A PAGES=([dashboard]="/" [badge]="/badge/$BADGE")
for page in dashboard badge; do
    status=$(curl -s -o "$RESULTS/$page.html" -w '%{http_code}' -H "Cookie: $cookie" "$base${PAGES[$page]}")
    [ "$status" = 200 ] || { echo "GET ${PAGES[$page]} answered $status" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------- pages
# The requests wrk left in flight when it stopped are still being answered: wait until the server's
# CPU time stops growing before the next measure.
idle() {
    local before after
    after=$(awk '{print $14 + $15}' "/proc/$PID/stat")
    while :; do
        before=$after
        sleep 1
        after=$(awk '{print $14 + $15}' "/proc/$PID/stat")
        [ $((after - before)) -lt 5 ] && break
    done
}
for round in $(seq "$ROUNDS"); do
    for page in dashboard badge; do
        log "Round $round: wrk on ${PAGES[$page]}"
        wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -H "Cookie: $cookie" "$base${PAGES[$page]}" >"$RESULTS/wrk-$page-$round.txt"
        idle
    done
done
grep VmHWM "/proc/$PID/status" | awk '{print $2}' >"$RESULTS/pages-peak-kib.txt"

# --------------------------------------------------------------------------------------- upload
upload() { # ROUND: the big file through the badge page's form; wall seconds, then the peak memory
    local round=$1 page csrf fingerprint start status
    page=$(curl -sf --retry 3 -H "Cookie: $cookie" "$base/badge/$BADGE") || { echo "GET /badge/$BADGE failed before the upload" >&2; exit 1; }
    # (`sed -n 1p` reads its whole input: `head` would end early and fail the pipe with SIGPIPE.)
    csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | sed -n 1p)
    fingerprint=$(sed -n 's/.*name="fingerprint" value="\([^"]*\)".*/\1/p' <<<"$page" | sed -n 1p)
    echo 5 >"/proc/$PID/clear_refs"
    grep VmRSS "/proc/$PID/status" | awk '{print $2}' >>"$RESULTS/upload-base-kib.txt"
    start=$(date +%s.%N)
    # No `Expect: 100-continue` (browsers do not send it; curl would wait a second for an answer to it).
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H "Expect:" -F "csrf=$csrf" -F "fingerprint=$fingerprint" \
        -F "criterion=historique-echanges" -F "title=Vidéo $round" -F "files=@$BIG;filename=video-$round.mp4;type=video/mp4" \
        "$base/badge/$BADGE/upload")
    python3 -c "import sys; print(round($(date +%s.%N) - $start, 3))" >>"$RESULTS/upload-seconds.txt"
    grep VmHWM "/proc/$PID/status" | awk '{print $2}' >>"$RESULTS/upload-peak-kib.txt"
    [ "$status" = 303 ] || { echo "upload answered $status" >&2; exit 1; }
    # The file is where `dossier add` puts it, with its hash; then removed for the next round.
    recorded=$(grep -A4 "file: \"\?video-$round.mp4" "$DOSSIER/badges/$BADGE/claim.yaml" | sed -n 's/.*sha256: "\?\([0-9a-f]*\)"\?/\1/p' | sed -n 1p)
    echo "$recorded" >>"$RESULTS/upload-sha256.txt"
    id=$(grep -B3 "file: \"\?video-$round.mp4" "$DOSSIER/badges/$BADGE/claim.yaml" | sed -n 's/.*id: "\?\([a-z0-9-]*\)"\?/\1/p' | sed -n 1p)
    "$D" remove "$BADGE" "$id" -C "$DOSSIER" >/dev/null
}
copy() { # cp + sha256sum of the same file: what `dossier add` does
    local start
    start=$(date +%s.%N)
    cp "$BIG" "$DATA/copy.mp4"
    sha256sum "$DATA/copy.mp4" | cut -d' ' -f1 >>"$RESULTS/cp-sha256.txt"
    python3 -c "import sys; print(round($(date +%s.%N) - $start, 3))" >>"$RESULTS/cp-seconds.txt"
    rm -f "$DATA/copy.mp4"
}
for round in $(seq "$ROUNDS"); do
    log "Round $round: upload vs cp + sha256sum"
    if [ $((round % 2)) = 1 ]; then upload "$round"; copy; else copy; upload "$round"; fi
done
sha256sum "$BIG" | cut -d' ' -f1 >"$RESULTS/source-sha256.txt"
grep -cE '" 5[0-9][0-9] ' "$RESULTS/server.log" >"$RESULTS/server-5xx.txt" || true
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
stop_servers

if [ "$REPORT" = 1 ]; then
    section=$(FILES=$FILES SIZE_MIB=$SIZE_MIB DURATION=$DURATION CONNECTIONS=$CONNECTIONS ROUNDS=$ROUNDS BADGE=$BADGE \
        load_start="$load_start" load_end="$load_end" commit="$(git -C "$ROOT" rev-parse --short HEAD)" \
        python3 "$ROOT/bench/ui-report.py" "$RESULTS")
    python3 - "$ROOT/BENCHMARKS.md" "$section" <<'PY'
import sys
path, section = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- ui:begin -->", "<!-- ui:end -->"
block = f"{begin}\n{section}\n{end}"
if begin in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
    log "BENCHMARKS.md: ui section written"
fi
