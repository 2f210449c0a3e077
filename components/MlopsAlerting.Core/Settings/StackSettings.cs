namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Everything a stack decides, validated. Built by <see cref="SettingsBinder"/> from a stack file or
/// from the Pulumi engine's configuration; both paths give equal settings for equal input.
/// </summary>
public sealed record StackSettings(
    string Stack,
    string Namespace,
    string Environment,
    AlertmanagerSettings Alertmanager,
    RoutingSettings Routing,
    SlackSettings Slack,
    SlackWebhooks SlackWebhooks,
    AccessSettings Access,
    RuleSettings Rules,
    IReadOnlyList<ModelSettings> Models,
    ClusterSettings Cluster,
    SlackBotToken SlackBotToken)
{
    /// <summary>The heartbeat's timing (<c>heartbeat</c>).</summary>
    public HeartbeatSettings Heartbeat { get; init; } = HeartbeatSettings.Default;

    /// <summary>The outside dead man's switch (<c>heartbeatUrl</c>); missing means nothing outside watches the alerting.</summary>
    public HeartbeatUrl HeartbeatUrl { get; init; } = HeartbeatUrl.Missing;
    /// <summary>The timings of the Prometheus that sends the alerts (<c>prometheus</c>): they decide the start delay.</summary>
    public PrometheusTimings Prometheus { get; init; } = PrometheusTimings.Default;

    /// <summary>How objects another tool wrote are taken over (<c>migration</c>).</summary>
    public MigrationSettings Migration { get; init; } = MigrationSettings.Default;

    /// <summary>How the stack's Grafana dashboard is delivered (<c>dashboard</c>).</summary>
    public DashboardSettings Dashboard { get; init; } = DashboardSettings.Default;
}
