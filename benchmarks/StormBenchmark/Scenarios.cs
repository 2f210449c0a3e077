using System.Globalization;

namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// The storm shapes and latency scenarios beside the 50-model storm. Times are scaled: our configuration runs prod's
/// timings divided by <see cref="OurConfiguration.Scale"/>; the guide's runs its own 10s / 10s as written.
/// </summary>
internal static class Scenarios
{
    private const int TwinModels = 50;
    private const int SpreadModels = 30;
    private static readonly TimeSpan SpreadEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ModelSpacing = TimeSpan.FromMilliseconds(20);

    /// <summary>How long after the first alert was notified the next one arrives in scenarios A and B (scaled; 100 s in prod).</summary>
    private static readonly TimeSpan Later = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new(
            "two alert names",
            $"{TwinModels} models each fire a critical {ScenarioAlert.Performance} and a critical {ScenarioAlert.DataDrift} at once ({ModelSpacing.TotalMilliseconds:0} ms apart)",
            "the same at prod scale: 100 criticals within a second",
            false,
            async (driver, ct) => await Task.WhenAll(Enumerable.Range(1, TwinModels).Select(async i =>
            {
                await driver.UntilAsync((i - 1) * ModelSpacing, ct);
                await driver.PostAsync([new(Model("twin", i), ScenarioAlert.Performance, "critical"), new(Model("twin", i), ScenarioAlert.DataDrift, "critical")], ct, probe: true);
            })),
            configuration => TimeSpan.FromSeconds(30)),
        new(
            "slow spread",
            string.Create(CultureInfo.InvariantCulture, $"a new model's critical every {SpreadEvery.TotalSeconds:0} s for {SpreadModels * SpreadEvery.TotalSeconds:0} s ({SpreadModels} models)"),
            string.Create(CultureInfo.InvariantCulture, $"a new model critical every {SpreadEvery.TotalSeconds * OurConfiguration.Scale:0} s for {SpreadModels * SpreadEvery.TotalSeconds * OurConfiguration.Scale / 60:0} minutes"),
            false,
            async (driver, ct) =>
            {
                for (var i = 1; i <= SpreadModels; i++)
                {
                    await driver.UntilAsync((i - 1) * SpreadEvery, ct);
                    await driver.PostAsync([new(Model("spread", i), ScenarioAlert.Performance, "critical")], ct, probe: true);
                }
            },
            configuration => (2 * configuration.GroupInterval) + TimeSpan.FromSeconds(5)),
        new(
            "A",
            "model B goes critical about 10 s after model A's critical was notified, just after a flush (the worst phase)",
            "about 100 s after A was notified",
            true,
            async (driver, ct) =>
            {
                await driver.PostAsync([new("lat-01", ScenarioAlert.Performance, "critical")], ct);
                var groupStart = driver.Posted.Values.Min();
                await driver.UntilAsync(driver.JustAfterFlush(groupStart, Later), ct);
                await driver.PostAsync([new("lat-02", ScenarioAlert.Performance, "critical")], ct, probe: true);
            },
            configuration => (2 * configuration.GroupInterval) + TimeSpan.FromSeconds(5)),
        new(
            "B",
            "the first critical arrives about 10 s after a warning of another model was notified, just after a flush of the all channel's group",
            "about 100 s after the warning was notified",
            true,
            async (driver, ct) =>
            {
                await driver.PostAsync([new("lat-03", ScenarioAlert.Performance, "warning")], ct);
                var groupStart = driver.Posted.Values.Min();
                await driver.UntilAsync(driver.JustAfterFlush(groupStart, Later), ct);
                await driver.PostAsync([new("lat-04", ScenarioAlert.Performance, "critical")], ct, probe: true);
            },
            configuration => (2 * configuration.GroupInterval) + TimeSpan.FromSeconds(5)),
    ];

    private static string Model(string prefix, int index) => $"{prefix}-{index.ToString("D2", CultureInfo.InvariantCulture)}";
}
