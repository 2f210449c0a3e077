using System.Globalization;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Catalogue changes that keep every firing alert (issue 23), on real processes (see <see cref="ChainStack"/>):
/// california-housing's critical fires (its warning fires too, muted by it), then the stack's models change seven
/// times, each a rule-file change and a Prometheus reload: a model added with the default thresholds, one with its own
/// criticalFor, one with its own warningFor, another model re-thresholded, re-versioned, removed, renamed. Through all of
/// them the critical stays firing with the same <c>activeAt</c> and Slack hears neither "resolved" nor a warning for
/// california-housing. A restart that keeps the TSDB, with <c>--rules.alert.for-grace-period</c> at most the critical's
/// <c>for</c>, restores the same <c>activeAt</c> and Slack still hears nothing, for longer than Alertmanager keeps an
/// alert Prometheus stopped sending. The control: the same restart without that flag (Prometheus's default grace of
/// 10m, longer than any shortened <c>for</c>) puts the critical back to pending, and Slack hears it resolved.
/// </summary>
public sealed class CatalogueChangeChainTests
{
    private const int TestTimeout = 240_000;
    private const string Housing = ChainStack.Model;

    private static readonly TimeSpan CriticalFor = TimeSpan.FromMinutes(5) / ChainStack.Scale;

    // Prometheus re-sends a firing alert every resend delay with endsAt four resend delays ahead (the evaluation interval
    // is not longer), which Alertmanager keeps as the alert's end while no send comes: the alert's expiry. Across the
    // restart of the main test it is 12s, far longer than Prometheus takes to restart and fire a restored alert again.
    // In the control it is 4s: with the critical group_interval (3s) still shorter than the critical's for (10s), so a
    // critical that went back to pending is resolved in Alertmanager, and told so, before it can fire again.
    private static readonly TimeSpan RestartResendDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ControlResendDelay = TimeSpan.FromSeconds(1);

    // What the README tells users: a grace period no longer than the shortest critical for, so Prometheus restores it.
    private static readonly string GraceFlag = $"--rules.alert.for-grace-period={LocalPrometheusConfig.Seconds(CriticalFor)}";

