using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="ModelAlerting"/>.</summary>
public sealed class ModelAlertingArgs
{
    /// <summary>
    /// The validated settings: from the stack's <c>mlops-alerting:</c> keys (<see cref="AlertingSettings.FromStackConfig"/>)
    /// or from values the program holds (<see cref="AlertingSettings.FromValues"/>). Both run the same checks
    /// as <c>tools/review</c>, so a mistake stops the program before any resource is registered.
    /// </summary>
    public required StackSettings Settings { get; init; }

    /// <summary>
    /// Put before every child's name (e.g. <c>eu-</c> gives <c>eu-alertmanager</c>). Empty by default: the
    /// children carry the names of the <c>mlops-alerting</c> stack. Pulumi names have no namespace, so a
    /// program that declares the alerting twice gives each a different prefix (the namespaces must differ too).
    /// </summary>
    public string NamePrefix { get; init; } = string.Empty;

    /// <summary>
    /// True for a stack deployed before this component existed, when its components were the stack's own
    /// top-level resources: each keeps its state through an alias instead of being replaced (a replaced
    /// Deployment restarts every replica; a replaced password breaks Prometheus' basic auth for a while).
    /// </summary>
    public bool AliasFromStackRoot { get; init; }
}
