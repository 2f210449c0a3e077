using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="AlertmanagerNetworkPolicy"/>.</summary>
public sealed class AlertmanagerNetworkPolicyArgs
{
    /// <summary>The namespace (an output of <see cref="MonitoringNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The rules the core decided.</summary>
    public required NetworkPolicyRules Rules { get; init; }

    /// <summary>Labels of the policy.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
