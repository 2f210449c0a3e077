namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The fixed waits of the self-alerts that watch Prometheus and the replicas (the delivery alerts take theirs from the
/// Slack routes, see <see cref="SelfAlertRules"/>).
/// </summary>
/// <param name="Window">The range their counters are read over.</param>
/// <param name="For">How long a condition must hold before it fires: longer than a rollout's or a restart's blip.</param>
/// <param name="AbsentFor">How long Prometheus may find no Alertmanager to scrape, or none of its own metrics, before that fires.</param>
/// <param name="Divisor">What the durations were divided by (1 in the stacks): waits derived from other settings, such as a rollout's, are divided by it too.</param>
public sealed record SelfAlertTimings(TimeSpan Window, TimeSpan For, TimeSpan AbsentFor, int Divisor = 1)
{
    /// <summary>What the stacks render: kube-prometheus's 5m windows, 5m waits (10m for an absent series).</summary>
    public static SelfAlertTimings Prod { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

    /// <summary>Every duration divided by <paramref name="divisor"/>, for local runs.</summary>
    public SelfAlertTimings Scaled(int divisor) => new(Window / divisor, For / divisor, AbsentFor / divisor, Divisor * divisor);
}
