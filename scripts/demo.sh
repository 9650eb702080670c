#!/usr/bin/env bash
# A short tour on a sample dossier: init from a sample, add, check, save, diff, log.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product dossier >/dev/null
dossier="$PWD/.build/release/dossier"
samples="$PWD/sample-dossiers"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
run() { printf '\n$ dossier'; printf ' %q' "$@"; printf '\n'; "$dossier" "$@"; }

run init cfa-rouen --uai 0761234D --name "CFA des Métiers de Bouche de Rouen" --from "$samples/boulangerie-rouen" --author "Camille Martin <camille.martin@example.fr>"
cd cfa-rouen
run check
printf 'Grille d évaluation des compétences numériques — groupe CAP boulanger 2026\n' > "$work/grille-evaluation.md"
run add apprentis "$work/grille-evaluation.md" --criterion evaluer --title "Grille d'évaluation des compétences numériques"
run link apprentis https://lms.example.fr/cap-boulanger/badges --criterion micro-certifications --title "Micro-certifications sur le LMS" --kind lms
run set apprentis status ready
run status
run save -m "Apprentis : grille d'évaluation et micro-certifications" --author "Camille Martin <camille.martin@example.fr>"
run diff HEAD~1 HEAD
run log
