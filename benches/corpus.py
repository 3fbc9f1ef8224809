"""Writes a corpus of seed-sized cells, as benches/check.rs generates them: the
32 KB transcription of B2 under its own matrix (m0, m1, ...) and cell id, 25 cells a
matrix, each registered in the corpus's configuration.

Usage: corpus.py ROOT CELLS [MATRICES]. With MATRICES (more than the cells use), the
registry lists that many matrices, the others first: a linear scan pays most for the last.
"""
import pathlib
import sys

root, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
used = (n + 24) // 25
matrices = int(sys.argv[3]) if len(sys.argv) > 3 else used
seed = pathlib.Path(__file__).parent.parent.joinpath("fixtures/corpus/cells/drug/B2.yaml").read_text()
rows = ["Reducing harm", "Generic and cross-cutting issues", "Medical treatment",
        "Psychosocial therapies", "Safeguarding the community"]
cols = ["Interventions", "Practitioners", "Management/supervision",
        "Organisational functioning", "Treatment systems"]
names = [(f"f{k}", f"Filler {k}") for k in range(max(matrices - used, 0))] + [(f"m{m}", f"Bench {m}") for m in range(used)]
config = "registry:\n  matrices:\n"
for id, name in names:
    config += (f"    - {{ id: {id}, name: {name} Treatment Matrix, short_name: {name} Matrix, "
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
