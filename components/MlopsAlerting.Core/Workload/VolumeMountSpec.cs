namespace MlopsAlerting.Core.Workload;

/// <summary>A volume of the pod and where the container sees it.</summary>
/// <param name="Volume">The volume's name in the pod spec.</param>
/// <param name="MountPath">The directory in the container.</param>
/// <param name="ReadOnly">Whether the container mounts it read-only.</param>
public sealed record VolumeMountSpec(string Volume, string MountPath, bool ReadOnly);
