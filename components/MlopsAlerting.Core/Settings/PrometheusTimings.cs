namespace MlopsAlerting.Core.Settings;

/// <summary>
/// The timings of the Prometheus that sends this stack its alerts, which decide how long a fresh Alertmanager
/// replica must hold its notifications (<c>--dispatch.start-delay</c>) before it has heard every firing alert.
/// </summary>
/// <param name="EvaluationInterval">The rule group's evaluation interval (Prometheus's <c>global.evaluation_interval</c>, default 1m).</param>
/// <param name="ResendDelay">Prometheus's <c>--rules.alert.resend-delay</c> (default 1m).</param>
public sealed record PrometheusTimings(AlertmanagerDuration EvaluationInterval, AlertmanagerDuration ResendDelay)
{
    /// <summary>Prometheus's defaults.</summary>
    public static readonly PrometheusTimings Default = new(AlertmanagerDuration.Parse("1m"), AlertmanagerDuration.Parse("1m"));

    /// <summary>
    /// How often the snippet's <c>dns_sd_configs</c> looks the headless Service up again: Prometheus's default
    /// <c>refresh_interval</c>, which the rendered snippet keeps. A new replica's address reaches Prometheus at most
    /// this long after it is published (the operator's endpoints discovery watches and is quicker).
    /// </summary>
    public static readonly TimeSpan DiscoveryRefresh = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a firing alert really reaches an Alertmanager: Prometheus sends it again only at an evaluation where
    /// <c>lastSent + resendDelay</c> is strictly before the evaluation time (<c>rules/alerting.go</c>), so at the first
    /// multiple of the evaluation interval above the resend delay: twice the interval when the two are equal.
    /// </summary>
    public TimeSpan ResendPeriod
    {
        get
        {
            var interval = EvaluationInterval.Value;
            return interval <= TimeSpan.Zero ? ResendDelay.Value : interval * (Math.Floor(ResendDelay.Value / interval) + 1);
        }
    }

    /// <summary>
    /// <c>--dispatch.start-delay</c> of a fresh replica: evaluation interval + resend delay + discovery refresh, whole
    /// seconds rounded up. It is at least <see cref="ResendPeriod"/> after Prometheus has found the replica, so every
    /// firing alert has reached it before its first flush tells a group's state (2m30s with Prometheus's defaults).
    /// </summary>
    public TimeSpan StartDelay => StartDelayFor(DiscoveryRefresh);

    /// <summary>The start delay when Prometheus finds a new replica within <paramref name="discovery"/> (the tests' static targets: zero).</summary>
    public TimeSpan StartDelayFor(TimeSpan discovery) =>
        TimeSpan.FromSeconds(Math.Ceiling((EvaluationInterval.Value + ResendDelay.Value + discovery).TotalSeconds));
}
