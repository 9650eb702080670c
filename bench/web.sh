#!/usr/bin/env bash
# Web benchmark: the reviewers' web application (`dossier hub serve`, release build) under wrk, against
# the floor of serving the very same page bytes as static files from nginx, in the same run.
#   Data: the hub benchmark's N synthetic CFAs (bench/hub-gen.py: 5 requests each, so 1,000 for
#   N=200), reconciled; AWARDS of them voted (a pilot CFA's member and a Badgeons member approve) and
#   awarded by the Région; RENEWALS CFAs then change an awarded badge's evidence and ask again
#   (cloned, edited, saved, submitted and synced with the tool), reconciled again.
#   Pages: the queue, a request page, a renewal diff page — signed in (a session cookie), each under
#   `wrk -t2 -c$CONNECTIONS -d$DURATION --latency` on 127.0.0.1, then its bytes from nginx the same way;
#   ROUNDS rounds, the two servers interleaved page by page. Peak memory of the server: VmHWM.
# Writes the "Web" section of BENCHMARKS.md (between `<!-- web:begin -->` and `<!-- web:end -->`).
#
#   bench/web.sh                               # N=200, AWARDS=300, RENEWALS=10, 30 s per measure
#   N=20 AWARDS=30 RENEWALS=3 DURATION=5 bench/web.sh   # quick try
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cd "$ROOT"
N=${N:-200}
AWARDS=${AWARDS:-300}
RENEWALS=${RENEWALS:-10}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-50}
ROUNDS=${ROUNDS:-1}
REPORT=${REPORT:-1}
KEEP=${KEEP:-0}
need wrk "apt-get install -y wrk (or scripts/install-deps.sh)"
need nginx "apt-get install -y nginx"
need curl "apt-get install -y curl"
need python3 "apt-get install -y python3"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "${DOSSIER_BIN:-}" ]; then BIN=$DOSSIER_BIN; else log "Building the release binary"; build -c release --product dossier; BIN="$ROOT/.build/release/dossier"; fi
WORK="$ROOT/bench-work/web"
DATA="$WORK/data"
RESULTS="$WORK/results"
rm -rf "$DATA" "$RESULTS"
mkdir -p "$DATA" "$RESULTS"
cleanup() { stop_servers; if [ "$KEEP" = 1 ]; then echo "kept $DATA" >&2; else rm -rf "$DATA"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
cp "$BIN" "$DATA/dossier"
D="$DATA/dossier"
export HOME="$DATA/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME"
git config --global user.name "Claire Lemonnier"
git config --global user.email "direction@cfa-batiment-caen.example.fr"
git config --global init.defaultBranch main

# ------------------------------------------------------------------------------------------ data
log "Generating $N synthetic CFAs and their hub"
python3 "$ROOT/bench/hub-gen.py" "$D" "$ROOT/sample-dossiers/batiment-caen" "$DATA/gen" "$N" >"$RESULTS/gen.json"
HUB="$DATA/hub"
"$D" hub init "$HUB" >/dev/null
while IFS=$'\t' read -r uai name path; do
    "$D" hub register "$uai" "$path" --name "$name" --hub "$HUB" >/dev/null
done <"$DATA/gen/cfas.tsv"
"$D" hub reconcile --hub "$HUB" >/dev/null
pilot_uai=$(head -n 1 "$DATA/gen/cfas.tsv" | cut -f1)
"$D" hub member add pilote --role cfa-pilote --uai "$pilot_uai" --hub "$HUB" >/dev/null
"$D" hub member add badgeons --role badgeons --hub "$HUB" >/dev/null
"$D" hub member add region --role region --hub "$HUB" >/dev/null
log "Votes and $AWARDS awards"
# The requests of every CFA but the pilot's, badge by badge, until AWARDS are awarded.
python3 - "$DATA/gen/cfas.tsv" "$AWARDS" "$pilot_uai" >"$DATA/awards.txt" <<'PY'
import sys
cfas = [line.split("\t")[0] for line in open(sys.argv[1]) if line.strip() and line.split("\t")[0] != sys.argv[3]]
wanted = int(sys.argv[2])
out = []
for badge in ["prospection", "tutorat", "accessibilite", "attractivite", "apprentis"]:
    for uai in cfas:
        if len(out) < wanted:
            out.append(f"{uai} {badge}")
print("\n".join(out))
PY
while read -r uai badge; do
    "$D" hub vote "$uai" "$badge" approve --member pilote -m "Conforme" --hub "$HUB" >/dev/null
    "$D" hub vote "$uai" "$badge" approve --member badgeons -m "Conforme" --hub "$HUB" >/dev/null
    "$D" hub award "$uai" "$badge" --member region --hub "$HUB" >/dev/null
done <"$DATA/awards.txt"
log "$RENEWALS renewals"
head -n "$RENEWALS" "$DATA/awards.txt" >"$DATA/renewals.txt"
while read -r uai badge; do
    clone="$DATA/clones/$uai"
    "$D" clone "$DATA/gen/remotes/$uai.git" "$clone" >/dev/null
    printf 'Bilan %s : 14 vidéos métiers, 3 200 vues.\nNouvelle ligne du renouvellement.\n' "$uai" >"$DATA/bilan-$uai.md"
    "$D" add "$badge" "$DATA/bilan-$uai.md" --criterion "$("$D" catalogue "$badge" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["badges"][0]["criteria"][0]["id"])')" \
        --title "Bilan du renouvellement" -C "$clone" >/dev/null
    "$D" save -m "Renouvellement" -C "$clone" >/dev/null
    "$D" submit "$badge" -m "Renouvellement" -C "$clone" >/dev/null
    "$D" sync -C "$clone" >/dev/null
done <"$DATA/renewals.txt"
"$D" hub reconcile --hub "$HUB" >/dev/null
read -r renewal_uai renewal_badge <"$DATA/renewals.txt"
request_uai=$(sed -n "$((RENEWALS + 1))p" "$DATA/awards.txt" | cut -d' ' -f1)
printf 'bench-password-%s\n' "$RANDOM" >"$DATA/password"
"$D" hub member passwd badgeons --hub "$HUB" <"$DATA/password" >/dev/null

# ---------------------------------------------------------------------------------------- servers
APP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start_server "$RESULTS/server.log" "$D" hub serve --hub "$HUB" --listen "127.0.0.1:$APP_PORT"
APP_PID=${SERVER_GROUPS[-1]}
for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/signin" && break; sleep 0.1; done
# Sign in as a reviewer would: the sign-in form's token and pre-session cookie, then the session cookie.
jar="$DATA/cookies"
csrf=$(curl -sf -c "$jar" "http://127.0.0.1:$APP_PORT/signin" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -sf -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "member=badgeons" \
    --data-urlencode "password=$(cat "$DATA/password")" --data-urlencode "next=/queue" "http://127.0.0.1:$APP_PORT/signin"
# (curl writes HttpOnly cookies as lines starting with "#HttpOnly_": not comments.)
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
declare -A PAGES=([queue]="/queue" [request]="/cfa/$request_uai/prospection" [diff]="/cfa/$renewal_uai/$renewal_badge/diff")
STATIC="$DATA/static"
mkdir -p "$STATIC/tmp"
for page in queue request diff; do
    status=$(curl -s -o "$STATIC/$page.html" -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$APP_PORT${PAGES[$page]}")
    [ "$status" = 200 ] || { echo "GET ${PAGES[$page]} answered $status" >&2; exit 1; }
    cp "$STATIC/$page.html" "$RESULTS/$page.html"
done
cat >"$DATA/nginx.conf" <<EOF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
daemon off;
pid $DATA/nginx.pid;
error_log $DATA/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $STATIC/tmp;
    proxy_temp_path $STATIC/tmp;
    fastcgi_temp_path $STATIC/tmp;
    uwsgi_temp_path $STATIC/tmp;
    scgi_temp_path $STATIC/tmp;
    server { listen 127.0.0.1:$NGINX_PORT; root $STATIC; default_type text/html; }
}
EOF
start_server "$RESULTS/nginx.log" nginx -c "$DATA/nginx.conf" -p "$DATA" -e "$DATA/nginx-error.log"
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/queue.html" && break; sleep 0.1; done

# ------------------------------------------------------------------------------------------ measures
log "wrk: $CONNECTIONS connections, $DURATION s per measure, $ROUNDS round(s)"
for round in $(seq "$ROUNDS"); do
    for page in queue request diff; do
        wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: $cookie" \
            "http://127.0.0.1:$APP_PORT${PAGES[$page]}" >"$RESULTS/app-$page-$round.txt"
        wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$NGINX_PORT/$page.html" >"$RESULTS/nginx-$page-$round.txt"
    done
done
server_pid=$(pgrep -g "$APP_PID" -f "hub serve" | head -n 1)
awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status" >"$RESULTS/peak-kib.txt"
errors=$(grep -c ' 5[0-9][0-9] ' "$RESULTS/server.log" || true)
echo "$errors" >"$RESULTS/server-5xx.txt"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

export N AWARDS RENEWALS DURATION CONNECTIONS ROUNDS load_start load_end RESULTS
python3 "$ROOT/bench/web-report.py" "$RESULTS" >"$RESULTS/section.md"
cat "$RESULTS/section.md"
if [ "$REPORT" = 1 ]; then
    python3 - "$ROOT/BENCHMARKS.md" "$RESULTS/section.md" <<'PY'
import sys
path, section = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(path).read()
block = "<!-- web:begin -->\n" + section + "\n<!-- web:end -->"
if "<!-- web:begin -->" in text:
    start, end = text.index("<!-- web:begin -->"), text.index("<!-- web:end -->") + len("<!-- web:end -->")
    text = text[:start] + block + text[end:]
else:
    text = text.rstrip() + "\n\n" + block + "\n"
open(path, "w").write(text)
PY
fi
