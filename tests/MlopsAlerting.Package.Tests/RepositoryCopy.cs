using System.Diagnostics;
using Xunit.Sdk;

namespace MlopsAlerting.Package.Tests;

/// <summary>
/// The working tree (tracked and new files, as <c>git</c> lists them; no build output) copied into a fresh git
/// repository of its own, where a test may commit and tag freely without touching the checkout. Packing there runs
/// tools/pack.sh as a release would.
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    private RepositoryCopy(DirectoryInfo root) => Root = root;

    public DirectoryInfo Root { get; }

    public string Source => Path.Combine(Root.FullName, "source");

    public string Packages => Path.Combine(Root.FullName, "packages");

    /// <summary>Copies the working tree and commits it as the copy's first commit.</summary>
    public static async Task<RepositoryCopy> CreateAsync()
    {
        var copy = new RepositoryCopy(Directory.CreateTempSubdirectory("mlops-package-"));
        var listed = await RunAsync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], RepositoryRoot.Path);
        Assert.Equal(0, listed.ExitCode);
        foreach (var file in listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var from = Path.Combine(RepositoryRoot.Path, file);
            if (!File.Exists(from))
            {
                continue; // deleted in the working tree, not yet committed
            }

            var to = Path.Combine(copy.Source, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }

        await copy.GitAsync("init", "-q");
        await copy.CommitAsync("The working tree");
        return copy;
    }

    public async Task CommitAsync(string message)
    {
        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=package-test", "-c", "user.email=package-test@example.invalid", "commit", "-q", "-m", message);
    }

    public Task TagAsync(string tag) => GitAsync("tag", tag);

    public async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).Trim();

    /// <summary>Runs tools/pack.sh into <see cref="Packages"/>.</summary>
    public Task<CommandResult> PackAsync() => RunAsync("bash", [Path.Combine(Source, "tools", "pack.sh"), Packages], Source);

    public void Dispose() => Root.Delete(recursive: true);

    private async Task<string> GitAsync(params string[] arguments)
    {
        var result = await RunAsync("git", arguments, Source);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Output}");
        return result.Output;
    }

    private static async Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"{file} {string.Join(' ', arguments)}: not done within {CommandTimeout}");
        }

        return new CommandResult(process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>A command's exit code and its standard output followed by its standard error.</summary>
internal sealed record CommandResult(int ExitCode, string Output);
