#!/usr/bin/env bash
# Does checking grow with the number of registered matrices? The same cells (the
# 32 KB transcription of B2, under matrix m0 and its own cell id, as benches/check.rs
# generates them, benches/corpus.py) checked with a registry of the one matrix they use and with one of
# MATRICES (default 400), theirs listed last, as whole processes with hyperfine: the two should take the
# same time (issue 19, item 5).
#
# Usage: benches/registry.sh BINARY... Environment: CELLS (default 25), MATRICES, RUNS (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -ge 1 ] || { echo "usage: $0 BINARY..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for matrices in 1 "${MATRICES:-400}"; do
    python3 benches/corpus.py "$work/registry-$matrices" "${CELLS:-25}" "$matrices"
done
export MATRIXLINT_TODAY=2026-06-15
for binary in "$@"; do
    binary=$(realpath "$binary")
    # Findings are reported (the cells refer to cells of the real matrices): exit codes are ignored.
    hyperfine -N -i --warmup 3 --runs "${RUNS:-30}" --export-markdown "$work/out.md" \
        -n "1 matrix" "$binary check --root $work/registry-1" \
        -n "${MATRICES:-400} matrices" "$binary check --root $work/registry-${MATRICES:-400}" > /dev/null
    echo "### $binary, ${CELLS:-25} cells"
    cat "$work/out.md"
done
