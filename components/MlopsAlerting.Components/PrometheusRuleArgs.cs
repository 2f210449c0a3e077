using System.Collections.Immutable;
using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;

namespace MlopsAlerting.Components;

/// <summary>A <c>monitoring.coreos.com/v1</c> <c>PrometheusRule</c> of the Prometheus operator, as a generic custom resource.</summary>
public sealed class PrometheusRuleArgs : CustomResourceArgs
{
    public const string Group = "monitoring.coreos.com/v1";
    public const string KindName = "PrometheusRule";

    public PrometheusRuleArgs()
        : base(Group, KindName)
    {
    }

    /// <summary>The spec: <c>groups</c> of rules, as the operator's CRD reads them.</summary>
    [Input("spec")]
    public Input<ImmutableDictionary<string, object>>? Spec { get; set; }
}
