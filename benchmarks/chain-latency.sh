#!/usr/bin/env bash
# Metric change -> Slack message, per channel, with one and three Alertmanagers: runs the chain
# tests (tests/MlopsAlerting.Chain.Tests: real Prometheus, real Alertmanagers with basic auth, the
# prod stack's rules and configuration; rule durations divided by 30, Alertmanager's by 10) N times and prints, per
# replicas/step/channel, the median, min and max seconds from the exporter's value change to the
# channel's message.
#   usage: benchmarks/chain-latency.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
project=tests/MlopsAlerting.Chain.Tests/MlopsAlerting.Chain.Tests.csproj
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet build "$project" -v q -nologo >/dev/null
for run in $(seq "$runs"); do
  dotnet test --project "$project" --no-build -- --report-xunit-trx --results-directory "$results/$run" >/dev/null \
    || { echo "run $run failed; see: dotnet test --project $project" >&2; exit 1; }
done
grep -rhoE 'chain-latency replicas=[0-9]+ step=[a-z]+ channel=[a-z]+ seconds=[0-9.]+' "$results" \
  | sed -E 's/chain-latency replicas=([0-9]+) step=([a-z]+) channel=([a-z]+) seconds=([0-9.]+)/\1 \2 \3 \4/' \
  | sort -k1,1n -k2,2 -k3,3 -k4,4n \
  | awk '
      { key = $1 " " $2 " " $3; if (!(key in count)) order[++keys] = key; values[key] = values[key] " " $4; count[key]++ }
      END {
        printf "%-8s %-9s %-8s %6s %6s %6s %4s\n", "replicas", "step", "channel", "median", "min", "max", "runs"
        for (i = 1; i <= keys; i++) {
          k = order[i]; split(substr(values[k], 2), v, " "); c = count[k]
          median = (c % 2) ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
          split(k, p, " ")
          printf "%-8s %-9s %-8s %6.2f %6.2f %6.2f %4d\n", p[1], p[2], p[3], median, v[1], v[c], c
        }
      }'
