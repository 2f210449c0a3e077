#!/usr/bin/env bash
# Posts (or updates) one pull-request comment per stack with what the pull request changes for
# alerting: the "What changes" section of `review <stack> --compare <base>`. The comment carries a
# hidden marker, <!-- mlops-alerting-review:<stack> -->, so each push edits the same comment instead
# of adding one. Without GH_TOKEN/PR_NUMBER/GITHUB_REPOSITORY it only prints the body, e.g. to try it:
#   .ci/review-comment.sh prod origin/main
# Usage: .ci/review-comment.sh <stack> <base ref>   (the base must be fetched: fetch-depth: 0)
set -euo pipefail
cd "$(dirname "$0")/.."
stack=$1
base=$2
marker="<!-- mlops-alerting-review:${stack} -->"
# A comment holds at most 65536 characters; the section is cut well below that.
limit=60000

body=$(mktemp)
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$body" "$out" "$err"' EXIT

set +e
dotnet run --project tools/review --configuration Release --no-build -- "$stack" --compare "$base" >"$out" 2>"$err"
status=$?
set -e

{
  echo "$marker"
  if [[ $status -eq 0 ]]; then
    # The section ends where the usual review starts; the whole review is in the job summary.
    section=$(sed '/^# Stack review: /,$d' "$out")
    if ((${#section} > limit)); then
      printf '%s\n\n' "${section:0:limit}"
      echo "_Cut at ${limit} characters: run \`dotnet run --project tools/review -- ${stack} --compare ${base}\` for all of it._"
    else
      printf '%s\n' "$section"
    fi
    echo
    echo "_\`review ${stack} --compare ${base}\` at ${GITHUB_SHA:-the work tree}; the full review of the stack is in the job summary._"
  else
    echo "## What changes: \`${stack}\`"
    echo
    echo "\`review ${stack} --compare ${base}\` exited ${status}:"
    echo
    echo '```text'
    head -c "$limit" "$err"
    echo '```'
  fi
} >"$body"

if [[ -z "${GH_TOKEN:-}" || -z "${PR_NUMBER:-}" || -z "${GITHUB_REPOSITORY:-}" ]]; then
  cat "$body"
  exit 0
fi

# The newest comment of this workflow's bot that starts with the marker, if any.
id=$(gh api --paginate "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" \
  --jq ".[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"${marker}\"))) | .id" | tail -n 1)
if [[ -n "$id" ]]; then
  gh api --method PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${id}" -F "body=@${body}" >/dev/null
  echo "updated comment ${id} for ${stack}"
else
  gh api --method POST "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" -F "body=@${body}" >/dev/null
  echo "posted the comment for ${stack}"
fi
