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
StormConfiguration[] configurations = options.AppMode
    ? [GuideConfiguration.Create(), ours, OurConfiguration.CreateAppMode(repositoryRoot)]
    : [GuideConfiguration.Create(), ours];
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine("# Alert storm against Slack's rate limit");
Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"Storm: {Storm.Models} models, each firing a warning and {Storm.CriticalAfterWarning.TotalMilliseconds:0} ms later a critical, models {Storm.ModelSpacing.TotalMilliseconds:0} ms apart, posted with POST /api/v2/alerts."));
Console.WriteLine(string.Create(invariant, $"Slack: one stand-in per configuration, accepting one message per {StormRun.SlackRateLimit.TotalSeconds:0} s per webhook and answering 429 above that."));
Console.WriteLine(string.Create(invariant, $"Alertmanager: {binary.ServerPath}, one per configuration, run concurrently. Observation window: {options.Window.TotalSeconds:0} s after the storm. Runs: {options.Runs}."));
foreach (var configuration in configurations)
{
    Console.WriteLine($"- {configuration.Name}: {configuration.Description}");
}

Console.WriteLine();
if (options.WarningOnly > 0)
{
    Console.WriteLine(string.Create(invariant, $"Mixed storm: the first {options.WarningOnly} models fire only a warning, which should reach #ml-alerts and #ml-alerts-warning."));
}

Console.WriteLine("Channels are read from each message's `channel` field. Times are from the first alert posted. Expected: every critical in #ml-alerts and #ml-alerts-critical; warnings are inhibited by their model's critical and are not expected.");
Console.WriteLine();

var runs = new List<IReadOnlyList<StormRunResult>>();
try
{
    for (var run = 1; run <= options.Runs; run++)
    {
        var results = await StormRun.RunAsync(configurations, binary, options.Window, options.WarningOnly, stop.Token);
        runs.Add(results);
        Console.WriteLine($"## Run {run}");
        Console.WriteLine();
        Console.Write(OutcomeTable.Render(results.Select(r => r.Outcome)));
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

var medians = configurations.Select((_, i) => StormOutcome.Median([.. runs.Select(r => r[i].Outcome)])).ToArray();
Console.WriteLine($"## Median over {runs.Count} run(s)");
Console.WriteLine();
Console.Write(OutcomeTable.Render(medians));
Console.WriteLine();

var ourIndex = Array.IndexOf(configurations, ours);
var (lines, allPass) = OurClaims.Evaluate([.. runs.Select(r => r[ourIndex].Outcome)], ours.GroupWait);
foreach (var line in lines)
{
    Console.WriteLine(line);
}

return allPass ? 0 : 1;
