using System.Collections.Immutable;
using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;

namespace MlopsAlerting.Components;

/// <summary>A <c>monitoring.coreos.com/v1</c> <c>PodMonitor</c> of the Prometheus operator, as a generic custom resource.</summary>
public sealed class PodMonitorArgs : CustomResourceArgs
{
    public const string KindName = "PodMonitor";

    public PodMonitorArgs()
        : base(PrometheusRuleArgs.Group, KindName)
    {
    }

    /// <summary>The spec: selector, namespaceSelector and podMetricsEndpoints, as the operator's CRD reads them.</summary>
    [Input("spec")]
    public Input<ImmutableDictionary<string, object>>? Spec { get; set; }
}
