using System.Globalization;
using System.Text;

namespace MlopsAlerting.StormBenchmark;

/// <summary>Scenario outcomes as a Markdown table, one row per scenario and configuration.</summary>
internal static class ScenarioTable
{
    public static string Render(IEnumerable<ScenarioOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | configuration | messages #ml-alerts / -critical / -warning | answered 429 | expected deliveries never named | last message s | new critical → #ml-alerts-critical s (worst) | → #ml-alerts s (worst) | largest message chars |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var o in outcomes)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {o.Scenario} | {o.Configuration} | {N(o.MessagesPerChannel[StormOutcome.AllChannel])} / {N(o.MessagesPerChannel[StormOutcome.CriticalChannel])} / {N(o.MessagesPerChannel[StormOutcome.WarningChannel])} "
                + $"| {N(o.RateLimited)} | {N(o.NeverNamed)} of {N(o.Expected)} | {S(o.LastSeconds)} | {S(o.WorstCriticalSeconds)} | {S(o.WorstAllSeconds)} | {N(o.LargestMessageChars)} |");
        }

        return text.ToString();
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string S(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "never";
}
