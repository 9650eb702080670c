#!/usr/bin/env bash
# Performance benchmark of `dossier` against plain git on a large dossier (12 badges × 1,000
# evidence files). Builds the release binary, generates the dossier, measures status / save / diff
# side by side with git (bench/timeit.py: interleaved runs, median and min), profiles the dossier
# side with callgrind, and writes BENCHMARKS.md at the repository root.
#
#   bench/run.sh                 # full run (about 10 minutes on 2 cores)
#   RUNS=5 PROFILE=0 bench/run.sh   # quicker: fewer runs, no callgrind profiles
#
# Environment: RUNS (timed runs per command, default 7), WARMUP (default 1), FILES (evidence files
# per badge, default 1000), PROFILE (1: callgrind profiles, default 1), KEEP (1: keep the generated
# dossiers in bench-work/). The binary measured is the one the README's install command builds
# (`--static-swift-stdlib`, bench/lib.sh `build_release`).
#
# Everything is written under bench-work/ (git-ignored): the generated dossiers in a temporary
# bench-work/data.* folder, removed at the end; the raw results (timings as JSON, callgrind
# profiles and their summaries) in bench-work/results/, kept.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
RUNS=${RUNS:-7}
WARMUP=${WARMUP:-1}
FILES=${FILES:-1000}
PROFILE=${PROFILE:-1}
KEEP=${KEEP:-0}
BADGE=tutorat            # the badge whose files change in every scenario
LEAN_FILES=10            # evidence files of the 11 other badges in the "lean" dossier
PIECE=$(( (FILES + 1) / 2 ))   # the evidence modified by the status and diff scenarios
PIECE_FILE=$(printf 'piece-%04d.md' "$PIECE")
export TOUCH_FILES=$FILES    # bench/touch-next.sh cycles over this many evidence files

need python3 "apt-get install -y python3"
need git "apt-get install -y git"
if [ "$PROFILE" = 1 ]; then need valgrind "apt-get install -y valgrind"; need callgrind_annotate "apt-get install -y valgrind"; fi

# ---------------------------------------------------------------------------------------- build
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "Building the release binary"
build_release
DOSSIER="$ROOT/.build/release/dossier"
[ -x "$DOSSIER" ] || { echo "no binary at $DOSSIER" >&2; exit 1; }

# ------------------------------------------------------------------------------ work folders
mkdir -p "$ROOT/bench-work"
RESULTS="$ROOT/bench-work/results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
DATA=$(mktemp -d "$ROOT/bench-work/data.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $DATA" >&2; else rm -rf "$DATA"; fi; }
trap cleanup EXIT
# Fixed copy of the binary (a concurrent build must not swap it during the measures).
cp "$DOSSIER" "$DATA/dossier"
D="$DATA/dossier"
DS=""

# A private HOME: no user or global git configuration (aliases, hooks, fsmonitor…) on either side.
export HOME="$DATA/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "Banc de mesure"
git config --global user.email "banc@cfa-batiment-caen.example.fr"
git config --global init.defaultBranch main

COMMANDS="$RESULTS/commands.txt"
: >"$COMMANDS"
# hf NAME ARGS...: times commands side by side with bench/timeit.py (hyperfine-like options, but the
# runs of the compared commands are interleaved: on a shared machine, load bursts hit both sides),
# exporting to results/NAME.json, and records the command line.
quote() { # shell-quotes one word for display (double quotes, so that $DATA, $A… read as variables)
    if [[ $1 =~ ^[A-Za-z0-9_./=:@%+-]+$ ]]; then printf '%s' "$1"; return; fi
    local word=${1//\\/\\\\}
    word=${word//\"/\\\"}; word=${word//\$/\\\$}; word=${word//\`/\\\`}
    printf '"%s"' "$word"
}
hf() {
    local name=$1; shift
    local line="bench/timeit.py --warmup $WARMUP --runs $RUNS --export-json results/$name.json"
    local arg
    for arg in "$@"; do
        case $arg in -n|--prepare) line+=" \\"$'\n'"    $arg" ;; *) line+=" $(quote "$arg")" ;; esac
    done
    printf '# %s\n%s\n\n' "$name" "${line//$DATA/\$DATA}" >>"$COMMANDS"
    python3 "$ROOT/bench/timeit.py" --warmup "$WARMUP" --runs "$RUNS" --export-json "$RESULTS/$name.json" "$@" >&2
}

