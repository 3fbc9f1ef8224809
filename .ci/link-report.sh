#!/usr/bin/env bash
# End-to-end check of the link audit's HTML report in a real browser:
# builds the sample report (examples/link_report_sample.rs: four weekly
# audits of a local test corpus), opens it in headless Chromium, checks
# the rendered page's headings, table rows and chart, and takes a
# screenshot. Installs Debian's `chromium` when it is missing. Idempotent;
# writes only under target/link-report/ (and docs/link-report.png with
# --update-docs, the screenshot the README shows).
#
# Usage: .ci/link-report.sh [--update-docs]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium > /dev/null; then
    echo "link-report: installing chromium (Debian package)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium > /dev/null
fi

out=target/link-report
mkdir -p "$out"
rm -f "$out/sample.html" "$out/dom.html" "$out/sample.png"
cargo run --locked --quiet --example link_report_sample -- "$out/sample.html"
page="file://$PWD/$out/sample.html"

profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT
browse() { # each run gets a new, empty profile
    local profile
    profile=$(mktemp -d -p "$profiles")
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2> "$profile.log"
}

browse --dump-dom "$page" > "$out/dom.html"
fail() { echo "link-report: $*" >&2; exit 1; }
dom=$(cat "$out/dom.html")
for heading in "Link audit</h1>" "Totals by class</h2>" "Recent audits</h2>" "Dead links (3)</h2>" \
    "Newly broken (2)</h2>" "Redirects to update (1)</h2>" "Other problems (1)</h2>"; do
    grep -qF "$heading" <<< "$dom" || fail "the rendered page has no heading '$heading'"
done
rows() { # table rows of one section
    sed -n "/<section id=\"$1\">/,/<\/section>/p" <<< "$dom" | grep -o "<tr>" | wc -l
}
# Each table: a header row and one row per link.
[ "$(rows dead)" -eq 4 ] || fail "the dead-links table has $(rows dead) rows, not 4"
[ "$(rows newly-broken)" -eq 3 ] || fail "the newly-broken table has $(rows newly-broken) rows, not 3"
[ "$(grep -o '<g class="run">' <<< "$dom" | wc -l)" -eq 4 ] || fail "the chart has no bar for each of the 4 audits"
grep -q '<rect class="band broken"' <<< "$dom" || fail "the chart has no band for broken links"
grep -qF "web.archive.org/web/20261101000000" <<< "$dom" || fail "the archived copy is missing"
if grep -qE "<script|<link " <<< "$dom"; then fail "the page loads something from elsewhere"; fi

browse --screenshot="$PWD/$out/sample.png" --window-size=1280,2000 "$page" > /dev/null
[ "$(head -c 8 "$out/sample.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "no PNG screenshot"
[ "$(stat -c %s "$out/sample.png")" -gt 20000 ] || fail "the screenshot is nearly empty"
if [ "${1:-}" = "--update-docs" ]; then
    cp "$out/sample.png" docs/link-report.png
fi
echo "link-report: the sample report renders in $(chromium --version): headings, rows, chart; screenshot $out/sample.png"
