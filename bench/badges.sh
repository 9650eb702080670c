#!/usr/bin/env bash
# Badges benchmark (issue 12): the Open Badges 3.0 credentials of a hub the size of the hub benchmark.
#   Data: N synthetic CFAs (bench/hub-gen.py --all-ready: 10 ready requests each), reconciled; every
#   CFA but one has its 10 badges approved (a Badgeons and a Région member) and awarded by the Région
#   with no issuer key yet: 10 × (N − 1) awards.
#   1. Issuing in bulk: `dossier hub keys init` makes the keys and signs every award and every label
#      (both proofs: Data Integrity eddsa-rdfc-2022 and VC-JWT RS256): wall time, peak memory, per credential.
#   2. Issuing one credential: the held-back CFA's badges awarded one by one, each award timed on the
#      hub with keys (the credential signed, both proofs) and on a copy without keys (nothing signed),
#      interleaved; the difference of the medians is the cost of issuing. Its 10th award also earns
#      the label (two credentials), shown apart.
#   3. `dossier hub publish DIR` of the whole site (N CFAs, 10 × N awards, N labels): into an empty
#      folder (the previous run's site moved aside, untimed: deleting it would make the next run pay
#      for ext4's handling of recently deleted inodes), and again over the unchanged site; RUNS interleaved rounds
#      (bench/timeit.py), median and min, peak memory of every run (GNU time).
#   4. Verifying one credential offline: `dossier verify FILE --offline` in a CFA's dossier (keys pinned
#      and status list delivered by `dossier sync`) against Tests/Reference/ob3/tools/ob3verify.py
#      (--key/--jwk/--status: the same keys and list), the JSON credential and the JWT, VERIFY_RUNS
#      interleaved rounds.
# Writes the "Badges" section of BENCHMARKS.md (between `<!-- badges:begin -->` and `<!-- badges:end -->`).
#
#   bench/badges.sh                    # N=200 (2,000 awards; the data takes a while to make)
#   N=20 RUNS=3 VERIFY_RUNS=5 REPORT=0 bench/badges.sh   # quick try
#
# Environment: N (CFAs, default 200), RUNS (publish rounds, default 5), VERIFY_RUNS (default 15),
# REPORT (0: do not touch BENCHMARKS.md), KEEP (1: keep the data), REUSE (1: with KEEP=1, start from
# the awarded hub an earlier KEEP=1 run kept in $DATA/pristine instead of making the data again),
# DOSSIER_BIN (use this binary instead of building a release one). Work data: bench-work/badges/data; raw results: bench-work/badges/results.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
N=${N:-200}
RUNS=${RUNS:-5}
VERIFY_RUNS=${VERIFY_RUNS:-15}
REPORT=${REPORT:-1}
KEEP=${KEEP:-0}
REUSE=${REUSE:-0}
need python3 "apt-get install -y python3"
need git "apt-get install -y git"
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time (GNU time, for the peak memory): apt-get install -y time" >&2; exit 1; }
PY="$ROOT/.build-venv/bin/python"
[ -x "$PY" ] || { echo "missing $PY (ob3verify.py's packages): scripts/install-deps.sh" >&2; exit 1; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "${DOSSIER_BIN:-}" ]; then
    log "Using $DOSSIER_BIN (no build)"
    BIN=$DOSSIER_BIN
else
    log "Building the release binary"
    build_release
    BIN="$ROOT/.build/release/dossier"
fi
WORK="$ROOT/bench-work/badges"
DATA="$WORK/data"
RESULTS="$WORK/results"
if [ "$REUSE" != 1 ] || [ ! -d "$DATA/pristine" ]; then REUSE=0; rm -rf "$DATA"; fi
rm -rf "$RESULTS"
mkdir -p "$DATA" "$RESULTS"
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $DATA" >&2; else rm -rf "$DATA"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
D="$DATA/dossier"
export HOME="$DATA/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME"
git config --global user.name "Claire Lemonnier"
git config --global user.email "direction@cfa-batiment-caen.example.fr"
git config --global init.defaultBranch main

# ------------------------------------------------------------------------------------------ data
HUB="$DATA/hub"
BADGES="prospection attractivite accessibilite apprentis tutorat plan-formation referent-numerique espaces-innovants expertise-outils ressources"
if [ "$REUSE" = 1 ]; then
    log "Reusing the data of an earlier run (REUSE=1): $DATA/pristine"
    # Moved aside and deleted at the end: thousands of files deleted just before the publish would
    # slow its file creations (see TRASH below).
    mkdir -p "$DATA/old"
    for old in "$HUB" "$DATA/hub-nokeys" "$DATA/site" "$DATA/site-again" "$DATA/cfa" "$DATA/trash"; do
        if [ -e "$old" ]; then mv "$old" "$DATA/old/$(basename "$old")-$(date +%s%N)"; fi
    done
    cp -a "$DATA/pristine" "$HUB"
    verify_uai=$(sed -n 2p "$DATA/gen/cfas.tsv" | cut -f1)
    rm -rf "$DATA/gen/remotes/$verify_uai.git"
    cp -a "$DATA/pristine-remote.git" "$DATA/gen/remotes/$verify_uai.git"
