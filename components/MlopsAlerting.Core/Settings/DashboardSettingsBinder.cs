using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>dashboard</c>: how the stack's Grafana dashboard is delivered, where, and with which labels.</summary>
internal static class DashboardSettingsBinder
{
    public static DashboardSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var deliveryText = ctx.String(map?["delivery"], "dashboard.delivery");
        DashboardDelivery? delivery = deliveryText switch
        {
            null => null,
            "configMap" => DashboardDelivery.ConfigMap,
            "grafanaOperator" => DashboardDelivery.GrafanaOperator,
            "none" => DashboardDelivery.None,
            _ => ctx.Invalid<DashboardDelivery?>("dashboard.delivery", $"'{deliveryText}' is not a way to deliver the dashboard", "write configMap (Grafana's dashboard sidecar, as in kube-prometheus-stack), grafanaOperator (a GrafanaDashboard) or none (import the JSON that `review --out` writes)", map?["delivery"]),
        };

        var ns = ctx.String(map?["namespace"], "dashboard.namespace");
        if (ns is { Length: > 0 } && (ns.Length > 63 || !SettingsRules.DnsLabel().IsMatch(ns)))
        {
            ctx.Error("dashboard.namespace", $"'{ns}' is not a Kubernetes namespace", "use lower-case letters, digits and '-', e.g. the namespace Grafana runs in (monitoring), or leave it empty for the stack's namespace", map?["namespace"]);
            ns = null;
        }

        var labels = Labels(ctx, map, "labels", DashboardSettings.SidecarLabel, "the sidecar's label, e.g. `grafana_dashboard: \"1\"`");
        var selector = Labels(ctx, map, "instanceSelector", DashboardSettings.OperatorInstance, "the labels of your Grafana resource, e.g. `dashboards: grafana`");
        if (delivery == DashboardDelivery.ConfigMap && labels is { Count: 0 })
        {
            ctx.Error("dashboard.labels", "is empty, so Grafana's dashboard sidecar would never find the ConfigMap", "set the label the sidecar watches (kube-prometheus-stack: `grafana_dashboard: \"1\"`), or set dashboard.delivery to none", map?["labels"] ?? map);
            labels = null;
        }

        if (delivery == DashboardDelivery.GrafanaOperator && selector is { Count: 0 })
        {
            ctx.Error("dashboard.instanceSelector", "is empty, so no Grafana instance of the grafana-operator would load the dashboard", "set the labels of your Grafana resource, e.g. `dashboards: grafana`", map?["instanceSelector"] ?? map);
            selector = null;
        }

        return delivery is null || ns is null || labels is null || selector is null
            ? null
            : new DashboardSettings(delivery.Value, ns, labels, selector);
    }

    private static IReadOnlyDictionary<string, string>? Labels(BindingContext ctx, MapNode? map, string key, IReadOnlyDictionary<string, string> fallback, string example)
    {
        var path = $"dashboard.{key}";
        if (map?[key] is null)
        {
            return fallback;
        }

        var labels = ctx.StringMap(map[key], path);
        foreach (var (name, value) in labels ?? new Dictionary<string, string>())
        {
            if (!SettingsRules.KubernetesLabelKey().IsMatch(name) || name.Length > 316 || value.Length > 63 || !SettingsRules.KubernetesLabelValue().IsMatch(value))
            {
                ctx.Error($"{path}.{name}", $"'{name}: {value}' is not a Kubernetes label", $"write {example} (letters, digits, '-', '_', '.'; an optional DNS prefix and '/')", map[key]);
                return null;
            }
        }

        return labels;
    }
}
