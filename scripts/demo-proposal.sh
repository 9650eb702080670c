#!/usr/bin/env bash
# The demo's proposal (scripts/demo.sh, after scripts/demo-journey.sh in the same WORK): Rouen
# proposes a 13th badge, « Inclusion numérique », and sends it; the hub reconciles it; the peer
# group reviews it (Rouen's pilot is recused); the Région accepts it with a sharper text, publishes
# catalogue 2027.1; after a sync Évreux has the new badge and Rouen reads the decision.
#   scripts/demo-proposal.sh DOSSIER WORK [--until-submitted]
# --until-submitted stops once the hub has the proposal (the browser tests review it on the pages).
set -euo pipefail
dossier="$1"
work="$2"
until_submitted="${3:-}"
cd "$work"
run() { printf '\n$ dossier'; printf ' %q' "$@"; printf '\n'; "$dossier" "$@"; }
title() { printf '\n\n=== %s\n' "$*"; }
rouen_author="Hugo Leroy <hugo.leroy@example.fr>"

title "10. Rouen proposes a new badge for the label: « Inclusion numérique »"
cd cfa-rouen
run propose new inclusion-numerique --title "Inclusion numérique"
cat > proposals/inclusion-numerique.yaml <<'YAML'
# Proposition de badge du CFA des Métiers de Bouche de Rouen.
id: inclusion-numerique
title: "Inclusion numérique"
summary: "Accompagnement des apprentis éloignés du numérique"
recognises: "Les actions du CFA pour que chaque apprenti dispose d'un équipement et des usages de base"
validityYears: 2
criteria:
  - id: diagnostic
    text: "Un diagnostic des usages et de l'équipement est fait à l'entrée en formation"
  - id: pret-materiel
    text: "Prêt ou aide à l'achat de matériel pour les apprentis qui n'en ont pas"
  - id: ateliers
    text: "Ateliers d'initiation aux usages numériques de base"
requirement:
  required: [diagnostic]
  atLeast: 1
  among: [pret-materiel, ateliers]
why: |
  Un apprenti sur cinq arrive au CFA sans ordinateur personnel. Le label reconnaît les outils
  et les contenus numériques, pas encore le travail fait pour que **chaque** apprenti puisse
  s'en servir.
YAML
run propose check inclusion-numerique
run save -m "Proposition de badge : inclusion numérique" --author "$rouen_author"
run propose submit inclusion-numerique -m "Proposition d'un 13e badge pour le label" --author "$rouen_author"
run sync
cd ../hub
run hub reconcile
run hub proposals
[ "$until_submitted" = "--until-submitted" ] && exit 0

title "11. The peer group reviews the proposal; the Région accepts it, sharpened, and publishes catalogue 2027.1"
run hub proposal show 0761234D inclusion-numerique
run hub proposal vote 0761234D inclusion-numerique approve --member claire.rouen -m "Oui" || true   # recusal: refused
run hub proposal vote 0761234D inclusion-numerique approve --member marc.badgeons -m "Utile à tous les CFA"
run hub proposal vote 0761234D inclusion-numerique approve --member sophie.region -m "Conforme aux priorités régionales"
# The Région's text: the same badge, 3 years, the workshops made mandatory.
sed -e 's/validityYears: 2/validityYears: 3/' -e 's/required: \[diagnostic\]/required: [diagnostic, ateliers]/' \
    -e 's/among: \[pret-materiel, ateliers\]/among: [pret-materiel]/' -e '/^why:/,$d' -e '/^#/d' \
    ../cfa-rouen/proposals/inclusion-numerique.yaml > "$work/inclusion-numerique-region.yaml"
run hub proposal accept 0761234D inclusion-numerique --member sophie.region -m "Accepté : ateliers obligatoires, validité 3 ans" \
    --from "$work/inclusion-numerique-region.yaml"
run hub catalogue check
run hub catalogue publish 2027.1 -m "Badge 13 : inclusion numérique (proposé par le CFA de Rouen)" --member sophie.region
run hub reconcile        # delivers catalogue 2027.1 (signed with the Région's key) and Rouen's decision

title "12. Every CFA receives the new badge through sync"
cd ../cfa-evreux
run sync
run catalogue inclusion-numerique
cd ../cfa-rouen
run sync
run propose list
