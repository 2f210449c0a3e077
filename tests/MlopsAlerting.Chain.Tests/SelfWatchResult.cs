using System.Globalization;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// One measured fault: how long after the break the first person was told, and how, at the run's shortened timings.
/// Written to the test output, and appended to the file named by <c>SELF_WATCH_RESULTS</c> (the benchmark sets it).
/// </summary>
internal sealed record SelfWatchResult(int Replicas, string Fault, string Signal, TimeSpan Measured, TimeSpan Bound)
{
    public const string ResultsVariable = "SELF_WATCH_RESULTS";

    private static readonly Lock Gate = new();

    public void Report()
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{Replicas}\t{Fault}\t{Signal}\t{Measured.TotalSeconds:0.0}\t{Bound.TotalSeconds:0.0}");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable(ResultsVariable) is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }
    }
}
