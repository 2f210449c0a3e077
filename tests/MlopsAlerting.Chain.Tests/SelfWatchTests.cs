using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Breaks one link of the real chain at a time (see <see cref="SelfWatchStack"/>), shows who is told and within which
/// bound, heals it, and shows what happened to a model alert that fired meanwhile. Every bound is the mechanism's own
/// sum at the run's timings (as the review's table adds them at prod's) plus <see cref="Margin"/> for a loaded machine:
/// scrape and evaluation 1s each, Prometheus's re-send 2s (an alert it stops sending lives on in Alertmanager 4 × that),
/// group_wait 3s, the all and critical channels' group_interval 3s and the warning channel's 30s (so the hold-back window
/// and the delivery alerts' wait are 36s), the heartbeat every
/// 10s and the outside check paging after a period and a grace of 10s each.
/// </summary>
public abstract class SelfWatchTests
{
    protected const int TestTimeout = 300_000;

    /// <summary>Load on a shared CI machine: added to every bound.</summary>
    protected static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    protected static readonly TimeSpan Steps = SelfWatchStack.Interval * 2;

    /// <summary>How long Alertmanager keeps an alert Prometheus stopped sending: 4 × max(re-send delay, evaluation interval).</summary>
    protected static readonly TimeSpan Expiry = 4 * SelfWatchStack.ResendDelay;

    private protected SelfWatchTests(SelfWatchStack stack, int replicas)
    {
        Stack = stack;
        Replicas = replicas;
    }

    private protected SelfWatchStack Stack { get; }

    protected int Replicas { get; }

    /// <summary>The replicas' notification lag: each later replica waits a peer timeout more.</summary>
    protected TimeSpan Lag => (Replicas - 1) * (ClusterTiming.PeerTimeout.Value / SelfWatchStack.AlertmanagerScale);

    protected TimeSpan GroupWait => Stack.Settings.Routing.TimingOf(ChannelRole.All).GroupWait.Value;

    protected TimeSpan AllInterval => Stack.Settings.Routing.TimingOf(ChannelRole.All).GroupInterval.Value;

    protected TimeSpan CriticalInterval => Stack.Settings.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Value;

    /// <summary>A channel's webhook answers an error: the all channel is told by the delivery self-alerts, and after the rotation the critical arrives and the heartbeat pings.</summary>
    protected async Task OneChannelBrokenAsync(int status, string body, CancellationToken ct)
    {
        await Stack.SettleAsync(ct);
        var t0 = Stack.Slack.Elapsed;
        Stack.Slack.Break("critical", status, body);
        Stack.Exporter.Set(SelfWatchStack.Model, 0.45m);

        SlackRequest? failed = null;
        await Stack.WaitUntilAsync(() => (failed = Stack.Slack.AllRequests.FirstOrDefault(r => r.WebhookName == "critical" && r.Elapsed > t0 && r.StatusCode == status)) is not null,
            Stack.CriticalFor + Steps + GroupWait + Lag + Margin, "the critical's first notification, refused", ct);

        // The window must first lose the channel's last success (at most a window back), then the failures must outlast
        // DeliveryFor (retried every group_interval), then a scrape and an evaluation, then the all channel's group
        // (which already holds the critical) flushes within its group_interval.
        var deliveryFor = SelfAlertRules.DeliveryFor(Stack.Settings);
        var bound = HeartbeatTiming.HoldBackWindow(Stack.Settings) + deliveryFor + Steps + AllInterval + Lag + Margin;
        SlackRequest? told = null;
        await Stack.WaitUntilAsync(() => (told = Stack.DeliveredAfter("all", failed!.Elapsed, SelfAlertRules.ChannelUndeliverable)) is not null, bound, "#ml-alerts told the critical channel is undeliverable", ct);
        new SelfWatchResult(Replicas, $"critical webhook answers {status} {body}", $"{SelfAlertRules.ChannelUndeliverable} in #ml-alerts", told!.Elapsed - t0, Stack.CriticalFor + Steps + GroupWait + bound).Report();
        Assert.Contains(SelfAlertRules.NotificationsFailing, told.Body, StringComparison.Ordinal);
        // The alert names the broken link and what to do, its templates expanded by the real Prometheus (a Slack message
        // of a big group lists only its first alerts' lines, so the text is checked at the source).
        var annotations = await Stack.AnnotationsAsync(SelfAlertRules.ChannelUndeliverable, ct);
        Assert.Contains(annotations, a => a.Summary == "No Alertmanager replica can deliver to slack receiver slack-critical" && a.Description.Contains("Check the webhook (revoked, channel archived)", StringComparison.Ordinal)
            && a.Description.Contains($"pulumi config set --secret --path slackWebhooks.critical ", StringComparison.Ordinal));
        Assert.Null(Stack.DeliveredAfter("critical", t0, SelfAlertRules.ChannelUndeliverable));

        // Whether the heartbeat pauses meanwhile is not fixed: it is held back while no Slack request succeeded within the
        // window, so it keeps pinging when another channel delivered in that window and pauses (the outside check may
        // page, which tells on-call of the broken channel too) when only the broken channel had anything to send. A CI run
        // under load saw both; the test asserts only that the pings resume once Slack delivers again.

        // Rotated: the failed critical group is tried again at its next group_interval and arrives.
        var healed = Stack.Slack.Elapsed;
        Stack.Slack.Heal();
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("critical", healed, SelfWatchStack.Model) is not null, CriticalInterval + Lag + Margin, "the critical in #ml-alerts-critical after the rotation", ct);

