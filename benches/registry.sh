#!/usr/bin/env bash
# Does checking grow with the number of registered matrices? The same cells (the
# 32 KB transcription of B2, under matrix m0 and its own cell id, as benches/check.rs
# generates them) checked with a registry of the one matrix they use and with one of
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
    python3 - "$work/registry-$matrices" "${CELLS:-25}" "$matrices" <<'PY'
import pathlib, sys
root, n, matrices = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
seed = pathlib.Path("fixtures/corpus/cells/drug/B2.yaml").read_text()
rows = ["Reducing harm", "Generic and cross-cutting issues", "Medical treatment",
        "Psychosocial therapies", "Safeguarding the community"]
cols = ["Interventions", "Practitioners", "Management/supervision",
        "Organisational functioning", "Treatment systems"]
config = "registry:\n  matrices:\n"
used = (n + 24) // 25
# The other matrices first, then the cells' own: a linear scan pays most for the last.
ids = [f"f{k}" for k in range(max(matrices - used, 0))] + [f"m{m}" for m in range(used)]
for id in ids:
    config += (f"    - {{ id: {id}, name: Bench {id} Treatment Matrix, short_name: Bench {id} Matrix, "
               f"columns: {cols!r}, rows: {rows!r} }}\n").replace("'", '"')
root.mkdir(parents=True)
(root / "matrixlint.yaml").write_text(config)
for i in range(n):
    m, k = divmod(i, 25)
    cell = f"{'ABCDE'[k // 5]}{k % 5 + 1}"
    text = seed.replace("matrix: drug", f"matrix: m{m}", 1).replace("cell: B2", f"cell: {cell}", 1)
    path = root / f"cells/m{m}/{cell}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
PY
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