# The index must not be "racily clean" (files as new as the index would be re-hashed by both
# tools on every run) and must match the copy's inodes: wait, then let git refresh it.
settle() {
    sleep 1.2
    local dir
    for dir in "$@"; do
        git -C "$dir" update-index -q --refresh >/dev/null 2>&1 || true
        git -C "$dir" status --porcelain >/dev/null
        if [ -n "$(git -C "$dir" status --porcelain)" ]; then echo "$dir is not clean" >&2; exit 1; fi
    done
}

# --------------------------------------------------------------------------------- generation
"$D" catalogue --json >"$DATA/catalogue.json"
generate() { # DIR GEN_ARGS...
    local dir=$1; shift
    "$D" init "$dir" --uai 0141234R --name "CFA du Bâtiment de Caen (banc de mesure)" >/dev/null
    python3 "$ROOT/bench/gen.py" "$dir" "$DATA/catalogue.json" "$@" >&2
    "$D" save -C "$dir" -m "Génération des preuves du banc de mesure" >/dev/null
    if ! "$D" check -C "$dir" >"$DATA/check.txt"; then
        cat "$DATA/check.txt" >&2; echo "dossier check refused the generated dossier" >&2; exit 1
    fi
}
log "Generating a dossier of 12 badges × $FILES evidence files"
start=$(date +%s.%N)
generate "$DATA/base" "$FILES"
gen_seconds=$(python3 -c "import sys; print(round($(date +%s.%N) - $start, 1))")
check_summary=$(grep -E '^(Label|Le dossier|The dossier|Still|Il manque)' "$DATA/check.txt" | tr '\n' ' ')
log "Generating the lean dossier ($BADGE: $FILES files, 11 other badges: $LEAN_FILES files)"
generate "$DATA/lean" "$LEAN_FILES" --only "$BADGE=$FILES"

copies=(status save-dossier save-git diff exp-save-dossier exp-save-fixed exp-save-static exp-save-git)
for copy in "${copies[@]}"; do cp -a "$DATA/base" "$DATA/$copy"; done
settle "$DATA/base" "$DATA/lean" "${copies[@]/#/$DATA/}"

