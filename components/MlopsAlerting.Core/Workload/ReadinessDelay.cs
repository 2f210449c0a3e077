namespace MlopsAlerting.Core.Workload;

/// <summary>
/// How long a clustered replica stays not ready after its container starts: until its <c>--dispatch.start-delay</c> has
/// passed, so that everything counting ready pods counts a replica only once it notifies. The PodDisruptionBudget counts
/// a pod as soon as it is Ready and ignores minReadySeconds; with readiness at settled gossip (about 10 s) a drain of
/// three nodes in a row could leave all three replicas holding their notifications at once. The kubelet runs no
/// readiness probe before <c>initialDelaySeconds</c> after the container's start (and a restarted container starts the
/// count again, as Alertmanager starts its start delay again), so the pod is Ready at the earliest then.
/// </summary>
public static class ReadinessDelay
{
    /// <summary>
    /// Added to the start delay. Alertmanager counts its start delay from its own start time, which <c>main</c> takes
    /// after the Go runtime started and the flags were parsed (about 25 ms after the process started, measured on
    /// 0.33.1); the kubelet counts <c>initialDelaySeconds</c> from the container's start, which is at or before the
    /// process's start. 5 s covers a start slowed by the CPU limit or a busy node many times over, and keeps a rollout
    /// wave as long as it was when readiness came at settled gossip (about 10 s) and <c>minReadySeconds</c> added the
    /// start delay: 155 to 160 s with Prometheus's defaults (the first probe, then every 5 s).
    /// </summary>
    public static readonly TimeSpan StartMargin = TimeSpan.FromSeconds(5);

    /// <summary>The readiness probe's <c>initialDelaySeconds</c>: the start delay in whole seconds rounded up, plus <see cref="StartMargin"/>.</summary>
    public static int SecondsAfter(TimeSpan startDelay) =>
        checked((int)Math.Ceiling(startDelay.TotalSeconds) + (int)StartMargin.TotalSeconds);
}
