namespace MlopsAlerting.Core.Review;

/// <summary>The Prometheus intervals the review's bounds assume; they belong to Prometheus, not to this stack.</summary>
/// <param name="Scrape">scrape_interval.</param>
/// <param name="Evaluation">evaluation_interval.</param>
/// <param name="ResendDelay">--rules.alert.resend-delay.</param>
public sealed record PrometheusTimings(TimeSpan Scrape, TimeSpan Evaluation, TimeSpan ResendDelay)
{
    /// <summary>Prometheus's defaults: 1m each.</summary>
    public static PrometheusTimings Default { get; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
}
