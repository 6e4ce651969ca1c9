#!/usr/bin/env bash
# Times `innspill export inputs` on 10,000 and 100,000 inputs, pinned to one
# core, and prints seconds and maximum resident memory per format. The rows
# are made here with SQL (recursive CTE on SQLite, generate_series on
# PostgreSQL): published ideas with Norwegian text, one manual and one
# suggested tag each. Targets (issue 8): 100,000 inputs as XLSX < 3 s and as
# CSV < 0.5 s, memory not growing with the row count.
#
#   bash tests/load/export.sh                                  # SQLite
#   PG_URL=postgres://postgres@127.0.0.1:5432/test bash tests/load/export.sh
#
# PG_URL names an existing database; a fresh one is made beside it and dropped.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES="${SIZES:-10000 100000}"
RUNS="${RUNS:-3}"

cargo build --release --quiet --bin innspill
bin="${CARGO_TARGET_DIR:-target}/release/innspill"
data=$(mktemp -d)
pg_db="innspill_export_bench_$$"
cleanup() {
  rm -rf "$data"
  if [[ -n "${PG_URL:-}" ]]; then psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
export INNSPILL_DATA_DIR="$data" RUST_LOG=warn

themes_sql() { # $1: uuid expression, $2: timestamp expression
  local values=() position=0
  for slug in reiseliv sjomat landbruk energi industri kultur handel kompetanse; do
    values+=("($1, '$slug', '$slug', '$slug', '$slug', '#336699', $position, $2, $2)")
    position=$((position + 1))
  done
  local IFS=,
  echo "INSERT INTO themes (id, slug, name_nb, name_nn, name_en, colour, position, created_at, updated_at) VALUES ${values[*]};"
}

seed_sqlite() { # $1: rows
  local db="$data/innspill.sqlite"
  rm -f "$db"
  export DATABASE_URL="sqlite://$db?mode=rwc"
  "$bin" migrate >/dev/null
  local ts="strftime('%Y-%m-%dT%H:%M:%S+00:00', 1735689600 + i * 37, 'unixepoch')"
  sqlite3 "$db" <<SQL
$(themes_sql "randomblob(16)" "'2025-01-01T00:00:00+00:00'")
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO inputs (id, channel, title, body, stakeholder_group, status, language,
                    created_at, updated_at, location, support_count, published_at)
SELECT randomblob(16), 'idea', 'Idé ' || i || ': mer turisme og sjømat på Åsen',
       'Vi må satse på sjømat, blåbær og reiseliv i bygda. Ærlig talt trenger ØYA flere arbeidsplasser, nr. ' || i,
       'innbygger', 'published', 'nb', $ts, $ts, 'Sørvika', i % 50, $ts
FROM n;
INSERT INTO input_themes (input_id, theme_id, origin, confidence, created_at)
SELECT inputs.id, themes.id, 'manual', NULL, inputs.created_at
FROM inputs JOIN themes ON themes.position = inputs.rowid % 8;
INSERT INTO input_themes (input_id, theme_id, origin, confidence, created_at)
SELECT inputs.id, themes.id, 'suggested', 0.5 + (inputs.rowid % 50) / 100.0, inputs.created_at
FROM inputs JOIN themes ON themes.position = (inputs.rowid + 3) % 8;
SQL
}

seed_postgres() { # $1: rows
  psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" -c "CREATE DATABASE $pg_db" >/dev/null
  export DATABASE_URL="${PG_URL%/*}/$pg_db"
  "$bin" migrate >/dev/null
  local ts="timestamptz '2025-01-01 00:00:00+00' + i * interval '37 seconds'"
  psql -q "$DATABASE_URL" <<SQL
$(themes_sql "gen_random_uuid()" "now()")
INSERT INTO inputs (id, channel, title, body, stakeholder_group, status, language,
                    created_at, updated_at, location, support_count, published_at)
SELECT gen_random_uuid(), 'idea', 'Idé ' || i || ': mer turisme og sjømat på Åsen',
       'Vi må satse på sjømat, blåbær og reiseliv i bygda. Ærlig talt trenger ØYA flere arbeidsplasser, nr. ' || i,
       'innbygger', 'published', 'nb', $ts, $ts, 'Sørvika', i % 50, $ts
FROM generate_series(1, $1) AS i;
WITH numbered AS (SELECT id, created_at, row_number() OVER (ORDER BY id) AS n FROM inputs)
INSERT INTO input_themes (input_id, theme_id, origin, confidence, created_at)
SELECT numbered.id, themes.id, 'manual', NULL, numbered.created_at
FROM numbered JOIN themes ON themes.position = numbered.n % 8
UNION ALL
SELECT numbered.id, themes.id, 'suggested', 0.5 + (numbered.n % 50) / 100.0, numbered.created_at
FROM numbered JOIN themes ON themes.position = (numbered.n + 3) % 8;
ANALYZE;
SQL
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== database: ${PG_URL:+PostgreSQL}${PG_URL:-SQLite}; pinned to one core with taskset; $RUNS runs each"
for rows in $SIZES; do
  if [[ -n "${PG_URL:-}" ]]; then seed_postgres "$rows"; else seed_sqlite "$rows"; fi
  for format in csv csv-rfc json xlsx; do
    for run in $(seq 1 "$RUNS"); do
      out="$data/export.$format"
      /usr/bin/time -f "%e %M" -o "$data/time" \
        taskset -c 0 "$bin" export inputs --format "$format" --output "$out" 2>/dev/null
      read -r seconds rss_kib <"$data/time"
      printf '%7s inputs  %-7s run %s  %6s s  max RSS %6.1f MiB  file %6.1f MiB\n' \
        "$rows" "$format" "$run" "$seconds" "$(echo "$rss_kib / 1024" | bc -l)" "$(echo "$(stat -c %s "$out") / 1048576" | bc -l)"
    done
  done
done
