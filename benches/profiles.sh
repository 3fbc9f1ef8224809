#!/usr/bin/env bash
# Compares builds of matrixlint (e.g. the `release` and `dist` profiles) as whole
# processes with hyperfine, on corpora of seed-sized cells generated as
# benches/check.rs generates them (the 32 KB transcription of B2 under its own matrix
# and cell id): `check` of the whole corpus, and of one file (a pre-commit run).
#
# Usage: benches/profiles.sh BINARY... (e.g. target/release/matrixlint target/dist/matrixlint)
# Environment: CELLS (default "50 1000"), RUNS (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -ge 1 ] || { echo "usage: $0 BINARY..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for cells in ${CELLS:-50 1000}; do
    corpus=$work/corpus-$cells
    python3 benches/corpus.py "$corpus" "$cells"
    commands=()
    one=()
    for binary in "$@"; do
        binary=$(realpath "$binary")
        commands+=("$binary check --root $corpus")
        one+=("$binary check --root $corpus $corpus/cells/m0/B3.yaml")
    done
    export MATRIXLINT_TODAY=2026-06-15
    # Each reports its findings (the generated cells refer to cells of the real matrices),
    # so exit codes are ignored; the output is the same for every binary.
    hyperfine -N -i --warmup 3 --runs "${RUNS:-30}" --export-markdown "$work/all.md" "${commands[@]}" > /dev/null
    echo "### $cells cells, whole corpus"
    cat "$work/all.md"
    hyperfine -N -i --warmup 3 --runs "${RUNS:-30}" --export-markdown "$work/one.md" "${one[@]}" > /dev/null
    echo "### $cells cells, one named file"
    cat "$work/one.md"
done