else
    cp "$BIN" "$DATA/dossier"
    log "Generating $N synthetic CFAs (10 requests each) and their hub"
    python3 "$ROOT/bench/hub-gen.py" "$D" "$ROOT/sample-dossiers/batiment-caen" "$DATA/gen" "$N" --all-ready >"$DATA/gen.json"
    "$D" hub init "$HUB" >/dev/null
    while IFS=$'\t' read -r uai name path; do
        "$D" hub register "$uai" "$path" --name "$name" --hub "$HUB" >/dev/null
    done <"$DATA/gen/cfas.tsv"
    "$D" hub reconcile --hub "$HUB" >/dev/null
    "$D" hub member add badgeons --role badgeons --hub "$HUB" >/dev/null
    "$D" hub member add region --role region --hub "$HUB" >/dev/null
    held_uai=$(head -n 1 "$DATA/gen/cfas.tsv" | cut -f1)
    tail -n +2 "$DATA/gen/cfas.tsv" | cut -f1 >"$DATA/awarded.txt"
    log "Votes and $(($(wc -l <"$DATA/awarded.txt") * 10)) awards (no issuer key yet)"
    count=0
    while read -r uai; do
        for badge in $BADGES; do
            "$D" hub vote "$uai" "$badge" approve --member badgeons -m "Conforme" --hub "$HUB" >/dev/null
            "$D" hub vote "$uai" "$badge" approve --member region -m "Conforme" --hub "$HUB" >/dev/null
            "$D" hub award "$uai" "$badge" --member region --hub "$HUB" >/dev/null
        done
        count=$((count + 1))
        if [ $((count % 20)) = 0 ]; then echo "  $count CFAs awarded" >&2; fi
    done <"$DATA/awarded.txt"
    for badge in $BADGES; do
        "$D" hub vote "$held_uai" "$badge" approve --member badgeons -m "Conforme" --hub "$HUB" >/dev/null
        "$D" hub vote "$held_uai" "$badge" approve --member region -m "Conforme" --hub "$HUB" >/dev/null
    done
    cp -a "$HUB" "$DATA/pristine"
    verify_uai=$(sed -n 2p "$DATA/gen/cfas.tsv" | cut -f1)
    cp -a "$DATA/gen/remotes/$verify_uai.git" "$DATA/pristine-remote.git"
fi
cp "$DATA/gen.json" "$RESULTS/gen.json"
cp "$BIN" "$DATA/dossier"
held_uai=$(head -n 1 "$DATA/gen/cfas.tsv" | cut -f1)  # its badges are awarded one by one in step 2
verify_uai=$(sed -n 2p "$DATA/gen/cfas.tsv" | cut -f1)  # its dossier verifies in step 4
cp -a "$HUB" "$DATA/hub-nokeys"

# ----------------------------------------------------------------------------- 1. bulk issuing
log "1. hub keys init: keys made, every award and label signed"
/usr/bin/time -f "%e %M %U %S" -o "$RESULTS/keys-init-time.txt" "$D" hub keys init --hub "$HUB" >"$RESULTS/keys-init.txt"
cat "$RESULTS/keys-init.txt" >&2

# ------------------------------------------------------------------------ 2. one credential
log "2. $held_uai's badges awarded one by one, with keys and without, interleaved"
python3 - "$D" "$HUB" "$DATA/hub-nokeys" "$held_uai" "$BADGES" >"$RESULTS/award.json" <<'PY'
import json, resource, subprocess, sys, time
dossier, keyed, bare, uai, badges = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split()
times = {"keys": [], "nokeys": []}
cpu = {"keys": [], "nokeys": []}  # user + system seconds of the command: less sensitive to the machine's load
def used():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
for number, badge in enumerate(badges):
    sides = [("keys", keyed), ("nokeys", bare)]
    if number % 2:
        sides.reverse()
    for side, hub in sides:
        start, before = time.perf_counter(), used()
        subprocess.run([dossier, "hub", "award", uai, badge, "--member", "region", "--hub", hub], check=True,
                       stdout=subprocess.DEVNULL)
        times[side].append(time.perf_counter() - start)
        cpu[side].append(used() - before)
print(json.dumps({"badges": badges, "times": times, "cpu": cpu}))
PY
"$D" hub credentials list --hub "$HUB" >"$RESULTS/credentials.txt"

