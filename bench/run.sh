#!/usr/bin/env bash
# quotebook benchmarks: indexing, extraction and queries, side by side with a plain-tantivy
# baseline, SQLite FTS5 and ripgrep, on 1x/2x/4x a corpus. Writes bench/RESULTS.md.
#
# usage: bench/run.sh [--quick] [--keep] [--out FILE] [CORPUS_DIR]
#   CORPUS_DIR  folder of JSON Lines articles [default: ../shared/corpora/senate-press-releases
#               relative to the repository root]
#   --quick     1x/2x scaling only, 10 query repetitions (3 for ripgrep); writes the report to
#               bench/out/RESULTS-quick.md (gitignored) unless --out is given
#   --keep      keep the scratch folder (indexes, scaled corpora, raw results)
#   --out FILE  where to write the markdown report [default: bench/RESULTS.md]
# env: QB_BENCH_WORK=DIR  scratch folder [default: a new mktemp -d under $TMPDIR or /tmp]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
QUICK=0
KEEP=0
OUT=""
CORPUS=""
ARGS=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --keep) KEEP=1 ;;
        --out) OUT="$2"; shift ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) CORPUS="$1" ;;
    esac
    shift
done
CORPUS="${CORPUS:-$ROOT/../shared/corpora/senate-press-releases}"
[ -d "$CORPUS" ] || { echo "run.sh: corpus folder $CORPUS not found" >&2; exit 2; }
CORPUS="$(cd "$CORPUS" && pwd)"

if [ "$QUICK" = 1 ]; then
    SCALES="1 2"; REPS=10; RG_REPS=3; EXTRACT_SECS=1; RUNS_1X=1
else
    SCALES="1 2 4"; REPS=50; RG_REPS=10; EXTRACT_SECS=5; RUNS_1X=3
fi
# The three queries run at every scale: a word, a phrase, a phrase plus a word.
SCALE_QUERIES="w-immigration,p-homeland-security,pw-health-veterans"

WORK="${QB_BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/quotebook-bench.XXXXXX")}"
mkdir -p "$WORK"
RES="$WORK/results.jsonl"
: > "$RES"
if [ -z "$OUT" ]; then
    if [ "$QUICK" = 1 ]; then mkdir -p "$BENCH/out"; OUT="$BENCH/out/RESULTS-quick.md"; else OUT="$BENCH/RESULTS.md"; fi
fi
log() { printf '\n== %s\n' "$*" >&2; }
TOOLS=(python3 "$BENCH/tools.py")

# --- tools -----------------------------------------------------------------------------------
apt_install() {
    command -v apt-get >/dev/null || { echo "run.sh: please install $1" >&2; exit 2; }
    apt-get install -y "$1" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$1" >/dev/null; }
}
[ -x /usr/bin/time ] || { log "installing GNU time"; apt_install time; }
command -v rg >/dev/null || { log "installing ripgrep"; apt_install ripgrep; }
python3 - <<'EOF' || { echo "run.sh: python3's sqlite3 has no FTS5" >&2; exit 2; }
import sqlite3
sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
EOF

# --- build -----------------------------------------------------------------------------------
log "building release binaries"
(cd "$ROOT" && cargo build --release --quiet)
(cd "$BENCH" && cargo build --release --quiet)
QB="${CARGO_TARGET_DIR:-$ROOT/target}/release/quotebook"
BIN="${CARGO_TARGET_DIR:-$BENCH/target}/release"

tantivy_version="$(awk '/^name = "tantivy"$/{getline; gsub(/version = |"/,""); print; exit}' "$ROOT/Cargo.lock")"
git_rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git_dirty="$(git -C "$ROOT" status --porcelain -- src Cargo.toml 2>/dev/null | head -1)"
"${TOOLS[@]}" env | "${TOOLS[@]}" tag "$RES" "{\"step\": \"env\", \"git\": \"$git_rev${git_dirty:+ (modified src)}\", \"tantivy\": \"$tantivy_version\", \"corpus\": \"$CORPUS\", \"command\": \"bench/run.sh ${ARGS[*]:-}\", \"quick\": $QUICK, \"reps\": $REPS, \"rg_reps\": $RG_REPS, \"scales\": \"$SCALES\", \"runs_1x\": $RUNS_1X, \"threads\": $(nproc)}"

