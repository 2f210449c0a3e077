using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun.Tests;
using static MlopsAlerting.Rules.Tests.SelfAlertSeries;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// The heartbeat's hold-back and each self-alert of prod (with a heartbeat), run by <c>promtool test rules</c> on the
/// metric names and labels Alertmanager 0.33.1 and Prometheus 3.5.3 expose, evaluated every minute. Prod's waits: the
/// delivery alerts 6m and the hold-back window 6m (the longest Slack group_interval and a fifth), the others 5m (10m for
/// an absent series).
/// </summary>
public class PromtoolSelfAlertTests
{
    /// <summary>How long prod's replicas may run two configurations: as long as <c>pulumi up</c> waits for the StatefulSet's rollout, plus the usual wait.</summary>
    private static readonly TimeSpan InconsistentFor = SelfAlertRules.ConfigInconsistentFor(SelfAlertStacks.ProdWithHeartbeat(), SelfAlertTimings.Prod);

    /// <summary>The first whole minute at or after <paramref name="wait"/>: promtool evaluates once a minute.</summary>
    private static int Minutes(TimeSpan wait) => (int)Math.Ceiling(wait.TotalMinutes);

    [Fact]
    public async Task The_heartbeat_fires_from_the_first_evaluation_without_any_alertmanager_metric()
    {
        await PassesAsync(Case("heartbeat alone", [], At("0m", HeartbeatRule.AlertName, Heartbeat()), At("30m", HeartbeatRule.AlertName, Heartbeat())));
    }

    [Fact]
    public async Task The_heartbeat_is_held_back_while_every_slack_notification_fails_and_returns_with_the_first_success()
    {
        // Every Slack notification fails from 1m until 8m; from 9m they succeed again.
        await PassesAsync(Case("slack broken, then healed",
            [
                Failed("slack", "slack-all", "0 0+1x8 8x12"),
                Total("slack", "slack-all", "0 0+1x20"),
            ],
            At("0m", HeartbeatRule.AlertName, Heartbeat()),
            At("2m", HeartbeatRule.AlertName),
            At("8m", HeartbeatRule.AlertName),
            At("10m", HeartbeatRule.AlertName, Heartbeat())));
    }

    [Fact]
    public async Task One_429_holds_the_heartbeat_back_only_until_the_next_success()
    {
        await PassesAsync(Case("one 429",
            [
                Failed("slack", "slack-critical", "0 0 1x20"),
                Total("slack", "slack-critical", "0 0 1 2x20"),
            ],
            At("2m", HeartbeatRule.AlertName),
            At("3m", HeartbeatRule.AlertName, Heartbeat()),
            At("12m", HeartbeatRule.AlertName, Heartbeat())));
    }

    [Fact]
    public async Task One_broken_channel_fires_its_delivery_alerts_after_six_minutes_and_keeps_the_heartbeat()
    {
        PromtoolTestCase testCase = Case("critical webhook revoked",
            [
                Failed("slack", "slack-critical", "0+1x20"),
                Total("slack", "slack-critical", "0+1x20"),
                Failed("slack", "slack-all", "0x20"),
                Total("slack", "slack-all", "0+1x20"),
            ],
            At("6m", SelfAlertRules.ChannelUndeliverable),
            At("7m", SelfAlertRules.ChannelUndeliverable, Alert("critical", ("integration", "slack"), ("receiver_name", "slack-critical"))),
            At("7m", SelfAlertRules.NotificationsFailing, Alert("warning", ("instance", "a:9093"), ("integration", "slack"), ("receiver_name", "slack-critical"))),
            At("7m", HeartbeatRule.AlertName, Heartbeat()));
        await PassesAsync(testCase);
    }

