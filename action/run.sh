#!/usr/bin/env bash
# The Lint step of action.yml: one analysis (kept in a cache under the runner's temp folder),
# written three ways: SARIF for code scanning, workflow commands for pull-request annotations,
# and the stylish summary on the job's page. Records the exit code as the step's output and
# leaves failing to the next step, so that the SARIF is uploaded either way.
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
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
