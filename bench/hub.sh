#!/usr/bin/env bash
# Hub benchmark: `dossier hub reconcile` over N synthetic CFA remotes against plain git loops.
#   1. no-op reconcile (everything mirrored, nothing changed upstream) vs
#      `for m in mirrors: git --git-dir=m fetch --quiet origin` over `git clone --mirror` copies;
#   2. first reconcile (empty hub, the N CFAs registered: fetch + ingest every submission) vs
#      `for u in urls: git clone --mirror --quiet u` (by path with --no-local, so that git also goes
#      through upload-pack and a pack, as libgit2 does; the hard-linking local clone is a context row);
#   3. peak RSS of the first and the no-op reconcile (GNU `/usr/bin/time -f %M` around every timed run);
#   4. `--jobs 1` against the hub's default (hub.yaml `jobs: 4`);
#   5. experiments on the same binary, no goal: a 10-line LD_PRELOAD shim creating libgit2 remotes
#      with GIT_REMOTE_CREATE_SKIP_INSTEADOF (libgit2 1.5 leaks memory for each remote created) with
#      peak RSS for N/4, N/2, N CFAs; TCP_NODELAY over HTTP; curl's GET info/refs as the server floor;
#      a perf profile and an strace count of the reconcile by path.
# Each over bare remotes by path and over smart HTTP (nginx + fcgiwrap + git http-backend on
# 127.0.0.1, basic authentication), the same repositories. Timed side by side by bench/timeit.py
# (interleaved rounds, median and min). Writes the "Hub" section of BENCHMARKS.md (between
# `<!-- hub:begin -->` and `<!-- hub:end -->`; the rest of the file is kept), with the key figures of
# every run so far (bench-work/hub/history.jsonl): on a shared machine, one run is not enough.
#
#   bench/hub.sh                       # full run: N=200 (≈ 10 min on 2 shared cores)
#   N=20 RUNS=3 bench/hub.sh           # quick try
#
# Environment: N (CFAs, default 200), RUNS (timed rounds, default 5), WARMUP (warm-up rounds of the
# no-op measures, default 1), FIRST_WARMUP (of the first-reconcile measures, default 0: they run for
# seconds on a warm page cache), HTTP (1: also over smart HTTP; default 1 when
# nginx, fcgiwrap and htpasswd are installed), FCGI_WORKERS (git http-backend processes fcgiwrap may
# run at once, default 4 = the hub's default jobs), JOBS_VARIANTS (the --jobs values timed besides the
# default, default "1"), PROFILE (1: one `perf record` of a first and of a no-op reconcile by path,
# default 1 when perf works), NODELAY_SHIM (0: skip the TCP_NODELAY experiment over HTTP; it runs on the
# first SUBSET CFAs, default 40), LEAK_SHIM (0: skip the SKIP_INSTEADOF experiment), REPORT (0: do not touch BENCHMARKS.md), KEEP (1: keep the data),
# DOSSIER_BIN (use this binary instead of building; for trying a build made elsewhere).
#
# Work data: bench-work/hub/data (removed at the end unless KEEP=1); raw results: bench-work/hub/results.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
N=${N:-200}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
FIRST_WARMUP=${FIRST_WARMUP:-0}
SUBSET=${SUBSET:-40}
[ "$SUBSET" -le "$N" ] || SUBSET=$N
FCGI_WORKERS=${FCGI_WORKERS:-4}
JOBS_VARIANTS=${JOBS_VARIANTS:-1}
KEEP=${KEEP:-0}
REPORT=${REPORT:-1}
if [ -z "${HTTP:-}" ]; then
    if command -v nginx >/dev/null && command -v fcgiwrap >/dev/null && command -v htpasswd >/dev/null &&
        [ -x "$(git --exec-path)/git-http-backend" ]; then HTTP=1; else HTTP=0; fi
fi
if [ -z "${PROFILE:-}" ]; then
    if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then PROFILE=1; else PROFILE=0; fi
