using MlopsAlerting.Components;
using Pulumi;

namespace MlopsAlerting.Infra;

/// <summary>
/// The stack: reads and checks the settings (a mistake stops it before any resource is registered),
/// declares the one <see cref="ModelAlerting"/> component with the explicit Kubernetes provider, and
/// exports the component's outputs as the stack's.
/// </summary>
internal static class AlertingProgram
{
    /// <summary>The component's name in the stack.</summary>
    public const string ComponentName = "mlops-alerting";

    public static IDictionary<string, object?> Run() => Run(null);

    /// <param name="shared">Options given to the component, e.g. a test's transformations.</param>
    public static IDictionary<string, object?> Run(ComponentResourceOptions? shared)
    {
        var settings = AlertingSettings.FromStackConfig();
        var options = ComponentResourceOptions.Merge(new ComponentResourceOptions { Providers = { KubernetesProvider.Create() } }, shared);
        var alerting = new ModelAlerting(ComponentName, new ModelAlertingArgs
        {
            Settings = settings,

            // Stacks deployed before the component existed hold its children at the stack's root.
            AliasFromStackRoot = true,
        }, options);
        return alerting.StackOutputs;
    }
}
