#!/usr/bin/env bash
# End-to-end check of the evidence audit's HTML report in a real browser:
# builds the sample report (examples/evidence_report_sample.rs), opens it in
# headless Chromium, checks both matrix grids, the cell colours and links,
# the sections by cell, that nothing is loaded from elsewhere, and takes a
# screenshot; then the link audit's report with the same answers as its
# Evidence section (the grids, a dead link ranked after a retraction). Installs Debian's `chromium` when it is missing. Writes only
# under target/evidence-report/ (and docs/evidence-report.png with
# --update-docs, the screenshot the README shows).
#
# Usage: .ci/evidence-report.sh [--update-docs]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/lib.sh
source .ci/lib.sh

need_debian chromium chromium

out=target/evidence-report
mkdir -p "$out"
rm -f "$out/sample.html" "$out/links.html" "$out/dom.html" "$out/links-dom.html" "$out/sample.png"
cargo run --locked --quiet --example evidence_report_sample -- "$out/sample.html" "$out/links.html"
page="file://$PWD/$out/sample.html"

profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT
browse() { browse_in "$profiles" "$@"; }

browse --dump-dom "$page" > "$out/dom.html"
fail() { echo "evidence-report: $*" >&2; exit 1; }
dom=$(cat "$out/dom.html")
for text in "Evidence audit</h1>" "Drug Treatment Matrix</figcaption>" "Alcohol Treatment Matrix</figcaption>" \
    '<h2 id="cell-drug-A1">drug A1</h2>' '<h2 id="cell-drug-B2">drug B2</h2>' '<h2 id="cell-alcohol-A2">alcohol A2</h2>' \
    'Not fully checked</h2>'; do
    grep -qF "$text" <<< "$dom" || fail "the rendered page has no '$text'"
done
# Two grids of 25 squares each.
[ "$(grep -o '<rect ' <<< "$dom" | wc -l)" -eq 50 ] || fail "the grids do not have 50 squares"
grep -qF '<a href="#cell-drug-A1"><rect x="28" y="22" width="90" height="44" fill="#c62828"' <<< "$dom" \
    || fail "drug A1 is not red (retracted) and linked to its section"
grep -qF 'fill="#ef6c00"' <<< "$dom" || fail "no square is orange (superseded)"
grep -qF '<a href="#unknown"><rect x="208" y="154" width="90" height="44" fill="#9e9e9e"' <<< "$dom" || fail "alcohol C4 (a failed answer) is not grey and linked to what stayed unknown"
grep -qF 'href="https://doi.org/10.1002/14651858.CD000001.pub3"' <<< "$dom" || fail "the newer version is not linked"
if grep -qE "<script|<link " <<< "$dom"; then fail "the page loads something from elsewhere"; fi

# The link report with the Evidence section: the same 50 squares (its chart draws no
# bars without a trend), drug D4 purple for its dead link, drug A1 still red.
browse --dump-dom "file://$PWD/$out/links.html" > "$out/links-dom.html"
links_dom=$(cat "$out/links-dom.html")
grep -qF '<section id="evidence">' <<< "$links_dom" || fail "the link report has no Evidence section"
[ "$(sed -n '/<section id="evidence">/,/<\/section>/p' <<< "$links_dom" | grep -o '<rect ' | wc -l)" -eq 50 ] \
    || fail "the link report's grids do not have 50 squares"
grep -qF '<a href="#evidence-cell-drug-D4"><rect x="298" y="154" width="90" height="44" fill="#6a1b9a"' <<< "$links_dom" \
    || fail "drug D4 (a dead link and a concern) is not purple and linked to its section in the link report"
grep -qF '<a href="#evidence-cell-drug-A1"><rect x="28" y="22" width="90" height="44" fill="#c62828"' <<< "$links_dom" \
    || fail "drug A1 is not red (retracted) in the link report"
grep -qF '<h3 id="evidence-cell-drug-D4">drug D4</h3>' <<< "$links_dom" || fail "no D4 section in the link report"
if grep -qE "<script|<link " <<< "$links_dom"; then fail "the link report loads something from elsewhere"; fi

browse --screenshot="$PWD/$out/sample.png" --window-size=1280,1400 "$page" > /dev/null
[ "$(head -c 8 "$out/sample.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "no PNG screenshot"
[ "$(stat -c %s "$out/sample.png")" -gt 20000 ] || fail "the screenshot is nearly empty"
if [ "${1:-}" = "--update-docs" ]; then
    cp "$out/sample.png" docs/evidence-report.png
fi
echo "evidence-report: the sample report and the link report's Evidence section render in $(chromium --version): grids, colours, sections; screenshot $out/sample.png"
