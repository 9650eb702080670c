#!/usr/bin/env bash
# The demo's journey (scripts/demo.sh), on its own so that the web application's browser tests and
# benchmarks start from the same hub: run in WORK with the DOSSIER binary, it leaves there three CFAs'
# dossiers (cfa-caen, cfa-rouen, cfa-evreux), their Région remotes (region/) and the hub (hub/) with
# votes, awards, decisions sent back and a renewal awaiting review.
#   scripts/demo-journey.sh DOSSIER WORK
set -euo pipefail
dossier="$1"
work="$2"
samples="$(cd "$(dirname "$0")/.." && pwd)/sample-dossiers"
cd "$work"
run() { printf '\n$ dossier'; printf ' %q' "$@"; printf '\n'; "$dossier" "$@"; }
title() { printf '\n\n=== %s\n' "$*"; }
# The Région's remote: one bare repository per CFA (what its git server would hold).
region_remote() { mkdir -p "$work/region" && git init --quiet --bare -b main "$work/region/$1.git"; }
days_ago() { date -d "$1" +%F; }

title "1. Three CFAs prepare their dossiers offline"
run init cfa-caen --uai 0141234R --name "CFA du Bâtiment de Caen" --from "$samples/batiment-caen" --author "Camille Martin <camille.martin@example.fr>"
run init cfa-rouen --uai 0761234D --name "CFA des Métiers de Bouche de Rouen" --from "$samples/boulangerie-rouen" --author "Hugo Leroy <hugo.leroy@example.fr>"
run init cfa-evreux --uai 0271234V --name "CFA Multi-métiers d'Évreux" --from "$samples/multi-metiers-evreux" --author "Inès Petit <ines.petit@example.fr>"
cd cfa-rouen
printf 'Grille d évaluation des compétences numériques — groupe CAP boulanger 2026\n' > "$work/grille-evaluation.md"
run add apprentis "$work/grille-evaluation.md" --criterion evaluer --title "Grille d'évaluation des compétences numériques"
run status
run save -m "Apprentis : grille d'évaluation" --author "Hugo Leroy <hugo.leroy@example.fr>"
run check
cd ..

title "2. They request badges and sync with the Région's remote"
ready_caen=(prospection attractivite accessibilite apprentis tutorat plan-formation referent-numerique espaces-innovants expertise-outils ressources)
for cfa in caen:0141234R rouen:0761234D evreux:0271234V; do
    region_remote "${cfa#*:}"
    (cd "cfa-${cfa%%:*}" && run remote set "$work/region/${cfa#*:}.git" >/dev/null)
done
(cd cfa-caen && run submit "${ready_caen[@]}" -m "Demande des 10 badges du label" && run sync)
(cd cfa-rouen && run submit prospection attractivite -m "Première demande" && run sync)
(cd cfa-evreux && { run submit accessibilite -m "Demande" || true; } && run sync)

title "3. The Région's hub reconciles every dossier into its review store"
run hub init hub
cd hub
run hub register 0141234R "$work/region/0141234R.git" --name "CFA du Bâtiment de Caen"
run hub register 0761234D "$work/region/0761234D.git" --name "CFA des Métiers de Bouche de Rouen"
run hub register 0271234V "$work/region/0271234V.git" --name "CFA Multi-métiers d'Évreux"
run hub reconcile
run hub queue

title "4. The peer group reviews"
run hub member add claire.rouen --role cfa-pilote --uai 0761234D
run hub member add marc.badgeons --role badgeons
run hub member add sophie.region --role region
run hub vote 0761234D attractivite --member claire.rouen approve -m "Très bien" || true   # recusal: refused
run hub vote 0761234D attractivite --member marc.badgeons changes -m "Ajouter le planning des réseaux sociaux 2026-2027"
run hub vote 0761234D prospection --member marc.badgeons approve -m "Veille bien documentée"
for badge in "${ready_caen[@]}"; do
    "$dossier" hub vote 0141234R "$badge" --member claire.rouen approve -m "Conforme" >/dev/null
    "$dossier" hub vote 0141234R "$badge" --member marc.badgeons approve -m "Conforme" >/dev/null
done
run hub show 0141234R tutorat

title "5. The Région awards (attractivité, valid 1 year, was awarded 11 months ago)"
run hub keys init        # the Région's signing keys (hub/keys, owner only): awards become signed Open Badges
run hub award 0141234R attractivite --member sophie.region --date "$(days_ago '-1 year +40 days')"
for badge in "${ready_caen[@]:2}" prospection; do
    "$dossier" hub award 0141234R "$badge" --member sophie.region >/dev/null
done
run hub label 0141234R
run hub export --format csv
run hub reconcile        # sends the decisions back to each CFA's repository
cd ..

title "6. Each CFA syncs and sees its decisions, offline afterwards"
(cd cfa-caen && run sync && run status)
(cd cfa-rouen && run sync && run status)

title "7. Renewal: Caen updates its attractivité evidence and asks again"
cd cfa-caen
printf '2026-09;Instagram;Rentrée 2026 au chantier école;apprentis BP Maçon\n' >> badges/attractivite/evidence/planning-reseaux-sociaux-2025-2026.csv
printf 'Bilan 2026 : 14 vidéos métiers tournées par les apprentis, 3 200 vues.\n' > "$work/bilan-videos-2026.md"
run add attractivite "$work/bilan-videos-2026.md" --criterion videos-apprentis --title "Bilan des vidéos métiers 2026"
run check
run save -m "Attractivité : planning mis à jour, bilan 2026" --author "Camille Martin <camille.martin@example.fr>"
run submit attractivite -m "Renouvellement du badge attractivité"
run sync
cd ../hub
run hub reconcile
run hub queue
run hub diff 0141234R attractivite

title "8. The Région publishes the badges' public site (showcase, issuer keys, credentials)"
run hub publish "$work/site"

title "9. Caen shows its label: a badge image with the signed credential baked in, verified offline"
cd ../cfa-caen
run badges
run badges export label --format png -o "$work/label-cfa-caen.png"
run verify "$work/label-cfa-caen.png" --offline
