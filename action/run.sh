#!/usr/bin/env bash
# The Lint step of action.yml: one analysis (kept in a cache under the runner's temp folder),
# written three ways: SARIF for code scanning, workflow commands for pull-request annotations,
# and the stylish summary on the job's page; with inventory-base, the data inventory compared
# with that commit's in the summary too. Records the exit code as the step's output and leaves
# failing to the next step, so that the SARIF is uploaded either way.
set -u
cli=(node "$GITHUB_ACTION_PATH/bin/catalint.js")
read -r -a paths <<<"${INPUT_PATHS:-.}"
read -r -a extra <<<"${INPUT_ARGS:-}"
cache=(--cache --cache-location "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/catalint-action.cache")

"${cli[@]}" "${extra[@]}" "${cache[@]}" --format sarif --output-file "${INPUT_SARIF_FILE:-catalint.sarif}" "${paths[@]}"
code=$?
if [ "$code" -le 1 ]; then
  # The same run, from the cache: annotations, then the summary.
  "${cli[@]}" "${extra[@]}" "${cache[@]}" --format github "${paths[@]}" || true
  {
    echo '### Catalint'
    echo
    echo '```'
    NO_COLOR=1 "${cli[@]}" "${extra[@]}" "${cache[@]}" "${paths[@]}"
    echo '```'
  } >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
fi
# The data inventory against a base (a pull request's target): what a privacy reviewer reads.
if [ -n "${INPUT_INVENTORY_BASE:-}" ]; then
  temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
  base="$temp/catalint-inventory-base"
  rm -rf "$base"
  if git -c core.hooksPath=/dev/null worktree add --quiet --detach --force "$base" "$INPUT_INVENTORY_BASE" >/dev/null 2>&1; then
    prefix=$(git rev-parse --show-prefix)
    (cd "$base/$prefix" && "${cli[@]}" inventory --output-file "$temp/catalint-inventory-base.json" "${paths[@]}")
    "${cli[@]}" inventory --format markdown --compare "$temp/catalint-inventory-base.json" "${paths[@]}" |
      sed -e 's/^# Data inventory$/### Catalint: data inventory/' >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
    git worktree remove --force "$base" >/dev/null 2>&1 || true
  else
    echo "::warning title=Catalint::no inventory comparison: '$INPUT_INVENTORY_BASE' is not a commit of this clone (fetch it, or use actions/checkout with fetch-depth: 0)"
  fi
fi

echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
