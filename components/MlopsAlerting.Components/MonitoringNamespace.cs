using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Namespace = Pulumi.Kubernetes.Core.V1.Namespace;

namespace MlopsAlerting.Components;

/// <summary>
/// The namespace Alertmanager lives in, with the standard labels.
/// <para>
/// It is kept on <c>pulumi destroy</c> (<c>RetainOnDelete</c>): a monitoring namespace is commonly
/// shared with Prometheus, and deleting a namespace deletes everything in it. The stack's own
/// objects are still deleted one by one; remove an empty namespace with <c>kubectl delete namespace</c>.
/// </para>
/// <para>
/// Adopting a namespace that already exists (the Kubernetes provider no longer upserts on create,
/// so <c>pulumi up</c> reports AlreadyExists): import it once, with its parent component, from a
/// file such as
/// <code>{"resources": [
///   {"type": "mlops-alerting:index:ModelAlerting", "name": "mlops-alerting", "component": true},
///   {"type": "mlops-alerting:kubernetes:MonitoringNamespace", "name": "monitoring-namespace", "component": true, "parent": "mlops-alerting"},
///   {"type": "kubernetes:core/v1:Namespace", "name": "monitoring-namespace", "id": "monitoring", "parent": "monitoring-namespace"}]}</code>
/// run as <c>pulumi import --file import.json --protect=false --stack prod</c>, then <c>pulumi up</c>
/// adds the labels. The first <c>pulumi up</c> on such a stack fails with AlreadyExists and no harm done.
/// </para>
/// </summary>
public sealed class MonitoringNamespace : ComponentResource
{
    public MonitoringNamespace(string name, MonitoringNamespaceArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.MonitoringNamespace, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var metadata = new ObjectMetaArgs { Name = args.Name, Labels = ObjectMetadata.Map(args.Labels) };
        if (args.Annotations.Count > 0)
        {
            // Only while adopting: an empty map would show in every preview of an existing stack.
            metadata.Annotations = ObjectMetadata.Map(args.Annotations);
        }

        var ns = new Namespace(name, new NamespaceArgs { Metadata = metadata }, new CustomResourceOptions { Parent = this, RetainOnDelete = true });

        // The name as an output of the Namespace, so every object placed in it waits for it.
        Name = ns.Metadata.Apply(m => m.Name);
        RegisterOutputs(new Dictionary<string, object?> { ["name"] = Name });
    }

    /// <summary>The namespace's name, known once the namespace exists.</summary>
    public Output<string> Name { get; }
}
