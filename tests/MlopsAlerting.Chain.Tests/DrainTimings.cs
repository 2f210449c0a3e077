using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The prod stack's timings for a drain, every one divided by <see cref="Scale"/>: the start delay 150 s → 30 s, the
/// readiness probe's initial delay 155 s → 31 s (5 s → 1 s before issue 24), the critical channel's group_wait
/// 30 s → 6 s, the peer timeout 5 s → 1 s. The replicas gossip as in the other cluster tests (settle timeout 2 s), which
/// stands for prod's settling of about 8 to 10 s: the start delay is then 15 times the settling, as in prod, and that ratio
/// decides how far ahead of the start delays a drain counting settled replicas runs.
/// </summary>
/// <param name="StartDelay"><c>--dispatch.start-delay</c> of every replica.</param>
/// <param name="ReadinessDelay">The readiness probe's initial delay the program sets.</param>
/// <param name="GossipReadinessDelay">The readiness probe's initial delay before issue 24.</param>
/// <param name="GroupWait">The critical channel's group_wait.</param>
/// <param name="PeerTimeout"><c>--cluster.peer-timeout</c> of every replica.</param>
internal sealed record DrainTimings(TimeSpan StartDelay, TimeSpan ReadinessDelay, TimeSpan GossipReadinessDelay, TimeSpan GroupWait, TimeSpan PeerTimeout)
{
    /// <summary>Prod's durations divided by this.</summary>
    public const int Scale = 5;

    /// <summary>The replicas of the prod stack.</summary>
    public const int Replicas = 3;

    /// <summary>
    /// What a first notification may take beyond group_wait and the lag: the post to each replica, the flush and the
    /// stand-in's answer on loopback take milliseconds; 3 s leaves room for a loaded machine and stays far under the
    /// start delay the bound must exclude (a notification held by it comes 20 s and more later).
    /// </summary>
    public static readonly TimeSpan DeliveryMargin = TimeSpan.FromSeconds(3);

    /// <summary>The readiness probe's initial delay before issue 24, for a clustered replica.</summary>
    private static readonly TimeSpan FormerReadinessDelay = TimeSpan.FromSeconds(5);

    /// <summary>The last replica in the notification order sends this long after the first: (replicas − 1) × peer timeout.</summary>
    public TimeSpan Lag => (Replicas - 1) * PeerTimeout;

    /// <summary>How soon a new critical reaches Slack while a replica notifies: group_wait, the lag and the margin.</summary>
    public TimeSpan NotifyBound => GroupWait + Lag + DeliveryMargin;

    /// <summary>The probe's initial delay a rule waits before a replica can be ready.</summary>
    public TimeSpan ReadinessDelayOf(ReadinessRule rule) => rule == ReadinessRule.StartDelayPassed ? ReadinessDelay : GossipReadinessDelay;

    /// <summary>The timings of <paramref name="prod"/>, scaled.</summary>
    public static DrainTimings Of(StackSettings prod)
    {
        ArgumentNullException.ThrowIfNull(prod);
        var workload = AlertmanagerWorkload.From(prod);
        Assert.Equal(Replicas, workload.Replicas);
        return new DrainTimings(
            prod.Prometheus.StartDelay / Scale,
            TimeSpan.FromSeconds(workload.Readiness.InitialDelaySeconds) / Scale,
            FormerReadinessDelay / Scale,
            prod.Routing.TimingOf(ChannelRole.Critical).GroupWait.Value / Scale,
            ClusterTiming.PeerTimeout.Value / Scale);
    }
}
