using MlopsAlerting.Core.Rendering;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="AlertmanagerConfiguration"/>.</summary>
public sealed class AlertmanagerConfigurationArgs
{
    /// <summary>The namespace (an output of <see cref="MonitoringNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The files the core rendered for the stack; the ConfigMap holds exactly these bytes.</summary>
    public required RenderedConfiguration Rendered { get; init; }

    /// <summary>Labels of the ConfigMap.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
