using MlopsAlerting.Core.Rules;
using static MlopsAlerting.Rules.Tests.SelfAlertSeries;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// The self-alerts of prod (with a heartbeat) stay quiet through routine work and are about this stack only, run by
/// <c>promtool test rules</c> on the series a rollout, a foreign Alertmanager and a failing heartbeat leave, sampled every
/// minute with prod's waits.
/// </summary>
public class PromtoolRoutineOperationsTests
{
    // Every self-alert of the stack but the heartbeat: none may fire through routine work.
    private static readonly string[] SelfAlerts =
    [
        SelfAlertRules.NotificationsFailing, SelfAlertRules.ChannelUndeliverable, SelfAlertRules.TargetDown, SelfAlertRules.NotScraped,
        SelfAlertRules.MembersInconsistent, SelfAlertRules.ConfigInconsistent, SelfAlertRules.ConfigReloadFailed, SelfAlertRules.SendErrors,
        SelfAlertRules.TooFewAlertmanagers, SelfAlertRules.Dropped, SelfAlertRules.HeartbeatUndeliverable,
    ];

    /// <summary>
    /// A rollout as the Deployment makes it (maxSurge 1, maxUnavailable 1): replicas a, b, c give way to d, e, f with new
    /// addresses and a new configuration in two waves three minutes apart (the start delay). Each old pod stays a target
    /// that fails to scrape (up 0) and an Alertmanager that refuses Prometheus's sends for a minute after it stopped,
    /// until discovery drops it (its series end: stale); members lag a sample behind the change. The old members
    /// expression, max_over_time over 5m, counted the gone pods' series for five minutes and fired on every replica.
    /// </summary>
    [Fact]
    public async Task A_rollout_of_the_three_replicas_raises_no_self_alert()
    {
        InputSeries[] series =
        [
            Up("a", "1 1 1 0 stale"), Members("a", "3 3 3 stale"), Hash("a", "1 1 1 stale"),
            Up("b", "1 1 1 1 1 1 0 stale"), Members("b", "3 3 3 2 3 3 stale"), Hash("b", "1 1 1 1 1 1 stale"),
            Up("c", "1 1 1 1 1 1 0 stale"), Members("c", "3 3 3 4 3 3 stale"), Hash("c", "1 1 1 1 1 1 stale"),
            Up("d", "_ _ _ 1x30"), Members("d", "_ _ _ 3 3 3 2 3x30"), Hash("d", "_ _ _ 2x30"),
            Up("e", "_ _ _ _ _ _ 1x30"), Members("e", "_ _ _ _ _ _ 3x30"), Hash("e", "_ _ _ _ _ _ 2x30"),
            Up("f", "_ _ _ _ _ _ _ 1x30"), Members("f", "_ _ _ _ _ _ _ 3x30"), Hash("f", "_ _ _ _ _ _ _ 2x30"),
            Sent("a", "0+10x3 30 stale"), SendErrors("a", "0x3 10 stale"),
            Sent("b", "0+10x6 60 stale"), SendErrors("b", "0x6 10 stale"),
            Sent("c", "0+10x6 60 stale"), SendErrors("c", "0x6 10 stale"),
            Sent("d", "_ _ _ 0+10x30"), SendErrors("d", "_ _ _ 0x30"),
            Sent("e", "_ _ _ _ _ _ 0+10x30"), SendErrors("e", "_ _ _ _ _ _ 0x30"),
            Sent("f", "_ _ _ _ _ _ _ 0+10x30"), SendErrors("f", "_ _ _ _ _ _ _ 0x30"),
            PrometheusSeries("prometheus_notifications_dropped_total", "0x35"),
            PrometheusSeries("prometheus_notifications_queue_length", "0x35"),
            PrometheusSeries("prometheus_notifications_queue_capacity", "10000x35"),
        ];
        await PassesAsync(Case("rollout", series, [.. SelfAlerts.SelectMany(a => Never(a, "4m", "7m", "9m", "11m", "13m", "16m", "20m", "30m"))]));
    }

    /// <summary>
    /// kube-prometheus-stack's Alertmanager beside this stack's three in one Prometheus: its failures are not this stack's,
    /// and it does not make up for a replica of this stack that Prometheus lost (the old expression counted it: 3 &lt; 3).
    /// </summary>
    [Fact]
    public async Task A_foreign_alertmanager_is_neither_reported_nor_counted()
    {
        InputSeries[] three = [Up("a", "1x20"), Up("b", "1x20"), Up("c", "1x20")];
        await PassesAsync(
            Case("another team's Alertmanager refuses every send",
                [.. three, Sent("a", "0+10x20"), Sent("b", "0+10x20"), Sent("c", "0+10x20"), Sent("kps-0", "0+10x20"), SendErrors("kps-0", "0+10x20")],
                [.. Never(SelfAlertRules.SendErrors, "6m", "10m", "20m"), .. Never(SelfAlertRules.TooFewAlertmanagers, "6m", "20m")]),
            Case("another team's failures drop alerts, the queue stays empty",
                [.. three, PrometheusSeries("prometheus_notifications_dropped_total", "0+5x20"), PrometheusSeries("prometheus_notifications_queue_length", "0x20"), PrometheusSeries("prometheus_notifications_queue_capacity", "10000x20")],
                [.. Never(SelfAlertRules.Dropped, "1m", "5m", "20m")]),
            Case("one replica of this stack lost beside the foreign one",
                [.. three, Sent("a", "0+10x20"), Sent("b", "0+10x20"), Sent("kps-0", "0+10x20")],
                At("4m", SelfAlertRules.TooFewAlertmanagers),
                At("5m", SelfAlertRules.TooFewAlertmanagers, PrometheusAlert("warning"))),
            Case("sends to this stack's replica fail beside the foreign one",
                [.. three, Sent("a", "0+10x20"), Sent("b", "0+10x20"), Sent("c", "0+10x20"), SendErrors("b", "0+10x20"), Sent("kps-0", "0+10x20"), SendErrors("kps-0", "0+10x20")],
                At("6m", SelfAlertRules.SendErrors, Alert("warning", ("alertmanager", Url("b"))))));
    }

    /// <summary>
    /// The heartbeat's URL revoked (every ping answered 404) while Slack delivers: a warning about the heartbeat, not a
    /// critical about a Slack channel. Pings go every 5m; the alert waits for one and a half intervals without a success
    /// and one interval more.
    /// </summary>
    [Fact]
    public async Task A_failing_heartbeat_is_its_own_warning_and_never_a_slack_channel_critical()
    {
        await PassesAsync(Case("heartbeat URL revoked at 5m",
            [
                Total("webhook", "heartbeat", "0x4 1x5 2x5 3x5 4x5 5x5 6x5"),
                Failed("webhook", "heartbeat", "0x4 0x5 1x5 2x5 3x5 4x5 5x5"),
                Total("slack", "slack-all", "0+1x35"),
                Failed("slack", "slack-all", "0x35"),
            ],
            [
                .. Never(SelfAlertRules.ChannelUndeliverable, "15m", "25m", "34m"),
                .. Never(SelfAlertRules.NotificationsFailing, "15m", "25m", "34m"),
                At("15m", SelfAlertRules.HeartbeatUndeliverable),
                At("23m", SelfAlertRules.HeartbeatUndeliverable, Alert("warning", ("integration", "webhook"))),
                At("34m", SelfAlertRules.HeartbeatUndeliverable, Alert("warning", ("integration", "webhook"))),
                At("34m", HeartbeatRule.AlertName, Heartbeat()),
            ]));
    }
}
