using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="AlertmanagerPodMonitor"/>.</summary>
public sealed class AlertmanagerPodMonitorArgs
{
    /// <summary>Where the PodMonitor goes (<see cref="AlertmanagerScrape.PodMonitorNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The stack's settings.</summary>
    public required StackSettings Settings { get; init; }

    /// <summary>The workload, for the path prefix.</summary>
    public required AlertmanagerWorkload Workload { get; init; }

    /// <summary>Labels of the PodMonitor (the operator's podMonitorSelector must match them: rules.labels are added).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
