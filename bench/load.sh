#!/usr/bin/env bash
# Load test (loopback only, bounded in time): sustained story submissions and reads for
# SECONDS on SQLite and on PostgreSQL, then checks that stored rows equal acknowledged
# submissions and that no 5xx was answered. Prints the submission and read rates.
#
#   bench/load.sh [SECONDS] [WORKERS]      defaults: 60 s, 32 workers (half send, half read)
#   PROFILE=debug bench/load.sh 5          CI runs it briefly on the test build
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
workers=${2:-32}
profile=${PROFILE:-release}
flag=$([ "$profile" = release ] && echo --release || true)
cargo build $flag --bin kanarie --example load_test
bin=target/$profile

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export KANARIE_MIN_FILL_SECONDS=0 KANARIE_SUBMISSIONS_PER_HOUR=100000000 RUST_LOG=warn \
       KANARIE_SECRET_KEY=load-test-secret-load-test-secret-0123456789

run() { # name database-url count-query
  local name=$1 url=$2
  KANARIE_DATABASE_URL=$url $bin/kanarie demo-data --stories 200 >/dev/null
  KANARIE_DATABASE_URL=$url KANARIE_BIND=127.0.0.1:18092 $bin/kanarie serve &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18092/readyz >/dev/null && break; sleep 0.5; done
  echo "== $name: ${seconds}s, $workers workers"
  $bin/examples/load_test http://127.0.0.1:18092 "$seconds" "$workers" | tee "$work/$name.out"
  kill -TERM $pid; wait $pid || true
  local acknowledged stored errors
  acknowledged=$(awk '/^acknowledged_submissions/ {print $2}' "$work/$name.out")
  errors=$(awk '/^server_errors/ {print $2}' "$work/$name.out")
  stored=$(eval "$3")
  echo "$name: acknowledged $acknowledged, stored $stored (plus 200 demo stories), 5xx $errors"
  [ "$stored" -eq $((acknowledged + 200)) ] || { echo "$name: stored rows differ from acknowledged submissions" >&2; exit 1; }
  [ "$errors" -eq 0 ] || { echo "$name: server errors under load" >&2; exit 1; }
}

sqlite_db="$work/load.db"
run sqlite "sqlite://$sqlite_db" "sqlite3 '$sqlite_db' 'SELECT COUNT(*) FROM stories' 2>/dev/null || python3 -c \"import sqlite3;print(sqlite3.connect('$sqlite_db').execute('select count(*) from stories').fetchone()[0])\""

if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  db="kanarie_load_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
  trap 'kill $(jobs -p) 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
  run postgres "postgres://postgres@127.0.0.1:5432/$db" "psql -h 127.0.0.1 -U postgres -d $db -tAc 'SELECT COUNT(*) FROM stories'"
else
  echo "PostgreSQL at 127.0.0.1:5432 not reachable: PostgreSQL load test skipped" >&2
fi
