namespace MlopsAlerting.LocalRun;

/// <summary>What <c>amtool config routes test</c> resolved for one label set.</summary>
/// <param name="Receivers">The receivers the labels route to, in amtool's order (its first stdout line, split on commas).</param>
/// <param name="ExitCode">0, or 1 when <c>--verify.receivers</c> did not match (or the configuration is invalid).</param>
/// <param name="Raw">The tool's full output.</param>
public sealed record RoutesTestResult(IReadOnlyList<string> Receivers, int ExitCode, CliResult Raw)
{
    /// <summary>Whether the exit code is 0 (with <c>--verify.receivers</c>: the receivers matched).</summary>
    public bool Succeeded => ExitCode == 0;
}
