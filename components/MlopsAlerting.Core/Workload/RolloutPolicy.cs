namespace MlopsAlerting.Core.Workload;

/// <summary>
/// How pods are replaced during a rolling update and a voluntary disruption (a node drain). The pods belong to a
/// StatefulSet (one volume per replica, one writer per volume): its <c>RollingUpdate</c> deletes one pod, waits until it
/// has terminated, creates its successor on the same volume and waits until that is ready before the next one
/// (<see cref="PodsDownAtOnce"/>; the StatefulSet's <c>maxUnavailable</c> is behind a feature gate that clusters do not
/// enable, so the program does not set it).
/// </summary>
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
/// again.
/// </param>
/// <param name="RevisionHistoryLimit">
/// Old ControllerRevisions kept: none beyond the current and updating one. Each points at a configuration ConfigMap
/// that Pulumi deleted after the rollout, so <c>kubectl rollout undo</c> would make pods that cannot start; roll back by
/// reverting the change and running <c>pulumi up</c>.
/// </param>
/// <param name="AwaitSeconds">
/// How long <c>pulumi up</c> waits for the rollout (the StatefulSet's <c>pulumi.com/timeoutSeconds</c>): every wave
/// (one pod) waits for its new pod to turn ready, the start delay and a margin after it starts, so a long start delay
/// would otherwise outlast pulumi-kubernetes' 10 minutes.
/// </param>
public sealed record RolloutPolicy(int? PdbMaxUnavailable, int MinReadySeconds, int RevisionHistoryLimit, int AwaitSeconds)
{
    /// <summary>pulumi-kubernetes' own wait for a workload.</summary>
    public const int PulumiDefaultAwaitSeconds = 600;

    /// <summary>The annotation pulumi-kubernetes 4.32 reads for a resource's wait (<c>AnnotationTimeoutSeconds</c>).</summary>
    public const string AwaitAnnotation = "pulumi.com/timeoutSeconds";

    /// <summary>Pods a rollout takes down at once: one, the StatefulSet's RollingUpdate; its successor starts only once it has terminated.</summary>
    public const int PodsDownAtOnce = 1;

    /// <summary>
    /// The StatefulSet's <c>podManagementPolicy</c>, as the Prometheus operator's: all replicas are created (and, on a
    /// scale-down, deleted) at once rather than each waiting for the one before to turn ready, which with a readiness
    /// delay of the start delay would make the first deploy of three replicas take three start delays. It does not
    /// change a rolling update, which replaces one pod at a time either way. Immutable on a StatefulSet.
    /// </summary>
    public const string PodManagementPolicy = "Parallel";

    /// <summary>The StatefulSet's <c>updateStrategy.type</c>.</summary>
    public const string UpdateStrategy = "RollingUpdate";
}
