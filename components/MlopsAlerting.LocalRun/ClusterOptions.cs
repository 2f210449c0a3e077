namespace MlopsAlerting.LocalRun;

/// <summary>
/// Turns on Alertmanager's high-availability cluster (gossip) for a <see cref="LocalAlertmanager"/>.
/// It listens and advertises on <c>127.0.0.1:&lt;port&gt;</c>, a port free for both TCP and UDP.
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>The cluster port to use; null (the default) picks a free one with <see cref="FreePort.NextTcpAndUdp"/>.</summary>
    public int? Port { get; init; }

    /// <summary>Peers to join, as <c>host:port</c> (for example another instance's <c>127.0.0.1:&lt;ClusterPort&gt;</c>); one <c>--cluster.peer</c> each.</summary>
    public IReadOnlyList<string> Peers { get; init; } = [];

    /// <summary><c>--cluster.gossip-interval</c>; null keeps Alertmanager's default (200ms).</summary>
    public TimeSpan? GossipInterval { get; init; }

    /// <summary><c>--cluster.pushpull-interval</c>; null keeps Alertmanager's default (1m).</summary>
    public TimeSpan? PushPullInterval { get; init; }

    /// <summary><c>--cluster.settle-timeout</c>; null keeps Alertmanager's default (1m).</summary>
    public TimeSpan? SettleTimeout { get; init; }

    /// <summary>The <c>--cluster.advertise-address</c>, e.g. the pod's bracketed form <c>[127.0.0.1]:PORT</c>; default <c>127.0.0.1:PORT</c>.</summary>
    public string? AdvertiseAddress { get; init; }
}
