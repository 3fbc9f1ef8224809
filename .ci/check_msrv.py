"""Reads `cargo metadata` on stdin and fails if Cargo.toml's rust-version is lower than
what a locked dependency declares it needs (the real minimum Rust version)."""

import json
import sys


def key(version: str) -> tuple:
    # "1.89" and "1.89.0" are the same version.
    parts = [int(x) for x in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


packages = json.load(sys.stdin)["packages"]
ours = next(p for p in packages if p["name"] == "matrixlint")["rust_version"]
deps = [p for p in packages if p.get("rust_version") and p["name"] != "matrixlint"]
needs = max(deps, key=lambda p: key(p["rust_version"]))
name, version, needed = needs["name"], needs["version"], needs["rust_version"]
if key(needed) > key(ours):
    sys.exit(f"rust-version {ours} in Cargo.toml, but {name} {version} needs Rust {needed}")
print(f"rust-version {ours}: the highest a locked dependency needs is {needed} ({name} {version})")
