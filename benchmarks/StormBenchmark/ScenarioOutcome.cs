using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>What one configuration delivered in one scenario run (or the medians over runs). Seconds are scaled.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Configuration">The configuration's name.</param>
/// <param name="MessagesPerChannel">Messages accepted (200), by the channel each addresses.</param>
/// <param name="RateLimited">Requests answered 429.</param>
/// <param name="NeverNamed">Expected deliveries (each alert in each channel it belongs in) that no accepted message made.</param>
/// <param name="Expected">Expected deliveries.</param>
/// <param name="LastSeconds">From the scenario's start to the last accepted message; null when none.</param>
/// <param name="WorstCriticalSeconds">The longest time, over the probed alerts, from an alert's arrival to its first message in #ml-alerts-critical; null when one never arrived.</param>
/// <param name="WorstAllSeconds">The same for #ml-alerts.</param>
/// <param name="LargestMessageChars">Characters of the largest accepted message's visible text.</param>
internal sealed record ScenarioOutcome(
    string Scenario,
    string Configuration,
    IReadOnlyDictionary<string, double> MessagesPerChannel,
    double RateLimited,
    double NeverNamed,
    double Expected,
    double? LastSeconds,
    double? WorstCriticalSeconds,
    double? WorstAllSeconds,
    double LargestMessageChars)
{
    public static ScenarioOutcome From(Scenario scenario, ScenarioDriver driver, IReadOnlyList<SlackRequest> requests)
    {
        string ChannelOf(SlackRequest r) => r.Message?.Channel ?? r.WebhookName;
        var accepted = requests.Where(r => r.IsDelivered).ToArray();
        var expected = driver.Posted.Keys.SelectMany(a => a.Channels.Select(c => (Alert: a, Channel: c))).ToArray();
        var never = expected.Count(e => !accepted.Any(r => ChannelOf(r) == e.Channel && e.Alert.NamedBy(r.Message)));

        double? Worst(string channel)
        {
            var latencies = driver.Probes.Select(p =>
                accepted.Where(r => ChannelOf(r) == channel && r.Elapsed >= driver.Posted[p] && p.NamedBy(r.Message))
                    .Select(r => (double?)(r.Elapsed - driver.Posted[p]).TotalSeconds)
                    .FirstOrDefault()).ToArray();
            return latencies.Length == 0 || latencies.Any(l => l is null) ? null : latencies.Max();
        }

        return new ScenarioOutcome(
            scenario.Name,
            driver.Configuration.Name,
            StormOutcome.Channels.ToDictionary(c => c, c => (double)accepted.Count(r => ChannelOf(r) == c), StringComparer.Ordinal),
            requests.Count(r => r.StatusCode == 429),
            never,
            expected.Length,
            accepted.Length == 0 ? null : (accepted.Max(r => r.Elapsed) - driver.Start).TotalSeconds,
            Worst(StormOutcome.CriticalChannel),
            Worst(StormOutcome.AllChannel),
            accepted.Length == 0 ? 0 : accepted.Max(r => MessageContent.Visible(r.Message).Length));
    }

    /// <summary>The median of every number over the runs of one scenario and configuration; a latency that never came in a run counts as the longest.</summary>
    public static ScenarioOutcome Median(IReadOnlyList<ScenarioOutcome> runs) => new(
        runs[0].Scenario,
        runs[0].Configuration,
        StormOutcome.Channels.ToDictionary(c => c, c => Median(runs.Select(r => (double?)r.MessagesPerChannel[c]))!.Value, StringComparer.Ordinal),
        Median(runs.Select(r => (double?)r.RateLimited))!.Value,
        Median(runs.Select(r => (double?)r.NeverNamed))!.Value,
        runs[0].Expected,
        Median(runs.Select(r => r.LastSeconds)),
        Median(runs.Select(r => r.WorstCriticalSeconds)),
        Median(runs.Select(r => r.WorstAllSeconds)),
        Median(runs.Select(r => (double?)r.LargestMessageChars))!.Value);

    /// <summary>Median where null (never) sorts above every number; null when the median is a never.</summary>
    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OrderBy(v => v ?? double.PositiveInfinity).ToArray();
        var middle = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2] ?? double.PositiveInfinity
            : ((sorted[(sorted.Length / 2) - 1] ?? double.PositiveInfinity) + (sorted[sorted.Length / 2] ?? double.PositiveInfinity)) / 2;
        return double.IsPositiveInfinity(middle) ? null : middle;
    }
}
