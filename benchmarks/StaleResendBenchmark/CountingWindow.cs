namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>A stretch of a lane's run whose changes are judged, and how its replicas' group timers got their phases.</summary>
/// <param name="Mode">One of <see cref="Lane.Modes"/>.</param>
/// <param name="Name">The lane and, after a rollout, which one.</param>
/// <param name="From">Start, on the Slack stand-in's clock.</param>
/// <param name="To">End.</param>
/// <param name="PhasesSince">When the timers took the phases they keep in the window; null when each group starts with its own fire.</param>
internal sealed record CountingWindow(string Mode, string Name, TimeSpan From, TimeSpan To, TimeSpan? PhasesSince);
