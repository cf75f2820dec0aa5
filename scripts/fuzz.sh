#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time (SECONDS_PER_TARGET, default 60) and
# prints one result line per target. Installs cargo-fuzz if missing; builds on the stable
# toolchain with RUSTC_BOOTSTRAP=1 (cargo-fuzz needs nightly flags). Exit status 1 if a
# target found a crash, a leak, an out-of-memory (-rss_limit_mb) or a timeout; the input is
# then in fuzz/artifacts/<target>/ (see fuzz/README.md for turning it into a regression).
#
#   bash scripts/fuzz.sh                 SECONDS_PER_TARGET=600 bash scripts/fuzz.sh query
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${SECONDS_PER_TARGET:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract query)

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log=$(mktemp)
  # -rss_limit_mb: a query or an extraction that allocates without bound is a finding.
  # -timeout: one input taking this long is a finding (a hang, or work without a budget).
  if cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 \
      -timeout=30 -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -n1)
    printf '%-8s ok: %s inputs in %s s, no crash\n' "$t" "${runs:-?}" "$secs"
  else
    failed=1
    printf '%-8s FOUND A PROBLEM (log below; input in fuzz/artifacts/%s/)\n' "$t" "$t"
    tail -n 40 "$log"
  fi
  rm -f "$log"
done
exit $failed
