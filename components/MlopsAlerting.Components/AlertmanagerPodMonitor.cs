using System.Collections.Immutable;
using MlopsAlerting.Core.Workload;
using Pulumi;
using CustomResource = Pulumi.Kubernetes.ApiExtensions.CustomResource;

namespace MlopsAlerting.Components;

/// <summary>
/// For a cluster run by the Prometheus operator (<c>rules.target: prometheusRule</c>): the PodMonitor that makes its
/// Prometheus scrape every Alertmanager replica, as the snippet's scrape job does for a plain Prometheus, so that the
/// self-alerts see Alertmanager's metrics. The spec is the core's <see cref="AlertmanagerScrape.PodMonitorSpec"/>.
/// </summary>
public sealed class AlertmanagerPodMonitor : ComponentResource
{
    public AlertmanagerPodMonitor(string name, AlertmanagerPodMonitorArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.AlertmanagerPodMonitor, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var monitor = new CustomResource(name, new PodMonitorArgs
        {
            Metadata = ObjectMetadata.Of(AlertmanagerScrape.PodMonitorName(args.Settings), args.Namespace, args.Labels),
            Spec = Freeze(AlertmanagerScrape.PodMonitorSpec(args.Settings, args.Workload)),
        }, new CustomResourceOptions { Parent = this });
        ObjectName = monitor.Metadata.Apply(m => m.Name);
        RegisterOutputs(new Dictionary<string, object?> { ["name"] = ObjectName });
    }

    /// <summary>The PodMonitor's name.</summary>
    public Output<string> ObjectName { get; }

    /// <summary>The spec as the Pulumi engine serialises it: immutable maps and lists of plain values.</summary>
    public static ImmutableDictionary<string, object> Freeze(IReadOnlyDictionary<string, object> map) =>
        map.ToImmutableDictionary(e => e.Key, e => Value(e.Value));

    private static object Value(object value) => value switch
    {
        IReadOnlyDictionary<string, object> map => Freeze(map),
        IReadOnlyDictionary<string, string> map => map.ToImmutableDictionary(e => e.Key, e => (object)e.Value),
        string text => text,
        System.Collections.IEnumerable list => list.Cast<object>().Select(Value).ToImmutableArray(),
        _ => value,
    };
}
