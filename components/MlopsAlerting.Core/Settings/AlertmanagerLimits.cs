namespace MlopsAlerting.Core.Settings;

/// <summary>Limits of Alertmanager and Kubernetes that settings must stay within.</summary>
public static class AlertmanagerLimits
{
    /// <summary>
    /// Alertmanager's <c>--data.retention</c>: how long it keeps its notification log and silences.
    /// The Deployment does not set the flag, so this is Alertmanager's default. A repeat interval
    /// longer than it repeats at the retention instead (the log entry is gone).
    /// </summary>
    public static readonly AlertmanagerDuration DataRetention = AlertmanagerDuration.Parse("120h");

    /// <summary>Bytes of data a Kubernetes ConfigMap holds (the API server rejects more).</summary>
    public const int ConfigMapMaxBytes = 1024 * 1024;
}
