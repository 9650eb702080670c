#!/usr/bin/env bash
# The whole journey on the three sample dossiers, in a temporary folder:
#   CFAs prepare, save and sync their dossiers to a local Région remote → the hub reconciles →
#   reviewers vote (a recusal is refused) → the Région awards → each CFA syncs and sees its
#   decisions → a renewal is submitted and the hub shows what changed since the award → the badges'
#   public site, and Caen verifies its label offline → Rouen proposes a 13th badge, the Région
#   accepts it and publishes catalogue 2027.1, which every CFA receives through sync.
# Then the sample reviewers get passwords and the reviewers' web application's address is printed;
# with --serve, `dossier hub serve` keeps running on it until Ctrl-C; with --ui, the CFA's own
# application (`dossier ui`) opens on Caen's dossier instead, until « Quitter » or Ctrl-C.
#   scripts/demo.sh [--serve | --ui] [--listen 127.0.0.1:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
serve=no
ui=no
listen=127.0.0.1:8080
while [ $# -gt 0 ]; do
    case "$1" in
        --serve) serve=yes ;;
        --ui) ui=yes ;;
        --listen) listen="$2"; shift ;;
        *) echo "usage: scripts/demo.sh [--serve | --ui] [--listen HOST:PORT]" >&2; exit 64 ;;
    esac
    shift
done
scripts/install-deps.sh
swift build -c release --product dossier >/dev/null
dossier="$PWD/.build/release/dossier"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=${DEMO_LANG:-fr_FR.UTF-8}
scripts/demo-journey.sh "$dossier" "$work"
scripts/demo-proposal.sh "$dossier" "$work"

if [ "$ui" = yes ]; then
    printf '\n\n=== 8. The CFA'"'"'s own application, on Caen'"'"'s dossier\n$ dossier ui cfa-caen\n'
    "$dossier" ui "$work/cfa-caen"
    exit 0
fi

printf '\n\n=== 8. The reviewers'"'"' web application\n'
cd "$work/hub"
for member in claire.rouen:claire-demo-2027 marc.badgeons:marc-demo-2027 sophie.region:sophie-demo-2027; do
    printf '%s\n' "${member#*:}" | "$dossier" hub member passwd "${member%%:*}" >/dev/null
    printf '  %-15s mot de passe : %s\n' "${member%%:*}" "${member#*:}"
done
printf '\n$ dossier hub serve --listen %s\n' "$listen"
if [ "$serve" = yes ]; then
    printf 'Ouvrez http://%s/ (Ctrl-C pour arrêter)\n' "$listen"
    "$dossier" hub serve --listen "$listen"
else
    printf 'Pour ouvrir l'"'"'application : scripts/demo.sh --serve, puis http://%s/\n' "$listen"
fi
