# Helpers shared by the .ci/ scripts (sourced, not run).

# A heading in the CI log.
step() {
    echo "--- $*"
}

die() {
    echo "FAILED: $*" >&2
    exit 1
}

# The package version in Cargo.toml.
package_version() {
    sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1
}

# Runs a command and prints how long it took on stderr: `timed LABEL COMMAND...`.
timed() {
    local label=$1 start end
    shift
    start=$(date +%s%N)
    "$@"
    end=$(date +%s%N)
    echo "time: $label: $(((end - start) / 1000000)) ms" >&2
}

# Creates a virtual environment at $1 holding the PyPI packages named after it (tools
# only: never matrixlint) and prints its bin folder.
tool_venv() {
    local dir=$1
    shift
    python3 -m venv "$dir" >&2
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$@" >&2
    echo "$dir/bin"
}

# Installs Debian's PACKAGE when COMMAND is missing: `need_debian COMMAND PACKAGE`.
need_debian() {
    command -v "$1" > /dev/null && return 0
    echo "installing $2 (Debian package)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$2" > /dev/null
}

# Headless Chromium with a new, empty profile under the folder PROFILES for each run,
# kept off the network it would otherwise reach for at start: `browse_in PROFILES ARGS...`.
browse_in() {
    local profile
    profile=$(mktemp -d -p "$1")
    shift
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2> "$profile.log"
}
