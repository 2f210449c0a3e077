namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>One time a model's critical fired in Prometheus, as sampled: it began shortly before <paramref name="FirstSeen"/> and resolved shortly after <paramref name="LastSeen"/>.</summary>
/// <param name="FirstSeen">The first sample that saw it firing.</param>
/// <param name="LastSeen">The last sample that saw it firing.</param>
internal sealed record FiringSpell(TimeSpan FirstSeen, TimeSpan LastSeen);
