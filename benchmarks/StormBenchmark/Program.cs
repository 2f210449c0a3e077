using System.Globalization;
using MlopsAlerting.LocalRun;
using MlopsAlerting.StormBenchmark;

var (options, error) = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error is null ? BenchmarkOptions.Usage : $"{error}{Environment.NewLine}{BenchmarkOptions.Usage}");
    return error is null ? 0 : 2;
}

var binary = AlertmanagerBinary.Locate();
if (binary is null)
{
    Console.Error.WriteLine($"The storm benchmark runs the real Alertmanager: {AlertmanagerBinary.InstallHint}");
    return 2;
}

var repositoryRoot = RepositoryRoot.TryFind();
if (repositoryRoot is null)
{
    Console.Error.WriteLine("Pulumi.yaml and Pulumi.prod.yaml were not found above the program or the current folder; run it from the repository.");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var ours = OurConfiguration.Create(repositoryRoot);
var oursClustered = OurConfiguration.Create(repositoryRoot, replicas: 3);
StormConfiguration[] configurations = [GuideConfiguration.Create(), ours];
StormConfiguration[] scenarioConfigurations = [.. configurations, oursClustered];
// --app-mode: ours in Slack app mode joins the storm (the scenarios keep their configurations).
StormConfiguration[] stormConfigurations = options.AppMode ? [.. configurations, OurConfiguration.CreateAppMode(repositoryRoot)] : configurations;
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine("# Alert storm against Slack's rate limit");
Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"Storm: {Storm.Models} models, each firing a warning and {Storm.CriticalAfterWarning.TotalMilliseconds:0} ms later a critical, models {Storm.ModelSpacing.TotalMilliseconds:0} ms apart, posted with POST /api/v2/alerts."));
Console.WriteLine(string.Create(invariant, $"Slack: one stand-in per configuration, accepting one message per {StormRun.SlackRateLimit.TotalSeconds:0} s per webhook and answering 429 above that."));
Console.WriteLine(string.Create(invariant, $"Alertmanager: {binary.ServerPath}, one per configuration, run concurrently. Observation window: {options.Window.TotalSeconds:0} s after the storm. Runs: {options.Runs}."));
foreach (var configuration in scenarioConfigurations.Concat(stormConfigurations).Distinct())
{
    Console.WriteLine($"- {configuration.Name}: {configuration.Description}");
}

Console.WriteLine();
Console.WriteLine("Scenarios beside the storm (each on its own Alertmanagers and stand-in; the three-replica configuration runs the latency scenarios, every alert posted to each replica):");
foreach (var scenario in Scenarios.All)
{
    Console.WriteLine($"- {scenario.Name}: {scenario.What} (prod scale: {scenario.ProdMeaning})");
}

Console.WriteLine();
if (options.WarningOnly > 0)
{
    Console.WriteLine(string.Create(invariant, $"Mixed storm: the first {options.WarningOnly} models fire only a warning, which should reach #ml-alerts and #ml-alerts-warning."));
}

Console.WriteLine("Channels are read from each message's `channel` field. Times are from the first alert posted. Expected: every critical in #ml-alerts and #ml-alerts-critical; warnings are inhibited by their model's critical and are not expected.");
Console.WriteLine();

var runs = new List<IReadOnlyList<StormRunResult>>();
var scenarioRuns = new List<IReadOnlyList<ScenarioOutcome>>();
Scenario[] shapes = [.. Scenarios.All.Where(s => !s.WithReplicas)];
Scenario[] latency = [.. Scenarios.All.Where(s => s.WithReplicas)];
try
{
    for (var run = 1; run <= options.Runs; run++)
    {
        // The storms run together; the latency scenarios after them, so that a storm's load never delays a latency probe.
        var stormTask = StormRun.RunAsync(stormConfigurations, binary, options.Window, options.WarningOnly, stop.Token);
        var shapesTask = ScenarioRun.RunAsync(shapes, configurations, binary, stop.Token);
        var results = await stormTask;
        runs.Add(results);
        var scenarioOutcomes = (await shapesTask).Concat(await ScenarioRun.RunAsync(latency, scenarioConfigurations, binary, stop.Token)).ToArray();
        scenarioRuns.Add(scenarioOutcomes);
        Console.WriteLine($"## Run {run}");
        Console.WriteLine();
        Console.Write(OutcomeTable.Render(results.Select(r => r.Outcome)));
        Console.WriteLine();
        Console.Write(ScenarioTable.Render(scenarioOutcomes));
        Console.WriteLine();
        if (options.Verbose)
        {
            foreach (var result in results)
            {
                Console.WriteLine($"Requests to the {result.Configuration.Name} stand-in:");
                foreach (var request in result.Requests)
                {
                    Console.WriteLine(string.Create(invariant,
                        $"    +{(request.Elapsed - result.StormStart).TotalSeconds,5:0.0}s {request.WebhookName,-8} {request.StatusCode} {request.Message?.Channel,-20} {MessageContent.Severity(request.Message),-8} {MessageContent.Models(request.Message).Count,2} models  {request.Message?.Attachments.FirstOrDefault()?.Title}"));
                }
            }

            Console.WriteLine();
        }
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped; every Alertmanager and stand-in was shut down.");
    return 130;
}

var medians = stormConfigurations.Select((_, i) => StormOutcome.Median([.. runs.Select(r => r[i].Outcome)])).ToArray();
Console.WriteLine($"## Median over {runs.Count} run(s)");
Console.WriteLine();
Console.Write(OutcomeTable.Render(medians));
Console.WriteLine();
var scenarioMedians = scenarioRuns[0]
    .Select((first, i) => ScenarioOutcome.Median([.. scenarioRuns.Select(r => r[i])]))
    .ToArray();
Console.Write(ScenarioTable.Render(scenarioMedians));
Console.WriteLine();

var ourIndex = Array.IndexOf(configurations, ours);
var (stormLines, stormPass) = OurClaims.Evaluate([.. runs.Select(r => r[ourIndex].Outcome)], ours.GroupWait);
var (scenarioLines, scenarioPass) = OurClaims.EvaluateScenarios([.. scenarioRuns.SelectMany(r => r)], [ours, oursClustered]);
var lines = stormLines.Concat(scenarioLines);
var allPass = stormPass && scenarioPass;
foreach (var line in lines)
{
    Console.WriteLine(line);
}

return allPass ? 0 : 1;
