#!/usr/bin/env bash
# Read-path benchmark (loopback only, bounded in time). kanarie on SQLite with STORIES demo
# stories answers `GET /api/v1/stories?limit=20`; a minimal actix-web server (the yardstick,
# examples/fixed_body_server.rs) answers every GET with the very bytes and content type
# kanarie sent for that URL. Both are measured with `wrk -t2 -c64` in the same run,
# alternating which goes first in each round; the figures are the medians of ROUNDS rounds,
# and kanarie's share is the median of the rounds' shares.
#
# Then each step from a bare handler to the full server (examples/read_path_steps.rs: the
# same bytes; + kanarie's response headers; the real handler; every route; + each
# middleware; + the server's settings) is measured once, next to the yardstick's median.
# With CALLGRIND=1 the yardstick, each step and kanarie are also run under
# `valgrind --tool=callgrind` and the instructions per request are counted: on a shared
# machine these do not depend on the load, so they show each step's cost best.
#
#   bench/read-path.sh [STORIES] [SECONDS] [ROUNDS]     defaults: 300 stories, 10 s, 3 rounds
#   STEPS=0 skips the steps; CALLGRIND=1 counts instructions (CALLGRIND=kanarie: only for the
#   yardstick and kanarie); NO_BUILD=1 uses the built binaries;
#   CALLGRIND_REPORT=DIR keeps the callgrind files (for callgrind_annotate) in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
stories=${1:-300}
seconds=${2:-10}
rounds=${3:-3}
path='/api/v1/stories?limit=20'
steps=(bare headers handler routes error_pages request_deadline security_headers access_log
  connection_watch app server)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -z "${NO_BUILD:-}" ]; then
  cargo build --release --bin kanarie --example fixed_body_server --example read_path_steps
fi
release=./target/release