fi

need python3 "apt-get install -y python3"
need git "apt-get install -y git"
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time (GNU time, for the peak memory): apt-get install -y time" >&2; exit 1; }
if [ "$HTTP" = 1 ]; then
    need nginx "apt-get install -y nginx (or scripts/install-deps.sh)"
    need fcgiwrap "apt-get install -y fcgiwrap (or scripts/install-deps.sh)"
    need htpasswd "apt-get install -y apache2-utils"
    need curl "apt-get install -y curl"
fi
if [ "$PROFILE" = 1 ]; then need perf "apt-get install -y linux-perf"; fi

# ---------------------------------------------------------------------------------------- build
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "${DOSSIER_BIN:-}" ]; then
    log "Using $DOSSIER_BIN (no build)"
    BIN=$DOSSIER_BIN
else
    log "Building the release binary"
    build_release
    BIN="$ROOT/.build/release/dossier"
fi

WORK="$ROOT/bench-work/hub"
DATA="$WORK/data"
RESULTS="$WORK/results"
rm -rf "$DATA" "$RESULTS"
mkdir -p "$DATA" "$RESULTS"
cleanup() {
    stop_servers   # nginx and fcgiwrap, each with what it forked (bench/lib.sh)
    rm -f "${SOCKET:-/nonexistent}"
    if [ "$KEEP" = 1 ]; then echo "kept $DATA" >&2; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
# A fixed copy of the binary (a concurrent build must not swap it during the measures).
cp "$BIN" "$DATA/dossier"
D="$DATA/dossier"
"$D" hub reconcile --help >/dev/null 2>&1 || { echo "$BIN has no \`hub reconcile\` command" >&2; exit 1; }

# A private HOME: no user or global git configuration, no credential store, on either side.
export HOME="$DATA/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME"
git config --global user.name "Claire Lemonnier"
git config --global user.email "direction@cfa-batiment-caen.example.fr"
git config --global init.defaultBranch main

COMMANDS="$RESULTS/commands.txt"
: >"$COMMANDS"
note() { printf '%s\n' "$*" | sed "s|$RESULTS/|results/|g; s|$DATA|\$DATA|g; s|$ROOT/bench/|bench/|g; s|bench:${PASSWORD:-none}@|bench:\$PASSWORD@|g; s|127.0.0.1:${PORT:-none}/|127.0.0.1:\$PORT/|g" >>"$COMMANDS"; }
hf() { # NAME WARMUP TIMEIT-ARGS…: one interleaved measure, exported to results/NAME.json, noted in commands.txt
    local name=$1 warmup=$2; shift 2
    local line="bench/timeit.py -N --warmup $warmup --runs $RUNS --export-json results/$name.json" arg
    for arg in "$@"; do
        case $arg in -n|--prepare) line+=" \\"$'\n'"    $arg" ;; *) if [[ $arg =~ [[:space:]] ]]; then line+=" \"$arg\""; else line+=" $arg"; fi ;; esac
    done
    note "# $name"
    note "$line"
    note ""
    python3 "$ROOT/bench/timeit.py" -N --warmup "$warmup" --runs "$RUNS" --export-json "$RESULTS/$name.json" "$@" >&2
}

