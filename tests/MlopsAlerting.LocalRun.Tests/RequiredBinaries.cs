namespace MlopsAlerting.LocalRun.Tests;

/// <summary>
/// The real binaries the tests run. When one is missing, or older than what a test checks, the test is skipped with
/// the reason and the fix, except on CI (<c>CI=true</c>), where it fails instead of hiding it.
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

    /// <summary>
    /// The Alertmanager server at <paramref name="minimum"/> or newer (major.minor from <c>--version</c>), or skip/fail
    /// saying what needs it: e.g. app mode's <c>update_message</c> needs 0.32, Debian stable ships 0.25.
    /// </summary>
    public static async Task<AlertmanagerBinary> AlertmanagerAtLeastOrSkipAsync(Version minimum, string needs)
    {
        var binary = AlertmanagerOrSkip();
        TooOldOrNot("Alertmanager", binary.ServerPath, await binary.ServerVersionAsync(TestContext.Current.CancellationToken), minimum, needs);
        return binary;
    }

    /// <summary>The amtool at <paramref name="minimum"/> or newer, or skip/fail saying what needs it.</summary>
    public static async Task<AmtoolCli> AmtoolAtLeastOrSkipAsync(Version minimum, string needs)
    {
        var amtool = AmtoolOrSkip();
        TooOldOrNot("amtool", amtool.AmtoolPath, await amtool.VersionAsync(TestContext.Current.CancellationToken), minimum, needs);
        return amtool;
    }

    /// <summary>The promtool at <paramref name="minimum"/> or newer (major.minor from <c>--version</c>), or skip/fail saying what needs it.</summary>
    public static async Task<PromtoolCli> PromtoolAtLeastOrSkipAsync(Version minimum, string needs)
    {
        var promtool = PromtoolOrSkip();
        TooOldOrNot("promtool", promtool.PromtoolPath, await promtool.VersionAsync(TestContext.Current.CancellationToken), minimum, needs);
        return promtool;
    }

    private static void TooOldOrNot(string name, string path, Version? version, Version minimum, string needs)
    {
        if (version is null || version < minimum)
        {
            Unusable<Version>($"{name} {version?.ToString() ?? "of unknown version"} at {path} is older than {minimum}, which {needs} needs: {TestedBinariesHint}");
        }
    }

    // The fix for a binary that is too old: the versions the stacks deploy, as the README's test command fetches them.
    private const string TestedBinariesHint = "run `bash tools/test.sh`, or export the tested binaries with `eval \"$(.ci/tested-binaries | sed 's/^/export /')\"` and run dotnet test again";

    private static T Missing<T>(string name, string hint) => Unusable<T>($"{name} is not installed: {hint}");

    private static T Unusable<T>(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        throw new InvalidOperationException("unreachable: Assert.Skip throws");
    }
}
