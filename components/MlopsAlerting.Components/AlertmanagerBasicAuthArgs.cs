using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="AlertmanagerBasicAuth"/>.</summary>
public sealed class AlertmanagerBasicAuthArgs
{
    /// <summary>The namespace (an output of <see cref="MonitoringNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The user name (setting <c>access.basicAuth.username</c>).</summary>
    public required string Username { get; init; }

    /// <summary>Labels of the Secret.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
