#!/usr/bin/env bash
# Reproduces docs/benchmarks/live.md: the live hub driven over loopback WebSockets by
# hallway-load against the real `hallway serve` (a separate process, so its memory is its own).
#   1. idle:   10,000 sockets (hello + join) held for HOLD_SECS (default 600); server RSS per socket
#   2. fanout: 1,000 listeners in one room at 100 msg/s for 20 s; then the raw ceiling, same run
#   3. sweep:  the same, doubling the rate until p99 > 50 ms or a message goes missing
#   4. ack:    send→durable-ack latency at 20 msg/s on SQLite and on PostgreSQL
# Run from anywhere; needs PostgreSQL at $PGURL (trust auth); creates and drops hallway_bench_live.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-load}" CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
PGURL="${PGURL:-postgres://127.0.0.1:5432/postgres}"
BENCH_DB=hallway_bench_live
HOLD_SECS="${HOLD_SECS:-600}"
OUT="${OUT:-$CARGO_TARGET_DIR/live-bench}"
mkdir -p "$OUT"

cargo build --release -p hallway -p hallway-loadgen
LOAD="$CARGO_TARGET_DIR/release/hallway-load"

echo "## Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, Linux $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"

"$LOAD" fanout --listeners 1000 --rate 100 --secs 20 --json "$OUT/fanout.json"
"$LOAD" fanout --listeners 1000 --rate 100 --secs 20 --sweep --json "$OUT/sweep.json"
"$LOAD" ack --rate 20 --secs 20 --json "$OUT/ack-sqlite.json"

drop_db() { psql "$PGURL" -qc "drop database if exists $BENCH_DB with (force)" >/dev/null; }
drop_db
psql "$PGURL" -qc "create database $BENCH_DB" >/dev/null
trap drop_db EXIT
"$LOAD" ack --rate 20 --secs 20 --database-url "${PGURL%/*}/$BENCH_DB" --json "$OUT/ack-postgres.json"
drop_db
trap - EXIT

"$LOAD" idle --connections 10000 --hold-secs "$HOLD_SECS" --json "$OUT/idle.json"
echo "JSON results in $OUT"
