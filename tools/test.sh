#!/usr/bin/env bash
# The test command (README, "Two commands"; docs/development.md): fetches the Alertmanager and Prometheus versions the stacks
# deploy and runs every test on them, then a compatibility pass on Debian stable's binaries; ends with the
# line "N passed, N failed, N skipped". `dotnet test` stays the inner loop.
#   - The tested binaries are the versions users deploy: Debian unstable's
#     prometheus-alertmanager 0.33.1 (alertmanager + amtool) and prometheus/promtool 3.5.3,
#     fetched with `apt-get download` from an extra sources list and unpacked with `dpkg -x`
#     into a cache folder (keyed by version; the system's packages are not changed). The tests
#     find them through ALERTMANAGER_BIN, AMTOOL_BIN, PROMTOOL_BIN and PROMETHEUS_BIN.
#   - Debian stable's prometheus-alertmanager 0.25 and prometheus 2.42 (`apt-get install
#     prometheus-alertmanager prometheus`; .ci/run installs them) run a small compatibility pass
#     (see below); where they are not installed the pass is skipped with a line saying so, and
#     under CI=true that fails the run.
#   - When the Pulumi packages restore, everything runs (`dotnet test MlopsAlerting.sln`);
#     otherwise the Pulumi-free projects run (`dotnet test MlopsAlerting.Core.slnf`) and one
#     line says the Pulumi tests did not run and why.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test] %s\n' "$*"; }

# The versions the stacks deploy (Alertmanager image v0.34.0, users' Prometheus 3): Debian
# unstable's builds, pinned and cached (.ci/tested-binaries). Debian's Alertmanager reads
# default.tmpl from the compiled-in /usr/share/prometheus/alertmanager, which holds the stable
# package's older copy; the tests' harness gives an unpacked binary its own package's copy (see
# LocalRun's AlertmanagerBinary.OwnDefaultTemplate).
tested=$(.ci/tested-binaries) || { log "fetching the Debian unstable binaries failed"; exit 1; }
while IFS='=' read -r name value; do export "$name=$value"; done <<<"$tested"
log "tested: $("$ALERTMANAGER_BIN" --version 2>&1 | head -1); $("$PROMETHEUS_BIN" --version 2>&1 | head -1); $("$PROMTOOL_BIN" --version 2>&1 | head -1)"
log "dotnet $(dotnet --version)"

target=MlopsAlerting.sln
pulumi_projects=$(grep -l -E 'Include="Pulumi(\.Kubernetes|\.Random)?"' $(git ls-files '*.csproj') 2>/dev/null || true)
pulumi_note=""
if [[ -n "$pulumi_projects" ]]; then
  restore_log=$(mktemp)
  restored=true
  for project in $pulumi_projects; do
    dotnet restore "$project" >>"$restore_log" 2>&1 || restored=false
  done
  if [[ "$restored" != true ]]; then
    target=MlopsAlerting.Core.slnf
    missing=$(grep -o -E "NU1101: Unable to find package [A-Za-z.]+" "$restore_log" | sed -e 's/NU1101: Unable to find package //' -e 's/\.$//' | sort -u | paste -sd, - | sed 's/,/, /g')
    if [[ -n "$missing" ]]; then
      why="the packages $missing do not restore from this machine's NuGet sources (the public NuGet feed serves them; where they restore, the whole solution runs)"
    else
      why="restoring the Pulumi projects failed: $(grep -m1 -E 'error' "$restore_log" | sed 's/^ *//')"
    fi
    pulumi_note="Pulumi tests did not run: $why."
    log "$pulumi_note"
  fi
  rm -f "$restore_log"
fi

log "running: dotnet test $target"
out=$(mktemp)
dotnet test "$target" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}

count() { grep -E "^\s+$1: [0-9]+" "$2" | tail -1 | grep -oE '[0-9]+' || echo 0; }
total=$(count total "$out"); failed=$(count failed "$out"); passed=$(count succeeded "$out"); skipped=$(count skipped "$out")

# Compatibility pass on Debian stable's Alertmanager 0.25, amtool 0.25 and promtool 2.42: a stack
# may pin any image from 0.25 on (the settings refuse older ones, and app mode below 0.32), and
# many clusters still run Prometheus 2. So on those versions: the webhook configuration passes
# amtool and delivers the guide's alert, amtool refuses app mode's update_message (why the 0.32
# floor exists), and the rules pass promtool, including the model-fleet cases (versions, NaN, unlisted models)
# and the heartbeat's and self-alerts' cases, and two stacks' rule files loaded together; and the View in Grafana
# button's template (time.Time methods, urlquery) renders the same link there.
compat_status=0
compat_bins=(/usr/bin/prometheus-alertmanager /usr/bin/amtool /usr/bin/promtool /usr/bin/prometheus)
for bin in "${compat_bins[@]}"; do
  if [[ ! -x "$bin" ]]; then
    log "compatibility pass skipped: $bin is missing (sudo apt-get install prometheus-alertmanager prometheus)"
    if [[ "${CI:-}" == "true" ]]; then
      log "under CI=true the compatibility pass must run: counted as a failure"
      compat_status=1
      failed=$((failed + 1))
    fi
    compat_bins=()
    break
  fi
done
((${#compat_bins[@]})) && log "stable suite: $(/usr/bin/prometheus-alertmanager --version 2>&1 | head -1); $(/usr/bin/promtool --version 2>&1 | head -1)"
for compat in "tests/MlopsAlerting.Alertmanager.Tests/MlopsAlerting.Alertmanager.Tests.csproj:*ConfigCheckTests,*GuideTestAlertDeliveryTests,*GrafanaLinkTests" \
              "tests/MlopsAlerting.Rules.Tests/MlopsAlerting.Rules.Tests.csproj:*PromtoolCheckRulesTests,*PromtoolRuleUnitTests,*PromtoolFleetRuleTests,*PromtoolSelfAlertTests,*PromtoolRoutineOperationsTests,*PromtoolTwoStackRuleTests"; do
  ((${#compat_bins[@]})) || break
  IFS=':' read -r project classes <<<"$compat"
  filters=()
  IFS=',' read -ra class_list <<<"$classes"
  for class in "${class_list[@]}"; do filters+=(--filter-class "$class"); done
  log "compatibility: $project (${classes//,/, }) on Debian stable's binaries"
  compat_out=$(mktemp)
  ALERTMANAGER_BIN=/usr/bin/prometheus-alertmanager AMTOOL_BIN=/usr/bin/amtool PROMTOOL_BIN=/usr/bin/promtool PROMETHEUS_BIN=/usr/bin/prometheus \
    dotnet test --project "$project" --no-build -- "${filters[@]}" 2>&1 | tee "$compat_out"
  [[ "${PIPESTATUS[0]}" -eq 0 ]] || compat_status=1
  total=$((total + $(count total "$compat_out"))); failed=$((failed + $(count failed "$compat_out")))
  passed=$((passed + $(count succeeded "$compat_out"))); skipped=$((skipped + $(count skipped "$compat_out")))
  rm -f "$compat_out"
done
rm -f "$out"

[[ -n "$pulumi_note" ]] && log "$pulumi_note"
if [[ "$status" -eq 0 && "$compat_status" -ne 0 ]]; then
  status=$compat_status
fi
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
  failed=1
  log "dotnet test exited $status (build or runner failure)"
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[[ "$status" -eq 0 && "$failed" -eq 0 && "$total" -gt 0 ]]
