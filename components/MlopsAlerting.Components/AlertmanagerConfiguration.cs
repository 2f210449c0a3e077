using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using ConfigMap = Pulumi.Kubernetes.Core.V1.ConfigMap;

namespace MlopsAlerting.Components;

/// <summary>
/// The ConfigMap holding <c>alertmanager.yml</c> and its templates, byte for byte what the core renders.
/// </summary>
/// <remarks>
/// Rolling the pods on a change (the guide needed a manual <c>kubectl rollout restart</c>): the
/// ConfigMap is auto-named from the component name (<c>alertmanager-config-xxxxxxxx</c>) and immutable, so any change of
/// its data makes Pulumi create a new ConfigMap first, point the Deployment's volume at it (which
/// rolls the pods under the rollout policy and waits for them to be ready), and only then delete
/// the old one. Unlike a checksum annotation on an in-place ConfigMap, the running pods never see
/// the new files before their replacement does: a pod of the old ReplicaSet that restarts
/// mid-rollout, or after a failed one, still reads the configuration it was started with, and a
/// failed update leaves the old ConfigMap in place. The checksum is still exported (and set as an
/// annotation on the ConfigMap) so that a reviewer can match a deployment with a review.
/// </remarks>
public sealed class AlertmanagerConfiguration : ComponentResource
{
    /// <summary>The annotation with the SHA-256 of the files.</summary>
    public const string ChecksumAnnotation = "mlops-alerting/config-checksum";

    public AlertmanagerConfiguration(string name, AlertmanagerConfigurationArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.AlertmanagerConfiguration, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        Checksum = args.Rendered.Checksum;
        var configMap = new ConfigMap(name, new ConfigMapArgs
        {
            Metadata = ObjectMetadata.Of(null, args.Namespace, args.Labels, new Dictionary<string, string> { [ChecksumAnnotation] = Checksum }),
            Immutable = true,
            Data = ObjectMetadata.Map(args.Rendered.Files),
        }, new CustomResourceOptions { Parent = this });

        ConfigMapName = configMap.Metadata.Apply(m => m.Name);
        RegisterOutputs(new Dictionary<string, object?> { ["configMapName"] = ConfigMapName, ["checksum"] = Checksum });
    }

    /// <summary>The generated name of the current ConfigMap.</summary>
    public Output<string> ConfigMapName { get; }

    /// <summary>SHA-256 of the rendered files (<see cref="MlopsAlerting.Core.Rendering.RenderedConfiguration.Checksum"/>).</summary>
    public string Checksum { get; }
}
