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
