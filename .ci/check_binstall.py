"""Checks [package.metadata.binstall] in Cargo.toml against a release folder built by
scripts/package-release.sh: for each target it expands pkg-url and bin-dir as
cargo-binstall does ({ repo } being the release site's origin), and asserts that the
archive exists there and holds the binary at bin-dir.
Usage: check_binstall.py Cargo.toml SITE_DIR ORIGIN VERSION."""

import pathlib
import sys
import tarfile
import tomllib
import zipfile

TARGETS = ["x86_64-unknown-linux-musl", "x86_64-pc-windows-msvc"]


def expand(template: str, values: dict) -> str:
    for key, value in values.items():
        template = template.replace("{ " + key + " }", value)
    if "{" in template:
        sys.exit(f"unexpanded variable in {template!r}")
    return template


def main(manifest: str, site: str, origin: str, version: str) -> None:
    package = tomllib.loads(pathlib.Path(manifest).read_text())["package"]
    meta = package["metadata"]["binstall"]
    for target in TARGETS:
        chosen = {**meta, **meta.get("overrides", {}).get(target, {})}
        windows = "windows" in target
        values = {"repo": origin, "version": version, "name": package["name"], "target": target,
                  "bin": "matrixlint", "binary-ext": ".exe" if windows else ""}
        url = expand(chosen["pkg-url"], values)
        bin_dir = expand(chosen["bin-dir"], values)
        if not url.startswith(origin + "/"):
            sys.exit(f"{target}: pkg-url {url} is not under { '{ repo }' }")
        archive = pathlib.Path(site) / url[len(origin) + 1:]
        if not archive.is_file():
            sys.exit(f"{target}: pkg-url names {url}, which the release does not have")
        if chosen["pkg-fmt"] == "zip":
            members = zipfile.ZipFile(archive).namelist()
        else:
            members = tarfile.open(archive, "r:gz").getnames()
        if bin_dir not in members:
            sys.exit(f"{target}: {archive.name} has no {bin_dir} (has {members})")
        print(f"binstall {target}: {url} holds {bin_dir}")
    if not package["repository"].startswith("https://github.com/"):
        sys.exit("package.repository must be the GitHub repository the releases are on")


if __name__ == "__main__":
    main(*sys.argv[1:])
