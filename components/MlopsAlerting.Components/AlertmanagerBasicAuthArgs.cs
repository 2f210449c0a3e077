using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="AlertmanagerBasicAuth"/>.</summary>
public sealed class AlertmanagerBasicAuthArgs
{
    /// <summary>The namespace (an output of <see cref="MonitoringNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The user name (setting <c>access.basicAuth.username</c>).</summary>
    public required string Username { get; init; }

    /// <summary>Prometheus's namespace, where the Secret for Prometheus goes (setting <c>access.basicAuth.prometheusSecret.namespace</c>).</summary>
    public required Input<string> PrometheusNamespace { get; init; }

    /// <summary>The name of the Secret for Prometheus (setting <c>access.basicAuth.prometheusSecret.name</c>).</summary>
    public required string PrometheusSecretName { get; init; }

    /// <summary>Labels of the Secrets.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
