using System.Diagnostics;
using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Review;

/// <summary>
/// Reads files as they are at a git revision with <c>git rev-parse</c> and <c>git cat-file</c>: nothing is
/// checked out and the work tree is not touched. Each file is read up to <see cref="ReadLimits.MaxFileBytes"/>
/// plus one byte, so that the stack reader refuses an oversized file as it does in the work tree.
/// </summary>
internal sealed class GitRevision
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private GitRevision(string gitDirectory, string prefix, string commit)
    {
        GitDirectory = gitDirectory;
        Prefix = prefix;
        Commit = commit;
    }

    /// <summary>The project folder, where git runs.</summary>
    public string GitDirectory { get; }

    /// <summary>The project folder relative to the repository's top, with a trailing slash (empty at the top).</summary>
    public string Prefix { get; }

    /// <summary>The commit the ref names.</summary>
    public string Commit { get; }

    /// <summary>The commit <paramref name="gitRef"/> names in the repository holding <paramref name="projectDirectory"/>; null and a message with the fix when there is none.</summary>
    public static (GitRevision? Revision, string? Error) Resolve(string projectDirectory, string gitRef)
    {
        if (gitRef.Length == 0 || gitRef.StartsWith('-') || gitRef.Any(char.IsControl))
        {
            return (null, $"--compare needs a git ref such as main, origin/main or a commit, not '{DisplayText.OneLine(gitRef)}'");
        }

        var prefix = Run(projectDirectory, ["rev-parse", "--show-prefix"]);
        if (prefix.ExitCode != 0)
        {
            return (null, prefix.Started
                ? $"--compare {gitRef}: {Path.GetFullPath(projectDirectory)} is not in a git repository. Fix: run from a clone of the repository, or pass --project-dir DIR inside one."
                : "--compare needs git, which is not installed or not on PATH. Fix: install git.");
        }

        var commit = Run(projectDirectory, ["rev-parse", "--verify", "--quiet", "--end-of-options", gitRef + "^{commit}"]);
        if (commit.ExitCode != 0)
        {
            return (null, $"--compare {gitRef}: no such commit, branch or tag in this repository. Fix: check the name (`git branch -a`), or fetch it first (`git fetch origin {gitRef}`; in CI check out with `fetch-depth: 0`).");
        }

        return (new GitRevision(projectDirectory, System.Text.Encoding.UTF8.GetString(prefix.Output).Trim(), System.Text.Encoding.UTF8.GetString(commit.Output).Trim()), null);
    }

    /// <summary>Whether the project file <paramref name="name"/> exists at the revision.</summary>
    public bool Has(string name) => Run(GitDirectory, ["cat-file", "-e", $"{Commit}:{Prefix}{name}"]).ExitCode == 0;

    /// <summary>The bytes of the project file <paramref name="name"/> at the revision, at most the stack file limit plus one byte.</summary>
    public byte[] Read(string name)
    {
        var result = Run(GitDirectory, ["cat-file", "blob", $"{Commit}:{Prefix}{name}"]);
        return result.ExitCode == 0 || result.Truncated
            ? result.Output
            : throw new IOException($"git cat-file could not read {name} at {Commit}");
    }

    private sealed record GitResult(bool Started, int ExitCode, byte[] Output, bool Truncated);

    private static GitResult Run(string directory, IReadOnlyList<string> args)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process? process;
        try
        {
            process = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new GitResult(false, -1, [], false);
        }

        if (process is null)
        {
            return new GitResult(false, -1, [], false);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var buffer = new byte[ReadLimits.MaxFileBytes + 1];
            var total = 0;
            var stream = process.StandardOutput.BaseStream;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            var truncated = total == buffer.Length;
            if (truncated)
            {
                process.Kill(entireProcessTree: true);
            }

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new GitResult(true, -1, [], false);
            }

            stderr.Wait(Timeout);
            return new GitResult(true, truncated ? -1 : process.ExitCode, buffer[..total], truncated);
        }
    }
}
