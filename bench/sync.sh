#!/usr/bin/env bash
# Sync benchmark of `dossier` against plain git, on a dossier with 500 commits of history:
#   1. `dossier sync` of one new 1 MB evidence file vs `git push origin main` of the same change
#      (wall time, and bytes that reached the remote);
#   2. `dossier sync` with nothing to do vs `git pull --ff-only && git push`.
# Each over a bare remote by path and over smart HTTP (nginx + fcgiwrap + git http-backend on
# 127.0.0.1). Timed side by side by bench/timeit.py (interleaved runs, median and min); the dossier
# side is profiled with callgrind. Writes the "Sync" section of BENCHMARKS.md (between
# `<!-- sync:begin -->` and `<!-- sync:end -->`; the rest of the file, written by bench/run.sh, is kept).
#
#   bench/sync.sh                      # full run (about 3 minutes on 2 cores)
#   RUNS=5 HTTP=0 PROFILE=0 bench/sync.sh   # quicker
#
# Environment: RUNS (timed runs per command, default 21: the runs are short and the machine noisy),
# WARMUP (default 1), COMMITS (history length, default 500), EVIDENCE_BYTES (size of the new
# evidence file, default 1048576), HTTP (1: also over smart HTTP, default 1 when nginx and fcgiwrap
# are installed), PROFILE (1: callgrind profiles, default 1), KEEP (1: keep the generated
# repositories), DOSSIER_BIN (use this binary instead of building the README's release build,
# `--static-swift-stdlib`: bench/lib.sh `build_release`).
#
# Work data: bench-work/sync/data (removed at the end unless KEEP=1); raw results (timings, bytes,
# profiles): bench-work/sync/results (kept, ≈ 5 MB).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
RUNS=${RUNS:-21}
WARMUP=${WARMUP:-1}
COMMITS=${COMMITS:-500}
EVIDENCE_BYTES=${EVIDENCE_BYTES:-1048576}
PROFILE=${PROFILE:-1}
KEEP=${KEEP:-0}
if [ -z "${HTTP:-}" ]; then
    if command -v nginx >/dev/null && command -v fcgiwrap >/dev/null && command -v htpasswd >/dev/null &&
        [ -x /usr/lib/git-core/git-http-backend ]; then HTTP=1; else HTTP=0; fi
fi

need python3 "apt-get install -y python3"
need git "apt-get install -y git"
if [ "$PROFILE" = 1 ]; then need valgrind "apt-get install -y valgrind"; need objcopy "apt-get install -y binutils"; fi
if [ "$HTTP" = 1 ]; then need nginx "apt-get install -y nginx"; need fcgiwrap "apt-get install -y fcgiwrap"; need htpasswd "apt-get install -y apache2-utils"; fi

# ---------------------------------------------------------------------------------------- build
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "${DOSSIER_BIN:-}" ]; then
    log "Using $DOSSIER_BIN (no build)"
else
    log "Building the release binary"
    build_release
fi

