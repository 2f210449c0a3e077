using System.Globalization;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The always-firing <c>Heartbeat</c>, evaluated in the model rules' own group: if Prometheus is down, the rule file is
/// not loaded or the group stops, the pings to the outside dead man's switch stop too. Rendered only with a heartbeat URL
/// (without its route the alert would fall through to the all channel).
/// </summary>
public static class HeartbeatRule
{
    /// <summary>The alert name.</summary>
    public const string AlertName = "Heartbeat";

    /// <summary>Its <c>severity</c>: one no Slack route matches, and no inhibition targets.</summary>
    public const string Severity = "none";

    /// <summary>The heartbeat rule, or nothing when no heartbeat URL is set.</summary>
    public static IEnumerable<PrometheusAlertingRule> For(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.HeartbeatUrl.IsSet)
        {
            yield break;
        }

        yield return new PrometheusAlertingRule(
            AlertName,
            Expression(settings),
            null,
            new Dictionary<string, string> { ["severity"] = Severity },
            new Dictionary<string, string>
            {
                ["summary"] = "The alerting chain is alive",
                ["description"] = $"Always firing while Prometheus evaluates the model rules and Slack takes notifications; Alertmanager posts it to the outside dead man's switch every {settings.Heartbeat.Interval}. When the pings stop, that service pages: Prometheus, the model rules, Alertmanager or Slack delivery is broken.",
            });
    }

    /// <summary>
    /// <c>vector(1)</c>, held back while Slack takes no request: some Slack request failed within the hold-back window and
    /// none succeeded there, on any replica. Requests, not notifications: Alertmanager counts a notification failed only
    /// once its retries of a 5xx or an unreachable Slack give up, but every failed request at once (measured on 0.33.1). A Slack message cannot report that Slack is broken, so the
    /// outside service pages instead. One 429 followed by a success lifts the hold-back at the next evaluation, and a
    /// hold-back shorter than the outside check's grace is never seen.
    /// </summary>
    public static string Expression(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var window = PromDuration(HeartbeatTiming.HoldBackWindow(settings));
        var job = SelfAlertRules.JobMatcher(settings);
        var failed = $"sum(increase(alertmanager_notification_requests_failed_total{{{job}, integration=\"slack\"}}[{window}]))";
        var total = $"sum(increase(alertmanager_notification_requests_total{{{job}, integration=\"slack\"}}[{window}]))";
        return $"vector(1) unless on() ({failed} > 0 unless on() {total} - {failed} >= 0.5)";
    }

    /// <summary>A duration as PromQL writes it, in whole seconds, minutes or hours.</summary>
    public static string PromDuration(TimeSpan value)
    {
        var seconds = (long)Math.Ceiling(value.TotalSeconds);
        return seconds % 3600 == 0 ? (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h"
            : seconds % 60 == 0 ? (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m"
            : seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
