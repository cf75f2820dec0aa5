#!/usr/bin/env bash
# End-to-end browser test of `quotebook serve`: installs Debian's Chromium and playwright-core
# if missing, builds quotebook, indexes a small temp corpus, serves it on a free loopback
# port, drives the web UI (tests/browser/e2e.mjs) and saves screenshots to
# target/browser-screenshots/. Exits non-zero when a step fails.
#
#   bash scripts/browser-test.sh          REQUIRE_QUOTES=1 bash scripts/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
chromium --version

echo "== installing playwright-core"
(cd tests/browser && { npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; })

echo "== building quotebook"
cargo build --locked --quiet
bin="$root/target/debug/quotebook"

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== indexing a small corpus in $work"
mkdir -p "$work/corpus"
article() { # file title date source text
  python3 -c 'import json,sys; print(json.dumps({"title":sys.argv[1],"date":sys.argv[2],"source":sys.argv[3],"text":sys.argv[4]}))' \
    "$2" "$3" "$4" "$5" > "$work/corpus/$1"
}
article bridge.json "Council approves the bridge budget" 2005-03-10 "City Wire" \
"The city council approved the bridge budget on Monday after a long debate.

“We will build it on time,” Mayor Ana Lopez said. “Every family in the east side will cross the river in ten minutes.”

Councillor Tom Reed voted against the plan. “The bridge budget is too high for a city of this size,” Reed said."
article ports.json "Port security bill passes" 2005-04-02 "Herald" \
"The homeland security bill passed the Senate on Friday.

“Security at our ports will improve from the first day,” Senator Jane Miller said."
article farms.json "Farm subsidies cut" 2005-11-20 "City Wire" \
"Farm subsidies were cut in the budget to pay for the bridge.

“The bridge comes first, and farmers understand that,” Ana Lopez said at a town hall."
article opening.json "Bridge opens to traffic" 2006-06-15 "Herald" \
"The new bridge opened to traffic on Thursday, two weeks ahead of schedule.

“We said we would build it on time, and we did,” Ana Lopez said. Tom Reed attended the ceremony."
"$bin" --index "$work/idx" index --quiet "$work/corpus"

echo "== starting quotebook serve"
"$bin" --index "$work/idx" serve --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on //p' "$work/serve.out" | head -n1)
  [ -n "$url" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/serve.err"; exit 1; fi
  sleep 0.1
done
[ -n "$url" ] || { echo "serve did not start"; cat "$work/serve.err"; exit 1; }
echo "serving at $url"

echo "== browser test"
mkdir -p target/browser-screenshots
QB_URL="$url" SHOTS="$root/target/browser-screenshots" node tests/browser/e2e.mjs
