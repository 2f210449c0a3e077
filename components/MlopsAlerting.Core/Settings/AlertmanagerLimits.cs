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

    /// <summary>Bytes of data a Kubernetes Secret holds (the API server rejects more).</summary>
    public const int SecretMaxBytes = 1024 * 1024;

    /// <summary>
    /// Bytes of one object etcd stores (its default <c>--max-request-bytes</c>, 1.5 MiB): a custom resource such as a
    /// PrometheusRule has no 1 MiB data limit of its own, but the whole object must pass etcd.
    /// </summary>
    public const int EtcdObjectMaxBytes = 1536 * 1024;
}
