#!/usr/bin/env bash
# Hallway's matching beside networkx.max_weight_matching on the same edge lists, plus whole-round
# timings at 10,000 and 100,000 people and what sparsification and blocks cost in weight.
#
# Usage: scripts/bench/pairing-vs-networkx.sh [networkx-timeout-seconds]   (from the repo root)
# Writes the raw JSON lines to $OUT (default target/pairing-bench/results.jsonl).
set -euo pipefail

NX_TIMEOUT="${1:-900}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-pairing}" CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
WORK="${WORK:-$CARGO_TARGET_DIR/pairing-bench}"
OUT="${OUT:-$WORK/results.jsonl}"
mkdir -p "$WORK"
: > "$OUT"

python3 -m pip install --quiet -r scripts/bench/requirements.txt
cargo build --release -p hallway-pairing --bins
BIN="$CARGO_TARGET_DIR/release"

say() { echo "$*" | tee -a "$OUT"; }

echo "== same instances, Hallway vs networkx (candidate graphs of generated companies)"
for n in 200 500 1000 2000; do
  "$BIN/pairing-export" "$n" 1 "$WORK/round-$n.txt"
  say "$("$BIN/pairing-solve" "$WORK/round-$n.txt" exact)"
  if nx=$(timeout "$NX_TIMEOUT" python3 scripts/bench/pairing_networkx.py "$WORK/round-$n.txt"); then
    say "$nx"
  else
    say "{\"solver\":\"networkx\",\"n\":$n,\"timeout_seconds\":$NX_TIMEOUT}"
  fi
done

echo "== whole rounds at scale (candidate search + matching + trios + slots)"
for n in 2000 10000 100000; do
  say "$("$BIN/pairing-scale" "$n" 1)"
done

echo "== weight: sparsified graph vs every eligible pair (2,000 people, exact on both)"
"$BIN/pairing-export" 2000 1 "$WORK/all-2000.txt" all
say "$("$BIN/pairing-solve" "$WORK/all-2000.txt" exact)"
say "$("$BIN/pairing-solve" "$WORK/round-2000.txt" exact)"

echo "== weight: blocks of 1,000 vs one global candidate search (10,000 people)"
"$BIN/pairing-export" 10000 1 "$WORK/round-10000.txt"
"$BIN/pairing-export" 10000 1 "$WORK/global-10000.txt" global
say "$("$BIN/pairing-solve" "$WORK/round-10000.txt" auto)"
say "$("$BIN/pairing-solve" "$WORK/global-10000.txt" exact)"

echo "results in $OUT"
