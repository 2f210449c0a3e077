using MlopsAlerting.Core.Rules;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Model fleets on real Prometheus (see <see cref="ChainStack"/>): one model's odd series (two versions from one
/// exporter, a bare series beside them, an unlisted model reporting NaN) never stop another model's alert from reaching
/// Slack, and the stack's models can change (added, removed, re-thresholded) on a rule reload and on a restart that
/// keeps the TSDB with no rule error, no missed evaluation, no false <c>ModelMetricsMissing</c>, and the firing alerts of
/// unchanged models kept.
/// </summary>
public sealed class FleetChainTests
{
    private const int TestTimeout = 240_000;

    // Prometheus's lookback, shortened like the other durations so that a series left over from before a restart
    // lingers for the whole of it within the test (prod: 5m).
    private static readonly TimeSpan Lookback = TimeSpan.FromSeconds(10);

    [Fact(Timeout = TestTimeout)]
    public async Task One_models_odd_series_never_stop_another_models_critical_from_reaching_slack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ChainStack.StartAsync(1, ct);

        // bike-sharing: two versions from one exporter beside its bare series; an unlisted model reports NaN. With a
        // join on model_name this made "multiple matches" and silenced every model of the threshold.
        stack.Exporter.SetVersion(ChainStack.HealthyModel, "v2.3", 0.10);
        stack.Exporter.SetVersion(ChainStack.HealthyModel, "v2.4", 0.12);
        stack.Exporter.SetVersion("shadow-ranker", "v0.1", double.NaN);
        await stack.Exporter.WaitForScrapesAsync(2, TimeSpan.FromSeconds(30), ct);
        var failuresBefore = await stack.Prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct);

        stack.Exporter.Set(ChainStack.Model, 0.45m);
        var raisedAt = stack.Slack.Elapsed;
        var critical = Assert.Single(await stack.Slack.WaitForDeliveredAsync(r => r.WebhookName == "critical", 1, stack.CriticalFor + stack.GroupWait + TimeSpan.FromSeconds(30), ct));

        var text = Assert.Single(critical.Message!.Attachments).Text ?? string.Empty;
        Assert.Contains("*california-housing* v1.0", text, StringComparison.Ordinal);
        Assert.Contains("MAE is 0.45, above the critical threshold 0.40 for 5m", text, StringComparison.Ordinal);
        Assert.True(critical.Elapsed - raisedAt >= stack.CriticalFor, $"arrived {critical.Elapsed - raisedAt} after the change, before the rule's for");
        Assert.Equal(failuresBefore, await stack.Prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct));
        Assert.All(await stack.Prometheus.GetRuleHealthAsync(ct), r => Assert.True(r.Health == "ok", $"{r.Name}: {r.Health} {r.LastError}"));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Models_added_removed_and_rethresholded_on_a_reload_and_a_restart_keep_every_rule_true()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ChainStack.StartAsync(1, [$"--query.lookback-delta={(int)Lookback.TotalSeconds}s"], ct);
        var prometheus = stack.Prometheus;
        var start = stack.Settings;
        var housing = start.Models[0];
        var bike = start.Models[1];
        var churn = housing with { Name = "churn", Version = null };

        // Before: california-housing critical (0.45 > 0.40), bike-sharing quiet at 0.35 (its critical 0.40), churn listed.
        stack.Exporter.Set("churn", 0.10m);
        stack.Exporter.Set(ChainStack.HealthyModel, 0.35m);
        await stack.Exporter.WaitForScrapesAsync(1, TimeSpan.FromSeconds(30), ct);
        await stack.WriteRulesAsync(start with { Models = [housing, bike, churn] }, ct);
        await prometheus.ReloadAsync(ct);
        stack.Exporter.Set(ChainStack.Model, 0.45m);
        var firing = await WaitForFiringAsync(stack, ChainStack.Model, "critical", stack.CriticalFor + TimeSpan.FromSeconds(30), ct);

        // Reload: bike-sharing's critical drops to 0.30 (it now fires), demand-eu is added, churn leaves the stack and then
        // its exporter (a model the exporter stops first is rightly missing while the stack still lists it).
        var failures = await prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct);
        var missed = await prometheus.GetOwnMetricAsync("prometheus_rule_group_iterations_missed_total", ct);
        var rethresholded = bike with { MaeCritical = 0.30m, MaeWarning = 0.20m };
        var demand = housing with { Name = "demand-eu", Version = "v4" };
        stack.Exporter.Set("demand-eu", 0.10m);
        await stack.Exporter.WaitForScrapesAsync(1, TimeSpan.FromSeconds(30), ct);
        await stack.WriteRulesAsync(start with { Models = [housing, rethresholded, demand] }, ct);
        await prometheus.ReloadAsync(ct);
        await stack.Exporter.WaitForScrapesAsync(2, TimeSpan.FromSeconds(30), ct);
        stack.Exporter.Remove("churn");

        var window = await WatchAsync(stack, stack.CriticalFor + TimeSpan.FromSeconds(10), ct);
        Assert.Empty(window.Missing);
        Assert.Equal(firing, window.ActiveAt[(ChainStack.Model, "critical")]);
        Assert.Contains((ChainStack.HealthyModel, "critical"), window.Firing);
        Assert.Equal(failures, await prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct));
        Assert.Equal(missed, await prometheus.GetOwnMetricAsync("prometheus_rule_group_iterations_missed_total", ct));
        Assert.All(await prometheus.GetRuleHealthAsync(ct), r => Assert.True(r.Health == "ok", $"{r.Name}: {r.Health} {r.LastError}"));

        // Restart with the same TSDB: bike-sharing back to 0.40 (0.35 no longer critical), demand-eu leaves stack and
        // exporter while its old catalogue series lingers for the lookback, churn comes back.
        await stack.WriteRulesAsync(start with { Models = [housing, bike, churn] }, ct);
        stack.Exporter.Remove("demand-eu");
        stack.Exporter.Set("churn", 0.10m);
        await prometheus.RestartAsync(ct);
        failures = await prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct);

        window = await WatchAsync(stack, Lookback + stack.CriticalFor + TimeSpan.FromSeconds(10), ct);
        Assert.DoesNotContain(window.Missing, m => m.State == "firing");
        Assert.Contains((ChainStack.Model, "critical"), window.Firing);
        Assert.DoesNotContain((ChainStack.HealthyModel, "critical"), window.FiringAtEnd);
        Assert.Equal(failures, await prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct));
        Assert.All(await prometheus.GetRuleHealthAsync(ct), r => Assert.True(r.Health == "ok", $"{r.Name}: {r.Health} {r.LastError}"));
    }

    private static async Task<string> WaitForFiringAsync(ChainStack stack, string model, string severity, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var alert = (await stack.Prometheus.GetAlertsAsync(deadline.Token)).FirstOrDefault(a =>
                a["labels"]?["model_name"]?.GetValue<string>() == model && a["labels"]?["severity"]?.GetValue<string>() == severity
                && a["labels"]?["alertname"]?.GetValue<string>() == ModelAlertRules.AlertName && a["state"]?.GetValue<string>() == "firing");
            if (alert is not null)
            {
                return alert["activeAt"]!.GetValue<string>();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }

    /// <summary>Polls Prometheus's alerts every half second for <paramref name="duration"/>: what fired, when each became active, and any ModelMetricsMissing.</summary>
    private static async Task<AlertWindow> WatchAsync(ChainStack stack, TimeSpan duration, CancellationToken ct)
    {
        var firing = new HashSet<(string, string)>();
        var activeAt = new Dictionary<(string, string), string>();
        var missing = new List<(string Model, string State)>();
        HashSet<(string, string)> last = [];
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            last = [];
            foreach (var alert in await stack.Prometheus.GetAlertsAsync(ct))
            {
                var labels = alert["labels"]!;
                var model = labels["model_name"]?.GetValue<string>() ?? string.Empty;
                var state = alert["state"]!.GetValue<string>();
                if (labels["alertname"]?.GetValue<string>() == ModelAlertRules.MissingAlertName)
                {
                    missing.Add((model, state));
                }
                else if (state == "firing")
                {
                    var key = (model, labels["severity"]!.GetValue<string>());
                    firing.Add(key);
                    last.Add(key);
                    activeAt[key] = alert["activeAt"]!.GetValue<string>();
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }

        return new AlertWindow(firing, last, activeAt, missing);
    }

    private sealed record AlertWindow(
        IReadOnlySet<(string Model, string Severity)> Firing,
        IReadOnlySet<(string Model, string Severity)> FiringAtEnd,
        IReadOnlyDictionary<(string Model, string Severity), string> ActiveAt,
        IReadOnlyList<(string Model, string State)> Missing);
}
