"""Writes a corpus of N seed-sized cells for the benchmark scripts.

Each cell is the 32 KB transcription of B2 (fixtures/corpus/cells/drug/B2.yaml)
under its own matrix and cell id, as benches/check.rs generates them: 25 cells
per matrix (A1 to E5), and every matrix registered in the generated
matrixlint.yaml so that all N cells are distinct. With MATRICES (more than the
cells use), the registry lists that many matrices, the fillers first: a linear
scan of the registry pays most for the last (benches/registry.sh).

Usage: python3 benches/corpus.py ROOT N [MATRICES]   (ROOT must not exist yet)
"""

import pathlib
import sys

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
SEED = REPOSITORY / "fixtures/corpus/cells/drug/B2.yaml"
ROWS = ["Reducing harm", "Generic and cross-cutting issues", "Medical treatment",
        "Psychosocial therapies", "Safeguarding the community"]
COLUMNS = ["Interventions", "Practitioners", "Management/supervision",
           "Organisational functioning", "Treatment systems"]


def cell_path(i):
    """The matrix id, cell id and relative path of the i-th generated cell."""
    matrix, k = divmod(i, 25)
    cell = f"{'ABCDE'[k // 5]}{k % 5 + 1}"
    return f"m{matrix}", cell, f"cells/m{matrix}/{cell}.yaml"


def write(root, n, matrices=0):
    seed = SEED.read_text()
    used = (n + 24) // 25
    names = [(f"f{k}", f"Filler {k}") for k in range(max(matrices - used, 0))]
    names += [(f"m{m}", f"Bench {m}") for m in range(used)]
    config = "registry:\n  matrices:\n"
    for ident, name in names:
        config += (f"    - {{ id: {ident}, name: {name} Treatment Matrix, short_name: {name} Matrix, "
                   f"columns: {COLUMNS!r}, rows: {ROWS!r} }}\n").replace("'", '"')
    root.mkdir(parents=True)
    (root / "matrixlint.yaml").write_text(config)
    for i in range(n):
        matrix, cell, relative = cell_path(i)
        text = seed.replace("matrix: drug", f"matrix: {matrix}", 1).replace("cell: B2", f"cell: {cell}", 1)
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[-1])
    write(pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else 0)
