using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// Where the stack's own copy of this project's docs can be read in a browser: the <c>docs/</c> folder of the
/// repository the stack is deployed from, on its default branch, from the git remote <c>origin</c>
/// (GitHub, GitLab or Bitbucket, https or ssh). The default of <c>docsUrl</c>; the review and <c>pulumi up</c> run in
/// the same clone, so both derive the same URL.
/// </summary>
public static partial class RepositoryDocs
{
    /// <summary>The docs folder's URL for the clone holding <paramref name="directory"/>, or null (no git, no origin, an unknown host).</summary>
    public static Uri? Locate(string directory)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-C", directory, "config", "--get", "remote.origin.url" })
            {
                start.ArgumentList.Add(arg);
            }

            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var remote = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            return git.WaitForExit(10_000) && git.ExitCode == 0 ? FromRemote(remote) : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    /// <summary>The docs folder's browse URL for a remote URL, or null when the host's URL scheme for files is unknown.</summary>
    public static Uri? FromRemote(string remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var match = RemotePattern().Match(remote.Trim());
        if (!match.Success)
        {
            return null;
        }

        var host = match.Groups["host"].Value.ToLowerInvariant();
        var path = match.Groups["path"].Value;
        path = path.EndsWith(".git", StringComparison.Ordinal) ? path[..^4] : path;
        var blob = host switch
        {
            "github.com" => "blob/HEAD",
            "gitlab.com" => "-/blob/HEAD",
            "bitbucket.org" => "src/HEAD",
            _ => null,
        };
        return blob is null ? null : new Uri($"https://{host}/{path}/{blob}/docs");
    }

    // https://host/owner/repo(.git), ssh://git@host/owner/repo(.git), git@host:owner/repo(.git); GitLab groups nest.
    [GeneratedRegex(@"^(?:(?:https?|ssh)://(?:[^@/]+@)?(?<host>[A-Za-z0-9.-]+)(?::\d+)?/|[^@\s]+@(?<host>[A-Za-z0-9.-]+):)(?<path>[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+)/?$")]
    private static partial Regex RemotePattern();
}
