namespace MlopsAlerting.Core.Workload;

/// <summary>
/// How pods are replaced during a rolling update and a voluntary disruption (a node drain).
/// </summary>
/// <param name="MaxUnavailable">Rolling update: pods that may be down at once (replicas minus the quorum).</param>
/// <param name="MaxSurge">Rolling update: extra pods started ahead of the old ones.</param>
/// <param name="PdbMaxUnavailable">
/// The PodDisruptionBudget's maxUnavailable: one pod at a time, for any number of replicas. A
/// minAvailable of the quorum would equal every pod with two replicas and block every node drain.
/// Null (no budget) for one replica, where any budget would block every drain.
/// </param>
/// <param name="MinReadySeconds">
/// How long a new pod stays ready before the rollout counts it: 0. A clustered replica turns ready only once its
/// <c>--dispatch.start-delay</c> has passed (the readiness probe's initial delay, <see cref="ReadinessDelay"/>), so
/// the rollout takes the next old pod down only once its successor notifies, and the PodDisruptionBudget, which ignores
/// minReadySeconds, counts it only then too. Waiting minReadySeconds on top would add the start delay to every wave
/// again; with 0 a wave lasts what it lasted when readiness came at settled gossip and minReadySeconds was the start
/// delay.
/// </param>
/// <param name="RevisionHistoryLimit">
/// Old ReplicaSets kept: none. Each points at a configuration ConfigMap that Pulumi deleted after the
/// rollout, so <c>kubectl rollout undo</c> would make pods that cannot start; roll back by reverting
/// the change and running <c>pulumi up</c>.
/// </param>
/// <param name="AwaitSeconds">
/// How long <c>pulumi up</c> waits for the rollout (the Deployment's <c>pulumi.com/timeoutSeconds</c>): every wave
/// waits for its new pods to turn ready, the start delay and a margin after they start, so a long start delay would
/// otherwise outlast pulumi-kubernetes' 10 minutes.
/// </param>
public sealed record RolloutPolicy(int MaxUnavailable, int MaxSurge, int? PdbMaxUnavailable, int MinReadySeconds, int RevisionHistoryLimit, int AwaitSeconds)
{
    /// <summary>pulumi-kubernetes' own wait for a Deployment.</summary>
    public const int PulumiDefaultAwaitSeconds = 600;

    /// <summary>The annotation pulumi-kubernetes 4.32 reads for a resource's wait (<c>AnnotationTimeoutSeconds</c>).</summary>
    public const string AwaitAnnotation = "pulumi.com/timeoutSeconds";
}
