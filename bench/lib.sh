# Shell helpers shared by the benchmark scripts (sourced, not run).

log() { printf '\n== %s\n' "$*" >&2; }

# need TOOL HINT: stop with the install hint when a tool is missing.
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1 ($2)" >&2; exit 1; }; }

# Another session may be building (debug or release) in the same .build folder, or editing the
# sources: SwiftPM waits for its lock, but retry if the build fails on a lock or on a source file
# modified during the build.
build_release() { # the binary the README's install command builds (the Swift runtime linked in)
    build -c release --product dossier --static-swift-stdlib "$@"
}
build() { # swift build ARGS…, retried while the build folder is locked
    local build_log attempt
    build_log=$(mktemp)
    for attempt in 1 2 3 4 5 6 7 8; do
        if swift build "$@" >"$build_log" 2>&1; then tail -n 1 "$build_log" >&2; rm -f "$build_log"; return 0; fi
        if [ "$attempt" -lt 8 ] && grep -qiE 'lock|another instance|database is locked|resource temporarily unavailable|modified during the build' "$build_log"; then
            echo "build folder busy or sources being edited (attempt $attempt), retrying in 20 s" >&2
            sleep 20
            continue
        fi
        cat "$build_log" >&2
        rm -f "$build_log"
        return 1
    done
}

# ---------------------------------------------------------------------------------------------------
# Servers a benchmark starts (nginx, fcgiwrap, giftless…): each in a session and process group of its
# own, so that stop_servers ends it with every process it forked — fcgiwrap's `-c N` workers outlive a
# SIGTERM sent to their parent alone (orphaned, they keep running), nginx has its workers, a request
# may still run git http-backend. Call stop_servers from the script's EXIT trap, and turn INT, TERM
# and HUP into an exit (`trap 'exit 130' INT TERM HUP`) so that an interrupted run stops them too.
# ---------------------------------------------------------------------------------------------------
SERVER_GROUPS=()

# start_server LOG COMMAND ARGS…: COMMAND in the background, leading a new process group.
start_server() {
    local log=$1
    shift
    need setsid "apt-get install -y util-linux"
    # A background job of a script is not a group leader, so setsid execs COMMAND itself: $! is its
    # PID, and the id of its new session and group.
    setsid "$@" >"$log" 2>&1 &
    SERVER_GROUPS+=($!)
}

# group_alive GROUP: whether a live (not zombie) process of that group remains.
group_alive() { ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'; }

# SIGTERM to each server's group, then SIGKILL to what is left after 5 s; returns when none is alive.
stop_servers() {
    local group _
    for group in "${SERVER_GROUPS[@]}"; do kill -s TERM -- "-$group" 2>/dev/null || true; done
    for group in "${SERVER_GROUPS[@]}"; do
        for _ in $(seq 50); do group_alive "$group" || break; sleep 0.1; done
        if group_alive "$group"; then
            echo "server group $group still running 5 s after SIGTERM: SIGKILL" >&2
            kill -s KILL -- "-$group" 2>/dev/null || true
            for _ in $(seq 50); do group_alive "$group" || break; sleep 0.1; done
        fi
        wait "$group" 2>/dev/null || true
    done
    SERVER_GROUPS=()
}
