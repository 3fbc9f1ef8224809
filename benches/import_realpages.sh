#!/usr/bin/env bash
# Measures `matrixlint import` on a directory of real published cell pages kept
# outside the repository (their text is not ours to commit):
#   benches/import_realpages.sh PAGES_DIR [MATRIXLINT_BINARY]
# PAGES_DIR holds <matrix>-<CELL>-<n>.txt pages and an INDEX.md table whose rows
# are `| file | source | entries | notes |` (entries counted by hand).
# Prints pages imported / total, entries imported / counted, each page's exit
# code and notes, and `matrixlint check` findings on the imported corpus by rule.
set -euo pipefail
pages=${1:?usage: import_realpages.sh PAGES_DIR [BINARY]}
bin=$(realpath "${2:-target/debug/matrixlint}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" init "$work/corpus" >/dev/null
imported=0 total=0 got_entries=0 want_entries=0
for page in "$pages"/*.txt; do
  name=$(basename "$page")
  want=$(awk -F'|' -v f="$name" '{gsub(/ /,"",$2)} $2==f {gsub(/ /,"",$4); print $4}' "$pages/INDEX.md")
  want=${want:-0}
  total=$((total + 1))
  want_entries=$((want_entries + want))
  one="$work/one"
  rm -rf "$one" && "$bin" init "$one" >/dev/null
  set +e
  "$bin" import --out-dir "$one" "$page" >"$work/out" 2>"$work/err"
  code=$?
  set -e
  got=0
  if [ "$code" -ne 2 ]; then
    imported=$((imported + 1))
    file=$(find "$one/cells" -name '*.yaml' | head -1)
    got=$(grep -cE '^  - tier:' "$file" || true)
    # Several pages may be copies of one cell: keep each under its page name.
    rel=${file#"$one/cells/"}
    mkdir -p "$work/corpus/cells/$(dirname "$rel")"
    if [ ! -e "$work/corpus/cells/$rel" ]; then cp "$file" "$work/corpus/cells/$rel"; fi
  fi
  got_entries=$((got_entries + got))
  printf '%-22s exit %s  entries %s/%s  %s\n' "$name" "$code" "$got" "$want" \
    "$(head -c 300 "$work/err" | tr '\n' ' ')"
done
echo "pages imported: $imported/$total"
echo "entries imported: $got_entries/$want_entries"
echo "check findings by rule on the imported corpus (one file per cell):"
(cd "$work/corpus" && "$bin" check --format json --exit-zero . 2>/dev/null) |
  python3 -c 'import json,sys,collections
d=json.load(sys.stdin)
items=d if isinstance(d,list) else d.get("diagnostics",d.get("findings",[]))
c=collections.Counter(i.get("rule") or i.get("code") for i in items)
[print(f"  {k}: {v}") for k,v in sorted(c.items())] or print("  none")'
