namespace MlopsAlerting.Chain.Tests;

/// <summary>When a replica counts as Ready, for the disruption budget a drain asks before each eviction.</summary>
internal enum ReadinessRule
{
    /// <summary>
    /// The rule before issue 24: the readiness probe ran 5 s after the container started and passed once the gossip
    /// had settled (about 10 s), while the replica still held its notifications for the start delay.
    /// </summary>
    GossipSettled,

    /// <summary>The program's rule: the probe runs first the start delay and a margin after the container started, and passes once the gossip settled.</summary>
    StartDelayPassed,
}
