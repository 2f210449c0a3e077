using MlopsAlerting.Core.Workload;
using Pulumi.Kubernetes;

namespace MlopsAlerting.Components;

/// <summary>
/// The Kubernetes provider settings <see cref="ModelAlerting"/> is meant to run with: ConfigMaps and
/// Secrets updated in place rather than replaced (<see cref="KubernetesProviderOptions"/> says why a
/// replacement leaves a gap in which a starting pod cannot mount its files).
/// </summary>
public static class AlertingKubernetesProvider
{
    /// <summary>The given provider arguments (cluster, kubeconfig, context) with both in-place updates on.</summary>
    public static ProviderArgs Args(ProviderArgs? args = null)
    {
        args ??= new ProviderArgs();
        args.EnableConfigMapMutable = KubernetesProviderOptions.EnableConfigMapMutable;
        args.EnableSecretMutable = KubernetesProviderOptions.EnableSecretMutable;
        return args;
    }
}
