namespace MlopsAlerting.Chain.Tests;

/// <summary>What a <see cref="ChainScenario"/> run saw.</summary>
/// <param name="Messages">The message each step caused in each channel it belongs to, first one each.</param>
/// <param name="FiringAlerts">The labels of the alerts Prometheus had firing at 0.45.</param>
/// <param name="ChangedAt">When each step changed the exporter's value, on the stand-in's clock.</param>
internal sealed record ChainRun(
    IReadOnlyList<ChainMessage> Messages,
    IReadOnlyList<IReadOnlyDictionary<string, string>> FiringAlerts,
    IReadOnlyDictionary<string, TimeSpan> ChangedAt);
