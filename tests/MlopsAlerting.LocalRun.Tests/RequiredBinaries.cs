namespace MlopsAlerting.LocalRun.Tests;

/// <summary>
/// The real binaries the tests run. When one is missing the test is skipped with the install hint,
/// except on CI (<c>CI=true</c>), where a missing binary fails the test instead of hiding it.
/// </summary>
public static class RequiredBinaries
{
    /// <summary>The Alertmanager server (and amtool if present), or skip/fail.</summary>
    public static AlertmanagerBinary AlertmanagerOrSkip() =>
        AlertmanagerBinary.Locate() ?? Missing<AlertmanagerBinary>("Alertmanager", AlertmanagerBinary.InstallHint);

    /// <summary>The amtool path, or skip/fail.</summary>
    public static AmtoolCli AmtoolOrSkip() =>
        AmtoolCli.Locate() ?? Missing<AmtoolCli>("amtool", AlertmanagerBinary.AmtoolInstallHint);

    /// <summary>The promtool path, or skip/fail.</summary>
    public static PromtoolCli PromtoolOrSkip() =>
        PromtoolCli.Locate() ?? Missing<PromtoolCli>("promtool", PromtoolBinary.InstallHint);

    /// <summary>The Prometheus server, or skip/fail.</summary>
    public static PrometheusBinary PrometheusOrSkip() =>
        PrometheusBinary.Locate() ?? Missing<PrometheusBinary>("Prometheus", PrometheusBinary.InstallHint);

    private static T Missing<T>(string name, string hint)
    {
        var reason = $"{name} is not installed: {hint}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        throw new InvalidOperationException("unreachable: Assert.Skip throws");
    }
}
