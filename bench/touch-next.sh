#!/usr/bin/env bash
# Before each measured save: append one line to the next evidence file of badge `tutorat`, so that
# every save starts from "one changed evidence file". The counter lives beside the repository copy
# (DIR.counter), so two copies driven by this script go through the same sequence of files.
set -euo pipefail
dir=$1
counter="$dir.counter"
n=$(cat "$counter" 2>/dev/null || echo 0)
n=$((n + 1))
printf '%s\n' "$n" > "$counter"
file=$(printf '%s/badges/tutorat/evidence/piece-%04d.md' "$dir" $(( (n * 37) % ${TOUCH_FILES:-1000} + 1 )))
printf 'Mise à jour %d du banc de mesure.\n' "$n" >> "$file"
