using System.Globalization;

namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>The benchmark's Markdown report: stale re-sends per told resolve (and per told fire) for each mode and channel, with 95 % Wilson intervals.</summary>
internal static class ResendReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, IReadOnlyList<ChangeOutcome> outcomes, bool verbose)
    {
        foreach (var kind in new[] { ChangeKind.Resolve, ChangeKind.Fire })
        {
            var noun = kind == ChangeKind.Resolve ? "resolve" : "fire";
            output.WriteLine();
            output.WriteLine(kind == ChangeKind.Resolve
                ? "Stale re-sends per resolve: after the channel told a model resolved, a replica sent it firing again."
                : "Stale re-sends per fire: after the channel told a model firing, a replica sent a message without it while it still fired.");
            output.WriteLine();
            output.WriteLine($"| mode | channel | counting windows | {noun}s told | re-sent stale | per {noun} | 95 % (Wilson) | stale delivered | windows with any |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var mode in Lane.Modes.Where(m => outcomes.Any(o => o.Mode == m)))
            {
                foreach (var channel in new[] { "critical", "all" })
                {
                    var judged = outcomes.Where(o => o.Mode == mode && o.Channel == channel && o.Kind == kind && o.Told).ToList();
                    var windows = outcomes.Where(o => o.Mode == mode).Select(o => o.Window).Distinct().Count();
                    var stale = judged.Count(o => o.Stale);
                    var withAny = judged.Where(o => o.Stale).Select(o => o.Window).Distinct().Count();
                    output.WriteLine(string.Create(Invariant,
                        $"| {mode} | {Channel(channel)} | {windows} | {judged.Count} | {stale} | {Percent(stale, judged.Count)} | {WilsonInterval.Of(stale, judged.Count)} | {judged.Count(o => o.StaleDelivered)} | {withAny} of {windows} ({WilsonInterval.Of(withAny, windows)}) |"));
                }
            }
        }

        output.WriteLine();
        output.WriteLine("Stale re-sends per resolve in `#ml-alerts-critical` by how long the replicas' group timers had kept their phases (since the group started, in phase; since the rollout ended, after one):");
        output.WriteLine();
        output.WriteLine("| mode | 0–60 s | 60–120 s | 120 s and more |");
        output.WriteLine("|---|---|---|---|");
        foreach (var mode in Lane.Modes.Where(m => outcomes.Any(o => o.Mode == m)))
        {
            var judged = outcomes.Where(o => o.Mode == mode && o.Channel == "critical" && o.Kind == ChangeKind.Resolve && o.Told).ToList();
            var bins = new[] { (0.0, 60.0), (60.0, 120.0), (120.0, double.MaxValue) }
                .Select(b => judged.Where(o => o.GroupAge.TotalSeconds >= b.Item1 && o.GroupAge.TotalSeconds < b.Item2).ToList())
                .Select(b => string.Create(Invariant, $"{b.Count(o => o.Stale)} of {b.Count}"));
            output.WriteLine($"| {mode} | {string.Join(" | ", bins)} |");
        }

        var untold = outcomes.Count(o => !o.Told);
        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"Changes inside a window that their channel never told (left out of the counts): {untold} of {outcomes.Count}."));

        if (verbose)
        {
            output.WriteLine();
            output.WriteLine("Every stale re-send, with its channel's messages around it (TOLD: the message that told the change; replica: the slot that sent; the HTTP status the stand-in answered):");
            foreach (var outcome in outcomes.Where(o => o.Stale))
            {
                output.WriteLine(string.Create(Invariant, $"- {outcome.Mode}, {outcome.Window}, {outcome.GroupAge.TotalSeconds:F0} s after the phases were set:"));
                output.WriteLine(outcome.Detail);
            }
        }
    }

    private static string Channel(string webhook) => webhook == "critical" ? "`#ml-alerts-critical`" : "`#ml-alerts`";

    private static string Percent(int hits, int trials) => trials == 0 ? "–" : string.Create(Invariant, $"{100.0 * hits / trials:0.0} %");
}
