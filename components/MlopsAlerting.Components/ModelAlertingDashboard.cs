using System.Collections.Immutable;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Settings;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using ConfigMap = Pulumi.Kubernetes.Core.V1.ConfigMap;
using CustomResource = Pulumi.Kubernetes.ApiExtensions.CustomResource;

namespace MlopsAlerting.Components;

/// <summary>
/// The stack's Grafana dashboard (<see cref="ModelDashboard"/>), delivered as <c>dashboard.delivery</c> says
/// (<see cref="DashboardObject"/>): a ConfigMap labelled for Grafana's dashboard sidecar, or a GrafanaDashboard for the
/// grafana-operator. Declared only when the stack delivers one.
/// </summary>
public sealed class ModelAlertingDashboard : ComponentResource
{
    public ModelAlertingDashboard(string name, ModelAlertingDashboardArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.ModelAlertingDashboard, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Settings;
        var metadata = ObjectMetadata.Of(DashboardObject.Name(settings), args.Namespace, DashboardObject.Labels(settings));
        var child = new CustomResourceOptions { Parent = this };
        Kind = DashboardObject.Kind(settings) ?? throw new ArgumentException("dashboard.delivery is none: nothing to declare", nameof(args));
        if (settings.Dashboard.Delivery == DashboardDelivery.GrafanaOperator)
        {
            var spec = DashboardObject.OperatorSpec(settings);
            var dashboard = new CustomResource(name, new GrafanaDashboardArgs
            {
                Metadata = metadata,
                Spec = ImmutableDictionary<string, object>.Empty
                    .Add("allowCrossNamespaceImport", true)
                    .Add("instanceSelector", ImmutableDictionary<string, object>.Empty.Add("matchLabels", settings.Dashboard.InstanceSelector.ToImmutableDictionary(l => l.Key, l => (object)l.Value)))
                    .Add("json", spec["json"]!.GetValue<string>()),
            }, child);
            ObjectName = dashboard.Metadata.Apply(m => m.Name);
        }
        else
        {
            var configMap = new ConfigMap(name, new ConfigMapArgs
            {
                Metadata = metadata,
                Data = { { ModelDashboard.FileName, ModelDashboard.Render(settings) } },
            }, child);
            ObjectName = configMap.Metadata.Apply(m => m.Name);
        }

        RegisterOutputs(new Dictionary<string, object?> { ["kind"] = Kind, ["name"] = ObjectName });
    }

    /// <summary><c>ConfigMap</c> or <c>GrafanaDashboard</c>.</summary>
    public string Kind { get; }

    /// <summary>The object's name.</summary>
    public Output<string> ObjectName { get; }
}
