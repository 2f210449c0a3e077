namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>What one channel told about one state change of one model.</summary>
/// <param name="Mode">One of <see cref="Lane"/>'s modes.</param>
/// <param name="Window">The run or rollout whose counting window the change fell in (its phases), e.g. <c>lane 2 rollout 3</c>.</param>
/// <param name="Channel">The webhook: <c>critical</c> or <c>all</c>.</param>
/// <param name="Model">The model whose critical changed.</param>
/// <param name="Kind">Resolve or fire.</param>
/// <param name="At">When Prometheus's sampled state last (resolve) or first (fire) showed it firing, on the stand-in's clock.</param>
/// <param name="GroupAge">How long before <paramref name="At"/> the replicas' group timers took their phases (the group started, or the rollout ended).</param>
/// <param name="Told">Whether the channel told the change at all (the state before it, then the new one).</param>
/// <param name="Stale">Whether, after telling the change, the channel got the state before it again (any request a replica sent).</param>
/// <param name="StaleDelivered">Whether such a request was delivered (Slack's per-webhook rate limit may refuse one).</param>
/// <param name="Detail">The messages around a stale re-send, for <c>--verbose</c>.</param>
internal sealed record ChangeOutcome(
    string Mode,
    string Window,
    string Channel,
    string Model,
    ChangeKind Kind,
    TimeSpan At,
    TimeSpan GroupAge,
    bool Told,
    bool Stale,
    bool StaleDelivered,
    string Detail);
