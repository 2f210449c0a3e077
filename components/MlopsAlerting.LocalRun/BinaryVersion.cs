using System.Globalization;
using System.Text.RegularExpressions;

namespace MlopsAlerting.LocalRun;

/// <summary>Reads a Prometheus-project binary's version from <c>--version</c> (e.g. <c>alertmanager, version 0.33.1 ...</c>).</summary>
internal static partial class BinaryVersion
{
    [GeneratedRegex("version (\\d+)\\.(\\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Major and minor version, or null when the output names none.</summary>
    public static async Task<Version?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var result = await CliProcess.RunAsync(path, ["--version"], null, cancellationToken).ConfigureAwait(false);
        var match = Pattern().Match(result.StandardOutput + result.StandardError);
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }
}
