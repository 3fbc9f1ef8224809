#!/usr/bin/env bash
# Growth bench (issue 19): time and memory per corpus size, so that growth with
# the corpus stays visible. For each size in CELLS it writes a corpus of
# seed-sized cells (benches/corpus.py) and measures (benches/scale.py):
# - the whole `check`: wall time (median of RUNS) and peak memory (ru_maxrss);
# - one named file (`check --root R R/cells/m0/B3.yaml`, what pre-commit runs):
#   the same, and its ratio to the whole check;
# - `matrixlint server` over stdio: start-up to the first diagnostics of an
#   opened cell (median of RUNS starts); an edit of the open cell's index record
#   (its `cell:` value, changed and changed back) to the diagnostics of that
#   version (EDITS edits, 50 ms apart); the longest wait of edits sent one after
#   another (30 ms apart) during the 2 × whole-check seconds after each of RUNS
#   `workspace/didChangeConfiguration`; its peak memory (VmHWM).
# When the binary has a persistent cache (its `check --help` names --no-cache),
# the checks and the start-up are measured cold (the corpus's .matrixlint/
# removed before each run) and warm (after a whole check).
#
# Usage: benches/scale.sh
# Environment: CELLS (default "50 1000 10000"; each at least 9), RUNS (default
# 5), EDITS (default 40), MATRIXLINT_BIN (a build to measure instead of building
# the release profile; the build directory follows CARGO_TARGET_DIR), RESULTS (a
# file to which the raw measurements are appended, one JSON line per size).
# Needs python3 (3.9 or later) and Linux (/proc, wait4).
set -euo pipefail
cd "$(dirname "$0")/.."
# scale.py imports scale_table.py: no __pycache__ left in benches/.
export PYTHONDONTWRITEBYTECODE=1

if [ -z "${MATRIXLINT_BIN:-}" ]; then
    cargo build --release --quiet --bin matrixlint
fi
binary=$(realpath "${MATRIXLINT_BIN:-${CARGO_TARGET_DIR:-target}/release/matrixlint}")
work=$(realpath "$(mktemp -d)")
trap 'rm -rf "$work"' EXIT

echo "$("$binary" --version), RUNS=${RUNS:-5}, EDITS=${EDITS:-40}, $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
for cells in ${CELLS:-50 1000 10000}; do
    corpus=$work/corpus-$cells
    python3 benches/corpus.py "$corpus" "$cells"
    python3 benches/scale.py measure "$binary" "$corpus" "${RUNS:-5}" "${EDITS:-40}" >> "$work/results"
    if [ -n "${RESULTS:-}" ]; then tail -n 1 "$work/results" >> "$RESULTS"; fi
    rm -rf "$corpus"
    echo "measured $cells cells" >&2
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
python3 benches/scale.py table "$work/results"
