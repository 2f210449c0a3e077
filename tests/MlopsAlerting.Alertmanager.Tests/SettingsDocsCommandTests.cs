namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// <c>review settings-docs</c>: the check that keeps Pulumi.yaml's config block and docs/settings.md equal to the schema
/// notices a one-word change in either, and <c>--write</c> puts the schema's text back.
/// </summary>
public sealed class SettingsDocsCommandTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("mlops-settings-docs-").FullName;

    public void Dispose() => Directory.Delete(_project, recursive: true);

    [Theory(Timeout = 40_000)]
    [InlineData("Pulumi.yaml", "Kubernetes namespace of Alertmanager", "Kubernetes namespace for Alertmanager")]
    [InlineData("docs/settings.md", "Gauge of each model's MAE", "Gauge of every model's MAE")]
    public async Task A_one_word_change_is_caught_and_write_restores_the_schemas_text(string file, string original, string changed)
    {
        Copy("Pulumi.yaml");
        Copy("docs/settings.md");
        var path = Path.Combine(_project, file);
        var text = File.ReadAllText(path);
        Assert.Contains(original, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(original, changed, StringComparison.Ordinal));

        var check = await ReviewCli.RunAsync(["settings-docs", "--project-dir", _project], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"{file} differs from the schema", check.StandardOutput, StringComparison.Ordinal);

        var write = await ReviewCli.RunAsync(["settings-docs", "--write", "--project-dir", _project], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, write.ExitCode);
        Assert.Equal(text, File.ReadAllText(path));
        var again = await ReviewCli.RunAsync(["settings-docs", "--project-dir", _project], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, again.ExitCode);
    }

    private void Copy(string file)
    {
        var target = Path.Combine(_project, file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(RepositoryRoot.Path, file), target);
    }
}
