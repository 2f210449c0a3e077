namespace MlopsAlerting.LocalRun;

/// <summary>The located Prometheus <c>promtool</c> binary.</summary>
/// <param name="Path">Full path of the <c>promtool</c> executable.</param>
public sealed record PromtoolBinary(string Path)
{
    /// <summary>Environment variable that names the <c>promtool</c> binary; it wins over PATH.</summary>
    public const string EnvironmentVariable = "PROMTOOL_BIN";

    /// <summary>What to tell a person when <c>promtool</c> is missing.</summary>
    public const string InstallHint =
        "install it with: sudo apt-get install prometheus (Debian/Ubuntu), or set PROMTOOL_BIN to the promtool binary";

    /// <summary>Finds <c>promtool</c> from <c>PROMTOOL_BIN</c>, then on PATH; null when missing (see <see cref="InstallHint"/>).</summary>
    public static PromtoolBinary? Locate()
    {
        var path = ExecutableSearch.Find(EnvironmentVariable, "promtool");
        return path is null ? null : new PromtoolBinary(path);
    }
}
