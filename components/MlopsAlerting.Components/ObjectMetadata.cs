using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace MlopsAlerting.Components;

/// <summary>Builds the metadata of a namespaced Kubernetes object.</summary>
internal static class ObjectMetadata
{
    /// <param name="name">The object's name, or null to let Pulumi auto-name it from the resource name.</param>
    /// <param name="ns">The namespace (an output of the namespace component, so the object waits for it).</param>
    /// <param name="labels">Labels of the object.</param>
    /// <param name="annotations">Annotations, if any.</param>
    public static ObjectMetaArgs Of(string? name, Input<string> ns, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var meta = new ObjectMetaArgs { Namespace = ns, Labels = Map(labels) };
        if (name is not null)
        {
            meta.Name = name;
        }

        if (annotations is not null)
        {
            meta.Annotations = Map(annotations);
        }

        return meta;
    }

    public static InputMap<string> Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new InputMap<string>();
        foreach (var (key, value) in values)
        {
            map.Add(key, value);
        }

        return map;
    }
}
