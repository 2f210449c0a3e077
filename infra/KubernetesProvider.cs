using MlopsAlerting.Components;
using MlopsAlerting.Core.Workload;
using Provider = Pulumi.Kubernetes.Provider;

namespace MlopsAlerting.Infra;

/// <summary>
/// The explicit Kubernetes provider of every object, with mutable ConfigMap and Secret data
/// (<see cref="KubernetesProviderOptions"/>). It is given the <c>kubernetes:</c> stack settings the
/// default provider would have read, so switching to it moves no object to another cluster.
/// </summary>
internal static class KubernetesProvider
{
    public static Provider Create()
    {
        var config = new Pulumi.Config("kubernetes");
        var args = AlertingKubernetesProvider.Args();
        if (config.GetSecret("kubeconfig") is { } kubeconfig)
        {
            args.KubeConfig = kubeconfig;
        }

        if (config.Get("context") is { } context)
        {
            args.Context = context;
        }

        if (config.Get("cluster") is { } cluster)
        {
            args.Cluster = cluster;
        }

        return new Provider(KubernetesProviderOptions.ResourceName, args);
    }
}