# ------------------------------------------------------------------------------- 3. publish
log "3. hub publish: $RUNS rounds"
SITE="$DATA/site"
AGAIN="$DATA/site-again"
# The previous run's site is moved aside, not deleted: ext4 is slow to create files just after
# thousands were deleted (`recently_deleted` in its inode allocation, under perf), which would time
# the benchmark's own deletions, not what a publish costs.
TRASH="$DATA/trash"
rm -rf "$TRASH"
rm -f "$RESULTS"/rss-publish-*.txt
python3 "$ROOT/bench/timeit.py" -N --warmup 1 --runs "$RUNS" --export-json "$RESULTS/publish.json" \
    --prepare "mkdir -p $TRASH && if [ -d $SITE ]; then mv $SITE $TRASH/site-\$(date +%s%N); fi" -n "publish into an empty folder" \
    "/usr/bin/time -f %M,%U,%S -a -o $RESULTS/rss-publish-fresh.txt $D hub publish $SITE --hub $HUB" \
    -n "publish again over the unchanged site" \
    "/usr/bin/time -f %M,%U,%S -a -o $RESULTS/rss-publish-again.txt $D hub publish $AGAIN --hub $HUB"
"$D" hub publish "$SITE" --hub "$HUB" >"$RESULTS/publish.txt"
rm -rf "$TRASH"
find "$SITE" -type f | wc -l >"$RESULTS/site-files.txt"
du -sk "$SITE" | cut -f1 >"$RESULTS/site-kib.txt"

# -------------------------------------------------------------------------------- 4. verify
log "4. verify one credential: dossier verify --offline vs ob3verify.py, $VERIFY_RUNS rounds"
"$D" hub reconcile "$verify_uai" --hub "$HUB" >/dev/null
CFA="$DATA/cfa"
"$D" clone "$DATA/gen/remotes/$verify_uai.git" "$CFA" >/dev/null
"$D" sync -C "$CFA" >/dev/null
cp "$SITE/credentials/$verify_uai/tutorat.json" "$DATA/tutorat.json"
cp "$SITE/credentials/$verify_uai/tutorat.jwt" "$DATA/tutorat.jwt"
# ob3verify.py's view of the same keys (--key for the Ed25519 proof, --jwk for the JWT) and status list.
python3 - "$SITE/issuer.json" "$DATA/jwks.json" >"$DATA/keys.txt" <<'PY'
import json, sys
profile = json.load(open(sys.argv[1]))
jwks = []
for method in profile.get("verificationMethod", []):
    if "publicKeyMultibase" in method:
        print(f"{method['id']}={method['publicKeyMultibase']}")
    if "publicKeyJwk" in method:
        jwks.append(dict(method["publicKeyJwk"], kid=method["id"]))
json.dump({"keys": jwks}, open(sys.argv[2], "w"))
PY
key_args=""
while read -r key; do key_args="$key_args --key $key"; done <"$DATA/keys.txt"
OB3="$ROOT/Tests/Reference/ob3/tools/ob3verify.py"
for form in json jwt; do
    "$D" verify "$DATA/tutorat.$form" --offline -C "$CFA" >"$RESULTS/verify-$form.txt"
    "$PY" "$OB3" "$DATA/tutorat.$form" $key_args --jwk "$DATA/jwks.json" --status "$SITE/status/1.json" >"$RESULTS/ob3verify-$form.txt"
done
python3 "$ROOT/bench/timeit.py" -N --warmup 1 --runs "$VERIFY_RUNS" --export-json "$RESULTS/verify.json" \
    -n "dossier verify tutorat.json --offline" "$D verify $DATA/tutorat.json --offline -C $CFA" \
    -n "ob3verify.py tutorat.json" "$PY $OB3 $DATA/tutorat.json $key_args --jwk $DATA/jwks.json --status $SITE/status/1.json" \
    -n "dossier verify tutorat.jwt --offline" "$D verify $DATA/tutorat.jwt --offline -C $CFA" \
    -n "ob3verify.py tutorat.jwt" "$PY $OB3 $DATA/tutorat.jwt $key_args --jwk $DATA/jwks.json --status $SITE/status/1.json"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$DATA/hub-nokeys" "$DATA/old"

export N RUNS VERIFY_RUNS load_start load_end held_uai
python3 "$ROOT/bench/badges-report.py" "$RESULTS" >"$RESULTS/section.md"
cat "$RESULTS/section.md"
if [ "$REPORT" = 1 ]; then
    python3 - "$ROOT/BENCHMARKS.md" "$RESULTS/section.md" <<'PY'
import sys
path, section = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(path).read()
block = "<!-- badges:begin -->\n" + section + "\n<!-- badges:end -->"
if "<!-- badges:begin -->" in text:
    start, end = text.index("<!-- badges:begin -->"), text.index("<!-- badges:end -->") + len("<!-- badges:end -->")
    text = text[:start] + block + text[end:]
else:
    text = text.rstrip() + "\n\n" + block + "\n"
open(path, "w").write(text)
PY
fi
