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
}