# --- the articles ----------------------------------------------------------------------------
# Every engine reads the same files: the corpus's *.jsonl copied byte for byte into the scratch
# folder. quotebook reads every supported file in a folder, and a corpus folder may also hold
# a README.md (one more article) or a MANIFEST.json (a record without text), which the other
# engines would not see.
log "copying the articles (*.jsonl) of the corpus"
C1="$WORK/corpus-1x"
rm -rf "$C1"
"${TOOLS[@]}" replicate "$CORPUS" "$C1" 1

# --- extraction ------------------------------------------------------------------------------
log "extraction speed (library, one thread)"
"$BIN/extract-speed" "$C1" --min-secs "$EXTRACT_SECS" | "${TOOLS[@]}" tag "$RES" '{"step": "extract-lib"}'
log "extraction speed (quotebook extract command)"
"${TOOLS[@]}" timed "$RES" '{"step": "extract-cmd"}' --discard-stdout -- "$QB" extract "$C1"

# --- indexing, queries, scaling --------------------------------------------------------------
for s in $SCALES; do
    if [ "$s" = 1 ]; then
        C="$C1"
    else
        C="$WORK/corpus-${s}x"
        log "making the ${s}x corpus"
        rm -rf "$C"
        "${TOOLS[@]}" replicate "$CORPUS" "$C" "$s"
    fi
    QBI="$WORK/qb-${s}x"; TVI="$WORK/tantivy-${s}x"; FTS="$WORK/fts5-${s}x"

    # At 1x every engine indexes RUNS_1X times, interleaved, and the report keeps the fastest
    # run of each: a shared machine's load comes and goes, and one run can be unlucky.
    runs=1
    [ "$s" = 1 ] && runs=$RUNS_1X
    for r in $(seq 1 "$runs"); do
        rm -rf "$QBI" "$TVI" "$FTS"
        mkdir -p "$FTS"
        log "indexing ${s}x (run $r/$runs): quotebook"
        "${TOOLS[@]}" timed "$RES" "{\"step\": \"index\", \"engine\": \"quotebook\", \"scale\": $s, \"run\": $r}" \
            --size "$QBI" -- "$QB" -i "$QBI" index -q --json "$C"
        log "indexing ${s}x (run $r/$runs): plain tantivy"
        "${TOOLS[@]}" timed "$RES" "{\"step\": \"index\", \"engine\": \"tantivy\", \"scale\": $s, \"run\": $r}" \
            --size "$TVI" -- "$BIN/baseline-index" "$C" "$TVI"
        log "indexing ${s}x (run $r/$runs): SQLite FTS5"
        "${TOOLS[@]}" timed "$RES" "{\"step\": \"index\", \"engine\": \"fts5\", \"scale\": $s, \"run\": $r}" \
            --size "$FTS" -- python3 "$BENCH/tools.py" fts5-index "$C" "$FTS/docs.db"
    done

    ONLY=()
    [ "$s" = 1 ] || ONLY=(--only "$SCALE_QUERIES")
    log "queries ${s}x: quotebook and plain tantivy"
    "$BIN/queries" --queries "$BENCH/queries.json" --qb "$QBI" --baseline "$TVI" --reps "$REPS" "${ONLY[@]}" \
        | "${TOOLS[@]}" tag "$RES" "{\"step\": \"query\", \"scale\": $s}"
    log "queries ${s}x: SQLite FTS5"
    "${TOOLS[@]}" fts5-query "$FTS/docs.db" "$BENCH/queries.json" --reps "$REPS" "${ONLY[@]}" \
        | "${TOOLS[@]}" tag "$RES" "{\"step\": \"query\", \"scale\": $s}"
    log "queries ${s}x: ripgrep"
    "${TOOLS[@]}" rg-query "$C" "$BENCH/queries.json" --reps "$RG_REPS" "${ONLY[@]}" \
        | "${TOOLS[@]}" tag "$RES" "{\"step\": \"query\", \"scale\": $s}"

    if [ "$KEEP" = 0 ] && [ "$s" != 1 ]; then
        rm -rf "$C" "$QBI" "$TVI" "$FTS"
    fi
done

# --- report ----------------------------------------------------------------------------------
echo "{\"step\": \"end\", \"loadavg\": $(cut -d' ' -f1 /proc/loadavg)}" >> "$RES"
python3 "$BENCH/report.py" "$RES" > "$OUT"
cp "$RES" "${OUT%.md}.jsonl"
log "report written to $OUT (raw records: ${OUT%.md}.jsonl)"
if [ "$KEEP" = 0 ]; then
    rm -rf "$WORK"
else
    log "scratch kept in $WORK"
fi