        // A success lifts the hold-back at the next scrape and evaluation; the heartbeat then pings within its interval.
        var delivered = Stack.Heartbeat.Elapsed;
        await Stack.WaitUntilAsync(() => Stack.Heartbeat.Pings.Any(p => p.Elapsed > delivered), Stack.HeartbeatInterval + Steps + Lag + Margin, "the heartbeat pinging after Slack delivered again", ct);
    }

    /// <summary>Every replica stops: the heartbeat stops at once; after the restart Prometheus re-sends the critical that fired meanwhile.</summary>
    protected async Task EveryReplicaDownAsync(CancellationToken ct)
    {
        await Stack.SettleAsync(ct);
        var t0 = Stack.Heartbeat.Elapsed;
        await Stack.StopAlertmanagersAsync(ct);
        Stack.Exporter.Set(SelfWatchStack.Model, 0.45m);

        var bound = Stack.OutsidePagesAfter + Margin;
        var paged = await Stack.WaitForOutsidePageAsync(bound + Margin, ct);
        new SelfWatchResult(Replicas, "every Alertmanager replica down", "outside check pages (heartbeat stopped)", paged - t0, bound).Report();
        Assert.True(paged - t0 <= bound, $"paged {paged - t0} after the stop, bound {bound}{Environment.NewLine}{Stack.Describe()}");

        var restarted = Stack.Slack.Elapsed;
        await Stack.RestartAlertmanagersAsync(ct);
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("critical", restarted, SelfWatchStack.Model) is not null,
            SelfWatchStack.ResendDelay + Steps + GroupWait + Lag + Margin + Margin, "the critical that fired while every replica was down", ct);
    }

    /// <summary>Waits for the outside check to page after <paramref name="t0"/> within <paramref name="bound"/>, and reports it.</summary>
    protected async Task<TimeSpan> OutsidePagesAsync(TimeSpan t0, TimeSpan bound, string fault, CancellationToken ct)
    {
        var paged = await Stack.WaitForOutsidePageAsync(bound + Margin, ct);
        new SelfWatchResult(Replicas, fault, "outside check pages (heartbeat stopped)", paged - t0, bound).Report();
        Assert.True(paged - t0 <= bound, $"paged {paged - t0} after the break, bound {bound}{Environment.NewLine}{Stack.Describe()}");
        return paged;
    }
}
