namespace MlopsAlerting.Core.Settings;

/// <summary>Grouping and timing of notifications, and what inhibition compares.</summary>
public sealed record RoutingSettings(
    IReadOnlyList<string> GroupBy,
    AlertmanagerDuration GroupWait,
    AlertmanagerDuration GroupInterval,
    AlertmanagerDuration RepeatInterval,
    AlertmanagerDuration ResolveTimeout,
    IReadOnlyList<string> InhibitEqual);
