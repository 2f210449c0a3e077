using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>
/// Moves the changing models' MAE once per scrape, so that each evaluation carries exactly one resolve: every model is
/// high for two scrapes and low for one, the three a scrape apart. With <c>for:</c> one evaluation, at each evaluation
/// one model goes pending, one fires and one resolves. A model is
/// therefore critical for one evaluation interval and back for two; every resolve reaches the replicas at an
/// evaluation, as in prod.
/// </summary>
internal static class ChangeSchedule
{
    private const decimal Critical = 0.45m;
    private const decimal Normal = 0.20m;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then sets every changing model back to normal.</summary>
    public static async Task RunAsync(MetricsEndpoint exporter, IReadOnlyList<string> models, CancellationToken cancellationToken)
    {
        try
        {
            for (var scrape = 0; ; scrape++)
            {
                for (var i = 0; i < models.Count; i++)
                {
                    exporter.Set(models[i], (scrape + i) % 3 == 2 ? Normal : Critical);
                }

                // The values just set are what the next scrape reads.
                await exporter.WaitForScrapesAsync(1, TimeSpan.FromSeconds(60), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var model in models)
            {
                exporter.Set(model, Normal);
            }
        }
    }
}
