using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Many stacks in one Prometheus (issue 23), on real processes (see <see cref="SharedPrometheusStack"/>): a staging stack
/// (namespace ml-staging) and a prod stack (namespace monitoring) load their rule files into one Prometheus with no rule
/// evaluation failure; each stack alerts only on the series its <c>rules.ownedSeries</c> chooses, so staging never alerts
/// on prod's fraud-detector; a model both stacks list and own alerts in each stack once, through its own Alertmanager to
/// its own Slack; each Alertmanager holds only alerts labelled with its own stack (the snippet's
/// <c>alert_relabel_configs</c>); an alert carrying the other stack's label that reaches an Alertmanager anyway goes to
/// no channel while the guide's unlabelled test alert still does; and taking staging's rule file out of Prometheus stops
/// staging's heartbeat while prod's keeps pinging.
/// </summary>
public sealed class SharedPrometheusChainTests
{
    private const int TestTimeout = 240_000;
    private const string Housing = GuideAlerts.Model;
    private const string Fraud = "fraud-detector";
    private const string StagingNamespace = "ml-staging";
    private const string ProdNamespace = "ml-prod";

    private const string Staging = """
          mlops-alerting:namespace: ml-staging
          mlops-alerting:environment: Staging
          mlops-alerting:access:
            basicAuth:
              enabled: true
          mlops-alerting:models:
            - name: california-housing
              version: v1.0
        """;

    private const string Prod = """
          mlops-alerting:namespace: monitoring
          mlops-alerting:environment: Production
          mlops-alerting:access:
            basicAuth:
              enabled: true
          mlops-alerting:models:
            - name: california-housing
              version: v1.0
            - name: fraud-detector
              version: "2.1"
        """;

    [Fact(Timeout = TestTimeout)]
    public async Task Each_stack_alerts_only_on_the_series_it_owns_and_only_through_its_own_alertmanager()
    {
        var ct = TestContext.Current.CancellationToken;

        // Each stack owns its namespace's series. Both list california-housing; only prod lists fraud-detector.
        var staging = SharedPrometheusStack.Bind("staging", Staging + Owned($"namespace=\"{StagingNamespace}\""));
        var prod = SharedPrometheusStack.Bind("prod", Prod + Owned($"namespace=\"{ProdNamespace}\""));
        await using var shared = await SharedPrometheusStack.StartAsync(staging, prod, new Dictionary<string, IReadOnlyDictionary<string, decimal>>
        {
            [StagingNamespace] = new Dictionary<string, decimal> { [Housing] = 0.20m },
            [ProdNamespace] = new Dictionary<string, decimal> { [Housing] = 0.20m, [Fraud] = 0.20m },
        }, ct);
        var failures = await shared.Prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct);

        // prod's fraud-detector degrades: prod's critical channel tells it.
        shared.Exporters[ProdNamespace].Set(Fraud, 0.60m);
        await WaitForCriticalAsync(shared, shared.Prod, Fraud, ct);

        // staging's own california-housing degrades (prod's stays at 0.20): staging's critical channel tells it.
        shared.Exporters[StagingNamespace].Set(Housing, 0.45m);
        await WaitForCriticalAsync(shared, shared.Staging, Housing, ct);

        // A rule of the other stack reading the same series would have fired at the same evaluation (same for), and its
        // alert would reach Slack within a group_wait: wait that, a critical group_interval and two evaluations more.
        await Task.Delay(Quiet(shared), ct);

        // Prometheus: each stack fires for the series of its namespace only, and nothing else fires but the heartbeats.
        var alerts = await shared.PrometheusAlertsAsync(ct);
        var firingCriticals = alerts
            .Where(a => a.State == "firing" && a.Labels["alertname"] == ModelAlertRules.AlertName && a.Labels["severity"] == "critical")
            .Select(a => $"{a.Labels[StackIdentity.Label]} {a.Labels["model_name"]} {a.Labels.GetValueOrDefault("namespace")}")
            .Order(StringComparer.Ordinal);
        Assert.Equal([$"ml-staging/staging {Housing} {StagingNamespace}", $"monitoring/prod {Fraud} {ProdNamespace}"], firingCriticals);
        Assert.DoesNotContain(alerts, a => a.Labels.GetValueOrDefault(StackIdentity.Label) == shared.Staging.Identity && a.Labels.GetValueOrDefault("model_name") == Fraud);
        Assert.All(alerts.Where(a => a.Labels.ContainsKey("namespace")), a => Assert.Equal(
            a.Labels[StackIdentity.Label] == shared.Staging.Identity ? StagingNamespace : ProdNamespace,
            a.Labels["namespace"]));
        Assert.All(alerts.Where(a => a.State == "firing"), a => Assert.Contains(a.Labels["alertname"], new[] { ModelAlertRules.AlertName, HeartbeatRule.AlertName }));

