#!/usr/bin/env bash
# Installs a released matrixlint binary: the install step of action.yml, and usable on
# its own. Downloads the release archive for this OS and architecture and the release's
# SHA256SUMS, refuses an archive whose checksum is missing or differs, unpacks the
# binary into the install folder and checks that it reports the version asked for.
#
# Environment:
#   MATRIXLINT_VERSION        the version to install (0.1.0 or v0.1.0); required
#   MATRIXLINT_DOWNLOAD_BASE  the folder URL holding the archives and SHA256SUMS
#                             (default: the GitHub release of MATRIXLINT_REPOSITORY)
#   MATRIXLINT_REPOSITORY     owner/name on GitHub (default: matrixlint/matrixlint)
#   MATRIXLINT_INSTALL_DIR    where the binary goes (default: the runner's tool cache)
#   MATRIXLINT_TARGET         a target triple, instead of detecting it
#   RUNNER_OS, RUNNER_ARCH    set by GitHub Actions; uname is used without them
#   GITHUB_PATH, GITHUB_OUTPUT  when set, the folder is added to PATH and written as
#                             the output `path`
# A binary already in the install folder that reports the version (an Actions cache
# hit) is used as it is.
set -euo pipefail

fail() {
    # An annotation in Actions, a plain line elsewhere (both readable).
    if [ -n "${GITHUB_ACTIONS:-}" ]; then
        echo "::error title=matrixlint install::$*"
    fi
    echo "error: $*" >&2
    exit 1
}

version=${MATRIXLINT_VERSION:-}
version=${version#v}
[ -n "$version" ] || fail "MATRIXLINT_VERSION is not set"
case "$version" in
    *[!0-9A-Za-z.+-]*) fail "'$version' is not a version" ;;
esac

detect_target() {
    local os=${RUNNER_OS:-} arch=${RUNNER_ARCH:-}
    if [ -z "$os" ]; then
        case "$(uname -s)" in
            Linux) os=Linux ;;
            Darwin) os=macOS ;;
            MINGW* | MSYS* | CYGWIN*) os=Windows ;;
            *) os=$(uname -s) ;;
        esac
    fi
    if [ -z "$arch" ]; then
        case "$(uname -m)" in
            x86_64 | amd64) arch=X64 ;;
            aarch64 | arm64) arch=ARM64 ;;
            *) arch=$(uname -m) ;;
        esac
    fi
    case "$os/$arch" in
        Linux/X64) echo x86_64-unknown-linux-musl ;;
        Linux/ARM64) echo aarch64-unknown-linux-musl ;;
        macOS/X64) echo x86_64-apple-darwin ;;
        macOS/ARM64) echo aarch64-apple-darwin ;;
        Windows/X64) echo x86_64-pc-windows-msvc ;;
        *) fail "no release archive for $os on $arch; install from source with 'cargo install --locked matrixlint'" ;;
    esac
}

target=${MATRIXLINT_TARGET:-$(detect_target)}
name="matrixlint-$version-$target"
case "$target" in
    *windows*) archive="$name.zip" exe=matrixlint.exe ;;
    *) archive="$name.tar.gz" exe=matrixlint ;;
esac

repository=${MATRIXLINT_REPOSITORY:-matrixlint/matrixlint}
base=${MATRIXLINT_DOWNLOAD_BASE:-https://github.com/$repository/releases/download/v$version}
base=${base%/}
tool_cache=${RUNNER_TOOL_CACHE:-${TMPDIR:-/tmp}}
install_dir=${MATRIXLINT_INSTALL_DIR:-$tool_cache/matrixlint/$version/$target}

publish() {
    if [ -n "${GITHUB_PATH:-}" ]; then
        echo "$install_dir" >> "$GITHUB_PATH"
    fi
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
        echo "path=$install_dir" >> "$GITHUB_OUTPUT"
    fi
}

# `matrixlint --version` prints "matrixlint X.Y.Z".
reports_version() {
    [ -x "$1" ] && [ "$("$1" --version 2> /dev/null)" = "matrixlint $version" ]
}

if reports_version "$install_dir/$exe"; then
    echo "matrixlint $version is already installed in $install_dir"
    publish
    exit 0
fi

sha256_of() {
    if command -v sha256sum > /dev/null; then
        sha256sum "$1" | cut -d ' ' -f 1
    else
        shasum -a 256 "$1" | cut -d ' ' -f 1
    fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

download() {
    curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" \
        || fail "could not download $1"
}

echo "Downloading $base/$archive"
download "$base/SHA256SUMS" "$work/SHA256SUMS"
download "$base/$archive" "$work/$archive"

# SHA256SUMS lines are "<hex>  <file>" (or "<hex> *<file>" in binary mode).
expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print tolower($1); exit }' "$work/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS of $base lists no $archive; refusing to install it"
actual=$(sha256_of "$work/$archive")
if [ "$actual" != "$expected" ]; then
    fail "checksum mismatch for $archive: SHA256SUMS says $expected, the download is $actual; refusing to install it"
fi
echo "Checksum verified: $archive ($actual)"

mkdir "$work/unpacked"
case "$archive" in
    *.zip)
        if command -v unzip > /dev/null; then
            unzip -q "$work/$archive" -d "$work/unpacked"
        else
            7z x -bd -o"$work/unpacked" "$work/$archive" > /dev/null
        fi
        ;;
    *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
esac
[ -f "$work/unpacked/$name/$exe" ] || fail "$archive has no $name/$exe"

mkdir -p "$install_dir"
mv -f "$work/unpacked/$name/$exe" "$install_dir/$exe"
chmod 755 "$install_dir/$exe"
reports_version "$install_dir/$exe" || fail "$install_dir/$exe does not report version $version"
echo "Installed matrixlint $version ($target) in $install_dir"
publish
