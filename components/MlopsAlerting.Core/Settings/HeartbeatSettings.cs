namespace MlopsAlerting.Core.Settings;

/// <summary>How often the heartbeat reaches the outside dead man's switch (<c>heartbeat.interval</c>).</summary>
/// <param name="Interval">The period of the pings; the outside check expects one per interval.</param>
public sealed record HeartbeatSettings(AlertmanagerDuration Interval)
{
    /// <summary>The default: a ping every five minutes.</summary>
    public static HeartbeatSettings Default { get; } = new(AlertmanagerDuration.Parse("5m"));
}
