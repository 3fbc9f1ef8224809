#!/usr/bin/env bash
# Runs matrixlint for action.yml: the step after the install.
#
# Environment:
#   MATRIXLINT_COMMAND  check | links | evidence
#   MATRIXLINT_ARGS     further arguments, split as a shell would split words (quotes
#                       group words) but never evaluated: no variables, no substitutions
#   MATRIXLINT_HISTORY  for links and evidence: the history database (--history), kept in the cache
#   MATRIXLINT_REPORT   for links and evidence: where the Markdown report is written
#   GITHUB_STEP_SUMMARY for links and evidence: the report is appended to it
#   GITHUB_OUTPUT       receives `exit-code` (and `report` for links and evidence)
# Always exits 0 once matrixlint has run, so that the action can save the link
# history before it fails the job with matrixlint's exit code; exits 2 when the
# inputs are wrong.
set -euo pipefail
# ${args[@]+"${args[@]}"} below: an empty array is "unbound" to bash 3.2 (macOS) under set -u.

command=${MATRIXLINT_COMMAND:-check}
case "$command" in
    check | links | evidence) ;;
    *)
        # The input on one line, escaped as workflow command data: a line break in it
        # must not start a workflow command of its own.
        shown=${command//%/%25}
        shown=${shown//$'\r'/%0D}
        shown=${shown//$'\n'/%0A}
        echo "::error title=matrixlint::inputs are wrong: the command input must be 'check', 'links' or 'evidence', not '$shown'"
        exit 2
        ;;
esac

args=()
# Only input with a word in it is split: xargs runs printf once even on blank input,
# which would pass one empty argument.
if [[ "${MATRIXLINT_ARGS:-}" =~ [^[:space:]] ]]; then
    # xargs splits on white space and honours quotes without running anything. Its
    # words go through a file, not a process substitution, whose exit status bash
    # ignores: an unbalanced quote makes xargs print the words before it and fail,
    # and running matrixlint with those words would drop the rest of the input.
    words=$(mktemp)
    errors=$(mktemp)
    trap 'rm -f "$words" "$errors"' EXIT
    if ! printf '%s' "$MATRIXLINT_ARGS" | xargs printf '%s\0' > "$words" 2> "$errors"; then
        why=$(tr '\n' ' ' < "$errors")
        echo "::error title=matrixlint::inputs are wrong: the args input cannot be split into words (${why% }); balance its quotes"
        exit 2
    fi
    while IFS= read -r -d '' word; do
        args+=("$word")
    done < "$words"
fi

output() {
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
        echo "$1" >> "$GITHUB_OUTPUT"
    fi
}

code=0
if [ "$command" = links ] || [ "$command" = evidence ]; then
    report=${MATRIXLINT_REPORT:-matrixlint-$command.md}
    history=${MATRIXLINT_HISTORY:-.matrixlint/links.db}
    mkdir -p "$(dirname "$history")"
    matrixlint "$command" --format markdown --history "$history" ${args[@]+"${args[@]}"} > "$report" || code=$?
    cat "$report"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        cat "$report" >> "$GITHUB_STEP_SUMMARY"
    fi
    output "report=$report"
else
    matrixlint check ${args[@]+"${args[@]}"} || code=$?
fi
echo "matrixlint $command exited with $code"
output "exit-code=$code"
