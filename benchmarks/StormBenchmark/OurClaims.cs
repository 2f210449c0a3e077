using System.Globalization;

namespace MlopsAlerting.StormBenchmark;

/// <summary>What our configuration must achieve in every run of the storm.</summary>
internal static class OurClaims
{
    /// <summary>One line per claim, PASS or FAIL over all runs, and whether all passed.</summary>
    public static (IReadOnlyList<string> Lines, bool AllPass) Evaluate(IReadOnlyList<StormOutcome> runs, TimeSpan groupWait)
    {
        var firstLimit = (groupWait + TimeSpan.FromSeconds(1)).TotalSeconds;
        (string Claim, Func<StormOutcome, bool> Holds, Func<StormOutcome, string> Measured)[] claims =
        [
            ($"ours delivers every critical to {StormOutcome.AllChannel} and {StormOutcome.CriticalChannel}",
                o => o.CriticalsEverywhere == o.CriticalsExpected,
                o => $"{o.CriticalsEverywhere:0}/{o.CriticalsExpected:0}"),
            ("ours loses no notification",
                o => o.Lost == 0,
                o => $"{o.Lost:0} lost"),
            ($"ours shows its first message within group_wait + 1 s ({firstLimit:0.0} s)",
                o => o.FirstSeconds is { } first && first <= firstLimit,
                o => o.FirstSeconds is { } first ? first.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "no message"),
        ];
        var lines = claims.Select(c =>
        {
            var passed = runs.Count(c.Holds);
            var verdict = passed == runs.Count ? "PASS" : "FAIL";
            return $"{verdict}: {c.Claim} — {passed}/{runs.Count} runs (per run: {string.Join(", ", runs.Select(c.Measured))})";
        }).ToArray();
        return (lines, lines.All(l => l.StartsWith("PASS", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The scenarios' claims for each of our configurations: in A and B a new critical reaches #ml-alerts-critical and
    /// #ml-alerts within group_wait + 1.5 s; in every scenario nothing is lost and Slack never answers 429.
    /// </summary>
    public static (IReadOnlyList<string> Lines, bool AllPass) EvaluateScenarios(IReadOnlyList<ScenarioOutcome> outcomes, IReadOnlyList<StormConfiguration> ours)
    {
        var lines = new List<string>();
        foreach (var configuration in ours)
        {
            var mine = outcomes.Where(o => o.Configuration == configuration.Name).ToArray();
            var limit = (configuration.GroupWait + TimeSpan.FromSeconds(1.5)).TotalSeconds;
            var latency = mine.Where(o => o.Scenario is "A" or "B").ToArray();
            Add($"{configuration.Name}: in A and B a new critical reaches #ml-alerts-critical and #ml-alerts within group_wait + 1.5 s ({limit:0.0} s)",
                latency, o => o.WorstCriticalSeconds <= limit && o.WorstAllSeconds <= limit, o => $"{o.Scenario} {S(o.WorstCriticalSeconds)}/{S(o.WorstAllSeconds)}");
            Add($"{configuration.Name}: no scenario loses a notification", mine, o => o.NeverNamed == 0, o => $"{o.Scenario} {o.NeverNamed:0}");
            Add($"{configuration.Name}: no scenario gets a 429", mine, o => o.RateLimited == 0, o => $"{o.Scenario} {o.RateLimited:0}");
        }

        return (lines, lines.All(l => l.StartsWith("PASS", StringComparison.Ordinal)));

        void Add(string claim, IReadOnlyList<ScenarioOutcome> runs, Func<ScenarioOutcome, bool> holds, Func<ScenarioOutcome, string> measured)
        {
            var passed = runs.Count(holds);
            lines.Add($"{(passed == runs.Count ? "PASS" : "FAIL")}: {claim} — {passed}/{runs.Count} (per run: {string.Join(", ", runs.Select(measured))})");
        }

        static string S(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "never";
    }
}
