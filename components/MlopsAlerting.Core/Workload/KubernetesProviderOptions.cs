namespace MlopsAlerting.Core.Workload;

/// <summary>
/// Options of the explicit Kubernetes provider every object is declared with.
/// </summary>
/// <remarks>
/// pulumi-kubernetes 4.x replaces a ConfigMap or Secret on any change of its data unless the provider
/// enables <c>enableConfigMapMutable</c> / <c>enableSecretMutable</c>; an object with a fixed name is
/// then deleted <em>before</em> its replacement is created. A webhook rotation would delete the
/// webhook Secret, and a rule edit the rule ConfigMap Prometheus mounts, leaving a gap in which a
/// starting pod cannot mount its volume. With both options on, those objects are updated in place
/// (Alertmanager reads the webhook files on every notification; the kubelet refreshes the mounted
/// files within about a minute). The Alertmanager configuration ConfigMap stays <c>immutable: true</c>,
/// which the provider still replaces, and being auto-named it is created before the old one is
/// deleted, so a configuration change rolls the pods.
/// </remarks>
public static class KubernetesProviderOptions
{
    /// <summary>The provider's resource name in the stack.</summary>
    public const string ResourceName = "kubernetes";

    /// <summary>Update ConfigMaps that are not marked immutable in place.</summary>
    public const bool EnableConfigMapMutable = true;

    /// <summary>Update Secrets that are not marked immutable in place.</summary>
    public const bool EnableSecretMutable = true;

    /// <summary>
    /// Stack configuration keys of the <c>kubernetes</c> namespace that the default provider would have
    /// read and that the explicit provider is given, so <c>pulumi config set kubernetes:context ...</c>
    /// keeps working.
    /// </summary>
    public static readonly IReadOnlyList<string> PassedThroughConfig = ["kubeconfig", "context", "cluster"];
}
