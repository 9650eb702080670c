#!/usr/bin/env bash
# The browser tests' hub: the demo's journey (scripts/demo-journey.sh), then a request from Évreux
# carrying one evidence of each kind a reviewer opens (Markdown, CSV, image, PDF, video, web link) and
# hostile ones (an HTML page and an SVG with script, a PDF that is really HTML, a title with <script>,
# a file name with quotes and angle brackets), Rouen's badge proposal « Inclusion numérique »
# (scripts/demo-proposal.sh --until-submitted), and passwords for the sample reviewers.
#   fixture.sh DOSSIER WORK       (prints the journey; the passwords are PASSWORDS below)
set -euo pipefail
dossier="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/scripts/demo-journey.sh" "$dossier" "$work"

files="$work/evreux-files"
mkdir -p "$files"
# The script every hostile file runs if it ever gets the chance: it leaves marks the test looks for.
payload="localStorage.setItem('pwned','1');document.cookie='pwned=1; path=/';fetch('/pwned-by-evidence')"
printf '<!doctype html><html><body><h1>Rapport</h1><script>%s</script></body></html>\n' "$payload" >"$files/rapport.html"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>%s</script><rect width="40" height="40" fill="teal"/></svg>\n' "$payload" >"$files/logo.svg"
printf '<html><body><script>%s</script>Pas un PDF</body></html>\n' "$payload" >"$files/faux-guide.pdf"
printf '# Plan d accessibilite\n\n- Rampes installees en **2026**\n- <script>%s</script>\n' "$payload" >"$files/plan \"acces\" <2026>.md"
# A small real PDF (one page, one line of text).
python3 - "$files/guide-accessibilite.pdf" <<'PY'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
stream = b"BT /F1 18 Tf 20 70 Td (Guide accessibilite 2026) Tj ET"
objs[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
out, offsets = bytearray(b"%PDF-1.4\n"), []
for i, body in enumerate(objs, 1):
    offsets.append(len(out)); out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
# A video over 5 MiB (kept as media): an MP4 header, then filler.
{ printf '\000\000\000\030ftypisom\000\000\002\000isomiso2'; head -c 6000000 /dev/urandom; } >"$files/visite-virtuelle.mp4"
cp "$(find "$root/sample-dossiers" -name '*.png' | sort | head -1)" "$files/signaletique.png"

cd "$work/cfa-evreux"
author="Inès Petit <ines.petit@example.fr>"
"$dossier" add accessibilite "$files/guide-accessibilite.pdf" --criterion acces-avancement --title "Guide d'accessibilité 2026"
"$dossier" add accessibilite "$files/signaletique.png" --criterion acces-avancement --title "Signalétique"
"$dossier" add accessibilite "$files/visite-virtuelle.mp4" --criterion contenus-distance --title "Visite virtuelle"
"$dossier" add accessibilite "$files/rapport.html" --criterion acces-avancement --title "Rapport (HTML)"
"$dossier" add accessibilite "$files/logo.svg" --criterion acces-avancement --title "Logo (SVG)"
"$dossier" add accessibilite "$files/faux-guide.pdf" --criterion acces-avancement --title "Guide (faux PDF)"
"$dossier" add accessibilite "$files/plan \"acces\" <2026>.md" --criterion acces-avancement \
    --title "<script>document.title='pwned'</script> Plan « accès »"
"$dossier" save -m "Accessibilité : pièces complémentaires" --author "$author"
"$dossier" submit accessibilite -m "Demande complétée"
"$dossier" sync
cd "$work/hub"
"$dossier" hub reconcile
# A badge proposal for the reviewers to vote on and the Région to accept: Rouen proposes
# « Inclusion numérique » and the hub reconciles it (the demo's step 10).
"$root/scripts/demo-proposal.sh" "$dossier" "$work" --until-submitted
cd "$work/hub"
# A second Badgeons member (the keyboard-only journey's), and every reviewer's password (journey.py's
# PASSWORDS), given on standard input as a script would.
"$dossier" hub member add lea.badgeons --role badgeons
for member in claire.rouen:claire-demo-2027 marc.badgeons:marc-demo-2027 lea.badgeons:lea-demo-2027 sophie.region:sophie-demo-2027; do
    printf '%s\n' "${member#*:}" | "$dossier" hub member passwd "${member%%:*}"
done
