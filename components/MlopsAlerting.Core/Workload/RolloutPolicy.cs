namespace MlopsAlerting.Core.Workload;

/// <summary>
/// How many pods may be missing, during a rolling update and during a voluntary disruption (a node
/// drain): never fewer than <see cref="AlertmanagerWorkload.Quorum"/> ready replicas.
/// </summary>
/// <param name="MaxUnavailable">Rolling update: pods that may be down at once (replicas minus the quorum).</param>
/// <param name="MaxSurge">Rolling update: extra pods started ahead of the old ones.</param>
/// <param name="PdbMinAvailable">The PodDisruptionBudget's minAvailable; null (no budget) for one replica, where any budget would block every node drain.</param>
public sealed record RolloutPolicy(int MaxUnavailable, int MaxSurge, int? PdbMinAvailable);