work=$(mktemp -d)
pids=()
stop() { # pid: ends one server this script started
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${pids[@]}"; do stop "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
export KANARIE_DATABASE_URL="sqlite://$work/bench.db"
export RUST_LOG=${RUST_LOG:-warn}
# One public URL for every kanarie process, so each step sends the very same bytes.
export KANARIE_PUBLIC_URL=http://127.0.0.1:18091

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load:$(uptime | sed 's/.*load average://')"
echo "== filling $stories demo stories"
"$release/kanarie" demo-data --stories "$stories" >/dev/null

started=
start() { # port command...: starts a server in the background, waits until it answers $path
  local port=$1
  shift
  "$@" >"$work/server.log" 2>&1 &
  started=$!
  pids+=("$started")
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port$path" && return 0
    kill -0 "$started" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.2
  done
  echo "server on $port does not answer" >&2
  exit 1
}

start 18091 env KANARIE_BIND=127.0.0.1:18091 "$release/kanarie" serve
kanarie_pid=$started
kanarie="http://127.0.0.1:18091$path"

# Every demo story is published and visible: page through the API.
visible=0
cursor=
while :; do
  page=$(curl -sf "http://127.0.0.1:18091/api/v1/stories?limit=100${cursor:+&cursor=$cursor}")
  visible=$((visible + $(jq '.stories | length' <<<"$page")))
  cursor=$(jq -r '.next_cursor // empty' <<<"$page")
  [ -n "$cursor" ] || break
done
[ "$visible" -eq "$stories" ] || { echo "only $visible of $stories stories visible" >&2; exit 1; }
echo "== $visible stories published and visible in the API"

curl -sf -D "$work/headers" -o "$work/body" "$kanarie"
content_type=$(awk -F': ' 'tolower($1) == "content-type" { sub(/\r$/, "", $2); print $2 }' "$work/headers")
echo "== kanarie's answer to $path: $(wc -c <"$work/body") bytes, $content_type; its headers:"
sed 's/^/   /' "$work/headers"

start 18090 env BIND=127.0.0.1:18090 BODY_FILE="$work/body" CONTENT_TYPE="$content_type" \
  "$release/examples/fixed_body_server"
yardstick="http://127.0.0.1:18090$path"
curl -sf "$yardstick" | cmp -s - "$work/body" || { echo "the yardstick's bytes differ" >&2; exit 1; }
[ "$(curl -sf -o /dev/null -w '%{content_type}' "$yardstick")" = "$content_type" ] ||
  { echo "the yardstick's content type differs" >&2; exit 1; }

rps() { # url: requests per second under wrk -t2 -c64
  local out
  out=$(wrk -t2 -c64 -d"${seconds}s" "$1")
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "non-2xx answers from $1" >&2
    exit 1
  fi
  awk '/Requests\/sec/ { print $2 }' <<<"$out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== wrk -t2 -c64 -d${seconds}s, $rounds rounds (wrk shares the cores with the servers)"
printf '%-8s %14s %14s %8s\n' round kanarie yardstick ratio
: >"$work/k" && : >"$work/y" && : >"$work/r"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    y=$(rps "$yardstick") && k=$(rps "$kanarie")
  else
    k=$(rps "$kanarie") && y=$(rps "$yardstick")
  fi
  echo "$k" >>"$work/k" && echo "$y" >>"$work/y"
  awk -v k="$k" -v y="$y" 'BEGIN { print k / y }' >>"$work/r"
  printf '%-8s %14s %14s %8.3f\n' "$round" "$k" "$y" "$(tail -1 "$work/r")"
done
k=$(median <"$work/k") && y=$(median <"$work/y")
# The ratio is the median of the rounds' ratios: each round's two figures were measured
# under the same load, which on a shared machine changes from one round to the next.
printf '%-8s %14s %14s %8.3f   (ratio: median of the rounds\x27; of the medians: %.3f)\n' \
  median "$k" "$y" "$(median <"$work/r")" "$(awk -v k="$k" -v y="$y" 'BEGIN { print k / y }')"
yardstick_rps=$y

if [ "${STEPS:-1}" != 0 ]; then
  echo "== each step once (wrk -t2 -c64 -d${seconds}s), as a share of the yardstick's median"
  for step in "${steps[@]}"; do
    start 18092 env KANARIE_BIND=127.0.0.1:18092 BODY_FILE="$work/body" STEP="$step" \
      "$release/examples/read_path_steps"
    curl -sf "http://127.0.0.1:18092$path" | cmp -s - "$work/body" || echo "   ($step sends other bytes)"
    r=$(rps "http://127.0.0.1:18092$path")
    stop "$started"
    printf '%-18s %12s req/s %7.3f\n' "$step" "$r" "$(awk -v r="$r" -v y="$yardstick_rps" 'BEGIN { print r / y }')"
  done
fi

if [ -n "${CALLGRIND:-}" ]; then
  command -v valgrind >/dev/null || { echo "CALLGRIND=1 needs valgrind" >&2; exit 1; }
  stop "$kanarie_pid"
  report=${CALLGRIND_REPORT:-$work/callgrind}
  mkdir -p "$report"
  echo "== instructions per request under callgrind (wrk -t1 -c1, counted after a warm-up)"
  instructions() { # name port VAR=value... -- command...: the server's instructions per request
    local name=$1 port=$2 out n total vars=()
    shift 2
    while [ "$1" != -- ]; do vars+=("$1") && shift; done
    shift
    start "$port" env "${vars[@]}" valgrind --tool=callgrind \
      --callgrind-out-file="$report/$name.%p" "$@"
    wrk -t1 -c1 -d2s "http://127.0.0.1:$port$path" >/dev/null
    callgrind_control -z "$started" >/dev/null 2>&1
    out=$(wrk -t1 -c1 -d5s "http://127.0.0.1:$port$path")
    callgrind_control -d "$started" >/dev/null 2>&1
    n=$(awk '/requests in/ { print $1 }' <<<"$out")
    total=$(grep -h '^summary:' "$report/$name.$started".* | awk '{ print $2 }' | tail -1)
    stop "$started"
    printf '%-18s %10.0f instructions/request (%s requests)\n' "$name" \
      "$(awk -v t="$total" -v n="$n" 'BEGIN { print t / n }')" "$n"
  }
  instructions yardstick 18093 BIND=127.0.0.1:18093 BODY_FILE="$work/body" \
    CONTENT_TYPE="$content_type" -- "$release/examples/fixed_body_server"
  [ "$CALLGRIND" = kanarie ] && steps=()
  for step in "${steps[@]}"; do
    instructions "$step" 18094 KANARIE_BIND=127.0.0.1:18094 BODY_FILE="$work/body" STEP="$step" \
      -- "$release/examples/read_path_steps"
  done
  instructions kanarie 18095 KANARIE_BIND=127.0.0.1:18095 -- "$release/kanarie" serve
fi
