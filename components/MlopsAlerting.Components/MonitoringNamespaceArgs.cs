namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="MonitoringNamespace"/>.</summary>
public sealed class MonitoringNamespaceArgs
{
    /// <summary>The namespace's name.</summary>
    public required string Name { get; init; }

    /// <summary>Labels, at least <c>app.kubernetes.io/part-of</c> and <c>app.kubernetes.io/managed-by</c>.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Annotations while the namespace is being adopted (<c>migration.patchForce</c>); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
