#!/usr/bin/env bash
# Reproduces docs/benchmarks/memory.md: quality on real data (memory-eval) and speed against
# SQLite FTS5 and PostgreSQL full-text search (memory-bench). Run from the repository root;
# needs ../shared/data and a PostgreSQL at postgres://127.0.0.1:5432/test (trust auth).
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-memory}" CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
cargo run --release -p hallway-memory --bin memory-eval -- --data ../shared/data
cargo run --release -p hallway-memory --features bench --bin memory-bench -- "$@"
