#!/usr/bin/env bash
# Reproduces docs/benchmarks/pulse.md: community detection quality on real data with ground
# truth (email-eu-core, enron, karate) and speed of a full weekly snapshot on a generated
# company (100,000 people, 10,000,000 interactions), each beside igraph in the same run.
#
# Usage: scripts/bench/pulse-vs-igraph.sh [people] [interactions]
set -euo pipefail
cd "$(dirname "$0")/../.."
PEOPLE=${1:-100000}
INTERACTIONS=${2:-10000000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-pulse} CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
OUT="$CARGO_TARGET_DIR/pulse-bench"
mkdir -p "$OUT"
python3 -m pip install -q -r scripts/bench/requirements.txt
cargo build --release -q -p hallway-pulse --bins
BIN="$CARGO_TARGET_DIR/release"

echo "## Machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr)"

echo "## Quality on real data (pulse vs igraph, same graphs, same run)"
python3 scripts/bench/pulse_igraph_compare.py karate-export "$OUT"
"$BIN/pulse-eval" ../shared/data "$OUT" "$OUT/karate.in.edges" "$OUT/karate.in.labels" > "$OUT/pulse-eval.log"
python3 scripts/bench/pulse_igraph_compare.py compare "$OUT"

echo "## The whole pipeline on real e-mail metadata (Enron, 8 weekly snapshots)"
"$BIN/pulse-enron" ../shared/data "$OUT"

echo "## Speed: full weekly snapshot, $PEOPLE people, $INTERACTIONS interactions"
/usr/bin/time -v "$BIN/pulse-bench" "$PEOPLE" "$INTERACTIONS" "$OUT" > "$OUT/pulse-bench.json" 2> "$OUT/pulse-bench.time"
cat "$OUT/pulse-bench.json"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$OUT/pulse-bench.time"
echo "## igraph on the same tie graph"
python3 scripts/bench/pulse_igraph_compare.py time-graph "$OUT/bench-ties.edges"
