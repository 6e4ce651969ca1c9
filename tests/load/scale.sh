#!/usr/bin/env bash
# Scale benchmark of the public pages (issue 8, part 2): a release build with
# 1,000 and with $IDEAS published ideas, on SQLite and on PostgreSQL; wrk
# (2 threads, 32 connections) on /health and the target pages, each page's
# rate printed as a ratio to /health of the same run, and the server's peak
# memory (VmHWM). Compare ratios, not absolute rates: the machine is shared.
#
#   bash tests/load/scale.sh
#   IDEAS=20000 DURATION=5s DATABASES=sqlite bash tests/load/scale.sh
#   PG_URL=postgres://postgres@127.0.0.1:5432 (server; a database is created)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
IDEAS="${IDEAS:-100000}"
DURATION="${DURATION:-10s}"
DATABASES="${DATABASES:-sqlite postgres}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
PAGES=(
  "/ideer"
  "/ideer?tema=reiseliv&sort=mest-stottet"
  "/ideer?side=2000"
  "/ideer?q=turister"
  "/ideer?q=b%C3%A5t+bygdene"
)

[ -n "${SKIP_BUILD:-}" ] || cargo build --release --quiet --bin innspill
bin="${CARGO_TARGET_DIR:-target}/release/innspill"
data=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT
export INNSPILL_DATA_DIR="$data" RUST_LOG=warn

rate() { wrk -t2 -c32 -d"$DURATION" "$1" | awk '/Requests\/sec/ { print $2 }'; }

# Published ideas up to $1: `innspill demo --ideas N` where the binary has
# it; otherwise the small demo, copied in SQL (new ids, themes kept through
# a marker in idempotency_key), search text filled in by `innspill migrate`.
fill() {
  local n=$1
  if "$bin" demo --help | grep -q -- '--ideas'; then
    "$bin" demo --ideas "$n" >/dev/null
    return
  fi
  "$bin" demo >/dev/null
  local have
  if [ "$kind" = sqlite ]; then
    have=$(sqlite3 "$data/innspill.db" "select count(*) from inputs where status='published'")
    sqlite3 "$data/innspill.db" <<SQL
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ($n - $have) / $have + 1)
INSERT INTO inputs (id, channel, title, body, stakeholder_group, status, language, created_at,
  updated_at, location, support_count, published_at, idempotency_key)
SELECT randomblob(16), channel, title, body, stakeholder_group, status, language, created_at,
  updated_at, location, abs(random()) % 40, published_at, 'copy-' || hex(id) || '-' || i
FROM inputs, k WHERE status = 'published' LIMIT $n - $have;
INSERT INTO input_themes (input_id, theme_id, origin, confidence, created_at)
SELECT c.id, t.theme_id, t.origin, t.confidence, t.created_at FROM inputs c
JOIN inputs o ON substr(c.idempotency_key, 6, 32) = hex(o.id)
JOIN input_themes t ON t.input_id = o.id
WHERE c.idempotency_key LIKE 'copy-%';
UPDATE inputs SET idempotency_key = NULL WHERE idempotency_key LIKE 'copy-%';
SQL
  else
    have=$(psql -qtA "$DATABASE_URL" -c "select count(*) from inputs where status='published'")
    psql -q "$DATABASE_URL" <<SQL
INSERT INTO inputs (id, channel, title, body, stakeholder_group, status, language, created_at,
  updated_at, location, support_count, published_at, idempotency_key)
SELECT gen_random_uuid(), channel, title, body, stakeholder_group, status, language, created_at,
  updated_at, location, floor(random() * 40), published_at, 'copy-' || id || '-' || i
FROM inputs, generate_series(1, ($n - $have) / $have + 1) i WHERE status = 'published'
LIMIT $n - $have;
INSERT INTO input_themes (input_id, theme_id, origin, confidence, created_at)
SELECT c.id, t.theme_id, t.origin, t.confidence, t.created_at FROM inputs c
JOIN input_themes t ON t.input_id = substring(c.idempotency_key from 6 for 36)::uuid
WHERE c.idempotency_key LIKE 'copy-%';
UPDATE inputs c SET idempotency_key = NULL WHERE idempotency_key LIKE 'copy-%';
SQL
  fi
  "$bin" migrate >/dev/null
}

# One database of $1 ideas: serve it, measure, print "label ratio".
measure() {
  local n=$1; shift
  local port=$(( 20000 + RANDOM % 20000 ))
  INNSPILL_BIND="127.0.0.1:$port" "$bin" serve >"$data/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  local base="http://127.0.0.1:$port"
  for page in "$@"; do curl -fs "$base$page" >/dev/null; done # warm up
  local health; health=$(rate "$base/health")
  echo "  $kind, $n ideas: /health $health req/s"
  for page in "$@"; do
    local r; r=$(rate "$base$page")
    # One request the page cache has not seen (an unused parameter makes a
    # new key): what rendering costs on a miss.
    local sep="?"; [[ "$page" == *"?"* ]] && sep="&"
    local miss; miss=$(curl -fs -o /dev/null -w '%{time_total}' "$base$page${sep}x=$RANDOM")
    awk -v p="$page" -v r="$r" -v h="$health" -v m="$miss" \
      'BEGIN { printf "    %-42s %9.0f req/s  %.3fx /health  (uncached render %.0f ms)\n", p, r, r / h, m * 1000 }'
  done
  echo "    max RSS: $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status")"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== wrk -t2 -c32 -d$DURATION; ratio = page req/s / /health req/s in the same run"
for kind in $DATABASES; do
  for n in 1000 "$IDEAS"; do
    rm -rf "${data:?}"/*
    if [ "$kind" = postgres ]; then
      psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS innspill_scale" -c "CREATE DATABASE innspill_scale"
      export DATABASE_URL="$PG_URL/innspill_scale"
    else
      unset DATABASE_URL
    fi
    fill "$n"
    if [ "$n" = 1000 ]; then measure "$n" "/ideer"; else measure "$n" "${PAGES[@]}"; fi
  done
done
