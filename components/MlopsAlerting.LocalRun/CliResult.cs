namespace MlopsAlerting.LocalRun;

/// <summary>What a command-line tool returned.</summary>
/// <param name="ExitCode">The exit code; 0 means success.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Whether the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
