namespace MlopsAlerting.LocalRun;

/// <summary>Runs the real <c>amtool</c> offline against configuration files.</summary>
/// <param name="amtoolPath">The <c>amtool</c> executable, for example <see cref="AlertmanagerBinary.AmtoolPath"/>.</param>
public sealed class AmtoolCli(string amtoolPath)
{
    /// <summary>The <c>amtool</c> executable this wrapper runs.</summary>
    public string AmtoolPath { get; } = amtoolPath ?? throw new ArgumentNullException(nameof(amtoolPath));

    /// <summary>Finds <c>amtool</c> with <see cref="AlertmanagerBinary.LocateAmtool"/>; null when missing (see <see cref="AlertmanagerBinary.AmtoolInstallHint"/>).</summary>
    public static AmtoolCli? Locate() => AlertmanagerBinary.LocateAmtool() is { } path ? new AmtoolCli(path) : null;

    /// <summary>The Alertmanager version of this amtool (major and minor, from <c>amtool --version</c>).</summary>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    /// <exception cref="InvalidOperationException">The output names no version.</exception>
    public async Task<Version> VersionAsync(CancellationToken cancellationToken = default) =>
        await BinaryVersion.ReadAsync(AmtoolPath, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{AmtoolPath} --version named no version.");

    /// <summary>
    /// Runs <c>amtool check-config FILE</c>. On success stdout starts with <c>Checking 'FILE'  SUCCESS</c>;
    /// on failure exit code is 1, stdout holds <c>Checking 'FILE'  FAILED: reason</c>.
    /// </summary>
    /// <param name="configFile">The Alertmanager configuration file.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> CheckConfigAsync(string configFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configFile);
        configFile = Path.GetFullPath(configFile);
        return CliProcess.RunAsync(AmtoolPath, ["check-config", configFile], Path.GetDirectoryName(configFile), cancellationToken);
    }

    /// <summary>Runs <c>amtool check-config FILE...</c> once on many files (each file's templates resolve against its own folder); fails when any fails.</summary>
    /// <param name="configFiles">The Alertmanager configuration files.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> CheckConfigsAsync(IReadOnlyList<string> configFiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configFiles);
        return CliProcess.RunAsync(AmtoolPath, ["check-config", .. configFiles.Select(Path.GetFullPath)], null, cancellationToken);
    }

    /// <summary>
    /// Runs <c>amtool config routes test --config.file=FILE [--verify.receivers=a,b] name=value ...</c>, which prints the
    /// matching receivers comma-separated on one line (for example <c>critical,warning</c>), then, when the verification
    /// fails, <c>WARNING: Expected receivers did not match resolved receivers.</c> with exit code 1.
    /// </summary>
    /// <param name="configFile">The Alertmanager configuration file.</param>
    /// <param name="labels">The alert's labels.</param>
    /// <param name="verifyReceivers">The receivers expected, in order, or null to only resolve them.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public async Task<RoutesTestResult> RoutesTestAsync(
        string configFile,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyList<string>? verifyReceivers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configFile);
        configFile = Path.GetFullPath(configFile);
        ArgumentNullException.ThrowIfNull(labels);
        List<string> arguments = ["config", "routes", "test", $"--config.file={configFile}"];
        if (verifyReceivers is { Count: > 0 })
        {
            arguments.Add($"--verify.receivers={string.Join(',', verifyReceivers)}");
        }

        arguments.AddRange(labels.Select(label => $"{label.Key}={label.Value}"));
        var raw = await CliProcess.RunAsync(AmtoolPath, arguments, Path.GetDirectoryName(configFile), cancellationToken)
            .ConfigureAwait(false);
        return new RoutesTestResult(ParseReceivers(raw.StandardOutput), raw.ExitCode, raw);
    }

    /// <summary>
    /// Runs <c>amtool template render --template.glob=FILE --template.text=TEXT</c> offline, which renders
    /// <paramref name="text"/> with the templates of <paramref name="templateFile"/> on amtool's example alert data
    /// and prints the result on stdout.
    /// </summary>
    /// <param name="templateFile">A template file, e.g. the rendered <c>slack.tmpl</c>.</param>
    /// <param name="text">The template text to render, e.g. <c>{{ template "name" . }}</c>.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> TemplateRenderAsync(string templateFile, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateFile);
        ArgumentNullException.ThrowIfNull(text);
        templateFile = Path.GetFullPath(templateFile);
        return CliProcess.RunAsync(AmtoolPath, ["template", "render", $"--template.glob={templateFile}", $"--template.text={text}"], Path.GetDirectoryName(templateFile), cancellationToken);
    }

    /// <summary>
    /// Runs <c>amtool silence query -o json --alertmanager.url=URL</c>: every active and pending silence as the JSON
    /// array that <see cref="SilenceImportAsync"/> reads back (the export half of moving silences to another Alertmanager).
    /// </summary>
    /// <param name="alertmanagerUrl">The Alertmanager's root URL.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> SilenceExportAsync(Uri alertmanagerUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertmanagerUrl);
        return CliProcess.RunAsync(AmtoolPath, ["silence", "query", "-o", "json", $"--alertmanager.url={alertmanagerUrl}"], null, cancellationToken);
    }

    /// <summary>
    /// Runs <c>amtool silence import --alertmanager.url=URL FILE</c>: creates each silence of an export again (with a new
    /// id, the same matchers, end, author and comment).
    /// </summary>
    /// <param name="alertmanagerUrl">The Alertmanager's root URL.</param>
    /// <param name="exportFile">A file holding the output of <see cref="SilenceExportAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the run; the tool is then killed.</param>
    public Task<CliResult> SilenceImportAsync(Uri alertmanagerUrl, string exportFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertmanagerUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(exportFile);
        return CliProcess.RunAsync(AmtoolPath, ["silence", "import", $"--alertmanager.url={alertmanagerUrl}", Path.GetFullPath(exportFile)], null, cancellationToken);
    }

    internal static IReadOnlyList<string> ParseReceivers(string standardOutput)
    {
        var line = standardOutput
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(candidate => !candidate.StartsWith("WARNING:", StringComparison.Ordinal));
        return line is null ? [] : line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}
