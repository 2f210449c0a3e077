#!/usr/bin/env bash
# Growth with the number of models (issue: thousands of models in one stack).
#  1. `review <stack>` as a user runs it (built, whole process): median wall time and median peak RSS
#     (/usr/bin/time -v) over N runs, and every artefact's size, at 10, 100, 1,000 and 10,000 models
#     (stacks like prod, default thresholds, one version).
#  2. Real Prometheus evaluating the 1,000-model rules, today's shared rules and the per-model rules of
#     <old-ref> (the last commit before shared rules, rendered by its own review tool), side by side in
#     one Prometheus: median prometheus_rule_group_last_duration_seconds of each group.
#   usage: benchmarks/model-growth.sh [runs=7] [old-ref=137c82a] [prometheus-seconds=60]
#   SKIP_REVIEW=1 skips the review timings (part 2 only).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
old_ref=${2:-137c82a}
prom_seconds=${3:-60}
prometheus=${PROMETHEUS_BIN:-$(command -v prometheus)}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; git worktree remove --force "$work/old" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build tools/review -c Release -v q -nologo >/dev/null
dll=tools/review/bin/Release/net10.0/review.dll

# A stack like prod whose models: list holds $1 models named model-00000.., version v1.0, default thresholds.
make_stack() { python3 benchmarks/stack-with-models.py "$1" "$2"; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
kib() { awk -v b="$1" 'BEGIN {printf "%.1f KiB", b/1024}'; }

cp Pulumi.yaml "$work/"
/usr/bin/time -v -o "$work/time" dotnet "$dll" prod >/dev/null
printf 'baseline on this machine now: review prod (1 model) %s s wall\n\n' "$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); print p[n]}' "$work/time")"
printf '| models | review time (median) | peak memory (median) | review Markdown | rule file | alertmanager.yml | exit |\n|---|---|---|---|---|---|---|\n'
for n in 10 100 1000 10000; do
  make_stack "$n" "$work/Pulumi.m$n.yaml"
  if [ -n "${SKIP_REVIEW:-}" ]; then dotnet "$dll" "m$n" --project-dir "$work" --out "$work/out$n" >/dev/null; continue; fi
  dotnet "$dll" "m$n" --project-dir "$work" --out "$work/out$n" >"$work/review$n.md"; code=$?
  times=(); rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$work/time" dotnet "$dll" "m$n" --project-dir "$work" >/dev/null
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); print p[n]+(n>1?p[n-1]*60:0)}' "$work/time")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")")
  done
  t=$(printf '%s\n' "${times[@]}" | median); m=$(printf '%s\n' "${rss[@]}" | median)
  printf '| %s | %.2f s | %d MB | %s | %s | %s | %s |\n' "$n" "$t" "$((m / 1024))" \
    "$(kib "$(stat -c %s "$work/review$n.md")")" "$(kib "$(stat -c %s "$work/out$n/model-alerts.rules.yml")")" \
    "$(kib "$(stat -c %s "$work/out$n/alertmanager.yml")")" "$code"
done

# Per-model rules of the old ref for the same 1,000 models. Its own size check refuses more than about 540
# models in one stack, so it renders two stacks of 500 and their rules are joined into one group.
git worktree add --detach "$work/old" "$old_ref" >/dev/null 2>&1
dotnet build "$work/old/tools/review" -c Release -v q -nologo >/dev/null
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
text = open(f'{work}/Pulumi.m1000.yaml').read()
head, _, rest = text.partition('  mlops-alerting:models:\n')
lines = rest.splitlines(keepends=True)
models = [l for l in lines if l.startswith('    ')]
tail = ''.join(l for l in lines if not l.startswith('    '))
half = len(models) // 2
open(f'{work}/Pulumi.old1.yaml', 'w').write(head + '  mlops-alerting:models:\n' + ''.join(models[:half]) + tail)
open(f'{work}/Pulumi.old2.yaml', 'w').write(head + '  mlops-alerting:models:\n' + ''.join(models[half:]) + tail)
PY
for h in old1 old2; do
  dotnet "$work/old/tools/review/bin/Release/net10.0/review.dll" "$h" --project-dir "$work" --out "$work/$h-out" >/dev/null
