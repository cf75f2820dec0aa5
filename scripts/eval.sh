#!/bin/sh
# Reproduce the extractor's accuracy numbers: scripts/eval.sh [--only polnear|news|seed] [--keep DIR]
# Shared data folder: $QUOTEBOOK_SHARED, default <repo>/../shared.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
cargo build --release --quiet
exec python3 scripts/eval_extract.py "$@"
