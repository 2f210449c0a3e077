namespace MlopsAlerting.Core.Settings;

/// <summary>
/// How replicas of a gossiping Alertmanager cluster take turns to notify, and what that asks of a
/// route's group_interval. On every flush the replica at position p (members sorted by name) waits
/// p × <c>--cluster.peer-timeout</c> before it sends, then sends only what the gossiped notification
/// log does not already hold. A lagging replica sends the group as it was at its own flush, so if the
/// first replica has already told a newer state of the group (a resolve, an added critical that mutes a
/// warning) within that lag, the lagging one re-sends the stale one.
/// </summary>
public static class ClusterTiming
{
    /// <summary>
    /// <c>--cluster.peer-timeout</c> of every replica. Inside a cluster the notification log of the first
    /// replica reaches the others within one gossip interval (200 ms) of Slack's answer, and Slack's
    /// webhook answers within about a second; 5 s covers a slow answer several times over. Alertmanager's
    /// default of 15 s would push the minimum safe group_interval of three replicas to 60 s and delay the
    /// fallback when the first replica is gone by 15 s per replica ahead of the sender.
    /// </summary>
    public static readonly AlertmanagerDuration PeerTimeout = AlertmanagerDuration.Parse("5s");

    /// <summary>How long after a flush the last of <paramref name="replicas"/> replicas sends: (replicas − 1) × peer timeout.</summary>
    public static TimeSpan Lag(int replicas) => Math.Max(0, replicas - 1) * PeerTimeout.Value;

    /// <summary>
    /// The shortest group_interval accepted: twice the lag, so that a lagging replica never sends a view a whole flush
    /// older than the first one's. It does not rule out stale re-sends. Replicas whose group timers run in phase (they
    /// saw the group start together) flush milliseconds apart, and Prometheus sends its changes at evaluations, which
    /// fall on those flushes; a change that reaches one replica before its flush and another after is told by the first
    /// and re-sent stale by the later one (prometheus/alertmanager#4008). After a rollout a fresh replica's timers start
    /// when its start delay ends, out of phase with the others', and a change between two replicas' flushes is re-sent
    /// stale whatever the interval (prometheus/alertmanager#3551). docs/latency-and-ha.md gives the measured rates per
    /// resolve (benchmarks/stale-resends.sh). Zero for one replica.
    /// </summary>
    public static TimeSpan MinimumGroupInterval(int replicas) => 2 * Lag(replicas);
}
