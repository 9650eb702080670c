#!/usr/bin/env bash
# Narrative benchmark: `dossier status`, `diff` and `save` of a claim whose narrative is 4 MB and
# 50 MB, beside `git status`, `git diff` and `git add` + `git commit` of the same change in the same
# repository. Two edits: three lines changed (start, middle, end) and one line in ten rewritten
# (which exceeds the diff's cut-off: patience anchors and a coarse answer take over).
# Timed side by side by bench/timeit.py (interleaved runs, medians); peak memory with
# /usr/bin/time. Writes the "Narrative" section of BENCHMARKS.md (between
# `<!-- narrative:begin -->` and `<!-- narrative:end -->`).
#
#   bench/narrative.sh                       # SIZES="4 50" (MB) RUNS=5
#   SIZES=4 RUNS=3 bench/narrative.sh        # quick try
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
SIZES=${SIZES:-"4 50"}
RUNS=${RUNS:-5}
KEEP=${KEEP:-0}
need python3 "apt-get install -y python3"
need git "apt-get install -y git"
[ -x /usr/bin/time ] || { echo "missing tool: /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "Building the release binary"
build_release
DOSSIER="$ROOT/.build/release/dossier"

WORK="$ROOT/bench-work/narrative"
DATA="$WORK/data"
RESULTS="$WORK/results"
rm -rf "$DATA" "$RESULTS"
mkdir -p "$DATA" "$RESULTS"
[ "$KEEP" = 1 ] || trap 'rm -rf "$DATA"' EXIT
export HOME="$DATA/home" GIT_CONFIG_NOSYSTEM=1 LANG=C.UTF-8
mkdir -p "$HOME"
git config --global user.name Bench && git config --global user.email bench@example.fr
git config --global init.defaultBranch main
AUTHOR="Bench <bench@example.fr>"
CLAIM=badges/tutorat/claim.yaml

# edit.py CLAIM MODE: changes the narrative in place (three lines, or one line in ten).
cat > "$DATA/edit.py" <<'PY'
import sys
path, mode = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")
body = [i for i, line in enumerate(lines) if line.startswith("  Ligne ")]
targets = [body[0], body[len(body) // 2], body[-1]] if mode == "few" else body[::10]
for i in targets:
    lines[i] = lines[i].replace("Ligne", "Ligne revue", 1)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY

for mb in $SIZES; do
    log "A $mb MB narrative"
    base="$DATA/base-$mb"
    "$DOSSIER" init "$base" --uai 0141234R --name "CFA du Bâtiment de Caen" \
        --from "$ROOT/sample-dossiers/batiment-caen" --author "$AUTHOR" >/dev/null
    python3 - "$mb" > "$DATA/narrative-$mb.txt" <<'PY'
import sys
target = int(sys.argv[1]) << 20
line = 0
out = []
size = 0
while size < target:
    line += 1
    text = f"Ligne {line} : le CFA accompagne ses apprentis à distance, séance {line % 97}, groupe {line % 13}.\n"
    out.append(text)
    size += len(text.encode())
sys.stdout.write("".join(out))
PY
    (cd "$base" && "$DOSSIER" set tutorat narrative - < "$DATA/narrative-$mb.txt" >/dev/null \
        && "$DOSSIER" save -m "récit" --author "$AUTHOR" >/dev/null)
    for mode in few tenth; do
        d="$DATA/$mode-$mb"
        rm -rf "$d" && cp -a "$base" "$d"
        python3 "$DATA/edit.py" "$d/$CLAIM" "$mode"
        # The same edit for `git add` + `git commit` and `dossier save`, from a fresh copy each run.
        python3 bench/timeit.py --warmup 1 --runs "$RUNS" --export-json "$RESULTS/$mode-$mb.json" \
            -n "dossier status" "cd \"$d\" && \"$DOSSIER\" status >/dev/null" \
            -n "git status" "cd \"$d\" && git status >/dev/null" \
            -n "dossier diff" "cd \"$d\" && \"$DOSSIER\" diff >/dev/null" \
            -n "git diff" "cd \"$d\" && git diff >/dev/null" \
            --prepare "rm -rf \"$d-s\" && cp -a \"$d\" \"$d-s\"" \
            -n "dossier save" "cd \"$d-s\" && \"$DOSSIER\" save -m revu --author \"$AUTHOR\" >/dev/null" \
            --prepare "rm -rf \"$d-g\" && cp -a \"$d\" \"$d-g\"" \
            -n "git add + git commit" "cd \"$d-g\" && git add -A && git commit -qm revu"
        for command in status diff; do
            (cd "$d" && /usr/bin/time -f %M -o "$RESULTS/$mode-$mb-$command.rss" "$DOSSIER" "$command" >/dev/null)
        done
        rm -rf "$d-s" && cp -a "$d" "$d-s"
        (cd "$d-s" && /usr/bin/time -f %M -o "$RESULTS/$mode-$mb-save.rss" "$DOSSIER" save -m revu --author "$AUTHOR" >/dev/null)
        (cd "$d" && "$DOSSIER" diff | grep -c '^    [-+] ' > "$RESULTS/$mode-$mb-shown.txt" || true)
        rm -rf "$d" "$d-s" "$d-g"
    done
    rm -rf "$base"
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
python3 bench/narrative-report.py "$RESULTS" "$ROOT/BENCHMARKS.md" "$SIZES" "$load_start" "$load_end"
log "BENCHMARKS.md updated (section Narrative)"
