using System.Globalization;
using System.Text;

namespace MlopsAlerting.StormBenchmark;

/// <summary>Outcomes as a Markdown table, one row per configuration.</summary>
internal static class OutcomeTable
{
    public static string Render(IEnumerable<StormOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.AppendLine("| configuration | accepted #ml-alerts | accepted #ml-alerts-critical | accepted #ml-alerts-warning | webhooks used | answered 429 "
            + $"| alerts in every channel they belong to (of {Storm.Models}) | notifications lost (of {StormOutcome.ExpectedDeliveries}) | inhibited warnings delivered | first message s | last message s | largest message chars |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var o in outcomes)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {o.Configuration} | {N(o.AcceptedPerChannel[StormOutcome.AllChannel])} | {N(o.AcceptedPerChannel[StormOutcome.CriticalChannel])} | {N(o.AcceptedPerChannel[StormOutcome.WarningChannel])} "
                + $"| {N(o.WebhooksUsed)} | {N(o.RateLimited)} | {N(o.AlertsEverywhere)} ({(o.AlertsEverywhere / Storm.Models).ToString("P0", CultureInfo.InvariantCulture)}) "
                + $"| {N(o.Lost)} | {N(o.WarningDeliveries)} | {S(o.FirstSeconds)} | {S(o.LastSeconds)} | {N(o.LargestMessageChars)} |");
        }

        return text.ToString();
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string S(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "none";
}
