using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Rules.Tests;

/// <summary>A promtool run as an assertion message: exit code, and everything it printed.</summary>
internal static class PromtoolOutput
{
    public static string Describe(this CliResult result, string what) =>
        $"{what} exited {result.ExitCode}.{Environment.NewLine}stdout:{Environment.NewLine}{result.StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{result.StandardError}";
}
