using MlopsAlerting.Core.Settings;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="ModelAlertingDashboard"/>.</summary>
public sealed class ModelAlertingDashboardArgs
{
    /// <summary>The namespace of the object (an output of <see cref="MonitoringNamespace"/> when it is the stack's).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The stack, from which the dashboard and its object are generated.</summary>
    public required StackSettings Settings { get; init; }
}
