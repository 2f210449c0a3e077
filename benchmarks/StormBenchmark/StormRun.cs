using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// One run: every configuration on its own Alertmanager and its own Slack stand-in (one message per second per webhook,
/// 429 above), the same storm posted to all at once, then a fixed observation window. Everything started is stopped.
/// </summary>
internal static class StormRun
{
    public static readonly TimeSpan SlackRateLimit = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<StormRunResult>> RunAsync(
        IReadOnlyList<StormConfiguration> configurations, AlertmanagerBinary binary, TimeSpan window, int warningOnly, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("mlops-storm-");
        var stands = new List<SlackStandIn>();
        var alertmanagers = new List<LocalAlertmanager>();
        try
        {
            foreach (var configuration in configurations)
            {
                var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = SlackRateLimit });
                stands.Add(slack);
                var directory = work.CreateSubdirectory(configuration.Name).FullName;
                var configFile = await configuration.Write(slack, directory);
                alertmanagers.Add(await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = configFile, Binary = binary }, cancellationToken));
            }

            var stormStarts = stands.Select(s => s.Elapsed).ToArray();
            await Storm.PostAsync(alertmanagers, warningOnly, cancellationToken);
            await Task.Delay(window, cancellationToken);

            return configurations.Select((configuration, i) =>
            {
                var requests = stands[i].AllRequests;
                var outcome = StormOutcome.From(configuration.Name, requests, stormStarts[i], warningOnly, r => r.ApiMethod is null ? r.Message?.Channel ?? r.WebhookName : r.WebhookName);
                return new StormRunResult(configuration, outcome, requests, stormStarts[i]);
            }).ToArray();
        }
        finally
        {
            foreach (var alertmanager in alertmanagers)
            {
                await alertmanager.DisposeAsync();
            }

            foreach (var slack in stands)
            {
                await slack.DisposeAsync();
            }

            work.Delete(recursive: true);
        }
    }
}
