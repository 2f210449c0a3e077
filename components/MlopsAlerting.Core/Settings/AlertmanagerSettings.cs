using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Settings;

/// <summary>The Alertmanager workload.</summary>
/// <param name="Image">Container image with a pinned tag or digest.</param>
/// <param name="Capabilities">What the image can do: the release its tag names or <c>alertmanager.imageVersion</c> declares, and every feature that follows from it.</param>
/// <param name="Replicas">Pods; more than one run as a gossiping cluster.</param>
/// <param name="ExternalUrl">The URL people open; Slack links and the silence button point here.</param>
/// <param name="Resources">Requests and limits of the container.</param>
public sealed record AlertmanagerSettings(string Image, AlertmanagerCapabilities Capabilities, int Replicas, Uri ExternalUrl, ResourceSettings Resources)
{
    /// <summary>True when replicas gossip (more than one replica).</summary>
    public bool Clustered => Replicas > 1;

    /// <summary>Pods that must stay up: a majority of the replicas.</summary>
    public int Quorum => (Replicas / 2) + 1;

    /// <summary>Each replica's volume for silences and the notification log (<c>alertmanager.storage</c>).</summary>
    public StorageSettings Storage { get; init; } = StorageSettings.Default;

    /// <summary>Where the pods run and what they carry (<c>alertmanager.placement</c>).</summary>
    public PlacementSettings Placement { get; init; } = PlacementSettings.Default;
}

/// <summary>Kubernetes quantities of the Alertmanager container.</summary>
public sealed record ResourceSettings(string CpuRequest, string MemoryRequest, string? CpuLimit, string MemoryLimit);