    [Fact(Timeout = TestTimeout)]
    public async Task Seven_catalogue_changes_and_a_restart_keep_the_firing_critical_and_tell_slack_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ChainStack.StartAsync(1, [ResendFlag(RestartResendDelay), GraceFlag], ct);
        var prometheus = stack.Prometheus;
        var activeAt = await FireCriticalWithMutedWarningAsync(stack, ct);
        var failures = await prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct);
        var criticalRule = CriticalRuleOf(stack.Settings);

        var start = stack.Settings;
        var housing = start.Models[0];
        var bike = start.Models[1];
        var churn = housing with { Name = "churn", Version = null };
        var fraud = housing with { Name = "fraud-detector", Version = "2.1", CriticalFor = AlertmanagerDuration.Parse("2m") };
        var demand = housing with { Name = "demand-eu", Version = "v4", WarningFor = AlertmanagerDuration.Parse("20m") };
        var rethresholded = bike with { MaeCritical = 0.45m, MaeWarning = 0.35m };
        var reversioned = rethresholded with { Version = "v2.4" };
        var renamed = demand with { Name = "demand-europe" };
        (string What, ModelSettings[] Models, string? Reports, string? Stops)[] changes =
        [
            ("add a model with the default thresholds", [housing, bike, churn], "churn", null),
            ("add a model with its own criticalFor", [housing, bike, churn, fraud], "fraud-detector", null),
            ("add a model with its own warningFor", [housing, bike, churn, fraud, demand], "demand-eu", null),
            ("re-threshold another model", [housing, rethresholded, churn, fraud, demand], null, null),
            ("re-version another model", [housing, reversioned, churn, fraud, demand], null, null),
            ("remove a model", [housing, reversioned, fraud, demand], null, "churn"),
            ("rename a model", [housing, reversioned, fraud, renamed], "demand-europe", "demand-eu"),
        ];

        await using var watch = AlertStateWatch.Start(prometheus, IsHousingCritical, () => stack.Slack.Elapsed);
        foreach (var (what, models, reports, stops) in changes)
        {
            if (reports is not null)
            {
                stack.Exporter.Set(reports, 0.10m);
                await stack.Exporter.WaitForScrapesAsync(1, TimeSpan.FromSeconds(30), ct);
            }

            var before = stack.RuleFileYaml;
            var changed = start with { Models = models };
            await stack.WriteRulesAsync(changed, ct);
            Assert.NotEqual(before, stack.RuleFileYaml);
            Assert.Equal(criticalRule, CriticalRuleOf(changed));
            await prometheus.ReloadAsync(ct);

            // Three evaluations of the new rules: a reset would show at the first.
            await Task.Delay(3 * ChainStack.Interval, ct);
            if (stops is not null)
            {
                stack.Exporter.Remove(stops);
            }

            Assert.All(await prometheus.GetRuleHealthAsync(ct), r => Assert.True(r.Health == "ok", $"after '{what}': {r.Name}: {r.Health} {r.LastError}"));
            Assert.True(
                watch.Samples[^1] is { State: "firing" } last && last.ActiveAt == activeAt,
                $"after '{what}' the critical is not the one that fired at {activeAt}:{Environment.NewLine}{watch.Describe(TimeSpan.Zero)}{Environment.NewLine}rule file:{Environment.NewLine}{stack.RuleFileYaml}");
        }

        await Task.Delay(3 * ChainStack.Interval, ct);
        Assert.All(watch.Samples, s => Assert.True(s.State == "firing" && s.ActiveAt == activeAt, $"the critical was {s} during the changes, not firing since {activeAt}"));
        Assert.Equal(failures, await prometheus.GetOwnMetricAsync("prometheus_rule_evaluation_failures_total", ct));

        // A series two rules wrote at one evaluation (one of them its stale marker) would be logged: none was.
        Assert.DoesNotContain("same timestamp", prometheus.Logs, StringComparison.Ordinal);
        AssertSlackToldNothingMore(stack);

        // Restart with the same TSDB: the critical is restored from ALERTS_FOR_STATE (whole seconds) and fires again at the
        // second evaluation, well within its expiry in Alertmanager, which never ends it.
        var stoppedAt = stack.Slack.Elapsed;
        await prometheus.RestartAsync(ct);
        var readyAt = stack.Slack.Elapsed;
        var firingAgain = await WaitForHousingCriticalAsync(watch, readyAt, "firing", CriticalFor, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"restart took {(readyAt - stoppedAt).TotalSeconds:0.0}s; firing again {(firingAgain.At - stoppedAt).TotalSeconds:0.0}s after the stop");
        Assert.Equal(WholeSeconds(activeAt), WholeSeconds(firingAgain.ActiveAt!));
        Assert.True(firingAgain.At - readyAt < CriticalFor, $"the critical fired {firingAgain.At - readyAt} after the restart, as a new alert would{Environment.NewLine}{watch.Describe(stoppedAt)}");

        // Had Alertmanager ended the alert, Slack would hear it within the expiry and a critical group_interval.
        var criticalInterval = stack.Settings.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Value;
        await WaitUntilAsync(() => stack.Slack.Elapsed > stoppedAt + Expiry(RestartResendDelay) + criticalInterval + stack.GroupWait + TimeSpan.FromSeconds(2), ct);
        Assert.All(watch.Since(firingAgain.At), s => Assert.True(s.State == "firing" && WholeSeconds(s.ActiveAt!) == WholeSeconds(activeAt), $"after the restart the critical was {s}"));
        AssertSlackToldNothingMore(stack);
        Assert.Contains(await stack.Alertmanagers[0].GetAlertsAsync(ct), a => a.Labels.GetValueOrDefault("model_name") == Housing && a.Labels["severity"] == "critical" && a.State == "active");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Without_the_grace_period_flag_a_restart_puts_the_firing_critical_back_to_pending_and_slack_hears_it_resolved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ChainStack.StartAsync(1, [ResendFlag(ControlResendDelay)], ct);
        var criticalInterval = stack.Settings.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Value;
        Assert.True(Expiry(ControlResendDelay) + criticalInterval < CriticalFor, "a critical back to pending must be told resolved before it can fire again");
        stack.Exporter.Set(Housing, 0.45m);
        await using var watch = AlertStateWatch.Start(stack.Prometheus, IsHousingCritical, () => stack.Slack.Elapsed);
        var firing = await WaitForHousingCriticalAsync(watch, TimeSpan.Zero, "firing", CriticalFor + TimeSpan.FromSeconds(30), ct);
        await stack.Slack.WaitForDeliveredAsync(r => r.WebhookName == "critical" && ToldState.From(r).Firing.Contains(Housing), 1, stack.GroupWait + TimeSpan.FromSeconds(30), ct);

        var stoppedAt = stack.Slack.Elapsed;
        await stack.Prometheus.RestartAsync(ct);
        var readyAt = stack.Slack.Elapsed;

        // Prometheus's default grace (10m) is longer than the critical's for, so it skips restoring it: a new pending
        // alert, active since the restart, that fires only a whole for later.
        var pending = await WaitForHousingCriticalAsync(watch, readyAt, "pending", CriticalFor, ct);
        Assert.NotEqual(WholeSeconds(firing.ActiveAt!), WholeSeconds(pending.ActiveAt!));
        var again = await WaitForHousingCriticalAsync(watch, pending.At, "firing", CriticalFor + TimeSpan.FromSeconds(10), ct);
        Assert.True(again.At - readyAt >= CriticalFor - ChainStack.Interval, $"fired {again.At - readyAt} after the restart{Environment.NewLine}{watch.Describe(stoppedAt)}");

        // Its last send before the stop ended in Alertmanager an expiry later and was told resolved at the critical
        // group's next flush, both before the new alert fired a whole for after the restart.
        var resolved = await stack.Slack.WaitForDeliveredAsync(r => r.Elapsed > stoppedAt && ToldState.From(r) is var told && (told.Resolved.Contains(Housing) || (told.GroupResolved && r.Body.Contains(Housing, StringComparison.Ordinal))), 1, TimeSpan.FromSeconds(30), ct);
        Assert.NotEmpty(resolved);
    }

    private static string ResendFlag(TimeSpan delay) => $"--rules.alert.resend-delay={LocalPrometheusConfig.Seconds(delay)}";

    /// <summary>How long Alertmanager keeps an alert Prometheus stopped sending: four resend delays (the evaluation interval is not longer).</summary>
    private static TimeSpan Expiry(TimeSpan resendDelay) => 4 * (resendDelay > ChainStack.Interval ? resendDelay : ChainStack.Interval);

    private static bool IsHousingCritical(IReadOnlyDictionary<string, string> labels) =>
        labels.GetValueOrDefault("alertname") == ModelAlertRules.AlertName && labels.GetValueOrDefault("model_name") == Housing && labels.GetValueOrDefault("severity") == "critical";

    /// <summary>Breaches california-housing and waits until its critical is told in Slack and its warning fires muted; returns the critical's activeAt.</summary>
    private static async Task<string> FireCriticalWithMutedWarningAsync(ChainStack stack, CancellationToken ct)
    {
        stack.Exporter.Set(Housing, 0.45m);
        await stack.Slack.WaitForDeliveredAsync(r => r.WebhookName == "critical" && ToldState.From(r).Firing.Contains(Housing), 1, stack.CriticalFor + stack.GroupWait + TimeSpan.FromSeconds(30), ct);
        var deadline = DateTime.UtcNow + stack.WarningFor + TimeSpan.FromSeconds(30);
        while (true)
        {
            var warning = (await stack.Alertmanagers[0].GetAlertsAsync(ct)).FirstOrDefault(a => a.Labels.GetValueOrDefault("model_name") == Housing && a.Labels["severity"] == "warning");
            if (warning is { State: "suppressed", InhibitedBy.Count: > 0 })
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"california-housing's warning never reached Alertmanager muted (last: {warning?.State ?? "absent"})");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        var critical = (await stack.Prometheus.GetAlertsAsync(ct)).Single(a => IsHousingCritical(SharedPrometheusStack.Labels(a)));
        Assert.Equal("firing", critical["state"]?.GetValue<string>());
        return critical["activeAt"]!.GetValue<string>();
    }

    private static async Task<AlertStateWatch.Sample> WaitForHousingCriticalAsync(AlertStateWatch watch, TimeSpan from, string state, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (watch.Since(from).FirstOrDefault(s => s.State == state) is { } sample)
            {
                return sample;
            }

            Assert.True(DateTime.UtcNow < deadline, $"california-housing's critical was not {state} within {timeout}:{Environment.NewLine}{watch.Describe(from)}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    /// <summary>Slack heard california-housing's critical fire, and nothing else about it: never resolved, never a warning.</summary>
    private static void AssertSlackToldNothingMore(ChainStack stack)
    {
        var told = stack.Slack.Delivered.Select(ToldState.From).ToList();
        var describe = string.Join(Environment.NewLine, told);
        Assert.DoesNotContain(told, t => t.Resolved.Contains(Housing));
        Assert.False(stack.Slack.Delivered.Any(r => ToldState.From(r).GroupResolved && r.Body.Contains(Housing, StringComparison.Ordinal)), describe);
        Assert.False(stack.Slack.Delivered.Any(r => (r.WebhookName == "warning" || r.Message?.Attachments.FirstOrDefault()?.Title?.StartsWith("⚠️", StringComparison.Ordinal) == true) && r.Body.Contains(Housing, StringComparison.Ordinal)), describe);
        Assert.Contains(told, t => t.Channel == "critical" && t.Firing.Contains(Housing));
    }

    /// <summary>
    /// The name and labels of the critical rule that watches california-housing (its wait, 5m, is the default): what
    /// Prometheus carries a rule's alerts over a reload by.
    /// </summary>
    private static string CriticalRuleOf(StackSettings settings)
    {
        var rule = Assert.Single(
            ModelAlertRules.Render(settings).Groups.SelectMany(g => g.Rules),
            r => r.Alert == ModelAlertRules.AlertName && r.Labels["severity"] == "critical" && r.For == settings.Models[0].CriticalFor.Text);
        return rule.Alert + string.Concat(rule.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $" {l.Key}={l.Value}"));
    }

    /// <summary>An activeAt to whole seconds: Prometheus restores it from ALERTS_FOR_STATE, which holds Unix seconds.</summary>
    private static long WholeSeconds(string activeAt) =>
        DateTimeOffset.Parse(activeAt, CultureInfo.InvariantCulture).ToUnixTimeSeconds();
}
