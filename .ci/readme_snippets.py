"""Writes the two pre-commit configurations a Markdown page shows to OUT_DIR: wheel.yaml (the hook
that installs the released wheel) and source.yaml (the hook built from source). Fails
if either block is missing. Usage: readme_snippets.py PAGE.md OUT_DIR."""

import pathlib
import re
import sys

# Each snippet is a ```yaml block whose first line names it.
SNIPPETS = {
    "wheel.yaml": "# .pre-commit-config.yaml: the released wheel",
    "source.yaml": "# .pre-commit-config.yaml: built from source",
}


def main(readme: str, out_dir: str) -> None:
    text = pathlib.Path(readme).read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", text, flags=re.S | re.M)
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, first_line in SNIPPETS.items():
        found = [b for b in blocks if b.startswith(first_line)]
        if len(found) != 1:
            sys.exit(f"{readme}: expected one yaml block starting {first_line!r}, found {len(found)}")
        (out / name).write_text(found[0], encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
