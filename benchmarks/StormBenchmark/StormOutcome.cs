using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>What one configuration delivered in one run (or the medians over runs).</summary>
/// <param name="Configuration">The configuration's name.</param>
/// <param name="AcceptedPerChannel">Messages the stand-in accepted (200), by the channel each addresses.</param>
/// <param name="WebhooksUsed">How many distinct webhooks carried them (Slack posts to the webhook's own channel, whatever <c>channel</c> says).</param>
/// <param name="RateLimited">Requests answered 429.</param>
/// <param name="AlertsEverywhere">Expected alerts (a model's critical, or its warning when it fires no critical) that reached every channel they should.</param>
/// <param name="CriticalsEverywhere">Criticals that reached #ml-alerts and #ml-alerts-critical.</param>
/// <param name="CriticalsExpected">Models that fired a critical.</param>
/// <param name="Lost">Expected deliveries (each expected alert in each of its channels) that never came.</param>
/// <param name="WarningDeliveries">Deliveries of warnings that their model's critical should inhibit.</param>
/// <param name="FirstSeconds">Seconds from the start of the storm to the first accepted message; null when none.</param>
/// <param name="LastSeconds">Seconds from the start of the storm to the last accepted message; null when none.</param>
/// <param name="LargestMessageChars">Characters of the largest accepted message's visible text.</param>
internal sealed record StormOutcome(
    string Configuration,
    IReadOnlyDictionary<string, double> AcceptedPerChannel,
    double WebhooksUsed,
    double RateLimited,
    double AlertsEverywhere,
    double CriticalsEverywhere,
    double CriticalsExpected,
    double Lost,
    double WarningDeliveries,
    double? FirstSeconds,
    double? LastSeconds,
    double LargestMessageChars)
{
    public const string AllChannel = "#ml-alerts";
    public const string CriticalChannel = "#ml-alerts-critical";
    public const string WarningChannel = "#ml-alerts-warning";
    public static readonly IReadOnlyList<string> Channels = [AllChannel, CriticalChannel, WarningChannel];

    /// <summary>Where a critical belongs. A warning is inhibited by its model's critical, so it is expected only from a model without one.</summary>
    public static IReadOnlyList<string> ChannelsOf(string severity) => severity == "critical" ? [AllChannel, CriticalChannel] : [AllChannel, WarningChannel];

    /// <summary>Every model's expected alert in each of its two channels.</summary>
    public static int ExpectedDeliveries => Storm.Models * 2;

    public static StormOutcome From(string configuration, IReadOnlyList<SlackRequest> requests, TimeSpan stormStart, int warningOnly, Func<SlackRequest, string> channelOf)
    {
        var accepted = requests.Where(r => r.IsDelivered).ToArray();
        var delivered = accepted
            .SelectMany(r => MessageContent.ModelSeverities(r.Message).Select(m => (m.Model, Channel: channelOf(r), m.Severity)))
            .ToHashSet();
        var expected = Enumerable.Range(0, Storm.Models)
            .Select(i => (Model: Storm.ModelName(i), Severity: Storm.FiresCritical(i, warningOnly) ? "critical" : "warning"))
            .ToArray();
        bool Everywhere((string Model, string Severity) alert) => ChannelsOf(alert.Severity).All(c => delivered.Contains((alert.Model, c, alert.Severity)));
        var arrived = expected.Sum(alert => ChannelsOf(alert.Severity).Count(c => delivered.Contains((alert.Model, c, alert.Severity))));
        var criticalModels = expected.Where(a => a.Severity == "critical").Select(a => a.Model).ToHashSet(StringComparer.Ordinal);
        return new StormOutcome(
            configuration,
            Channels.ToDictionary(c => c, c => (double)accepted.Count(r => channelOf(r) == c), StringComparer.Ordinal),
            accepted.Select(r => r.WebhookName).Distinct(StringComparer.Ordinal).Count(),
            requests.Count(r => r.StatusCode == 429),
            expected.Count(Everywhere),
            expected.Count(a => a.Severity == "critical" && Everywhere(a)),
            criticalModels.Count,
            ExpectedDeliveries - arrived,
            delivered.Count(d => d.Severity == "warning" && criticalModels.Contains(d.Model)),
            accepted.Length == 0 ? null : (accepted.Min(r => r.Elapsed) - stormStart).TotalSeconds,
            accepted.Length == 0 ? null : (accepted.Max(r => r.Elapsed) - stormStart).TotalSeconds,
            accepted.Length == 0 ? 0 : accepted.Max(r => MessageContent.Visible(r.Message).Length));
    }

    /// <summary>The median of every number over the runs of one configuration.</summary>
    public static StormOutcome Median(IReadOnlyList<StormOutcome> runs) => new(
        runs[0].Configuration,
        Channels.ToDictionary(c => c, c => MedianOf(runs.Select(r => r.AcceptedPerChannel[c]))!.Value, StringComparer.Ordinal),
        MedianOf(runs.Select(r => r.WebhooksUsed))!.Value,
        MedianOf(runs.Select(r => r.RateLimited))!.Value,
        MedianOf(runs.Select(r => r.AlertsEverywhere))!.Value,
        MedianOf(runs.Select(r => r.CriticalsEverywhere))!.Value,
        MedianOf(runs.Select(r => r.CriticalsExpected))!.Value,
        MedianOf(runs.Select(r => r.Lost))!.Value,
        MedianOf(runs.Select(r => r.WarningDeliveries))!.Value,
        MedianOf(runs.Select(r => r.FirstSeconds)),
        MedianOf(runs.Select(r => r.LastSeconds)),
        MedianOf(runs.Select(r => r.LargestMessageChars))!.Value);

    private static double? MedianOf(IEnumerable<double> values) => MedianOf(values.Select(v => (double?)v));

    private static double? MedianOf(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
