#!/usr/bin/env bash
# Quick load run of the public idea list and of idea submission, with wrk on
# loopback against a release build on a demo database. Prints wrk's figures;
# compare runs on the same machine only.
#
#   bash tests/load/run.sh            # SQLite in a temporary folder
#   DATABASE_URL=postgres://... bash tests/load/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"

cargo build --release --quiet --bin innspill
bin=target/release/innspill
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
port=$(( 20000 + RANDOM % 20000 ))
export INNSPILL_DATA_DIR="$data" INNSPILL_BIND="127.0.0.1:$port" RUST_LOG=warn
# The per-address limit would stop a load run from one address at once.
export INNSPILL_SUBMISSION_LIMIT=100000000

"$bin" demo >/dev/null
"$bin" serve >"$data/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== GET /health (baseline: no database work beyond a ping), $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$base/health"

echo "== GET /ideer (first page of published ideas), $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$base/ideer"

echo "== GET /ideer?sort=mest-stottet&q=turist"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$base/ideer?sort=mest-stottet&q=turist"

# One browser session's form, sent again and again with a fresh idempotency key.
jar="$data/cookies"
form=$(curl -fs -c "$jar" "$base/ideer/ny")
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" <<<"$form" | head -1 | sed 's/.*value="//;s/"$//'; }
export CSRF_TOKEN=$(field csrf_token) FORM_TIME=$(field skjema_tid)
export SESSION_COOKIE=$(awk '$6 == "innspill_session" { print $6 "=" $7 }' "$jar")
sleep 3 # the form's minimum time
echo "== POST /ideer (submit an idea; pre-moderation, no e-mail), $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s tests/load/submit.lua "$base/ideer"
sleep 1
stored=$(sqlite3 "$data/innspill.db" "select count(*) from inputs where status = 'pending'" 2>/dev/null || echo "?")
echo "== ideas waiting for moderation after the run: $stored"
