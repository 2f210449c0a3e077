using System.Collections.Immutable;
using MlopsAlerting.Core.Dashboard;
using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;

namespace MlopsAlerting.Components;

/// <summary>A <c>grafana.integreatly.org/v1beta1</c> <c>GrafanaDashboard</c> of the grafana-operator, as a generic custom resource.</summary>
public sealed class GrafanaDashboardArgs : CustomResourceArgs
{
    public GrafanaDashboardArgs()
        : base(DashboardObject.OperatorApiVersion, DashboardObject.OperatorKind)
    {
    }

    /// <summary>The spec: <c>json</c>, <c>instanceSelector</c> and <c>allowCrossNamespaceImport</c>.</summary>
    [Input("spec")]
    public Input<ImmutableDictionary<string, object>>? Spec { get; set; }
}
