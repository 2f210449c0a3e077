namespace MlopsAlerting.LocalRun;

/// <summary>The located Alertmanager server binary and, when installed, its <c>amtool</c> companion.</summary>
/// <param name="ServerPath">Full path of the Alertmanager server executable.</param>
/// <param name="AmtoolPath">Full path of <c>amtool</c>, or null when it was not found.</param>
public sealed record AlertmanagerBinary(string ServerPath, string? AmtoolPath)
{
    /// <summary>Environment variable that names the Alertmanager server binary; it wins over PATH.</summary>
    public const string ServerEnvironmentVariable = "ALERTMANAGER_BIN";

    /// <summary>Environment variable that names the <c>amtool</c> binary; it wins over PATH.</summary>
    public const string AmtoolEnvironmentVariable = "AMTOOL_BIN";

    /// <summary>What to tell a person when the Alertmanager server is missing.</summary>
    public const string InstallHint =
        "install it with: sudo apt-get install prometheus-alertmanager (Debian/Ubuntu), or set ALERTMANAGER_BIN to the alertmanager binary";

    /// <summary>What to tell a person when <c>amtool</c> is missing.</summary>
    public const string AmtoolInstallHint =
        "install it with: sudo apt-get install prometheus-alertmanager (Debian/Ubuntu), or set AMTOOL_BIN to the amtool binary";

    /// <summary>
    /// Finds the server from <c>ALERTMANAGER_BIN</c>, then <c>prometheus-alertmanager</c> or <c>alertmanager</c> on PATH,
    /// and amtool from <c>AMTOOL_BIN</c>, then <c>amtool</c> on PATH.
    /// A variable that is set but names no executable file counts as missing.
    /// </summary>
    /// <returns>The binaries, or null when the server is missing (see <see cref="InstallHint"/>).</returns>
    public static AlertmanagerBinary? Locate()
    {
        var server = ExecutableSearch.Find(ServerEnvironmentVariable, "prometheus-alertmanager", "alertmanager");
        return server is null ? null : new AlertmanagerBinary(server, LocateAmtool());
    }

    /// <summary>Where Debian's Alertmanager binaries read their built-in templates at run time (upstream embeds them).</summary>
    public const string DebianTemplateDirectory = "/usr/share/prometheus/alertmanager";

    /// <summary>
    /// The package's own <c>default.tmpl</c> when the server is a Debian binary unpacked outside <c>/usr</c> (with
    /// <c>dpkg -x</c>): such a binary still reads <see cref="DebianTemplateDirectory"/>, which holds the installed
    /// package's copy, maybe of an older version lacking templates the newer Slack defaults use (Alertmanager then
    /// blanks those fields and every later one, even <c>channel</c>, without an error). Null for an installed Debian
    /// binary and for upstream builds, which embed their templates.
    /// </summary>
    public string? OwnDefaultTemplate
    {
        get
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(ServerPath));
            if (directory is null)
            {
                return null;
            }

            var candidate = Path.GetFullPath(Path.Combine(directory, "..", "share", "prometheus", "alertmanager", "default.tmpl"));
            var compiledIn = Path.Combine(DebianTemplateDirectory, "default.tmpl");
            return File.Exists(candidate) && !string.Equals(candidate, compiledIn, StringComparison.Ordinal) ? candidate : null;
        }
    }

    /// <summary>The server's version (major and minor, from <c>--version</c>), or null when it prints none.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    public Task<Version?> ServerVersionAsync(CancellationToken cancellationToken = default) =>
        BinaryVersion.ReadAsync(ServerPath, cancellationToken);

    /// <summary>Finds <c>amtool</c> alone (<c>AMTOOL_BIN</c>, then PATH); null when missing (see <see cref="AmtoolInstallHint"/>).</summary>
    public static string? LocateAmtool() => ExecutableSearch.Find(AmtoolEnvironmentVariable, "amtool");
}
