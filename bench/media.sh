#!/usr/bin/env bash
# Media benchmark: a 2 GB video through `dossier` (git-lfs compatible storage) beside git and git-lfs.
#   1. `dossier add` + `dossier save` of the video vs `sha256sum` of it (goal: wall ≤ 1.3×, peak
#      memory ≤ 64 MB), beside `git lfs track` + `git add` + `git commit` and plain `git add` +
#      `git commit` of the same file;
#   2. upload of the object to a path remote (`dossier sync`) vs `cp` of the file (goal ≤ 1.3×);
#   3. a dossier holding 2 GB of media: `dossier clone --no-media` vs `git clone` of the same
#      dossier stored without LFS.
# Timed side by side by bench/timeit.py (interleaved runs, medians); peak memory with
# /usr/bin/time. Writes the "Media" section of BENCHMARKS.md (between `<!-- media:begin -->` and
# `<!-- media:end -->`).
#
#   bench/media.sh                 # SIZE=2G RUNS=3 (about 10 minutes, 16 GB of free disk)
#   SIZE=200M RUNS=3 bench/media.sh   # quick try
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
SIZE=${SIZE:-2G}
RUNS=${RUNS:-3}
KEEP=${KEEP:-0}
need python3 "apt-get install -y python3"
need git "apt-get install -y git"
need git-lfs "apt-get install -y git-lfs"
need sha256sum "apt-get install -y coreutils"
[ -x /usr/bin/time ] || { echo "missing tool: /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "Building the release binary"
build_release
DOSSIER="$ROOT/.build/release/dossier"

WORK="$ROOT/bench-work/media"
DATA="$WORK/data"
RESULTS="$WORK/results"
rm -rf "$DATA" "$RESULTS"
mkdir -p "$DATA" "$RESULTS"
[ "$KEEP" = 1 ] || trap 'rm -rf "$DATA"' EXIT
export HOME="$DATA/home" GIT_CONFIG_NOSYSTEM=1 LANG=C.UTF-8
mkdir -p "$HOME"
git config --global user.name Bench && git config --global user.email bench@example.fr
git config --global init.defaultBranch main
git lfs install --skip-repo >/dev/null

log "Generating a $SIZE video"
VIDEO="$DATA/chantier-drone.mp4"
head -c "$SIZE" /dev/urandom > "$VIDEO"
BYTES=$(stat -c %s "$VIDEO")
AUTHOR="Bench <bench@example.fr>"

# A small dossier to add the video to (the sample without history weight).
"$DOSSIER" init "$DATA/template" --uai 0141234R --name "CFA du Bâtiment de Caen" \
    --from "$ROOT/sample-dossiers/batiment-caen" --author "$AUTHOR" >/dev/null
git init -q "$DATA/git-template" && cp -a "$DATA/template/." "$DATA/git-template/" && rm -rf "$DATA/git-template/.git/lfs"
(cd "$DATA/git-template" && rm -rf .git && git init -q && git add -A && git commit -qm base)

ADD="\"$DOSSIER\" add attractivite \"$VIDEO\" --criterion videos-apprentis --title Drone >/dev/null && \"$DOSSIER\" save -m video --author \"$AUTHOR\" >/dev/null"
LFS="git lfs track '*.mp4' >/dev/null && cp \"$VIDEO\" badges/attractivite/evidence/ && git add .gitattributes badges && git commit -qm video"
GIT="cp \"$VIDEO\" badges/attractivite/evidence/ && git add badges && git commit -qm video"

log "1. add + save of the video (RUNS=$RUNS)"
python3 bench/timeit.py --warmup 0 --runs "$RUNS" --export-json "$RESULTS/store.json" \
    -n "sha256sum" "sha256sum \"$VIDEO\" >/dev/null" \
    --prepare "rm -rf \"$DATA/d\" && cp -a \"$DATA/template\" \"$DATA/d\"" \
    -n "dossier add + save" "cd \"$DATA/d\" && $ADD" \
    --prepare "rm -rf \"$DATA/l\" && cp -a \"$DATA/git-template\" \"$DATA/l\"" \
    -n "git lfs track + git add + git commit" "cd \"$DATA/l\" && $LFS" \
    --prepare "rm -rf \"$DATA/g\" && cp -a \"$DATA/git-template\" \"$DATA/g\"" \
    -n "git add + git commit (no LFS)" "cd \"$DATA/g\" && $GIT"
rm -rf "$DATA/l" "$DATA/g"

log "   peak memory"
rm -rf "$DATA/d" && cp -a "$DATA/template" "$DATA/d"
(cd "$DATA/d" && /usr/bin/time -f %M -o "$RESULTS/add.rss" "$DOSSIER" add attractivite "$VIDEO" --criterion videos-apprentis --title Drone >/dev/null \
    && /usr/bin/time -f %M -o "$RESULTS/save.rss" "$DOSSIER" save -m video --author "$AUTHOR" >/dev/null)
/usr/bin/time -f %M -o "$RESULTS/sha256sum.rss" sha256sum "$VIDEO" >/dev/null
git -C "$DATA/d" lfs fsck >"$RESULTS/lfs-fsck.txt" 2>&1 || true

log "2. upload to a path remote"
git init -q --bare "$DATA/remote.git"
(cd "$DATA/d" && "$DOSSIER" remote set "$DATA/remote.git" >/dev/null)
python3 bench/timeit.py --warmup 0 --runs "$RUNS" --export-json "$RESULTS/upload.json" \
    --prepare "rm -rf \"$DATA/copy\"" \
    -n "cp" "cp \"$VIDEO\" \"$DATA/copy\"" \
    --prepare "rm -rf \"$DATA/remote.git\" && git init -q --bare \"$DATA/remote.git\" && git -C \"$DATA/d\" update-ref -d refs/remotes/origin/main || true" \
    -n "dossier sync (upload)" "cd \"$DATA/d\" && \"$DOSSIER\" sync -q"
rm -f "$DATA/copy"

log "3. clone of a dossier with $SIZE of media"
rm -rf "$DATA/g" && cp -a "$DATA/git-template" "$DATA/g" && (cd "$DATA/g" && sh -c "$GIT")
git clone -q --bare "$DATA/g" "$DATA/plain.git" && rm -rf "$DATA/g"
python3 bench/timeit.py --warmup 0 --runs "$RUNS" --export-json "$RESULTS/clone.json" \
    --prepare "rm -rf \"$DATA/c1\"" \
    -n "dossier clone --no-media (LFS)" "\"$DOSSIER\" clone \"$DATA/remote.git\" \"$DATA/c1\" --no-media -q >/dev/null" \
    --prepare "rm -rf \"$DATA/c2\"" \
    -n "git clone (no LFS)" "git clone -q \"$DATA/plain.git\" \"$DATA/c2\""
du -sk "$DATA/remote.git" "$DATA/plain.git" > "$RESULTS/sizes.txt"

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
python3 bench/media-report.py "$RESULTS" "$ROOT/BENCHMARKS.md" "$BYTES" "$load_start" "$load_end"
log "Done: BENCHMARKS.md (Media section); raw results in $RESULTS"
