using System.Diagnostics;
using System.Reflection;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Runs the review CLI as a user does: the one <c>review.dll</c> the build made, started with
/// <c>dotnet</c> from a folder outside the repository, bounded in time and killed on timeout.
/// </summary>
internal static class ReviewCli
{
    private static readonly Lazy<string> Dll = new(Locate);

    /// <summary>Runs <c>dotnet review.dll args</c>; the project folder is the repository unless <c>--project-dir</c> is given.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(Dll.Value);
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (!args.Contains("--project-dir"))
        {
            startInfo.ArgumentList.Add("--project-dir");
            startInfo.ArgumentList.Add(RepositoryRoot.Path);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["NO_PROXY"] = "127.0.0.1,localhost";

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"review {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:F0}s; output so far:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Locate()
    {
        var path = typeof(ReviewCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ReviewDll").Value!;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"review.dll was not built at {path}; build tests/MlopsAlerting.Alertmanager.Tests (it builds tools/review first).", path);
    }
}
