namespace MlopsAlerting.Core.Settings;

/// <summary>How the stack's Grafana dashboard reaches Grafana (<c>dashboard</c>).</summary>
/// <param name="Delivery">A ConfigMap for Grafana's dashboard sidecar, a GrafanaDashboard of the grafana-operator, or none (import the JSON by hand).</param>
/// <param name="Namespace">Where the ConfigMap or GrafanaDashboard goes; empty: the stack's namespace.</param>
/// <param name="Labels">Labels on the object: the sidecar finds dashboards by them (kube-prometheus-stack: <c>grafana_dashboard: "1"</c>).</param>
/// <param name="InstanceSelector">The grafana-operator's <c>spec.instanceSelector.matchLabels</c>: the Grafana instances that load it.</param>
public sealed record DashboardSettings(
    DashboardDelivery Delivery,
    string Namespace,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> InstanceSelector)
{
    /// <summary>The sidecar's label in kube-prometheus-stack's values (<c>grafana.sidecar.dashboards.label</c> and <c>labelValue</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> SidecarLabel = new Dictionary<string, string> { ["grafana_dashboard"] = "1" };

    /// <summary>The label the grafana-operator's examples put on their Grafana instance.</summary>
    public static readonly IReadOnlyDictionary<string, string> OperatorInstance = new Dictionary<string, string> { ["dashboards"] = "grafana" };

    /// <summary>The defaults: a ConfigMap with the sidecar's label in the stack's namespace.</summary>
    public static DashboardSettings Default { get; } = new(DashboardDelivery.ConfigMap, string.Empty, SidecarLabel, OperatorInstance);

    /// <summary>The namespace the object goes to in a stack whose namespace is <paramref name="stackNamespace"/>.</summary>
    public string NamespaceIn(string stackNamespace) => Namespace.Length > 0 ? Namespace : stackNamespace;
}

/// <summary>How the dashboard is delivered.</summary>
public enum DashboardDelivery
{
    /// <summary>A ConfigMap labelled for Grafana's dashboard sidecar (kube-prometheus-stack).</summary>
    ConfigMap,

    /// <summary>A <c>grafana.integreatly.org/v1beta1</c> GrafanaDashboard for the grafana-operator.</summary>
    GrafanaOperator,

    /// <summary>Nothing in the cluster: the team imports the JSON <c>review --out</c> writes.</summary>
    None,
}

/// <summary>The keys of <see cref="DashboardDelivery"/> as stack files write them.</summary>
public static class DashboardDeliveryNames
{
    public static string Key(this DashboardDelivery delivery) => delivery switch
    {
        DashboardDelivery.GrafanaOperator => "grafanaOperator",
        DashboardDelivery.None => "none",
        _ => "configMap",
    };
}
