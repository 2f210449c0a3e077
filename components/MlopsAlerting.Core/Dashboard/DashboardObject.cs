using System.Text.Json.Nodes;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Dashboard;

/// <summary>
/// The Kubernetes object that delivers the dashboard (<c>dashboard.delivery</c>): a ConfigMap whose one key is the JSON,
/// labelled for Grafana's dashboard sidecar, or a <c>grafana.integreatly.org/v1beta1</c> GrafanaDashboard holding the
/// JSON and the instance selector; nothing for <c>none</c>. Named after the dashboard's UID, so two stacks delivering
/// to one namespace never collide. Its size does not grow with the models (they are a variable).
/// </summary>
public static class DashboardObject
{
    /// <summary>The grafana-operator's API group and version.</summary>
    public const string OperatorApiVersion = "grafana.integreatly.org/v1beta1";

    /// <summary>The grafana-operator's kind.</summary>
    public const string OperatorKind = "GrafanaDashboard";

    /// <summary>The object's name: the dashboard's UID.</summary>
    public static string Name(StackSettings settings) => DashboardUid.Of(settings);

    /// <summary>The object's namespace.</summary>
    public static string Namespace(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Dashboard.NamespaceIn(settings.Namespace);
    }

    /// <summary>The object's kind, or null for <c>none</c>.</summary>
    public static string? Kind(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Dashboard.Delivery switch
        {
            DashboardDelivery.ConfigMap => "ConfigMap",
            DashboardDelivery.GrafanaOperator => OperatorKind,
            _ => null,
        };
    }

    /// <summary>The standard labels and <c>dashboard.labels</c> over them.</summary>
    public static IReadOnlyDictionary<string, string> Labels(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var labels = new SortedDictionary<string, string>(StandardLabels.Of(settings.Stack, "dashboard").ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in settings.Dashboard.Labels)
        {
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>
    /// The GrafanaDashboard's spec: the JSON as text, the Grafana instances that load it, and
    /// <c>allowCrossNamespaceImport</c>, since the operator otherwise loads only dashboards of its Grafana's namespace.
    /// </summary>
    public static JsonObject OperatorSpec(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var matchLabels = new JsonObject();
        foreach (var (key, value) in settings.Dashboard.InstanceSelector)
        {
            matchLabels[key] = value;
        }

        return new JsonObject
        {
            ["allowCrossNamespaceImport"] = true,
            ["instanceSelector"] = new JsonObject { ["matchLabels"] = matchLabels },
            ["json"] = ModelDashboard.Render(settings),
        };
    }
}
