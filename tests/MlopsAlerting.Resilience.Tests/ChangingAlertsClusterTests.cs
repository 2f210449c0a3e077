using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// The prod stack on three real clustered Alertmanagers while its alerts change within a few
/// group intervals: warnings fire, a critical mutes one of them, another critical fires and resolves,
/// a third arrives. Timings are prod's divided by five (group_wait 6 s, the all and critical channels'
/// group_interval 6 s, the warning channel's 60 s, peer timeout 1 s): the ratio of group_interval to
/// the cluster's notification lag is prod's (30 s against 2 × 5 s). Every change is posted 1.5 s or more away from a
/// flush, so each replica's flush sees it or not alike: this guards the lag bound, not the race of a change that
/// reaches the replicas between their flushes of one tick (prometheus/alertmanager#4008), which
/// benchmarks/stale-resends.sh measures.
/// </summary>
public sealed class ChangingAlertsClusterTests
{
    private const string Alertname = "ModelPerformanceDegraded";

    /// <summary>Prod's <c>--cluster.peer-timeout</c> divided by five, like every other timing here.</summary>
    private static readonly TimeSpan ScaledPeerTimeout = ClusterTiming.PeerTimeout.Value / 5;

    [Fact(Timeout = 120_000)]
    public async Task Every_change_reaches_each_channel_exactly_once_with_no_muted_warning_and_nothing_after_its_resolve()
    {
        var notifications = await RunAsync(ScaledPeerTimeout, "safe", TestContext.Current.CancellationToken);

        // Exactly once: a lagging replica re-sending would repeat a state already told on that channel.
        foreach (var channel in notifications.GroupBy(n => n.Webhook))
        {
            var repeated = channel.GroupBy(n => n.State).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            Assert.True(repeated.Length == 0, $"{channel.Key} got the same notification more than once: {string.Join("; ", repeated)}");
        }

        // No muted warning anywhere once its model's critical is told.
        var criticalToldAt = notifications.Where(n => n.Firing.Contains("cl-alpha/critical")).Min(n => n.At);
        Assert.DoesNotContain(notifications, n => n.At >= criticalToldAt && n.Firing.Contains("cl-alpha/warning"));

        // Nothing after its resolve, per channel.
        foreach (var webhook in new[] { "all", "critical" })
        {
            var resolvedAt = Assert.Single(notifications, n => n.Webhook == webhook && n.Resolved.Contains("cl-charlie/critical")).At;
            Assert.DoesNotContain(notifications, n => n.Webhook == webhook && n.At > resolvedAt && n.Firing.Contains("cl-charlie/critical"));
        }

        // And everything arrived where it belongs.
        foreach (var (webhook, alert) in new[]
        {
            ("all", "cl-alpha/warning"), ("warning", "cl-alpha/warning"), ("all", "cl-bravo/warning"), ("warning", "cl-bravo/warning"),
            ("all", "cl-alpha/critical"), ("critical", "cl-alpha/critical"), ("all", "cl-charlie/critical"), ("critical", "cl-charlie/critical"),
            ("all", "cl-delta/critical"), ("critical", "cl-delta/critical"),
        })
        {
            Assert.Contains(notifications, n => n.Webhook == webhook && n.Firing.Contains(alert));
        }
    }

    /// <summary>
    /// The same run with the peer timeout five times longer (the lag of the last replica, 10 s, above the
    /// 6 s group_interval): the review refuses this, and on the real cluster a lagging replica re-sends
    /// stale states. Shows that the test above can see what it guards against.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task With_a_group_interval_under_the_replicas_lag_a_lagging_replica_resends_stale_states()
    {
        var notifications = await RunAsync(ScaledPeerTimeout * 5, "unsafe", TestContext.Current.CancellationToken);

        var repeats = notifications.GroupBy(n => (n.Webhook, n.State)).Count(g => g.Count() > 1);
        Assert.True(repeats > 0, "expected a lagging replica to re-send a state already told; every state came once");
    }

    /// <summary>Runs the changing alerts on a fresh cluster and returns every delivered notification naming them.</summary>
    private static async Task<IReadOnlyList<ClusterNotification>> RunAsync(TimeSpan peerTimeout, string label, CancellationToken testCancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(testCancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(110));
        var ct = deadline.Token;
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "6s", "60s", channelDefaults: true);
        await using var cluster = await ThreeReplicaCluster.StartAsync(binary, stack.ConfigFile, ct, peerTimeout: peerTimeout);
        var interval = stack.Settings.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Value;
        Output($"{label}: group_wait {stack.GroupWait.TotalSeconds:F0}s, all/critical group_interval {interval.TotalSeconds:F0}s, "
            + $"warning group_interval {stack.Settings.Routing.TimingOf(ChannelRole.Warning).GroupInterval.Value.TotalSeconds:F0}s, peer timeout {peerTimeout.TotalSeconds:F1}s (last replica's lag {2 * peerTimeout.TotalSeconds:F1}s)");

        var start = slack.Elapsed;
        var warningAlpha = Alert("warning", "cl-alpha");
        var criticalCharlie = Alert("critical", "cl-charlie");
        await cluster.PostToRunningAsync([warningAlpha, Alert("warning", "cl-bravo")], ct);
        await At(slack, start, 9, ct);
        await cluster.PostToRunningAsync([Alert("critical", "cl-alpha"), criticalCharlie], ct);
        await At(slack, start, 16.5, ct);
        await cluster.PostToRunningAsync([criticalCharlie.Resolved()], ct);
        await At(slack, start, 22.5, ct);
        await cluster.PostToRunningAsync([Alert("critical", "cl-delta")], ct);

        // Until every replica has had its turn on the last flush that can carry a change, and one flush more.
        await At(slack, start, 22.5 + (2 * interval.TotalSeconds) + (2 * peerTimeout.TotalSeconds) + 2, ct);
        var notifications = slack.AllRequests
            .Where(r => r.IsDelivered && SlackMessageModels.Names(r, "cl-alpha") | SlackMessageModels.Names(r, "cl-bravo") | SlackMessageModels.Names(r, "cl-charlie") | SlackMessageModels.Names(r, "cl-delta"))
            .Select(r => ClusterNotification.From(r, start, cluster))
            .ToArray();
        foreach (var notification in notifications)
        {
            Output("  " + notification);
        }

        return notifications;
    }

    private static PostableAlert Alert(string severity, string model) => GuideAlerts.ModelPerformanceDegraded(severity, model, mae: severity == "critical" ? "0.45" : "0.35", threshold: severity == "critical" ? "0.40" : "0.30");

    private static async Task At(SlackStandIn slack, TimeSpan start, double seconds, CancellationToken cancellationToken)
    {
        var wait = start + TimeSpan.FromSeconds(seconds) - slack.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
