using System.Diagnostics;
using System.Globalization;
using MlopsAlerting.LocalRun;
using MlopsAlerting.StaleResendBenchmark;

var (options, error) = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error is null ? BenchmarkOptions.Usage : $"{error}{Environment.NewLine}{BenchmarkOptions.Usage}");
    return error is null ? 0 : 2;
}

var alertmanager = AlertmanagerBinary.Locate();
var prometheus = PrometheusBinary.Locate();
if (alertmanager is null || prometheus is null)
{
    Console.Error.WriteLine($"The benchmark runs the real Alertmanager and Prometheus: {AlertmanagerBinary.InstallHint} {PrometheusBinary.InstallHint}");
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

var invariant = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
void Log(string line) => Console.Error.WriteLine(string.Create(invariant, $"[{clock.Elapsed:mm\\:ss}] {line}"));

var amVersion = await VersionLineAsync(alertmanager.ServerPath);
var promVersion = await VersionLineAsync(prometheus.Path);
Console.WriteLine("# Stale re-sends per resolve, three clustered Alertmanagers");
Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"{amVersion} ×3 (a gossip cluster on 127.0.0.1, basic auth); {promVersion}; the Slack stand-in; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores."));
Console.WriteLine(
    "The prod stack's configuration with every duration divided by 6: "
    + string.Create(invariant, $"evaluation interval and resend delay 10 s, group_wait 5 s, all/critical group_interval 5 s, warning 50 s, peer timeout {options.PeerTimeout.TotalSeconds:0.###} s, start delay 25 s; the rules' for: divided by 30 (critical 10 s: one evaluation). ")
    + "A changing model is critical for one evaluation and back for two, so every resolve reaches the replicas at an evaluation, on a flush of its group.");
Console.WriteLine(string.Create(invariant,
    $"In phase, a new group each time: {options.FreshLanes} stacks, one model changing alone, counted {options.FreshTime.TotalSeconds:0} s each. "
    + $"In phase, a long-lived group, and after a rollout: {options.RolloutLanes} stacks with an anchor model critical all along and three models changing (a resolve and a fire at every evaluation), counted {options.Before.TotalSeconds:0} s before the first rollout, "
    + $"then {options.Rollouts} rollouts each (the three replicas replaced one by one, each counted after its start delay, each started at a random moment of a group_interval), each followed by {options.After.TotalSeconds:0} s of counting. Every stack runs at the same time."));

var outcomes = new List<ChangeOutcome>();
try
{
    var fresh = Enumerable.Range(1, options.FreshLanes)
        .Select(n => new Lane(n, alertmanager, prometheus, repositoryRoot, options.PeerTimeout, Log).FreshGroupsAsync(options.FreshTime, stop.Token));
    var rolling = Enumerable.Range(options.FreshLanes + 1, options.RolloutLanes)
        .Select(n => new Lane(n, alertmanager, prometheus, repositoryRoot, options.PeerTimeout, Log).RolloutsAsync(options.Before, options.Rollouts, options.After, stop.Token));
    outcomes.AddRange((await Task.WhenAll(fresh.Concat(rolling))).SelectMany(o => o));
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted; nothing to report.");
    return 1;
}

ResendReport.Write(Console.Out, outcomes, options.Verbose);
Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"Run time: {clock.Elapsed.TotalMinutes:0.0} min."));
return 0;

// The first line of `--version`, e.g. "alertmanager, version 0.33.1 (branch: ...)", cut before the build details.
async Task<string> VersionLineAsync(string path)
{
    using var process = Process.Start(new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, RedirectStandardError = true }) ?? throw new InvalidOperationException($"{path} did not start");
    var text = await process.StandardOutput.ReadToEndAsync(stop.Token) + await process.StandardError.ReadToEndAsync(stop.Token);
    await process.WaitForExitAsync(stop.Token);
    var first = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? path;
    var details = first.IndexOf(" (", StringComparison.Ordinal);
    return details > 0 ? first[..details] : first;
}
