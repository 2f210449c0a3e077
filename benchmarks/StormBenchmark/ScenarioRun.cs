using MlopsAlerting.LocalRun;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// Runs scenarios side by side: each (scenario, configuration) on its own Alertmanagers (one, or a three-replica
/// cluster) and its own Slack stand-in (one message per second per webhook, 429 above), all at once. Everything
/// started is stopped.
/// </summary>
internal static class ScenarioRun
{
    public static async Task<IReadOnlyList<ScenarioOutcome>> RunAsync(
        IReadOnlyList<Scenario> scenarios, IReadOnlyList<StormConfiguration> configurations, AlertmanagerBinary binary, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("mlops-scenario-");
        var disposables = new List<IAsyncDisposable>();
        try
        {
            var prepared = new List<(Scenario Scenario, StormConfiguration Configuration, SlackStandIn Slack, IReadOnlyList<LocalAlertmanager> Targets)>();
            foreach (var scenario in scenarios)
            {
                foreach (var configuration in configurations.Where(c => c.Replicas == 1 || scenario.WithReplicas))
                {
                    var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = StormRun.SlackRateLimit });
                    disposables.Add(slack);
                    var directory = work.CreateSubdirectory($"{prepared.Count}").FullName;
                    var configFile = await configuration.Write(slack, directory);
                    IReadOnlyList<LocalAlertmanager> targets;
                    if (configuration.Replicas == 3)
                    {
                        var cluster = await ThreeReplicaCluster.StartAsync(binary, configFile, cancellationToken, peerTimeout: configuration.PeerTimeout);
                        disposables.Add(cluster);
                        targets = cluster.Replicas;
                    }
                    else
                    {
                        var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = configFile, Binary = binary }, cancellationToken);
                        disposables.Add(alertmanager);
                        targets = [alertmanager];
                    }

                    prepared.Add((scenario, configuration, slack, targets));
                }
            }

            return await Task.WhenAll(prepared.Select(async p =>
            {
                var driver = new ScenarioDriver(p.Configuration, p.Targets, p.Slack);
                await p.Scenario.Drive(driver, cancellationToken);
                await Task.Delay(p.Scenario.Window(p.Configuration), cancellationToken);
                return ScenarioOutcome.From(p.Scenario, driver, p.Slack.AllRequests);
            }));
        }
        finally
        {
            foreach (var disposable in Enumerable.Reverse(disposables))
            {
                await disposable.DisposeAsync();
            }

            work.Delete(recursive: true);
        }
    }
}
