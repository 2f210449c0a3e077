#!/usr/bin/env bash
# Speed of the offline review: builds tools/review once (Release), then times
# `review <stack>` N times as a user runs it (process start included) and prints the median.
#   usage: benchmarks/review-speed.sh [stack=prod] [runs=21]
set -euo pipefail
cd "$(dirname "$0")/.."
stack=${1:-prod}
runs=${2:-21}
dotnet build tools/review -c Release -v q -nologo >/dev/null
dll=tools/review/bin/Release/net10.0/review.dll
dotnet "$dll" "$stack" >/dev/null  # warm the file cache once
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  dotnet "$dll" "$stack" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( runs / 2 ))]}
printf 'review %s: %d runs, median %d ms, min %d ms, max %d ms\n' "$stack" "$runs" "$median" "${sorted[0]}" "${sorted[$(( runs - 1 ))]}"
