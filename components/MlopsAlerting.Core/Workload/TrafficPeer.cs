namespace MlopsAlerting.Core.Workload;

/// <summary>
/// The other end of a NetworkPolicy rule: pods (in the policy's namespace when
/// <see cref="NamespaceLabels"/> is null, else in the namespaces with those labels), or an address range.
/// </summary>
public sealed record TrafficPeer(
    IReadOnlyDictionary<string, string>? NamespaceLabels,
    IReadOnlyDictionary<string, string>? PodLabels,
    string? Cidr = null);