# ------------------------------------------------------------------------------------ generator
log "Generating $N synthetic CFA remotes"
python3 "$ROOT/bench/hub-gen.py" "$D" "$ROOT/sample-dossiers/batiment-caen" "$DATA/gen" "$N" | tee "$RESULTS/gen.json" >&2
note "# data set"
note "bench/hub-gen.py \$DATA/dossier sample-dossiers/batiment-caen \$DATA/gen $N   # \$DATA/gen/remotes/<UAI>.git, \$DATA/gen/cfas.tsv"
note ""
REMOTES="$DATA/gen/remotes"
refs_digest() { # a digest of every reference of every remote: the benchmark must not change them
    (cd "$REMOTES" && find . \( -path '*/refs/*' -type f -o -name packed-refs \) -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}
remotes_before=$(refs_digest)
# A dossier of its own UAI: one remote cloned and checked by the tool (not measured).
first_uai=$(head -n 1 "$DATA/gen/cfas.tsv" | cut -f1)
"$D" clone "$REMOTES/$first_uai.git" "$DATA/check-clone" >/dev/null
"$D" check -C "$DATA/check-clone" >/dev/null || { echo "generated remote $first_uai: dossier check fails" >&2; exit 1; }
grep -q "^uai: \"$first_uai\"" "$DATA/check-clone/dossier.yaml" || { echo "generated remote $first_uai: wrong UAI" >&2; exit 1; }
rm -rf "$DATA/check-clone"
TAGS_PER_CFA=$(python3 -c "import json; print(json.load(open('$RESULTS/gen.json'))['tags'])")

# The git loops, as scripts (their text goes into commands.txt).
cat >"$DATA/git-clone-all.sh" <<'EOF'
#!/bin/sh
# git-clone-all.sh URLS DEST [CLONE-OPTION…]: `git clone --mirror --quiet` of every URL of URLS (lines "UAI URL") into DEST/UAI.git
urls=$1 dest=$2
shift 2
while read -r uai url; do
    git clone --mirror --quiet "$@" "$url" "$dest/$uai.git" || exit 1
done <"$urls"
EOF
cat >"$DATA/git-fetch-all.sh" <<'EOF'
#!/bin/sh
# git-fetch-all.sh DEST: `git fetch --quiet origin` in every mirror DEST/*.git
for m in "$1"/*.git; do
    git --git-dir="$m" fetch --quiet origin || exit 1
done
EOF
note "# the git loops"
note "$(sed 's/^/    /' "$DATA/git-clone-all.sh")"
note "$(sed 's/^/    /' "$DATA/git-fetch-all.sh")"
note ""

# Experiment (HTTP, no goal): the same binary with Nagle's algorithm off on its TCP sockets, through a
# 10-line LD_PRELOAD shim (as in bench/sync.sh): libgit2 1.5's socket stream leaves Nagle on, git's curl
# turns it off.
NODELAY=""
if [ "$HTTP" = 1 ] && [ "${NODELAY_SHIM:-1}" = 1 ] && command -v cc >/dev/null 2>&1; then
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
    if cc -O2 -shared -fPIC -o "$DATA/nodelay.so" "$DATA/nodelay.c" -ldl 2>/dev/null; then
        NODELAY="$DATA/nodelay.so"
        cp "$DATA/nodelay.c" "$RESULTS/nodelay.c"
    fi
fi

# Experiment (no goal): libgit2 1.5 leaks pcre2 match data for every configuration entry that does not
# match `url.*.insteadof` when a remote is created (libgit2 PR #6382, merged after 1.5), ≈ 20 KB each, a few dozen
# per CFA. This shim creates the anonymous remotes with GIT_REMOTE_CREATE_SKIP_INSTEADOF: same binary,
# no URL rewriting, no leak.
NOINSTEADOF=""
if [ "${LEAK_SHIM:-1}" = 1 ] && command -v cc >/dev/null 2>&1 && pkg-config --exists libgit2 2>/dev/null; then
    cat >"$DATA/noinsteadof.c" <<'EOF_C'
#include <git2.h>
/* git_remote_create_anonymous() without the url.*.insteadof rewriting (and its leak in libgit2 1.5). */
int git_remote_create_anonymous(git_remote **out, git_repository *repo, const char *url) {
    git_remote_create_options opts = GIT_REMOTE_CREATE_OPTIONS_INIT;
    opts.repository = repo;
    opts.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF;
    return git_remote_create_with_opts(out, url, &opts);
}
EOF_C
    # shellcheck disable=SC2046
    if cc -O2 -shared -fPIC -o "$DATA/noinsteadof.so" "$DATA/noinsteadof.c" $(pkg-config --cflags --libs libgit2) 2>/dev/null; then
        NOINSTEADOF="$DATA/noinsteadof.so"
        cp "$DATA/noinsteadof.c" "$RESULTS/noinsteadof.c"
    fi
fi
SHIM_LABEL="dossier hub reconcile + SKIP_INSTEADOF shim"

# ------------------------------------------------------------------------------------ measures
# reconcile_json HUB OUT [ARGS…]: one untimed reconcile with --json, kept as results/OUT
reconcile_json() {
    local hub=$1 out=$2; shift 2
    "$D" hub reconcile --json --hub "$hub" "$@" >"$RESULTS/$out"
}
# expect FILE NEW UNCHANGED: the reconcile report has that many new submissions, unchanged CFAs and no failure
expect() {
    python3 - "$RESULTS/$1" "$2" "$3" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
new, unchanged = int(sys.argv[2]), int(sys.argv[3])
failed = [c for c in report["cfas"] if c["status"] == "failed"]
if report["failed"] or report["newSubmissions"] != new or report["unchanged"] != unchanged:
    sys.exit(f"{sys.argv[1]}: expected {new} new submissions and {unchanged} unchanged CFAs, got "
             f"{report['newSubmissions']} and {report['unchanged']}, {report['failed']} failed: {failed[:3]}")
PY
}
# rss NAME: the prefix that records the peak RSS (kB) of a timed command, one line per run (warm-up
# included) in results/rss-NAME.txt. GNU time adds a fork and an exec (≈ 1 ms) to the dossier side.
rss() { echo "/usr/bin/time -f %M -a -o $RESULTS/rss-$1.txt"; }

# expect_noop_unchanged HUB KIND: after the timed no-op runs, one more still finds every CFA unchanged
expect_noop_unchanged() {
    reconcile_json "$1" "report-noop-after-$2.json"
    expect "report-noop-after-$2.json" 0 "$N"
}

# measure KIND: every measure over one transport. $DATA/KIND/urls-dossier.txt and urls-git.txt
# hold "UAI URL" lines (the git URLs carry the credentials over HTTP).
measure() {
    local kind=$1 base="$DATA/$1" jobs variant
    local clone_opts=()
    if [ "$kind" = local ]; then clone_opts=(--no-local); fi
    log "[$kind] hub with the $N CFAs registered (not measured)"
    "$D" hub init "$base/hub-empty" >/dev/null
    while read -r uai url; do
        "$D" hub register "$uai" "$url" --name "CFA $uai" --hub "$base/hub-empty" >/dev/null
    done <"$base/urls-dossier.txt"
    jobs=$(sed -n 's/^jobs: *//p' "$base/hub-empty/hub.yaml")
    echo "$jobs" >"$RESULTS/default-jobs.txt"
    note "# [$kind] prepared hub (not measured)"
    note "dossier hub init $base/hub-empty; for each line \"UAI URL\" of $base/urls-dossier.txt: dossier hub register UAI URL --name \"CFA UAI\" --hub $base/hub-empty"
    note ""

    log "[$kind] first reconcile (empty hub) vs a loop of git clone --mirror"
    local args=(--prepare "rm -rf $base/first && cp -a $base/hub-empty $base/first"
                -n "dossier hub reconcile (jobs $jobs)" "$(rss "first-$kind") $D hub reconcile --hub $base/first")
    for variant in $JOBS_VARIANTS; do
        args+=(--prepare "rm -rf $base/first-j$variant && cp -a $base/hub-empty $base/first-j$variant"
               -n "dossier hub reconcile --jobs $variant" "$(rss "first-$kind-j$variant") $D hub reconcile --jobs $variant --hub $base/first-j$variant")
    done
    if [ "$kind" = local ] && [ -n "$NOINSTEADOF" ]; then
        args+=(--prepare "rm -rf $base/first-shim && cp -a $base/hub-empty $base/first-shim"
               -n "$SHIM_LABEL" "$(rss "first-$kind-shim") env LD_PRELOAD=$NOINSTEADOF $D hub reconcile --hub $base/first-shim")
    fi
    args+=(--prepare "rm -rf $base/git-first && mkdir $base/git-first"
           -n "git clone --mirror loop" "sh $DATA/git-clone-all.sh $base/urls-git.txt $base/git-first ${clone_opts[*]:-}")
    if [ "$kind" = local ]; then
        args+=(--prepare "rm -rf $base/git-first-hardlinks && mkdir $base/git-first-hardlinks"
               -n "git clone --mirror loop (local clone: hard links)" "sh $DATA/git-clone-all.sh $base/urls-git.txt $base/git-first-hardlinks")
    fi
    local from=0
    if [ "$kind" = http ]; then from=$(stat -c %s "$T/access.log"); fi
    hf "first-$kind" "$FIRST_WARMUP" "${args[@]}"
    if [ "$kind" = http ]; then tail -c +$((from + 1)) "$T/access.log" >"$RESULTS/access-first-http.log"; fi

    if [ "$kind" = http ] && [ -n "$NODELAY" ]; then
        # Experiment (no goal): Nagle's algorithm off in libgit2's sockets, first reconcile with --jobs 1 of
        # the first $SUBSET CFAs (a subset: the per-CFA difference is the point, and --jobs 1 is long).
        local subset
        subset=$(head -n "$SUBSET" "$base/urls-dossier.txt" | cut -d' ' -f1 | tr '\n' ' ')
        echo "$SUBSET" >"$RESULTS/nodelay-subset.txt"
        hf "exp-nodelay-$kind" "$FIRST_WARMUP" \
            --prepare "rm -rf $base/sub && cp -a $base/hub-empty $base/sub" \
            -n "dossier hub reconcile --jobs 1, $SUBSET CFAs" "$D hub reconcile --jobs 1 --hub $base/sub $subset" \
            --prepare "rm -rf $base/sub-nodelay && cp -a $base/hub-empty $base/sub-nodelay" \
            -n "dossier hub reconcile --jobs 1, $SUBSET CFAs + TCP_NODELAY" "env LD_PRELOAD=$NODELAY $D hub reconcile --jobs 1 --hub $base/sub-nodelay $subset"
        rm -rf "$base/sub" "$base/sub-nodelay"
    fi

    # The first reconcile did its job: every submission of every CFA, nothing failed.
    rm -rf "$base/hub"
    cp -a "$base/hub-empty" "$base/hub"
    reconcile_json "$base/hub" "report-first-$kind.json"
    expect "report-first-$kind.json" $((N * TAGS_PER_CFA)) 0
    reconcile_json "$base/hub" "report-noop-$kind.json"
    expect "report-noop-$kind.json" 0 "$N"
    # git's side: mirrors made once by the same loop.
    rm -rf "$base/git-mirrors" && mkdir "$base/git-mirrors"
    sh "$DATA/git-clone-all.sh" "$base/urls-git.txt" "$base/git-mirrors" "${clone_opts[@]}"
    note "# [$kind] states of the no-op measure (not measured): a reconciled hub, and git mirrors"
    note "cp -a $base/hub-empty $base/hub && dossier hub reconcile --hub $base/hub"
    note "sh $DATA/git-clone-all.sh $base/urls-git.txt $base/git-mirrors ${clone_opts[*]:-}"
    note ""

    log "[$kind] no-op reconcile vs a loop of git fetch"
    from=0
    if [ "$kind" = http ]; then from=$(stat -c %s "$T/access.log"); fi
    args=(-n "dossier hub reconcile (jobs $jobs)" "$(rss "noop-$kind") $D hub reconcile --hub $base/hub")
    for variant in $JOBS_VARIANTS; do
        args+=(-n "dossier hub reconcile --jobs $variant" "$(rss "noop-$kind-j$variant") $D hub reconcile --jobs $variant --hub $base/hub")
    done
    if [ -n "$NOINSTEADOF" ]; then
        args+=(-n "$SHIM_LABEL" "$(rss "noop-$kind-shim") env LD_PRELOAD=$NOINSTEADOF $D hub reconcile --hub $base/hub")
    fi
    args+=(-n "git fetch loop" "sh $DATA/git-fetch-all.sh $base/git-mirrors")
    hf "noop-$kind" "$WARMUP" "${args[@]}"
    if [ "$kind" = http ]; then tail -c +$((from + 1)) "$T/access.log" >"$RESULTS/access-noop-http.log"; fi
    expect_noop_unchanged "$base/hub" "$kind"

    if [ "$kind" = http ]; then
        log "[$kind] server floor: GET info/refs of every remote (curl, one connection) — context"
        python3 - "$base/urls-dossier.txt" "$base/curl-refs.cfg" "$PASSWORD" <<'PY'
import sys
urls, out, password = sys.argv[1], sys.argv[2], sys.argv[3]
with open(urls) as lines, open(out, "w") as cfg:
    cfg.write(f'user = "bench:{password}"\nfail\nsilent\n')
    for line in lines:
        url = line.split()[1]
        cfg.write(f'url = "{url}/info/refs?service=git-upload-pack"\noutput = "/dev/null"\n')
PY
        note "# curl-refs.cfg: user = \"bench:\$PASSWORD\", fail, silent, then for each CFA: url = \"http://127.0.0.1:\$PORT/<UAI>.git/info/refs?service=git-upload-pack\" and output = \"/dev/null\""
        local par=$jobs
        hf "floor-$kind" "$WARMUP" \
            -n "curl: GET info/refs × $N, one at a time" "curl -K $base/curl-refs.cfg" \
            -n "curl: GET info/refs × $N, $par at a time" "curl --parallel --parallel-max $par -K $base/curl-refs.cfg"
    fi

    if [ "$kind" = local ] && [ -n "$NOINSTEADOF" ]; then
        log "[$kind] peak memory against the number of CFAs (N/4, N/2, N), as built and with the SKIP_INSTEADOF shim"
        note "# [$kind] memory scaling: for K in N/4 N/2 N, on a fresh copy of hub-empty, the first K CFAs (their UAIs as arguments):"
        note "/usr/bin/time -f %M [env LD_PRELOAD=\$DATA/noinsteadof.so] dossier hub reconcile --hub COPY UAI…   # first, then again: no-op"
        note ""
        local k variant only pre peak_first peak_noop
        : >"$RESULTS/rss-scaling-$kind.txt"
        for k in $((N / 4)) $((N / 2)) "$N"; do
            [ "$k" -ge 1 ] || continue
            only=$(head -n "$k" "$base/urls-dossier.txt" | cut -d' ' -f1 | tr '\n' ' ')
            for variant in built shim; do
                pre=""
                if [ "$variant" = shim ]; then pre=$NOINSTEADOF; fi
                rm -rf "$base/scaling" && cp -a "$base/hub-empty" "$base/scaling"
                # shellcheck disable=SC2086
                peak_first=$(env LD_PRELOAD="$pre" /usr/bin/time -f %M "$D" hub reconcile --hub "$base/scaling" $only 2>&1 >/dev/null | tail -n 1)
                # shellcheck disable=SC2086
                peak_noop=$(env LD_PRELOAD="$pre" /usr/bin/time -f %M "$D" hub reconcile --hub "$base/scaling" $only 2>&1 >/dev/null | tail -n 1)
                echo "$k $variant $peak_first $peak_noop" >>"$RESULTS/rss-scaling-$kind.txt"
            done
        done
        rm -rf "$base/scaling"
    fi
    [ "$(refs_digest)" = "$remotes_before" ] || { echo "the remotes' references changed during the measures" >&2; exit 1; }
}

log "Bare remotes by path"
mkdir -p "$DATA/local"
while IFS=$'\t' read -r uai _ path; do
    echo "$uai $path" >>"$DATA/local/urls-dossier.txt"
done <"$DATA/gen/cfas.tsv"
cp "$DATA/local/urls-dossier.txt" "$DATA/local/urls-git.txt"
measure local

if [ "$HTTP" = 1 ]; then
    log "Smart HTTP: nginx + fcgiwrap ($FCGI_WORKERS workers) + git http-backend on 127.0.0.1, the same remotes"
    T="$DATA/http-server"
    mkdir -p "$T/tmp" "$DATA/http"
    PORT=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
    PASSWORD=bench-$RANDOM$RANDOM
    export DOSSIER_USER=bench DOSSIER_TOKEN=$PASSWORD
    htpasswd -bc "$T/htpasswd" bench "$PASSWORD" 2>/dev/null
    SOCKET=/tmp/hub-bench-fcgi-$$.sock # unix socket paths are limited to 108 bytes
    cat >"$T/nginx.conf" <<EOF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
daemon off;
pid $T/nginx.pid;
error_log $T/error.log info;
events { worker_connections 256; }
http {
    log_format hub '\$request_method \$request_uri \$status \$request_length \$bytes_sent "\$http_user_agent"';
    access_log $T/access.log hub;
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
            fastcgi_ignore_client_abort on;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME  $(git --exec-path)/git-http-backend;
            fastcgi_param GIT_PROJECT_ROOT $REMOTES;
            fastcgi_param GIT_HTTP_EXPORT_ALL "";
            fastcgi_param PATH_INFO        \$uri;
            fastcgi_pass unix:$SOCKET;
        }
    }
}
EOF
    rm -f "$SOCKET"
    start_server "$T/fcgiwrap.log" fcgiwrap -c "$FCGI_WORKERS" -s "unix:$SOCKET"
    start_server "$T/nginx.log" nginx -c "$T/nginx.conf" -p "$T" -e "$T/error.log"
    for _ in $(seq 100); do
        if [ -S "$SOCKET" ] && python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then break; fi
        sleep 0.1
    done
    nginx_version=$(nginx -v 2>&1 | sed 's/^nginx version: nginx\///')
    mkdir -p "$DATA/http"
    while IFS=$'\t' read -r uai _ _; do
        echo "$uai http://127.0.0.1:$PORT/$uai.git" >>"$DATA/http/urls-dossier.txt"
        echo "$uai http://bench:$PASSWORD@127.0.0.1:$PORT/$uai.git" >>"$DATA/http/urls-git.txt"
    done <"$DATA/gen/cfas.tsv"
    git ls-remote "$(head -n 1 "$DATA/http/urls-git.txt" | cut -d' ' -f2)" >/dev/null ||
        { echo "the smart HTTP server does not answer; see $T/error.log" >&2; KEEP=1; exit 1; }
    note "# smart HTTP: nginx $nginx_version, fcgiwrap -c $FCGI_WORKERS, git http-backend; GIT_PROJECT_ROOT=\$DATA/gen/remotes"
    note "# dossier: DOSSIER_USER=bench DOSSIER_TOKEN=\$PASSWORD, URLs http://127.0.0.1:\$PORT/<UAI>.git; git: http://bench:\$PASSWORD@127.0.0.1:\$PORT/<UAI>.git"
    note ""
    measure http
    cp "$T/nginx.conf" "$RESULTS/nginx.conf"
    sed -i "s|$DATA|\$DATA|g; s|$PORT|\$PORT|g" "$RESULTS/nginx.conf"
