using System.Diagnostics;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// A temporary git repository with real commits: the repository's <c>Pulumi.yaml</c> and <c>Pulumi.prod.yaml</c>
/// committed on <c>main</c>, for <c>review prod --compare main</c> against an edited work tree.
/// </summary>
internal sealed class GitStackRepository : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public GitStackRepository()
    {
        Directory = System.IO.Path.Combine(_scratch.Path, "repo");
        System.IO.Directory.CreateDirectory(Directory);
        if (Git("init", "-q", "-b", "main").ExitCode != 0)
        {
            MissingGit();
        }

        File.Copy(System.IO.Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"), System.IO.Path.Combine(Directory, "Pulumi.yaml"));
        File.Copy(System.IO.Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml"), StackFile);
        Commit("prod as in the repository");
    }

    public string Directory { get; }

    public string StackFile => System.IO.Path.Combine(Directory, "Pulumi.prod.yaml");

    /// <summary>Replaces <paramref name="from"/> (which must occur) in the work tree's stack file.</summary>
    public void Edit(string from, string to)
    {
        var text = File.ReadAllText(StackFile);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(StackFile, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>Commits everything in the work tree.</summary>
    public void Commit(string message)
    {
        Assert.Equal(0, Git("add", "-A").ExitCode);
        var commit = Git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message);
        Assert.True(commit.ExitCode == 0, commit.Output);
    }

    /// <summary><c>git status --porcelain</c>: what the work tree holds beside the last commit.</summary>
    public string Status() => Git("status", "--porcelain").Output;

    public (int ExitCode, string Output) Git(params string[] args)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(startInfo)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "git is not installed");
        }
    }

    public void Dispose() => _scratch.Dispose();

    private static void MissingGit()
    {
        const string reason = "git is not installed: apt-get install git";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }
}