WORK="$ROOT/bench-work/sync"
DATA="$WORK/data"
RESULTS="$WORK/results"
rm -rf "$DATA" "$RESULTS"
mkdir -p "$DATA" "$RESULTS"
cleanup() {
    stop_servers   # nginx and fcgiwrap, each with what it forked (bench/lib.sh)
    if [ "$KEEP" = 1 ]; then echo "kept $DATA" >&2; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
# A fixed copy of the binary (a concurrent build must not swap it during the measures).
cp "${DOSSIER_BIN:-$ROOT/.build/release/dossier}" "$DATA/dossier"
D="$DATA/dossier"
DS=""

# A private HOME: no user or global git configuration, no credential store, on either side.
export HOME="$DATA/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME"
git config --global user.name "Claire Lemonnier"
git config --global user.email "direction@cfa-batiment-caen.example.fr"
git config --global init.defaultBranch main

# Experiment shims, injected with LD_PRELOAD into the same binary (Sources untouched):
# - bench/preload.c with BENCH_NO_CERTS=1: git_libgit2_init() without parsing the system CA bundle;
# - nodelay.so (below): TCP_NODELAY on every TCP socket connect()ed (Nagle's algorithm off), as git's
#   curl does; libgit2 1.5's socket stream leaves Nagle on.
EXPERIMENTS=0
if command -v cc >/dev/null 2>&1; then
    cat >"$DATA/nodelay.c" <<'EOF_C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
/* connect() that first turns Nagle's algorithm off on TCP sockets. */
int connect(int fd, const struct sockaddr *address, socklen_t length) {
    static int (*real)(int, const struct sockaddr *, socklen_t);
    if (!real) real = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
    if (address && (address->sa_family == AF_INET || address->sa_family == AF_INET6)) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return real(fd, address, length);
}
EOF_C
    if cc -O2 -shared -fPIC -o "$DATA/nodelay.so" "$DATA/nodelay.c" -ldl 2>/dev/null &&
        cc -O2 -shared -fPIC -o "$DATA/preload.so" "$ROOT/bench/preload.c" $(pkg-config --cflags libgit2) -ldl 2>/dev/null &&
        cc -O2 -o "$DATA/libgit2-init" "$ROOT/bench/libgit2-init.c" $(pkg-config --cflags --libs libgit2) 2>/dev/null; then
        EXPERIMENTS=1
        cp "$DATA/nodelay.c" "$RESULTS/nodelay.c"
    fi
fi

COMMANDS="$RESULTS/commands.txt"
: >"$COMMANDS"
quote() { # shell-quotes one word for display
    if [[ $1 =~ ^[A-Za-z0-9_./=:@%+-]+$ ]]; then printf '%s' "$1"; return; fi
    local word=${1//\\/\\\\}
    word=${word//\"/\\\"}; word=${word//\$/\\\$}; word=${word//\`/\\\`}
    printf '"%s"' "$word"
}
hf() { # NAME TIMEIT-ARGS…: an interleaved measure, exported to results/NAME.json, recorded in commands.txt
    local name=$1; shift
    local line="bench/timeit.py --warmup $WARMUP --runs $RUNS --export-json results/$name.json"
    local arg
    for arg in "$@"; do
        case $arg in -n|--prepare) line+=" \\"$'\n'"    $arg" ;; *) line+=" $(quote "$arg")" ;; esac
    done
    line=${line//$ROOT\/bench\//bench/}
    line=${line//$RESULTS\//results/}
    printf '# %s\n%s\n\n' "$name" "${line//$DATA/\$DATA}" >>"$COMMANDS"
    python3 "$ROOT/bench/timeit.py" --warmup "$WARMUP" --runs "$RUNS" --export-json "$RESULTS/$name.json" "$@" >&2
}
note() { printf '%s\n' "$*" | sed "s|$DATA|\$DATA|g; s|$ROOT/bench/|bench/|g; s|127.0.0.1:${PORT:-none}/|127.0.0.1:\$PORT/|g" >>"$COMMANDS"; }

# ------------------------------------------------------------------------------------ history
log "A dossier with $COMMITS commits"
start=$(date +%s.%N)
history_summary=$(python3 "$ROOT/bench/sync-history.py" "$D" "$ROOT/sample-dossiers/batiment-caen" "$DATA/history" "$COMMITS")
history_seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
echo "$history_summary ($history_seconds s)" >&2
note "# history ($history_summary)"
note "bench/sync-history.py \$DATA/dossier sample-dossiers/batiment-caen \$DATA/history $COMMITS"

# The remote, with the whole history pushed by dossier (not measured).
git init -q --bare -b main "$DATA/remote.git"
"$D" remote set -C "$DATA/history" "$DATA/remote.git" >/dev/null
"$D" sync -C "$DATA/history" >/dev/null
[ "$(git --git-dir "$DATA/remote.git" rev-parse main)" = "$(git -C "$DATA/history" rev-parse HEAD)" ] || { echo "initial push failed" >&2; exit 1; }
remote_objects_bytes=$(du -sb "$DATA/remote.git/objects" | cut -f1)
history_objects=$(git --git-dir "$DATA/remote.git" count-objects -v | awk '/^(count|in-pack):/ {s+=$2} END {print s}')
note "git init --bare -b main \$DATA/remote.git && dossier remote set \$DATA/remote.git && dossier sync   # in \$DATA/history"
note ""

# The new evidence file: EVIDENCE_BYTES random bytes (incompressible), the same for every run.
EVIDENCE="$DATA/enregistrement-echanges.bin"
python3 -c "import random, sys; sys.stdout.buffer.write(random.Random(1).randbytes($EVIDENCE_BYTES))" >"$EVIDENCE"

# side FOLDER TOOL URL: FOLDER/remote.git (a copy of the remote) and FOLDER/clone, cloned from URL by TOOL
side() {
    local folder=$1 tool=$2 url=$3
    mkdir -p "$folder"
    cp -a "$DATA/remote.git" "$folder/remote.git"
    if [ "$tool" = dossier ]; then
        "$D" clone "$url" "$folder/clone" >/dev/null
    else
        git clone -q --no-local "$url" "$folder/clone"
    fi
}
# add_evidence A B: the same new evidence in both clones, each the way its tool does it; same trees.
add_evidence() {
    local a=$1/clone b=$2/clone
    "$D" add -C "$a" tutorat "$EVIDENCE" --criterion historique-echanges --title "Enregistrement des échanges de tutorat" >/dev/null
    "$D" save -C "$a" -m "Tutorat : enregistrement des échanges" >/dev/null
    cp "$a/badges/tutorat/evidence/$(basename "$EVIDENCE")" "$b/badges/tutorat/evidence/"
    cp "$a/badges/tutorat/claim.yaml" "$b/badges/tutorat/claim.yaml"
    git -C "$b" add -A
    git -C "$b" commit -qm "Tutorat : enregistrement des échanges"
    [ "$(git -C "$a" rev-parse 'HEAD^{tree}')" = "$(git -C "$b" rev-parse 'HEAD^{tree}')" ] || { echo "the two clones differ" >&2; exit 1; }
    [ "$(git -C "$a" rev-parse HEAD~1)" = "$(git -C "$b" rev-parse HEAD~1)" ] || { echo "the two clones have different parents" >&2; exit 1; }
}
# settle FOLDER…: the index must not be racily clean, and match the files' inodes
settle() {
    sleep 1.2
    local dir
    for dir in "$@"; do
        git -C "$dir/clone" update-index -q --refresh >/dev/null 2>&1 || true
        if [ -n "$(git -C "$dir/clone" status --porcelain)" ]; then echo "$dir/clone is not clean" >&2; exit 1; fi
    done
}

# prepare_transport KIND URL_OF: the folders of one transport, KIND = local or http;
# URL_OF NAME prints the URL of $DATA/KIND/NAME/remote.git for git (credentials inline for HTTP).
prepare_transport() {
    local kind=$1 base="$DATA/$1"
    mkdir -p "$base"
    note "# prepared states, $kind (not measured): for each side, cp -a \$DATA/remote.git <side>/remote.git, then"
    note "dossier clone $(url_dossier "$kind" '<side>') <side>/clone        # dossier sides"
    note "git clone -q --no-local $(url_git "$kind" '<side>' | sed 's|//bench:[^@]*@|//bench:\$PASSWORD@|') <side>/clone   # git sides"
    note "dossier add -C push-dossier/clone tutorat \$DATA/enregistrement-echanges.bin --criterion historique-echanges --title \"Enregistrement des échanges de tutorat\""
    note "dossier save -C push-dossier/clone -m \"Tutorat : enregistrement des échanges\""
    note "cp push-dossier/clone/badges/tutorat/evidence/enregistrement-echanges.bin push-git/clone/badges/tutorat/evidence/"
    note "cp push-dossier/clone/badges/tutorat/claim.yaml push-git/clone/badges/tutorat/claim.yaml"
    note "git -C push-git/clone add -A && git -C push-git/clone commit -qm \"Tutorat : enregistrement des échanges\""
    note ""
    side "$base/push-dossier" dossier "$(url_dossier "$kind" push-dossier)"
    side "$base/push-git" git "$(url_git "$kind" push-git)"
    add_evidence "$base/push-dossier" "$base/push-git"
    side "$base/noop-dossier" dossier "$(url_dossier "$kind" noop-dossier)"
    side "$base/noop-git" git "$(url_git "$kind" noop-git)"
    settle "$base/push-dossier" "$base/push-git" "$base/noop-dossier" "$base/noop-git"
    # The prepared states of the push measure; every run starts from a copy of them.
    mv "$base/push-dossier" "$base/state-push-dossier"
    mv "$base/push-git" "$base/state-push-git"
    if [ "$EXPERIMENTS" = 1 ]; then # the same state again for each experiment, each with its own remote
        local copy
        for copy in push-nocerts push-nodelay push-fast; do
            cp -a "$base/state-push-dossier" "$base/state-$copy"
            git -C "$base/state-$copy/clone" config remote.origin.url "$(url_dossier "$kind" "$copy")"
        done
    fi
}
url_dossier() { if [ "$1" = local ]; then echo "$DATA/local/$2/remote.git"; else echo "http://127.0.0.1:$PORT/$2/remote.git"; fi; }
url_git() { if [ "$1" = local ]; then echo "$DATA/local/$2/remote.git"; else echo "http://bench:$PASSWORD@127.0.0.1:$PORT/$2/remote.git"; fi; }

# measure KIND [ACCESS_LOG]: both scenarios over one transport
measure() {
    local kind=$1 access=${2:-} base="$DATA/$1"
    local extra_d=() extra_g=()
    if [ -n "$access" ]; then extra_d=("$access" /push-dossier/); extra_g=("$access" /push-git/); fi
    log "[$kind] sync of one new $EVIDENCE_BYTES-byte evidence vs git push"
    hf "push-$kind" -N \
        --prepare "$ROOT/bench/sync-reset.py $base/push-dossier $RESULTS/bytes-push-$kind-dossier.jsonl${extra_d[*]:+ ${extra_d[*]}}" \
        -n "dossier sync" "$D sync -C $base/push-dossier/clone" \
        --prepare "$ROOT/bench/sync-reset.py $base/push-git $RESULTS/bytes-push-$kind-git.jsonl${extra_g[*]:+ ${extra_g[*]}}" \
        -n "git push origin main" "git -C $base/push-git/clone push origin main"
    python3 "$ROOT/bench/sync-reset.py" --finish "$base/push-dossier" "$RESULTS/bytes-push-$kind-dossier.jsonl" "${extra_d[@]}"
    python3 "$ROOT/bench/sync-reset.py" --finish "$base/push-git" "$RESULTS/bytes-push-$kind-git.jsonl" "${extra_g[@]}"
    log "[$kind] sync with nothing to do vs git pull --ff-only && git push"
    local from=0
    if [ -n "$access" ]; then from=$(stat -c %s "$access"); fi
    hf "noop-$kind" \
        -n "dossier sync" "$D sync -C $base/noop-dossier/clone" \
        -n "git pull --ff-only && git push" "git -C $base/noop-git/clone pull --ff-only && git -C $base/noop-git/clone push"
    # The requests of these runs (the no-op syncs send no pack: only their count and size matter).
    if [ -n "$access" ]; then tail -c +$((from + 1)) "$access" >"$RESULTS/access-noop-$kind.log"; fi
    if [ "$EXPERIMENTS" = 1 ]; then
        log "[$kind] experiment: the same binary without the CA bundle parsed at initialisation, and with TCP_NODELAY"
        # xp NAME LABEL ENV: one dossier variant, on its own copy of the prepared state
        local exp_args=() name
        xp() {
            local name=$1 label=$2 env=$3 extra=()
            if [ -n "$access" ]; then extra=("$access" "/$name/"); fi
            exp_args+=(--prepare "$ROOT/bench/sync-reset.py $base/$name $RESULTS/bytes-exp-$kind-$name.jsonl${extra[*]:+ ${extra[*]}}"
                       -n "$label" "$env$D sync -C $base/$name/clone")
        }
        xp push-dossier "dossier sync" ""
        xp push-nocerts "dossier sync + no CA bundle" "LD_PRELOAD=$DATA/preload.so BENCH_NO_CERTS=1 "
        if [ "$kind" = http ]; then
            xp push-nodelay "dossier sync + TCP_NODELAY" "LD_PRELOAD=$DATA/nodelay.so "
            xp push-fast "dossier sync + TCP_NODELAY + no CA bundle" "LD_PRELOAD=$DATA/nodelay.so:$DATA/preload.so BENCH_NO_CERTS=1 "
        fi
        hf "exp-push-$kind" "${exp_args[@]}" \
            --prepare "$ROOT/bench/sync-reset.py $base/push-git $RESULTS/bytes-exp-$kind-push-git.jsonl${extra_g[*]:+ ${extra_g[*]}}" \
            -n "git push origin main" "git -C $base/push-git/clone push origin main"
        for name in push-dossier push-nocerts push-nodelay push-fast push-git; do
            if [ -d "$base/$name" ]; then
                python3 "$ROOT/bench/sync-reset.py" --finish "$base/$name" "$RESULTS/bytes-exp-$kind-$name.jsonl" \
                    ${access:+"$access" "/$name/"}
            fi
        done
        hf "exp-noop-$kind" \
            -n "dossier sync" "$D sync -C $base/noop-dossier/clone" \
            -n "dossier sync + no CA bundle" "LD_PRELOAD=$DATA/preload.so BENCH_NO_CERTS=1 $D sync -C $base/noop-dossier/clone" \
            ${DS:+-n "dossier sync, static stdlib + no CA bundle" "LD_PRELOAD=$DATA/preload.so BENCH_NO_CERTS=1 $DS sync -C $base/noop-dossier/clone"} \
            -n "git pull --ff-only && git push" "git -C $base/noop-git/clone pull --ff-only && git -C $base/noop-git/clone push"
    fi
    # Neither side may have changed anything.
    local side
    for side in noop-dossier noop-git; do
        [ "$(git --git-dir "$base/$side/remote.git" rev-parse main)" = "$(git -C "$base/$side/clone" rev-parse HEAD)" ] ||
            { echo "$side: remote and clone differ after the no-op syncs" >&2; exit 1; }
    done
}

if [ "$EXPERIMENTS" = 1 ]; then
    log "Fixed costs (context): process start-up and libgit2 initialisation"
    hf floor -N \
        -n "dossier --version" "$D --version" \
        -n "git --version" "git --version" \
        -n "libgit2: load only" "$DATA/libgit2-init" \
        -n "libgit2: load + git_libgit2_init()" "$DATA/libgit2-init init" \
        ${DS:+-n "dossier --version (static Swift stdlib)" "$DS --version"}
fi

log "Clones over a bare remote by path (each side with its own copy of the remote)"
prepare_transport local
measure local

if [ "$HTTP" = 1 ]; then
    log "Smart HTTP: nginx + fcgiwrap + git http-backend on 127.0.0.1"
    T="$DATA/http-server"
    mkdir -p "$T/tmp" "$DATA/http"
    PORT=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
    PASSWORD=bench-$RANDOM$RANDOM
    export DOSSIER_USER=bench DOSSIER_TOKEN=$PASSWORD
    htpasswd -bc "$T/htpasswd" bench "$PASSWORD" 2>/dev/null
    cat >"$T/nginx.conf" <<EOF
user root;
worker_processes 1;
daemon off;
pid $T/nginx.pid;
error_log $T/error.log info;
events { worker_connections 64; }
http {
    log_format sync '\$request_method \$request_uri \$status \$request_length \$bytes_sent \$request_time \$upstream_response_time';
    access_log $T/access.log sync;
    client_body_temp_path $T/tmp/body;
    fastcgi_temp_path $T/tmp/fastcgi;
    proxy_temp_path $T/tmp/proxy;
    uwsgi_temp_path $T/tmp/uwsgi;
    scgi_temp_path $T/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT;
        location / {
            auth_basic           "git";
            auth_basic_user_file $T/htpasswd;
            client_max_body_size 0;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME  /usr/lib/git-core/git-http-backend;
            fastcgi_param GIT_PROJECT_ROOT $DATA/http;
            fastcgi_param GIT_HTTP_EXPORT_ALL "";
            fastcgi_param PATH_INFO        \$uri;
            fastcgi_pass unix:$T/fcgiwrap.sock;
        }
    }
}
EOF
    rm -f "$T/fcgiwrap.sock"
    # One fcgiwrap process (-c 1: no forked workers to stop); the requests of a sync come one at a time.
    start_server "$T/fcgiwrap.log" fcgiwrap -c 1 -s "unix:$T/fcgiwrap.sock"
    start_server "$T/nginx.log" nginx -c "$T/nginx.conf" -p "$T" -e "$T/error.log"
    for _ in $(seq 50); do
        if [ -S "$T/fcgiwrap.sock" ] && python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then break; fi
        sleep 0.1
    done
    nginx_version=$(nginx -v 2>&1 | sed 's/^nginx version: nginx\///')
    prepare_transport http
    measure http "$T/access.log"
    cp "$T/access.log" "$RESULTS/access.log"
    cp "$T/nginx.conf" "$RESULTS/nginx.conf"
    sed -i "s|$DATA|\$DATA|g; s|$PORT|\$PORT|g" "$RESULTS/nginx.conf"
fi

# ------------------------------------------------------------------------------------ profiles
if [ "$PROFILE" = 1 ]; then
    log "callgrind profiles of dossier sync (one run each)"
    # valgrind 3.19 cannot read the DWARF 5 debug info Swift 6 emits: profile a copy without it
    # (the symbol table stays, so function names are kept).
    objcopy --strip-debug "$D" "$DATA/dossier-nodebug"
    profile() { # NAME KIND SCENARIO
        local name=$1 kind=$2 scenario=$3 clone
        if [ "$scenario" = push ]; then
            python3 "$ROOT/bench/sync-reset.py" "$DATA/$kind/push-dossier" "$RESULTS/bytes-profile.jsonl"
            clone="$DATA/$kind/push-dossier/clone"
        else
            clone="$DATA/$kind/noop-dossier/clone"
        fi
        note "# callgrind $name"
        note "valgrind --tool=callgrind --dump-instr=no \$DATA/dossier-nodebug sync -C $clone"
        note ""
        valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$RESULTS/callgrind.$name.out" \
            "$DATA/dossier-nodebug" sync -C "$clone" >/dev/null 2>"$RESULTS/callgrind.$name.log"
        python3 "$ROOT/bench/sync-profile.py" "$RESULTS/callgrind.$name.out" >"$RESULTS/callgrind.$name.json"
    }
    profile push-local local push
    profile noop-local local noop
    if [ "$HTTP" = 1 ]; then
        profile push-http http push
        profile noop-http http noop
    fi
fi

# ------------------------------------------------------------------------------------ report
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
export ROOT RUNS WARMUP COMMITS EVIDENCE_BYTES HTTP PROFILE load_start load_end history_summary history_seconds \
    remote_objects_bytes history_objects
export nginx_version=${nginx_version:-}
python3 - >"$RESULTS/meta.json" <<'PY'
import json, os, sys
env = os.environ
sys.path.insert(0, os.path.join(env["ROOT"], "bench"))
from machine import describe, run
print(json.dumps({
    **describe(),
    "nginx": env.get("nginx_version", ""),
    "valgrind": run("valgrind", "--version"),
    "load": f"{env['load_start']} at the start, {env['load_end']} at the end",
    "commit": run("git", "-C", env["ROOT"], "rev-parse", "--short", "HEAD"),
    "sources_dirty": bool(run("git", "-C", env["ROOT"], "status", "--porcelain", "Sources", "Package.swift")),
    "runs": int(env["RUNS"]), "warmup": int(env["WARMUP"]), "commits": int(env["COMMITS"]),
    "evidence_bytes": int(env["EVIDENCE_BYTES"]), "http": env["HTTP"] == "1", "profile": env["PROFILE"] == "1",
    "history": env["history_summary"], "history_seconds": float(env["history_seconds"]),
    "remote_objects_bytes": int(env["remote_objects_bytes"]), "history_objects": int(env["history_objects"]),
}, ensure_ascii=False, indent=1))
PY
python3 "$ROOT/bench/sync-report.py" "$RESULTS" "$ROOT/BENCHMARKS.md"
log "Wrote the Sync section of $ROOT/BENCHMARKS.md (raw results in bench-work/sync/results/)"
