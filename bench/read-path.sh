#!/usr/bin/env bash
# Read-path benchmark (loopback only, bounded in time): kanarie on SQLite with 100,000
# demo stories, measured with wrk against a minimal actix-web server that returns a fixed
# 2 KB body, in the same run. Prints requests per second and latency for each URL and
# kanarie's share of the yardstick.
#
#   bench/read-path.sh [STORIES] [SECONDS]      defaults: 100000 stories, 10 s per URL
set -euo pipefail
cd "$(dirname "$0")/.."
stories=${1:-100000}
seconds=${2:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --bin kanarie --example fixed_body_server

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export KANARIE_DATABASE_URL="sqlite://$work/bench.db"
echo "== filling $stories demo stories"
time ./target/release/kanarie demo-data --stories "$stories" >/dev/null

KANARIE_BIND=127.0.0.1:18091 RUST_LOG=warn ./target/release/kanarie serve &
BIND=127.0.0.1:18090 ./target/release/examples/fixed_body_server &
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:18091/readyz >/dev/null && curl -sf http://127.0.0.1:18090/ >/dev/null && break
  sleep 1
done
story=$(curl -sf 'http://127.0.0.1:18091/api/v1/stories?limit=1' | sed -E 's/.*"id":"([a-z0-9]+)".*/\1/')

measure() { # name url
  local out rps p50 p99
  out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-28s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
  echo "$rps" >"$work/$1.rps"
}

echo "== wrk -t2 -c64 -d${seconds}s (wrk shares the 2 cores with the server)"
measure yardstick http://127.0.0.1:18090/
measure stories http://127.0.0.1:18091/api/v1/stories
measure story "http://127.0.0.1:18091/api/v1/stories/$story"
measure embed http://127.0.0.1:18091/embed
measure stats http://127.0.0.1:18091/api/v1/stats
measure feed.atom http://127.0.0.1:18091/feed.atom
base=$(cat "$work/yardstick.rps")
for name in stories story embed stats feed.atom; do
  awk -v r="$(cat "$work/$name.rps")" -v b="$base" -v n="$name" 'BEGIN { printf "%-28s %5.1f%% of the yardstick\n", n, 100 * r / b }'
done
