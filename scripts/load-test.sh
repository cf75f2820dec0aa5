#!/usr/bin/env bash
# Load test of `quotebook serve` on loopback with wrk: a bounded run (DURATION, default 30 s)
# against /api/search and then /api/quotes, each rotating over a few queries. Prints
# requests/s, p99 latency and non-2xx responses. Indexes CORPUS (default data/) into a
# temp dir with a release build.
#
#   bash scripts/load-test.sh            DURATION=10s CONNECTIONS=16 bash scripts/load-test.sh
#
# HOSTILE=1 also sends three query-of-death requests (issue #20: a sloppy phrase of one
# frequent word repeated eight times) while the search load runs, and reports their answers
# and whether the server is still up afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-30s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
corpus=${CORPUS:-data}

if ! command -v wrk >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wrk >/dev/null
fi

cargo build --locked --release --quiet
bin="$(pwd)/target/release/quotebook"
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Exit 2 only means some records were skipped (data/ has MANIFEST.json files); a missing
# index is caught by `stats` below.
"$bin" --index "$work/idx" index --quiet "$corpus" 2>"$work/index.err" || true
"$bin" --index "$work/idx" stats >/dev/null || { cat "$work/index.err"; exit 1; }
"$bin" --index "$work/idx" serve --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on //p' "$work/serve.out" | head -n1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve did not start"; cat "$work/serve.err"; exit 1; }
url=${url%/}
echo "corpus: $corpus ($("$bin" --index "$work/idx" stats --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["articles"], "articles,", s["quotes"], "quotes")'))"
echo "wrk: $threads threads, $connections connections, $duration per endpoint"

run() { # name lua-list-of-paths
  local name=$1 paths=$2
  cat >"$work/$name.lua" <<LUA
local paths = { $paths }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/$name.lua" "$url" >"$work/$name.txt"
  local rps p99 non2xx errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$name.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/$name.txt")
  errors=$(awk '/Socket errors:/ {print $0}' "$work/$name.txt")
  printf '/api/%-8s %10s req/s   p99 %8s   non-2xx %s%s\n' "$name" "$rps" "$p99" "${non2xx:-0}" "${errors:+   $errors}"
}

hostile_pids=()
if [ "${HOSTILE:-0}" = 1 ]; then
  for slop in 100000 32 32; do
    ( sleep 2; curl -s -o /dev/null -w "query of death ~$slop: %{http_code} in %{time_total} s\n" \
        "$url/api/search?q=%22the%20the%20the%20the%20the%20the%20the%20the%22~$slop" \
        >>"$work/hostile.txt" ) &
    hostile_pids+=($!)
  done
fi
run search '"/api/search?q=security", "/api/search?q=%22homeland+security%22", "/api/search?q=budget+senate&facets=true", "/api/search?q=health+care&sort=date", "/api/search?q=energy&limit=20"'
run quotes '"/api/quotes", "/api/quotes?q=security", "/api/quotes?q=health&sort=relevance", "/api/quotes?by=Bond", "/api/quotes?q=energy&limit=20"'
if [ "${HOSTILE:-0}" = 1 ]; then
  wait "${hostile_pids[@]}" 2>/dev/null || true
  sort "$work/hostile.txt"
  if kill -0 "$pid" 2>/dev/null && curl -sf "$url/healthz" >/dev/null; then
    echo "server: up after the load and the hostile queries"
  else
    echo "server: DOWN"; cat "$work/serve.err"; exit 1
  fi
fi