evidence_files=$(find "$DATA/base/badges" -path '*/evidence/*' -type f | wc -l)
evidence_bytes=$(find "$DATA/base/badges" -path '*/evidence/*' -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
claim_bytes=$(stat -c %s "$DATA/base/badges/$BADGE/claim.yaml")
tree_bytes=$(git -C "$DATA/base" cat-file -s "HEAD:badges/$BADGE/evidence")

# ------------------------------------------------------------------------------------ measures
log "Start-up and catalogue (context)"
startup_extra=()
if command -v cc >/dev/null 2>&1 &&
    cc -O2 -o "$DATA/libgit2-init" "$ROOT/bench/libgit2-init.c" $(pkg-config --cflags --libs libgit2) 2>/dev/null; then
    startup_extra=(-n "libgit2: load only" "$DATA/libgit2-init"
                   -n "libgit2: load + git_libgit2_init()" "$DATA/libgit2-init init")
fi
if [ -n "$DS" ]; then startup_extra+=(-n "dossier --version (static Swift stdlib)" "$DS --version"); fi
hf startup -N \
    -n "dossier --version" "$D --version" \
    -n "git --version" "git --version" \
    -n "dossier --help" "$D --help" \
    -n "dossier catalogue --json" "$D catalogue --json" \
    "${startup_extra[@]}"

log "status, clean working folder (context)"
hf status-clean -N \
    -n "dossier status" "$D status -C $DATA/diff" \
    -n "git status" "git -C $DATA/diff status"

log "status, one evidence file modified"
printf 'Ligne ajoutée pour la mesure de status.\n' >>"$DATA/status/badges/$BADGE/evidence/$PIECE_FILE"
hf status -N \
    -n "dossier status" "$D status -C $DATA/status" \
    -n "git status" "git -C $DATA/status status"

log "save of one modified evidence file (two identical copies, one file appended to before each run)"
hf save \
    --prepare "$ROOT/bench/touch-next.sh $DATA/save-dossier" \
    -n "dossier save -m x" "$D save -C $DATA/save-dossier -m x" \
    --prepare "$ROOT/bench/touch-next.sh $DATA/save-git" \
    -n "git add -A && git commit -qm x" "git -C $DATA/save-git add -A && git -C $DATA/save-git commit -qm x"
# What each measured save committed (the last one; all are alike), and whether the dossier is sound.
save_dossier_files=$(git -C "$DATA/save-dossier" show --name-only --format= HEAD | grep -c .)
save_git_files=$(git -C "$DATA/save-git" show --name-only --format= HEAD | grep -c .)
save_dossier_list=$(git -C "$DATA/save-dossier" show --name-only --format= HEAD | tr '\n' ' ')
save_dossier_commits=$(git -C "$DATA/save-dossier" rev-list --count HEAD)
save_git_commits=$(git -C "$DATA/save-git" rev-list --count HEAD)
"$D" check -C "$DATA/save-dossier" --json | python3 -c "
import json, sys
report = json.load(sys.stdin)
changed = [p for b in report['badges'] for p in b['problems'] if 'Hash' in json.dumps(p)]
sys.exit('hash problems after the measured saves: %s' % changed if changed else 0)"

log "diff of two saves differing in one file (one evidence retitled in $BADGE/claim.yaml)"
retitle() { # DIR: retitle evidence $PIECE of $BADGE, then save
    python3 - "$1/badges/$BADGE/claim.yaml" "$PIECE" <<'EOF'
import sys
path, piece = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
old = f"  title: Pièce justificative n° {piece} du badge"
assert text.count(old) == 1, f"evidence {piece} not found"
text = text.replace(old, f"  title: Pièce justificative n° {piece} (version révisée) du badge")
open(path, "w", encoding="utf-8").write(text)
EOF
    "$D" save -C "$1" -m "Titre révisé" >/dev/null
}
retitle "$DATA/diff"
retitle "$DATA/lean"
A=$(git -C "$DATA/diff" rev-parse HEAD~1); B=$(git -C "$DATA/diff" rev-parse HEAD)
LA=$(git -C "$DATA/lean" rev-parse HEAD~1); LB=$(git -C "$DATA/lean" rev-parse HEAD)
diff_files=$(git -C "$DATA/diff" diff --name-only "$A" "$B" | tr '\n' ' ')
[ "$(git -C "$DATA/diff" diff --name-only "$A" "$B" | grep -c .)" = 1 ] || { echo "A..B differ in more than one file" >&2; exit 1; }
"$D" diff -C "$DATA/diff" "$A" "$B" >"$RESULTS/diff-output.txt"
hf diff -N \
    -n "dossier diff A B" "$D diff -C $DATA/diff $A $B" \
    -n "git diff --stat A B" "git -C $DATA/diff diff --stat $A $B"

log "diff of a save that replaced one evidence file (evidence + claim.yaml: 2 files)"
"$ROOT/bench/touch-next.sh" "$DATA/diff"
"$D" save -C "$DATA/diff" -m "Pièce remplacée" >/dev/null
C=$(git -C "$DATA/diff" rev-parse HEAD)
hf diff-replaced -N \
    -n "dossier diff B C" "$D diff -C $DATA/diff $B $C" \
    -n "git diff --stat B C" "git -C $DATA/diff diff --stat $B $C"

log "diff cost vs size of the unchanged badges (tree ids of unchanged badges are skipped)"
hf treeskip -N \
    -n "dossier diff, 11 other badges × $FILES files" "$D diff -C $DATA/diff $A $B" \
    -n "dossier diff, 11 other badges × $LEAN_FILES files" "$D diff -C $DATA/lean $LA $LB" \
    -n "git diff --stat, 11 other badges × $FILES files" "git -C $DATA/diff diff --stat $A $B" \
    -n "git diff --stat, 11 other badges × $LEAN_FILES files" "git -C $DATA/lean diff --stat $LA $LB"

log "check with nothing changed since the last check (its stat cache is warm after the warm-up round) vs git status"
hf check -N \
    -n "dossier check" "$D check -C $DATA/diff" \
    -n "git status" "git -C $DATA/diff status"

log "check without its stat cache (hashes every evidence file) vs sha256sum of the same files (informational)"
hf check-cold \
    --prepare "rm -f $DATA/diff/.git/dossier/digests" \
    -n "dossier check, no stat cache" "$D check -C $DATA/diff >/dev/null" \
    -n "sha256sum of every evidence file" "cd $DATA/diff && find badges -path '*/evidence/*' -type f -print0 | xargs -0 sha256sum >/dev/null"

# --------------------------------------------------------------------------------- experiments
# What libgit2 settings and static linking would save, without touching Sources: bench/preload.c is
# injected with LD_PRELOAD into the same binary (no CA bundle parsed at git_libgit2_init, no SHA-1
# re-hash of every object read).
if cc -O2 -shared -fPIC -o "$DATA/preload.so" "$ROOT/bench/preload.c" $(pkg-config --cflags libgit2) -ldl 2>/dev/null; then
    P="LD_PRELOAD=$DATA/preload.so BENCH_NO_CERTS=1 BENCH_NO_HASH_VERIFY=1"
    variants() { # NAME COMMAND-ARGS…: the base binary, with the libgit2 settings, and static + settings
        local name=$1; shift
        printf '%s\0' -n "$name" "$D $*" -n "$name + libgit2 settings" "$P $D $*"
        if [ -n "$DS" ]; then printf '%s\0' -n "$name, static stdlib + libgit2 settings" "$P $DS $*"; fi
    }
    log "experiment: libgit2 settings (no CA bundle, no hash verification) and static linking"
    mapfile -d '' args < <(variants "dossier status (clean)" status -C "$DATA/diff")
    hf exp-status-clean "${args[@]}" -n "git status (clean)" "git -C $DATA/diff status"
    mapfile -d '' args < <(variants "dossier status" status -C "$DATA/status")
    hf exp-status "${args[@]}" -n "git status" "git -C $DATA/status status"
    mapfile -d '' args < <(variants "dossier diff A B" diff -C "$DATA/diff" "$A" "$B")
    hf exp-diff "${args[@]}" -n "git diff --stat A B" "git -C $DATA/diff diff --stat $A $B"
    save_args=(--prepare "$ROOT/bench/touch-next.sh $DATA/exp-save-dossier"
               -n "dossier save -m x" "$D save -C $DATA/exp-save-dossier -m x"
               --prepare "$ROOT/bench/touch-next.sh $DATA/exp-save-fixed"
               -n "dossier save -m x + libgit2 settings" "$P $D save -C $DATA/exp-save-fixed -m x")
    if [ -n "$DS" ]; then
        save_args+=(--prepare "$ROOT/bench/touch-next.sh $DATA/exp-save-static"
                    -n "dossier save -m x, static stdlib + libgit2 settings" "$P $DS save -C $DATA/exp-save-static -m x")
    fi
    hf exp-save "${save_args[@]}" \
        --prepare "$ROOT/bench/touch-next.sh $DATA/exp-save-git" \
        -n "git add -A && git commit -qm x" "git -C $DATA/exp-save-git add -A && git -C $DATA/exp-save-git commit -qm x"
fi

# ------------------------------------------------------------------------------------ profiles
if [ "$PROFILE" = 1 ]; then
    log "callgrind profiles (one run each)"
    # valgrind 3.19 cannot read the DWARF 5 debug info Swift 6 emits: profile a copy without it
    # (the symbol table stays, so function names are kept).
    strip --strip-debug -o "$DATA/dossier-nodebug" "$D"
    NB="$DATA/dossier-nodebug"
    profile() { # NAME ARGS...
        local name=$1; shift
        printf '# callgrind %s\nvalgrind --tool=callgrind --dump-instr=no $DATA/dossier-nodebug %s\n\n' "$name" "$(echo "$*" | sed "s|$DATA|\$DATA|g")" >>"$COMMANDS"
        valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$RESULTS/callgrind.$name.out" "$NB" "$@" \
            >/dev/null 2>"$RESULTS/callgrind.$name.log"
        python3 "$ROOT/bench/cgsummary.py" "$RESULTS/callgrind.$name.out" >"$RESULTS/callgrind.$name.json"
    }
    profile status status -C "$DATA/status"
    profile startup --help
    "$ROOT/bench/touch-next.sh" "$DATA/save-dossier"
    profile save save -C "$DATA/save-dossier" -m profile
    profile diff diff -C "$DATA/diff" "$A" "$B"
    profile diff-lean diff -C "$DATA/lean" "$LA" "$LB"
    profile check check -C "$DATA/diff"
fi

# ------------------------------------------------------------------------------------ report
# Commit ids of the diff scenario, by name, in the recorded commands.
sed -i -e "s/$A/\$A/g" -e "s/$B/\$B/g" -e "s/$C/\$C/g" -e "s/$LA/\$LA/g" -e "s/$LB/\$LB/g" "$COMMANDS"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
export load_start load_end
export ROOT RUNS WARMUP FILES LEAN_FILES BADGE PROFILE evidence_files evidence_bytes claim_bytes tree_bytes gen_seconds \
    check_summary save_dossier_files save_git_files save_dossier_list save_dossier_commits save_git_commits diff_files
python3 - >"$RESULTS/meta.json" <<'PY'
import json, os, sys
env = os.environ
sys.path.insert(0, os.path.join(env["ROOT"], "bench"))
from machine import describe, run
print(json.dumps({
    **describe(),
    "python": run("python3", "-c", "import platform; print(platform.python_version())"),
    "valgrind": run("valgrind", "--version"),
    "load": f"{env['load_start']} at the start, {env['load_end']} at the end",
    "commit": run("git", "-C", env["ROOT"], "rev-parse", "--short", "HEAD"),
    "sources_dirty": bool(run("git", "-C", env["ROOT"], "status", "--porcelain", "Sources", "Package.swift")),
    "runs": int(env["RUNS"]), "warmup": int(env["WARMUP"]), "files_per_badge": int(env["FILES"]),
    "lean_files": int(env["LEAN_FILES"]), "badge": env["BADGE"],
    "evidence_files": int(env["evidence_files"]), "evidence_bytes": int(env["evidence_bytes"]),
    "claim_bytes": int(env["claim_bytes"]), "tree_bytes": int(env["tree_bytes"]), "generation_seconds": float(env["gen_seconds"]),
    "check_summary": env["check_summary"].strip(),
    "save_dossier_files": int(env["save_dossier_files"]), "save_git_files": int(env["save_git_files"]),
    "save_dossier_list": env["save_dossier_list"].strip(),
    "save_dossier_commits": int(env["save_dossier_commits"]), "save_git_commits": int(env["save_git_commits"]),
    "diff_files": env["diff_files"].strip(),
    "profile": env["PROFILE"] == "1",
}, ensure_ascii=False, indent=1))
PY
python3 "$ROOT/bench/report.py" "$RESULTS" "$ROOT/BENCHMARKS.md"
log "Wrote $ROOT/BENCHMARKS.md (raw results in bench-work/results/)"
