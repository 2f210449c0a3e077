namespace MlopsAlerting.LocalRun;

/// <summary>The located Prometheus server binary.</summary>
/// <param name="Path">Full path of the <c>prometheus</c> executable.</param>
public sealed record PrometheusBinary(string Path)
{
    /// <summary>Environment variable that names the Prometheus server binary; it wins over PATH.</summary>
    public const string EnvironmentVariable = "PROMETHEUS_BIN";

    /// <summary>What to tell a person when Prometheus is missing.</summary>
    public const string InstallHint =
        "install it with: sudo apt-get install prometheus (Debian/Ubuntu), or set PROMETHEUS_BIN to the prometheus binary";

    /// <summary>Finds Prometheus from <c>PROMETHEUS_BIN</c>, then <c>prometheus</c> on PATH; null when missing (see <see cref="InstallHint"/>).</summary>
    public static PrometheusBinary? Locate()
    {
        var path = ExecutableSearch.Find(EnvironmentVariable, "prometheus");
        return path is null ? null : new PrometheusBinary(path);
    }
}