fi

# ------------------------------------------------------------------------------------ profile
if [ "$PROFILE" = 1 ]; then
    log "perf profiles of a first and a no-op reconcile by path (--jobs 1)"
    profile() { # NAME HUB FREQUENCY
        local name=$1 hub=$2 freq=$3
        note "# profile $name"
        note "perf record -F $freq --call-graph dwarf,16384 -o perf.$name.data -- \$DATA/dossier hub reconcile --jobs 1 --hub $hub"
        note "bench/hub-profile.py perf.$name.data > profile.$name.json"
        note ""
        perf record -q -F "$freq" --call-graph dwarf,16384 -o "$RESULTS/perf.$name.data" -- "$D" hub reconcile --jobs 1 --hub "$hub" \
            >/dev/null 2>"$RESULTS/perf.$name.log" || true
        python3 "$ROOT/bench/hub-profile.py" "$RESULTS/perf.$name.data" >"$RESULTS/profile.$name.json" 2>>"$RESULTS/perf.$name.log" || true
        rm -f "$RESULTS/perf.$name.data"
    }
    rm -rf "$DATA/local/profile" && cp -a "$DATA/local/hub-empty" "$DATA/local/profile"
    profile first-local "$DATA/local/profile" 300
    profile noop-local "$DATA/local/profile" 4000
    if command -v strace >/dev/null 2>&1; then # system calls of one no-op, all threads
        note "# system calls of a no-op"
        note "strace -f -c -o results/strace.noop-local.txt \$DATA/dossier hub reconcile --jobs 1 --hub $DATA/local/profile"
        note ""
        strace -f -c -o "$RESULTS/strace.noop-local.txt" "$D" hub reconcile --jobs 1 --hub "$DATA/local/profile" >/dev/null 2>&1 || true
    fi
    rm -rf "$DATA/local/profile"
