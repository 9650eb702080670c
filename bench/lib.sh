# Shell helpers shared by the benchmark scripts (sourced, not run).

log() { printf '\n== %s\n' "$*" >&2; }

# need TOOL HINT: stop with the install hint when a tool is missing.
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1 ($2)" >&2; exit 1; }; }

# Another session may be building (debug or release) in the same .build folder, or editing the
# sources: SwiftPM waits for its lock, but retry if the build fails on a lock or on a source file
# modified during the build.
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
