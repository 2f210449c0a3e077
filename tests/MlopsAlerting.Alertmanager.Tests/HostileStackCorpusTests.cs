using System.Text.RegularExpressions;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Runs every file of the hostile-stack corpus through the built review CLI, as a user or CI job
/// does: no crash and no stack trace, no secret echoed; a rejected file exits 1 with one line per
/// mistake naming the file, the key (or line and column) and the fix, and writes nothing to --out;
/// an accepted file exits 0 and what it writes passes amtool check-config and promtool check rules.
/// </summary>
public sealed partial class HostileStackCorpusTests
{
    [GeneratedRegex(@"^(?<file>Pulumi\.[^ ]*yaml)(?<position>:\d+:\d+)?: ((?<key>[^ ]+( [^ ]+)?): )?(?<problem>.+)\. Fix: (?<fix>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    [Fact]
    public void The_corpus_holds_over_100_cases_and_every_committed_file_has_an_expectation()
    {
        Assert.True(HostileStackCorpus.All.Count >= 100, $"{HostileStackCorpus.All.Count} cases");
        Assert.Contains(HostileStackCorpus.All, c => c.Accepted);
        var listed = HostileStackCorpus.All.Select(c => $"Pulumi.{c.Stack}.yaml").ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(HostileStackCorpus.Directory, "Pulumi.*.yaml").Select(Path.GetFileName).ToList();
        Assert.All(files, f => Assert.Contains(f!, listed));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(HostileStackCorpus.Names), MemberType = typeof(HostileStackCorpus))]
    public async Task Review_rejects_cleanly_or_accepts_a_valid_configuration(string name)
    {
        var c = HostileStackCorpus.Case(name);
        using var scratch = new ScratchDirectory();
        var project = Path.Combine(scratch.Path, "project");
        Directory.CreateDirectory(project);
        File.Copy(Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"), Path.Combine(project, "Pulumi.yaml"));
        if (c.Bytes is not null)
        {
            File.WriteAllBytes(Path.Combine(project, $"Pulumi.{c.Stack}.yaml"), c.Bytes);
        }

        c.Arrange?.Invoke(project);
        var outDirectory = Path.Combine(scratch.Path, "out");

        var review = await ReviewCli.RunAsync([c.Stack, "--out", outDirectory, "--project-dir", project], TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

        var output = review.StandardOutput + review.StandardError;
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow", output, StringComparison.Ordinal);
        Assert.DoesNotContain("OutOfMemory", output, StringComparison.Ordinal);
        Assert.DoesNotContain(HostileStackCorpus.SecretMarker, output, StringComparison.OrdinalIgnoreCase);
        if (c.Accepted)
        {
            Assert.True(review.ExitCode == 0, $"exit {review.ExitCode}: {review.StandardError}");
            await AssertToolsAcceptAsync(outDirectory);
            return;
        }

        Assert.True(review.ExitCode == 1, $"exit {review.ExitCode}: {output}");
        Assert.Equal(string.Empty, review.StandardOutput);
        Assert.False(Directory.Exists(outDirectory) && Directory.EnumerateFileSystemEntries(outDirectory).Any(), "the review wrote files although the stack has mistakes");
        var lines = review.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("The stack configuration has ", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.Matches(ErrorLine(), line));
        Assert.Contains(lines.Skip(1), line =>
            (c.Key.Length == 0 || line.Contains($" {c.Key}: ", StringComparison.Ordinal)) && line.Contains(c.Says, StringComparison.Ordinal));
    }

    private static async Task AssertToolsAcceptAsync(string outDirectory)
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        var promtool = RequiredBinaries.PromtoolOrSkip();
        var config = await amtool.CheckConfigAsync(Path.Combine(outDirectory, "alertmanager.yml"), TestContext.Current.CancellationToken);
        Assert.True(config.ExitCode == 0, config.StandardOutput + config.StandardError);
        var rules = await promtool.CheckRulesAsync(Path.Combine(outDirectory, "model-alerts.rules.yml"), TestContext.Current.CancellationToken);
        Assert.True(rules.ExitCode == 0, rules.StandardOutput + rules.StandardError);
    }
}
