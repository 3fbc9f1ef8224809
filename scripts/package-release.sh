#!/usr/bin/env bash
# Packs one built binary as the release archive that the GitHub release carries,
# `cargo binstall` fetches (Cargo.toml, [package.metadata.binstall]) and the action
# installs (scripts/action-install.sh):
#
#   OUT_DIR/matrixlint-VERSION-TARGET.tar.gz   (.zip for Windows targets)
#     matrixlint-VERSION-TARGET/matrixlint[.exe]
#     matrixlint-VERSION-TARGET/README.md
#     matrixlint-VERSION-TARGET/man/matrixlint.1, matrixlint-<command>.1
#
# Usage: scripts/package-release.sh TARGET BINARY OUT_DIR
# VERSION is the package version in Cargo.toml. Prints the archive's path.
set -euo pipefail

if [ "$#" -ne 3 ]; then
    echo "usage: $0 TARGET BINARY OUT_DIR" >&2
    exit 2
fi
target=$1
binary=$2
out_dir=$3
repo=$(cd "$(dirname "$0")/.." && pwd)

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)
if [ -z "$version" ]; then
    echo "error: no version in $repo/Cargo.toml" >&2
    exit 1
fi
if [ ! -f "$binary" ]; then
    echo "error: $binary: no such file" >&2
    exit 1
fi

name="matrixlint-$version-$target"
case "$target" in
    *windows*) exe=matrixlint.exe archive="$name.zip" ;;
    *) exe=matrixlint archive="$name.tar.gz" ;;
esac

mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir "$staging/$name"
cp "$binary" "$staging/$name/$exe"
chmod 755 "$staging/$name/$exe"
cp "$repo/README.md" "$staging/$name/README.md"
# The man pages, generated from the clap definitions and kept current by `cargo test`.
mkdir "$staging/$name/man"
cp "$repo"/docs/man/*.1 "$staging/$name/man/"

rm -f "$out_dir/$archive"
(
    cd "$staging"
    case "$archive" in
        *.zip)
            if command -v zip > /dev/null; then
                zip -qr "$out_dir/$archive" "$name"
            else
                7z a -tzip -bd "$out_dir/$archive" "$name" > /dev/null
            fi
            ;;
        *) tar -czf "$out_dir/$archive" "$name" ;;
    esac
)
echo "$out_dir/$archive"
