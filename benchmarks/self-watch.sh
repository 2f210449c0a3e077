#!/usr/bin/env bash
# Per fault, the time from the break to the first signal a person gets: runs the self-watch chain tests
# (tests/MlopsAlerting.Chain.Tests, OneReplicaSelfWatchTests and ThreeReplicaSelfWatchTests: real Prometheus, real
# Alertmanagers with basic auth, the prod stack's rule file and configuration with a heartbeat, the Slack and heartbeat
# stand-ins; rule waits, self-alert waits and the heartbeat interval divided by 30, Alertmanager's timings by 10) and
# prints what each run measured beside the bound the test asserts (both at the shortened timings), the bound the
# review states for prod, and what the configuration on main before the heartbeat and self-alerts did: nobody was told.
#   usage: benchmarks/self-watch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
project=tests/MlopsAlerting.Chain.Tests/MlopsAlerting.Chain.Tests.csproj
results=$(mktemp)
log=$(mktemp)
trap 'rm -f "$results" "$log"' EXIT
dotnet build "$project" -v q -nologo >/dev/null
SELF_WATCH_RESULTS="$results" dotnet test --project "$project" --no-build -- --filter-class '*SelfWatchTests*' >"$log" 2>&1 \
  || { grep -vE '^ +\+[0-9]+ms ' "$log" | grep -A12 -E '^failed ' >&2; echo "a self-watch test failed (above); rerun: dotnet test --project $project -- --filter-class '*SelfWatchTests*'" >&2; exit 1; }
# The prod bounds: the review's "What watches what" for prod with heartbeatUrl set (interval 5m, outside grace 5m,
# Prometheus's 1m defaults); a Slack fault's clock starts at the first notification that fails.
prod_bound() {
  case "$1" in
    "critical webhook answers"*) echo "14m30s after the first failed notification" ;;
    "every Slack webhook"*) echo "18m after the first failed notification" ;;
    "Prometheus → Alertmanager 401"*) echo "14m" ;;
    "every Alertmanager replica down") echo "10m" ;;
    "model rule file not loaded" | "Prometheus down") echo "14m" ;;
    "a model rule fails to evaluate") echo "7m30s" ;;
    "one replica cut off from gossip") echo "7m30s" ;;
    *) echo "?" ;;
  esac
}
printf '%-8s | %-45s | %-45s | %8s | %8s | %-42s | %s\n' replicas fault "first signal" measured bound "prod bound (review)" "main before"
printf '%s\n' "---------|-----------------------------------------------|-----------------------------------------------|----------|----------|--------------------------------------------|------------"
sort -t$'\t' -k1,1n -k2,2 "$results" | while IFS=$'\t' read -r replicas fault signal measured bound; do
  printf '%-8s | %-45s | %-45s | %7ss | %7ss | %-42s | %s\n' "$replicas" "$fault" "$signal" "$measured" "$bound" "$(prod_bound "$fault")" never
done
