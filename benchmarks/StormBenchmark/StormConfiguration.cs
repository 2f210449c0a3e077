using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>One Alertmanager configuration under test.</summary>
/// <param name="Name">Its short name in the tables.</param>
/// <param name="Description">What it is, with its grouping and timings.</param>
/// <param name="GroupWait">Its <c>group_wait</c>.</param>
/// <param name="Write">Writes its files into a folder, pointing its webhooks at the stand-in; returns the alertmanager.yml path.</param>
/// <param name="GroupInterval">The group_interval of its critical route (the delay of a new alert joining a notified group).</param>
/// <param name="Replicas">Alertmanagers it runs on: more than one form a gossip cluster (<see cref="PeerTimeout"/>), every alert posted to each.</param>
/// <param name="PeerTimeout"><c>--cluster.peer-timeout</c> of a cluster.</param>
internal sealed record StormConfiguration(
    string Name,
    string Description,
    TimeSpan GroupWait,
    Func<SlackStandIn, string, Task<string>> Write,
    TimeSpan GroupInterval = default,
    int Replicas = 1,
    TimeSpan PeerTimeout = default);
