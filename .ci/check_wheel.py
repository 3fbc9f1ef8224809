"""Checks a matrixlint wheel: its metadata (name, version from Cargo.toml, licence,
classifiers, project URLs, the README as the long description) and that it carries
the binary as a script, not a Python module. Usage: check_wheel.py WHEEL VERSION."""

import email.parser
import sys
import zipfile


def main(path: str, version: str) -> None:
    with zipfile.ZipFile(path) as wheel:
        names = wheel.namelist()
        dist_info = f"matrixlint-{version}.dist-info"
        metadata = email.parser.Parser().parsestr(wheel.read(f"{dist_info}/METADATA").decode())
        wheel_info = email.parser.Parser().parsestr(wheel.read(f"{dist_info}/WHEEL").decode())
    problems = []

    def expect(what: str, ok: bool) -> None:
        if not ok:
            problems.append(what)

    expect("Name is matrixlint", metadata["Name"] == "matrixlint")
    expect(f"Version is {version} (Cargo.toml)", metadata["Version"] == version)
    expect("a Summary", bool(metadata["Summary"]))
    expect("the licence expression", metadata["License-Expression"] == "MIT OR Apache-2.0")
    classifiers = metadata.get_all("Classifier") or []
    expect("classifiers", "Programming Language :: Rust" in classifiers and len(classifiers) >= 5)
    urls = metadata.get_all("Project-URL") or []
    expect("project URLs (Repository, Issues)", any(u.startswith("Repository, https://") for u in urls)
           and any(u.startswith("Issues, https://") for u in urls))
    expect("the README as a Markdown long description",
           metadata["Description-Content-Type"] == "text/markdown"
           and "# matrixlint" in metadata.get_payload())
    expect("a platform wheel, not pure Python", wheel_info["Root-Is-Purelib"] == "false")
    binaries = [n for n in names if n.endswith(("/scripts/matrixlint", "/scripts/matrixlint.exe"))]
    expect("the binary under .data/scripts", len(binaries) == 1)
    expect("no Python module", not any(n.endswith(".py") for n in names))
    if problems:
        sys.exit(f"{path}: " + "; ".join(f"missing or wrong: {p}" for p in problems))
    print(f"{path}: metadata, licence, classifiers, URLs, README and the binary are all there")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