        // Slack: staging never told fraud-detector; prod never told california-housing (its own series stayed fine).
        Assert.Empty(SlackMessageModels.Naming(shared.Staging.Slack.Delivered, "critical", Fraud).Concat(SlackMessageModels.Naming(shared.Staging.Slack.Delivered, "all", Fraud)));
        Assert.Empty(SlackMessageModels.Naming(shared.Prod.Slack.Delivered, "critical", Housing).Concat(SlackMessageModels.Naming(shared.Prod.Slack.Delivered, "all", Housing)));

        // Each Alertmanager holds its own stack's alerts and no other's.
        await AssertOnlyOwnAlertsAsync(shared.Staging, [Housing], ct);
        await AssertOnlyOwnAlertsAsync(shared.Prod, [Fraud], ct);

        await AssertRulesHealthyAsync(shared, failures, ct);

        // The first guard fails or is missing (a hand-written alerting section, say): an alert with staging's label posted
        // straight to prod's Alertmanager reaches none of prod's channels, while the guide's test alert (no label) does.
        var probe = GuideAlerts.ModelPerformanceDegraded("critical", model: "guard-probe");
        probe = probe with { Labels = new Dictionary<string, string>(probe.Labels) { [StackIdentity.Label] = shared.Staging.Identity } };
        var postedAt = shared.Prod.Slack.Elapsed;
        await shared.Prod.Alertmanager.PostAlertsAsync([probe, GuideAlerts.TestAlert()], ct);
        foreach (var channel in new[] { "warning", "all" })
        {
            await shared.Prod.Slack.WaitForDeliveredAsync(r => r.WebhookName == channel && r.Elapsed > postedAt && r.Body.Contains("test alert to verify Slack integration", StringComparison.Ordinal), 1, shared.GroupWait + TimeSpan.FromSeconds(30), ct);
        }

        await Task.Delay(Quiet(shared), ct);
        Assert.DoesNotContain(shared.Prod.Slack.Delivered, r => r.Body.Contains("guard-probe", StringComparison.Ordinal));
        Assert.DoesNotContain(shared.Staging.Slack.Delivered, r => r.Body.Contains("guard-probe", StringComparison.Ordinal));
        var held = Assert.Single(await shared.Prod.Alertmanager.GetAlertsAsync(ct), a => a.Labels.GetValueOrDefault("model_name") == "guard-probe");
        Assert.Equal([ForeignStackRoute.Receiver], held.Receivers);

        // Staging's rule file leaves the shared Prometheus: Prometheus stops sending staging's heartbeat, which staging's
        // Alertmanager keeps until the alert's endsAt (AlertExpiry after its last send) and never pings for after; prod's
        // heartbeat pings every interval all along.
        await shared.LoadStagingRulesAsync(load: false, ct);
        var stagingRemovedAt = shared.Staging.Heartbeat.Elapsed;
        var prodRemovedAt = shared.Prod.Heartbeat.Elapsed;
        Assert.Contains(shared.Staging.Heartbeat.Pings, p => p.Elapsed > stagingRemovedAt - shared.HeartbeatInterval - TimeSpan.FromSeconds(2));
        var lastStagingPing = stagingRemovedAt + SharedPrometheusStack.AlertExpiry + TimeSpan.FromSeconds(1);
        await Task.Delay(SharedPrometheusStack.AlertExpiry + (3 * shared.HeartbeatInterval), ct);

        Assert.DoesNotContain((await shared.Prometheus.GetRuleHealthAsync(ct)).Select(r => r.Group), g => g.Contains(shared.Staging.Identity, StringComparison.Ordinal));
        Assert.True(shared.Staging.Heartbeat.Pings.All(p => p.Elapsed <= lastStagingPing), $"staging's heartbeat pinged after its rules left Prometheus at {stagingRemovedAt.TotalSeconds:0.0}s{Environment.NewLine}{shared.Describe()}");
        var prodPings = shared.Prod.Heartbeat.Pings.Count(p => p.Elapsed > prodRemovedAt + SharedPrometheusStack.AlertExpiry);
        Assert.True(prodPings >= 2, $"prod's heartbeat pinged {prodPings} times in the {3 * shared.HeartbeatInterval} after staging's rules left{Environment.NewLine}{shared.Describe()}");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_model_both_stacks_list_and_own_alerts_once_in_each_stack_through_its_own_alertmanager()
    {
        var ct = TestContext.Current.CancellationToken;

        // staging owns california-housing wherever it runs, prod owns its namespace: both own california-housing in ml-prod.
        var staging = SharedPrometheusStack.Bind("staging", Staging + Owned($"model_name=\"{Housing}\""));
        var prod = SharedPrometheusStack.Bind("prod", Prod + Owned($"namespace=\"{ProdNamespace}\""));
        await using var shared = await SharedPrometheusStack.StartAsync(staging, prod, new Dictionary<string, IReadOnlyDictionary<string, decimal>>
        {
            [ProdNamespace] = new Dictionary<string, decimal> { [Housing] = 0.20m, [Fraud] = 0.20m },
        }, ct);
        var failures = await shared.Prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct);