    [Fact]
    public async Task Prometheus_side_alerts_fire_after_their_wait()
    {
        await PassesAsync(
            Case("sends to a replica fail", [Up("a", "1x20"), SendErrors("a", "0+10x20"), Sent("a", "0+10x20")],
                At("5m", SelfAlertRules.SendErrors),
                At("6m", SelfAlertRules.SendErrors, Alert("warning", ("alertmanager", Url("a"))))),
            Case("alerts dropped from a full queue",
                [PrometheusSeries("prometheus_notifications_dropped_total", "0 0 5x20"), PrometheusSeries("prometheus_notifications_queue_length", "0 0 10000 0x20"), PrometheusSeries("prometheus_notifications_queue_capacity", "10000x20")],
                At("1m", SelfAlertRules.Dropped),
                At("2m", SelfAlertRules.Dropped, PrometheusAlert("warning")),
                At("7m", SelfAlertRules.Dropped)),
            Case("two of three replicas known", [Up("a", "1x20"), Up("b", "1x20"), Up("c", "1x20"), Sent("a", "0x20"), Sent("b", "0x20")],
                At("4m", SelfAlertRules.TooFewAlertmanagers),
                At("5m", SelfAlertRules.TooFewAlertmanagers, PrometheusAlert("warning"))),
            Case("no replica known", [Up("a", "1x20"), Up("b", "1x20"), Up("c", "1x20")],
                At("5m", SelfAlertRules.TooFewAlertmanagers, Alert("warning"))),
            Case("a model rule fails", [new($"prometheus_rule_evaluation_failures_total{{{ModelGroup}}}", "0+1x20"), new($"prometheus_rule_group_iterations_total{{{ModelGroup}}}", "0+1x20")],
                At("5m", SelfAlertRules.RuleFailures),
                At("6m", SelfAlertRules.RuleFailures, Alert("critical", ("rule_group", ModelGroupName))),
                At("20m", SelfAlertRules.SelfMetricsMissing)),
            Case("another group's failures are not ours", [new("prometheus_rule_evaluation_failures_total{rule_group=\"/x.yml;other\"}", "0+1x20")],
                At("10m", SelfAlertRules.RuleFailures)),
            Case("another stack's model group in the same Prometheus is not ours", [new("prometheus_rule_evaluation_failures_total{rule_group=\"/etc/prometheus/rules/dev/model-alerts.rules.yml;mlops-model-alerts/monitoring-dev/dev\"}", "0+1x20"), new("prometheus_rule_group_iterations_missed_total{rule_group=\"/etc/prometheus/rules/dev/model-alerts.rules.yml;mlops-model-alerts/monitoring-dev/dev\"}", "0 0+1x20")],
                At("10m", SelfAlertRules.RuleFailures),
                At("10m", SelfAlertRules.MissedIterations)),
            Case("missed evaluations", [new($"prometheus_rule_group_iterations_missed_total{{{ModelGroup}}}", "0 0+1x20")],
                At("7m", SelfAlertRules.MissedIterations, Alert("warning", ("rule_group", ModelGroupName)))),
            Case("prometheus does not scrape itself", [],
                At("9m", SelfAlertRules.SelfMetricsMissing),
                At("10m", SelfAlertRules.SelfMetricsMissing, Alert("warning"))));
    }

    [Fact]
    public async Task Alertmanager_side_alerts_fire_after_their_wait()
    {
        await PassesAsync(
            Case("a replica not scraped", [Up("a", "1 1 0x20"), Up("b", "1x22")],
                At("6m", SelfAlertRules.TargetDown),
                At("7m", SelfAlertRules.TargetDown, Alert("warning", ("job", JobName), ("instance", "a:9093")))),
            Case("nothing scraped", [],
                At("10m", SelfAlertRules.NotScraped, Alert("warning", ("job", JobName)))),
            Case("a replica cut off from gossip", [Up("a", "1x20"), Up("b", "1x20"), Up("c", "1x20"), Members("a", "2x20"), Members("b", "2x20"), Members("c", "1x20")],
                At("4m", SelfAlertRules.MembersInconsistent),
                At("5m", SelfAlertRules.MembersInconsistent, Alert("warning", ("job", JobName), ("instance", "a:9093")), Alert("warning", ("job", JobName), ("instance", "b:9093")), Alert("warning", ("job", JobName), ("instance", "c:9093")))),
            Case("every replica sees every other", [Up("a", "1x20"), Up("b", "1x20"), Up("c", "1x20"), Members("a", "3x20"), Members("b", "3x20"), Members("c", "3x20")],
                At("10m", SelfAlertRules.MembersInconsistent)),
            Case("a reload failed", [new($"alertmanager_config_last_reload_successful{{{Job}, instance=\"a:9093\"}}", "1 0x20")],
                At("4m", SelfAlertRules.ConfigReloadFailed),
                At("12m", SelfAlertRules.ConfigReloadFailed, Alert("critical", ("job", JobName), ("instance", "a:9093")))),
            Case("two configurations longer than a rollout may take", [Hash("a", "1x40"), Hash("b", "1x40"), Hash("c", "2x40")],
                At(Minutes(InconsistentFor) - 1 + "m", SelfAlertRules.ConfigInconsistent),
                At(Minutes(InconsistentFor) + "m", SelfAlertRules.ConfigInconsistent, Alert("warning"))));
    }

    [Fact]
    public async Task The_rule_file_with_self_alerts_and_heartbeat_passes_promtool_check()
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        foreach (var settings in new[] { RuleStacks.Committed("dev"), RuleStacks.Committed("prod"), SelfAlertStacks.ProdWithHeartbeat() })
        {
            using var workspace = new RuleTestWorkspace(StackRules.Render(settings));
            var result = await promtool.CheckRulesAsync(workspace.RuleFile, TestContext.Current.CancellationToken);
            Assert.True(result.Succeeded, result.Describe($"promtool check rules ({settings.Stack})"));
        }
    }
}
