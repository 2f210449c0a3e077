namespace MlopsAlerting.Chain.Tests;

/// <summary>What a drain of every node did, as on-call would notice it.</summary>
/// <param name="Timings">The scaled timings it ran with.</param>
/// <param name="FewestNotifying">The fewest replicas past their start delay at any moment of the drain (at each eviction and when the critical was posted).</param>
/// <param name="NotifyingWhenPosted">Replicas past their start delay right after the last eviction, when the critical was posted.</param>
/// <param name="RunningWhenPosted">Replicas running then, the last replacement included.</param>
/// <param name="CriticalAfter">From the post of the critical to its first message in the critical channel.</param>
internal sealed record DrainOutcome(DrainTimings Timings, int FewestNotifying, int NotifyingWhenPosted, int RunningWhenPosted, TimeSpan CriticalAfter);
