#!/usr/bin/env bash
# The cost of a storm (issue: many stacks in one Prometheus): every model breaching both thresholds at once, on a real
# Prometheus that evaluates, side by side, a rule file of this project for a stack like prod with N models (default
# thresholds, version v1.0: 2N alerts, critical and warning) and the guide's single plain rule (`model_mae > 0.40`:
# N alerts). Prints the median prometheus_rule_group_last_duration_seconds of each group once every alert is active
# (pending or firing: Prometheus expands the annotations of both), their ratio, and the share of the stack's
# evaluation interval (prometheus.evaluationInterval, 1m) the stack's group takes.
# With BASE_REF set (a commit), the same runs follow with the rule file that commit's review renders (built in a
# temporary git worktree), each again beside the guide's rule: this version against the one before, in one run.
#   usage: [BASE_REF=<commit>] benchmarks/storm-evaluation.sh [samples=9] [models...=1000 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${1:-9}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
prometheus=${PROMETHEUS_BIN:-$(command -v prometheus)}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; git worktree remove --force "$work/base" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build tools/review -c Release -v q -nologo >/dev/null
variants=("this tree=tools/review/bin/Release/net10.0/review.dll")
if [ -n "${BASE_REF:-}" ]; then
  git worktree add --detach "$work/base" "$BASE_REF" >/dev/null 2>&1
  dotnet build "$work/base/tools/review" -c Release -v q -nologo >/dev/null
  variants+=("$BASE_REF=$work/base/tools/review/bin/Release/net10.0/review.dll")
fi
cp Pulumi.yaml "$work/"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
query() { curl -s "http://127.0.0.1:$pport/api/v1/query" --data-urlencode "query=$1"; }

# The guide's rule, labelled so that its alerts count apart from the stack's.
cat >"$work/guide.rules.yml" <<'YML'
groups:
  - name: guide
    rules:
      - alert: ModelPerformanceDegraded
        expr: model_mae > 0.40
        for: 5m
        labels: {severity: critical, rules: guide}
        annotations:
          summary: "Model {{ $labels.model_name }} performance degraded"
          description: "Model MAE ({{ $value }}) exceeded threshold 0.40 for 5 minutes"
YML
"$prometheus" --version 2>&1 | head -1
printf '| rules | models | alerts stack / guide | stack (median) | guide (median) | ratio | share of the 1m interval |\n|---|---|---|---|---|---|---|\n'
for variant in "${variants[@]}"; do
  name=${variant%%=*}; dll=${variant#*=}
  for n in "${sizes[@]}"; do
    python3 benchmarks/stack-with-models.py "$n" "$work/Pulumi.storm$n.yaml"
    rm -rf "$work/out" "$work/metrics" "$work/data"; mkdir -p "$work/metrics"
    dotnet "$dll" "storm$n" --project-dir "$work" --out "$work/out" >/dev/null
    # Every model above both thresholds. Served as metrics.txt: http.server then sends text/plain, which Prometheus 3 needs.
    python3 -c 'import sys; n=int(sys.argv[1]); open(sys.argv[2], "w").write("# TYPE model_mae gauge\n" + "".join(f"model_mae{{model_name=\"model-{i:05d}\"}} 0.5\n" for i in range(n)))' "$n" "$work/metrics/metrics.txt"
    mport=$(free_port); pport=$(free_port)
    (cd "$work/metrics" && exec python3 -m http.server "$mport" --bind 127.0.0.1 >/dev/null 2>&1) &
    server=$!
    cat >"$work/prometheus.yml" <<YML
global: {scrape_interval: 10s, evaluation_interval: 10s}
rule_files: [out/model-alerts.rules.yml, guide.rules.yml]
scrape_configs:
  - job_name: models
    metrics_path: /metrics.txt
    static_configs: [{targets: ['127.0.0.1:$mport']}]
  - job_name: prometheus
    static_configs: [{targets: ['127.0.0.1:$pport']}]
YML
    "$prometheus" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" --web.listen-address="127.0.0.1:$pport" >"$work/log" 2>&1 &
    prom=$!
    # Wait until every alert is active in both groups: 2n of the stack's (critical and warning), n of the guide's.
    active=""
    for _ in $(seq 90); do
      sleep 5
      active=$(query 'count by (rules) (ALERTS{alertname="ModelPerformanceDegraded"})' | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; c={x["metric"].get("rules",""): x["value"][1] for x in r}; print(c.get("", 0), c.get("guide", 0))' 2>/dev/null || echo "0 0")
      [ "$active" = "$((2 * n)) $n" ] && break
    done
    stack=(); guide=()
    for _ in $(seq "$samples"); do
      sleep 10
      json=$(query 'prometheus_rule_group_last_duration_seconds')
      stack+=("$(python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(next(float(x["value"][1]) for x in r if ";mlops-model-alerts" in x["metric"]["rule_group"]))' <<<"$json")")
      guide+=("$(python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(next(float(x["value"][1]) for x in r if x["metric"]["rule_group"].endswith(";guide")))' <<<"$json")")
    done
    failures=$(query 'sum(prometheus_rule_evaluation_failures_total)' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["result"][0]["value"][1])')
    sm=$(printf '%s\n' "${stack[@]}" | median); gm=$(printf '%s\n' "${guide[@]}" | median)
    printf '| %s | %s | %s | %.0f ms | %.0f ms | %.1fx | %.1f%% |\n' "$name" "$n" "${active/ / \/ }" \
      "$(awk -v x="$sm" 'BEGIN{print x*1000}')" "$(awk -v x="$gm" 'BEGIN{print x*1000}')" "$(awk -v a="$sm" -v b="$gm" 'BEGIN{print a/b}')" \
      "$(awk -v x="$sm" 'BEGIN{print x/60*100}')"
    [ "$failures" = "0" ] || echo "rule evaluation failures: $failures"
    kill "$prom" "$server"; wait "$prom" "$server" 2>/dev/null || true
  done
done
