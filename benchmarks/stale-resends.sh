#!/usr/bin/env bash
# Stale re-sends per resolve on three clustered Alertmanagers (issue 24): a state told again after a newer one was told
# in the same channel (firing, resolved, firing, resolved). Runs benchmarks/StaleResendBenchmark: real Prometheus and
# three real Alertmanagers per stack, the prod stack's configuration with every duration divided by 6 (peer timeout 1 s,
# all/critical group_interval 5 s, evaluation interval 10 s), the Slack stand-in; counts, per channel, the resolves
# told and the ones re-sent stale with the replicas' timers in phase (a group new at each fire, and a long-lived one)
# and after rollouts, with 95 % Wilson intervals. Takes about 19 minutes with the defaults; run it on an otherwise
# quiet machine (not while building). Alertmanager and Prometheus: ALERTMANAGER_BIN and PROMETHEUS_BIN, else PATH.
#   usage: benchmarks/stale-resends.sh [--verbose] [other options: benchmarks/stale-resends.sh --help]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/StaleResendBenchmark -c Release -v q -nologo >/dev/null
start=$(date +%s)
dotnet benchmarks/StaleResendBenchmark/bin/Release/net10.0/StaleResendBenchmark.dll "$@"
changes=$(git diff --quiet HEAD -- benchmarks components Pulumi.prod.yaml || echo ' with uncommitted changes')
echo "Commit $(git rev-parse --short HEAD)$changes; wall time $(( $(date +%s) - start )) s."