done
mkdir -p "$work/old-out"
{ cat "$work/old1-out/model-alerts.rules.yml"; sed '1,3d' "$work/old2-out/model-alerts.rules.yml"; } >"$work/old-out/model-alerts.rules.yml"
promtool check rules "$work/old-out/model-alerts.rules.yml" | tail -1
mkdir -p "$work/prom/new" "$work/prom/old"
cp "$work/out1000/model-alerts.rules.yml" "$work/prom/new/"
cp "$work/old-out/model-alerts.rules.yml" "$work/prom/old/"
printf '\nrule file at 1,000 models: per-model %s, shared %s\n' \
  "$(kib "$(stat -c %s "$work/prom/old/model-alerts.rules.yml")")" "$(kib "$(stat -c %s "$work/prom/new/model-alerts.rules.yml")")"

# 999 models report (one never does, so ModelMetricsMissing has work), every 10th above the critical threshold.
mkdir -p "$work/metrics"
# Served as metrics.txt: http.server then sends text/plain, which Prometheus 3 needs (it refuses a scrape without
# a content type it knows).
python3 - "$work/metrics/metrics.txt" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('# TYPE model_mae gauge\n')
    for i in range(999):
        f.write(f'model_mae{{model_name="model-{i:05d}"}} {0.45 if i % 10 == 0 else 0.2}\n')
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mport=$(free_port); pport=$(free_port)
(cd "$work/metrics" && exec python3 -m http.server "$mport" --bind 127.0.0.1 >/dev/null 2>&1) &
cat >"$work/prom/prometheus.yml" <<YML
global: {scrape_interval: 5s, evaluation_interval: 5s}
rule_files: [old/model-alerts.rules.yml, new/model-alerts.rules.yml]
scrape_configs:
  - job_name: models
    metrics_path: /metrics.txt
    static_configs: [{targets: ['127.0.0.1:$mport']}]
  - job_name: prometheus  # its own metrics, for prometheus_rule_group_last_duration_seconds
    static_configs: [{targets: ['127.0.0.1:$pport']}]
YML
"$prometheus" --config.file="$work/prom/prometheus.yml" --storage.tsdb.path="$work/prom/data" \
  --web.listen-address="127.0.0.1:$pport" >"$work/prom/log" 2>&1 &
sleep 15
old=(); new=()
for _ in $(seq $(( prom_seconds / 5 ))); do
  sleep 5
  json=$(curl -s "http://127.0.0.1:$pport/api/v1/query" --data-urlencode 'query=prometheus_rule_group_last_duration_seconds')
  old+=("$(python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(next(float(x["value"][1]) for x in r if "/old/" in x["metric"]["rule_group"]))' <<<"$json")")
  new+=("$(python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(next(float(x["value"][1]) for x in r if "/new/" in x["metric"]["rule_group"] and ";mlops-model-alerts" in x["metric"]["rule_group"]))' <<<"$json")")
done
alerts=$(curl -s "http://127.0.0.1:$pport/api/v1/query" --data-urlencode 'query=count by (alertname, severity) (ALERTS)' | python3 -c 'import json,sys; print(", ".join("%s/%s=%s" % (x["metric"]["alertname"], x["metric"].get("severity", ""), x["value"][1]) for x in json.load(sys.stdin)["data"]["result"]))')
om=$(printf '%s\n' "${old[@]}" | median); nm=$(printf '%s\n' "${new[@]}" | median)
printf 'rule group evaluation at 1,000 models (%d samples, real Prometheus): per-model rules median %.1f ms, shared rules median %.1f ms (%.1fx)\n' \
  "${#old[@]}" "$(awk -v x="$om" 'BEGIN{print x*1000}')" "$(awk -v x="$nm" 'BEGIN{print x*1000}')" "$(awk -v a="$om" -v b="$nm" 'BEGIN{print a/b}')"
printf 'active alerts (both groups, pending or firing): %s\n' "$alerts"
