#!/usr/bin/env bash
# End-to-end check of the link audit's HTML report in a real browser:
# builds the sample report (examples/link_report_sample.rs: four weekly
# audits of a local test corpus), opens it in headless Chromium, checks
# the rendered page's headings, table rows and chart, and takes a
# screenshot. Then clicks every link of the sample and of a hostile report
# (a cell named `javascript:alert(1)<!--.yaml`, an archive answering with
# script, file and private addresses) over the DevTools protocol
# (.ci/link-report-click.js, in Node): every href must be http(s) or a
# relative `./` path, no click may run script or go elsewhere, and no
# request leaves the machine. A page with a `javascript:` link must fail
# that check, so the check is known to work. Installs Debian's `chromium`
# (and `nodejs`) when missing. Idempotent; writes only under
# target/link-report/ (and docs/link-report.png with --update-docs, the
# screenshot the README shows).
#
# Usage: .ci/link-report.sh [--update-docs]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/lib.sh
source .ci/lib.sh

need_debian chromium chromium

need_debian node nodejs
# The click check speaks the DevTools protocol over Node's WebSocket (22+, or 20.10+ with a flag).
node_ws=(node)
if ! node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2> /dev/null; then
    node_ws=(node --experimental-websocket)
fi
"${node_ws[@]}" -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2> /dev/null \
    || { echo "link-report: $(node --version) has no WebSocket; Node 20.10 or later is needed" >&2; exit 1; }

out=target/link-report
mkdir -p "$out"
rm -f "$out/sample.html" "$out/hostile.html" "$out/canary.html" "$out/dom.html" "$out/sample.png"
cargo run --locked --quiet --example link_report_sample -- "$out/sample.html"
cargo run --locked --quiet --example link_report_sample -- --hostile "$out/hostile.html"
page="file://$PWD/$out/sample.html"

profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT
browse() { browse_in "$profiles" "$@"; }

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
# Every link clicked, in the sample and in the hostile report.
for report in sample hostile; do
    "${node_ws[@]}" .ci/link-report-click.js chromium "file://$PWD/$out/$report.html" > "$out/$report-clicks.txt" \
        || { cat "$out/$report-clicks.txt" >&2; fail "a link of the $report report is unsafe"; }
done
grep -qF 'javascript:alert(1)&lt;!--.yaml' "$out/hostile.html" || fail "the hostile report lacks the hostile file name"
grep -qF 'clicked ./javascript%3Aalert%281%29%3C%21--.yaml#L' "$out/hostile-clicks.txt" \
    || fail "the hostile file's place link was not clicked as a relative path"
# The check must catch what it looks for: a page with script links fails it.
printf '<!DOCTYPE html><a href="javascript:alert(1)">x</a> <a href="data:text/html,x">y</a>\n' > "$out/canary.html"
if "${node_ws[@]}" .ci/link-report-click.js chromium "file://$PWD/$out/canary.html" > "$out/canary-clicks.txt"; then
    fail "the click check passed a page with a javascript: link"
fi
grep -qF "ran script" "$out/canary-clicks.txt" || fail "the click check did not see the canary's script run"

if [ "${1:-}" = "--update-docs" ]; then
    cp "$out/sample.png" docs/link-report.png
fi
echo "link-report: the sample report renders in $(chromium --version): headings, rows, chart; screenshot $out/sample.png;" \
    "$(tail -n 1 "$out/sample-clicks.txt") in the sample, $(tail -n 1 "$out/hostile-clicks.txt") in the hostile report, none unsafe"
