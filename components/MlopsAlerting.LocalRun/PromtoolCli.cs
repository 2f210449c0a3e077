namespace MlopsAlerting.LocalRun;

/// <summary>Runs the real <c>promtool</c> against configuration files, rule files and rule unit tests.</summary>
/// <param name="promtoolPath">The <c>promtool</c> executable, for example <see cref="PromtoolBinary.Path"/>.</param>
public sealed class PromtoolCli(string promtoolPath)
{
    /// <summary>The <c>promtool</c> executable this wrapper runs.</summary>
    public string PromtoolPath { get; } = promtoolPath ?? throw new ArgumentNullException(nameof(promtoolPath));

    /// <summary>Finds <c>promtool</c> with <see cref="PromtoolBinary.Locate"/>; null when missing (see <see cref="PromtoolBinary.InstallHint"/>).</summary>
    public static PromtoolCli? Locate() => PromtoolBinary.Locate() is { } binary ? new PromtoolCli(binary.Path) : null;

    /// <summary>The Prometheus version of this promtool (major and minor, from <c>promtool --version</c>).</summary>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    /// <exception cref="InvalidOperationException">The output names no version.</exception>
    public async Task<Version> VersionAsync(CancellationToken cancellationToken = default) =>
        await BinaryVersion.ReadAsync(PromtoolPath, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{PromtoolPath} --version named no version.");

    /// <summary>Runs <c>promtool check rules FILE</c> (syntax and PromQL of a rule file).</summary>
    /// <param name="rulesFile">The Prometheus rule file.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> CheckRulesAsync(string rulesFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rulesFile);
        rulesFile = Path.GetFullPath(rulesFile);
        return CliProcess.RunAsync(PromtoolPath, ["check", "rules", rulesFile], Path.GetDirectoryName(rulesFile), cancellationToken);
    }

    /// <summary>Runs <c>promtool check rules FILE...</c> once on many rule files; fails when any fails.</summary>
    /// <param name="rulesFiles">The Prometheus rule files.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> CheckRulesAsync(IReadOnlyList<string> rulesFiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rulesFiles);
        return CliProcess.RunAsync(PromtoolPath, ["check", "rules", .. rulesFiles.Select(Path.GetFullPath)], null, cancellationToken);
    }

    /// <summary>Runs <c>promtool test rules FILE</c> (rule unit tests; <c>rule_files</c> resolve relative to the test file).</summary>
    /// <param name="testFile">The rule unit-test file.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> TestRulesAsync(string testFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testFile);
        testFile = Path.GetFullPath(testFile);
        return CliProcess.RunAsync(PromtoolPath, ["test", "rules", testFile], Path.GetDirectoryName(testFile), cancellationToken);
    }

    /// <summary>Runs <c>promtool check config FILE</c> (a <c>prometheus.yml</c> and the rule files it names).</summary>
    /// <param name="configFile">The Prometheus configuration file.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> CheckConfigAsync(string configFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configFile);
        configFile = Path.GetFullPath(configFile);
        return CliProcess.RunAsync(PromtoolPath, ["check", "config", configFile], Path.GetDirectoryName(configFile), cancellationToken);
    }
}
