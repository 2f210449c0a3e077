using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="Alertmanager"/>.</summary>
public sealed class AlertmanagerArgs
{
    /// <summary>The namespace (an output of <see cref="MonitoringNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The stack's name (the <c>app.kubernetes.io/instance</c> label and the pod selector).</summary>
    public required string Stack { get; init; }

    /// <summary>What the core decided: arguments, probes, mounts, rollout numbers.</summary>
    public required AlertmanagerWorkload Workload { get; init; }

    /// <summary>The configuration ConfigMap's name (changes with every configuration, which rolls the pods).</summary>
    public required Input<string> ConfigMapName { get; init; }

    /// <summary>The webhook Secret's name.</summary>
    public required Input<string> WebhookSecretName { get; init; }

    /// <summary>The webhook Secret's keys, each projected to a file of the same name.</summary>
    public required IReadOnlyList<string> WebhookKeys { get; init; }

    /// <summary>The web-config Secret's name when basic auth is on; required exactly when <see cref="AlertmanagerWorkload.BasicAuth"/> is.</summary>
    public Input<string>? WebConfigSecretName { get; init; }

    /// <summary>Annotations of the Deployment and the <c>alertmanager</c> Service while they are being adopted (<c>migration.patchForce</c>); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> AdoptedAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The Ingress to the external URL, or null for none.</summary>
    public IngressRoute? Ingress { get; init; }
}