        shared.Exporters[ProdNamespace].Set(Housing, 0.45m);
        foreach (var member in shared.Members)
        {
            await WaitForCriticalAsync(shared, member, Housing, ct);
        }

        await Task.Delay(Quiet(shared), ct);

        var firing = (await shared.PrometheusAlertsAsync(ct))
            .Where(a => a.State == "firing" && a.Labels["alertname"] == ModelAlertRules.AlertName && a.Labels["severity"] == "critical")
            .Select(a => $"{a.Labels[StackIdentity.Label]} {a.Labels["model_name"]}")
            .Order(StringComparer.Ordinal);
        Assert.Equal([$"ml-staging/staging {Housing}", $"monitoring/prod {Housing}"], firing);
        foreach (var member in shared.Members)
        {
            foreach (var channel in new[] { "critical", "all" })
            {
                var told = member.Slack.Delivered.Where(r => r.WebhookName == channel && ToldState.From(r).Firing.Contains(Housing)).ToList();
                Assert.True(told.Count == 1, $"{member.Identity}'s {channel} channel told california-housing firing {told.Count} times{Environment.NewLine}{shared.Describe()}");
            }

            await AssertOnlyOwnAlertsAsync(member, [Housing], ct);
        }

        await AssertRulesHealthyAsync(shared, failures, ct);
    }

    private static string Owned(string matchers) => $"\n  mlops-alerting:rules:\n    ownedSeries: '{matchers}'\n";

    /// <summary>A group_wait, two critical group_intervals and two evaluations: anything a firing alert causes in Slack arrives within.</summary>
    private static TimeSpan Quiet(SharedPrometheusStack shared) =>
        shared.GroupWait + (2 * shared.Prod.Settings.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Value) + (2 * SharedPrometheusStack.Interval);

    private static async Task WaitForCriticalAsync(SharedPrometheusStack shared, SharedStackMember member, string model, CancellationToken ct)
    {
        try
        {
            await member.Slack.WaitForDeliveredAsync(
                r => r.WebhookName == "critical" && ToldState.From(r).Firing.Contains(model), 1, SharedPrometheusStack.CriticalFor + shared.GroupWait + TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{member.Identity}'s critical channel never told {model}: {e.Message}{Environment.NewLine}{shared.Describe()}", e);
        }
    }

    private static async Task AssertOnlyOwnAlertsAsync(SharedStackMember member, IReadOnlyList<string> models, CancellationToken ct)
    {
        var alerts = await member.Alertmanager.GetAlertsAsync(ct);
        Assert.All(alerts, a => Assert.True(
            a.Labels.GetValueOrDefault(StackIdentity.Label) == member.Identity,
            $"{member.Identity}'s Alertmanager holds {string.Join(", ", a.Labels.Select(l => $"{l.Key}={l.Value}"))}"));
        foreach (var model in models)
        {
            Assert.Contains(alerts, a => a.Labels.GetValueOrDefault("model_name") == model && a.Labels.GetValueOrDefault("severity") == "critical");
        }

        Assert.Contains(alerts, a => a.Labels["alertname"] == HeartbeatRule.AlertName);
    }

    private static async Task AssertRulesHealthyAsync(SharedPrometheusStack shared, double failuresBefore, CancellationToken ct)
    {
        var prometheus = shared.Prometheus;
        Assert.Equal(failuresBefore, await prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct));
        var rules = await prometheus.GetRuleHealthAsync(ct);
        Assert.All(rules, r => Assert.True(r.Health == "ok", $"{r.Group} {r.Name}: {r.Health} {r.LastError}"));
        foreach (var member in shared.Members)
        {
            Assert.Contains(rules, r => r.Group == ModelAlertRules.GroupNameOf(member.Settings));
            Assert.Contains(rules, r => r.Group == SelfAlertRules.GroupNameOf(member.Settings));
        }

        Assert.Equal(0, await prometheus.GetOwnMetricAsync("prometheus_notifications_dropped_total", ct));
        Assert.DoesNotContain("same timestamp", prometheus.Logs, StringComparison.Ordinal);
    }
}
