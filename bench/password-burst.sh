#!/usr/bin/env bash
# Memory under a burst of made-up password-reset links (loopback only, bounded): starts
# kanarie on a fresh SQLite database, reads the server process's resident memory (VmRSS),
# sends REQUESTS posts of a valid new password to made-up /moderation/password-reset/...
# links, CONCURRENCY at a time, and reads it again. Prints the answers' status codes, RSS
# before and after, and the peak (VmHWM). Then the same for wrong sign-ins, each for another
# (unknown) address from another client address, which all reach argon2 (the decoy hash):
# that shows the bound on concurrent argon2 work rather than the link check.
#
#   bench/password-burst.sh [BINARY] [REQUESTS] [CONCURRENCY]
#   defaults: target/release/kanarie (built if missing), 192, 64
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/release/kanarie}
requests=${2:-192}
concurrency=${3:-64}
if [ ! -x "$binary" ]; then cargo build --release --bin kanarie; fi

work=$(mktemp -d)
port=18093
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
KANARIE_DATABASE_URL="sqlite://$work/bench.db" KANARIE_BIND=127.0.0.1:$port \
  KANARIE_INSECURE_COOKIES=true KANARIE_CLIENT_IP_HEADER=X-Real-IP RUST_LOG=error "$binary" serve &
server=$!
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:$port/readyz >/dev/null && break
  sleep 1
done
rss() { awk -v k="$1:" '$1 == k { print $2 / 1024 " MiB" }' "/proc/$server/status"; }

echo "binary: $binary; $requests posts to made-up reset links, $concurrency at a time"
echo "RSS before: $(rss VmRSS)"
seq 1 "$requests" | xargs -P "$concurrency" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
  -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
  --data 'password=een+lange+nieuwe+wachtzin&repeat=een+lange+nieuwe+wachtzin' \
  "http://127.0.0.1:$port/moderation/password-reset/made-up-link-{}" \
  | sort | uniq -c | sed 's/^/  answers: /'
sleep 1
echo "RSS after: $(rss VmRSS)"
echo "RSS peak: $(rss VmHWM)"

token=$(curl -sf http://127.0.0.1:$port/moderation/sign-in | sed -nE 's/.*name="token" value="([^"]+)".*/\1/p' | head -1)
echo "$requests wrong sign-ins (unknown accounts, one client address each), $concurrency at a time"
seq 1 "$requests" | xargs -P "$concurrency" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
  -X POST -H 'Content-Type: application/x-www-form-urlencoded' -H 'X-Real-IP: 10.9.{}.1' \
  --data "token=$token&email=nobody{}%40example.org&password=a+wrong+password&code=" \
  "http://127.0.0.1:$port/moderation/sign-in" \
  | sort | uniq -c | sed 's/^/  answers: /'
sleep 1
echo "RSS after: $(rss VmRSS)"
echo "RSS peak: $(rss VmHWM)"