fi

# ------------------------------------------------------------------------------------ report
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
export ROOT N RUNS WARMUP FIRST_WARMUP SUBSET HTTP FCGI_WORKERS JOBS_VARIANTS PROFILE load_start load_end
export nginx_version=${nginx_version:-} NODELAY NOINSTEADOF
python3 - >"$RESULTS/meta.json" <<'PY'
import json, os, sys
env = os.environ
sys.path.insert(0, os.path.join(env["ROOT"], "bench"))
from machine import describe, run
print(json.dumps({
    **describe(),
    "nginx": env.get("nginx_version", ""),
    "curl": (run("curl", "--version").splitlines() or ["n/a"])[0].split(" (")[0],
    "perf": run("perf", "--version"),
    "load": f"{env['load_start']} at the start, {env['load_end']} at the end",
    "commit": run("git", "-C", env["ROOT"], "rev-parse", "--short", "HEAD"),
    "sources_dirty": bool(run("git", "-C", env["ROOT"], "status", "--porcelain", "Sources", "Package.swift")),
    "n": int(env["N"]), "runs": int(env["RUNS"]), "warmup": int(env["WARMUP"]), "first_warmup": int(env["FIRST_WARMUP"]), "subset": int(env["SUBSET"]),
    "nodelay": bool(env.get("NODELAY")), "noinsteadof": bool(env.get("NOINSTEADOF")),
    "http": env["HTTP"] == "1", "fcgi_workers": int(env["FCGI_WORKERS"]), "jobs_variants": env["JOBS_VARIANTS"].split(),
    "profile": env["PROFILE"] == "1",
}, ensure_ascii=False, indent=1))
PY
if [ "$REPORT" = 1 ]; then
    python3 "$ROOT/bench/hub-report.py" "$RESULTS" "$ROOT/BENCHMARKS.md" --history "$WORK/history.jsonl"
    log "Wrote the Hub section of $ROOT/BENCHMARKS.md (raw results in bench-work/hub/results/)"
else
    python3 "$ROOT/bench/hub-report.py" "$RESULTS" "$RESULTS/section.md"
    log "Wrote $RESULTS/section.md (REPORT=0: BENCHMARKS.md untouched)"
fi
