namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// A stack that takes its secrets from a Pulumi ESC environment (the stack file's <c>environment:</c> list) is
/// reviewed as such: every secret the file lacks is named as coming from the environment, not as missing, and the
/// review offers no <c>pulumi config set</c> that would contradict the team's setup.
/// </summary>
public sealed class EscEnvironmentReviewTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("mlops-esc-review-").FullName;

    public void Dispose() => Directory.Delete(_project, recursive: true);

    [Fact(Timeout = 40_000)]
    public async Task Review_prod_with_an_esc_import_and_no_secrets_exits_0_and_names_the_environment_for_each_webhook()
    {
        WriteProject("prod", "environment:\n  - ml-platform/alerting-prod\n", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml")));

        var review = await ReviewCli.RunAsync(["prod", "--project-dir", _project], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, review.ExitCode);
        foreach (var (role, channel) in new[] { ("all", "#ml-alerts"), ("critical", "#ml-alerts-critical"), ("warning", "#ml-alerts-warning") })
        {
            Assert.Contains($"| `slackWebhooks.{role} ({channel})` | from ESC environment `ml-platform/alerting-prod` (not readable offline) |", review.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("| `heartbeatUrl` | not in the stack file; from ESC environment `ml-platform/alerting-prod` (not readable offline) if one sets `mlops-alerting:heartbeatUrl`", review.StandardOutput, StringComparison.Ordinal);
        var secrets = Section(review.StandardOutput, "## Secrets");
        Assert.DoesNotContain("**missing**", secrets, StringComparison.Ordinal);
        Assert.DoesNotContain("pulumi config set", secrets, StringComparison.Ordinal);
        Assert.Contains("`pulumi up` reads these from the environments' `pulumiConfig`", secrets, StringComparison.Ordinal);
    }

    [Fact(Timeout = 40_000)]
    public async Task In_app_mode_the_bot_token_is_named_as_coming_from_every_imported_environment()
    {
        var prod = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml"))
            .Replace("    grafanaUrl:", "    mode: app\n    grafanaUrl:", StringComparison.Ordinal);
        WriteProject("prod", "environment:\n  - ml-platform/slack\n  - ml-platform/alerting-prod@stable\n", prod);

        var review = await ReviewCli.RunAsync(["prod", "--project-dir", _project], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, review.ExitCode);
        Assert.Contains("from ESC environments `ml-platform/slack`, `ml-platform/alerting-prod@stable` (not readable offline; a later one wins)", review.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("**missing**", review.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 40_000)]
    public async Task Without_an_import_a_missing_webhook_is_still_missing_with_the_command_that_sets_it()
    {
        WriteProject("prod", string.Empty, File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml")));

        var review = await ReviewCli.RunAsync(["prod", "--project-dir", _project], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, review.ExitCode);
        Assert.Contains("| `slackWebhooks.critical (#ml-alerts-critical)` | **missing**: `pulumi config set --secret --path slackWebhooks.critical", review.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("ESC environment", Section(review.StandardOutput, "## Secrets"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 40_000)]
    public async Task An_environment_key_that_is_not_a_list_is_refused_with_the_file_the_key_and_the_fix()
    {
        WriteProject("prod", "environment: ml-platform/alerting-prod\n", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml")));

        var review = await ReviewCli.RunAsync(["prod", "--project-dir", _project], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        Assert.Contains("Pulumi.prod.yaml", review.StandardError, StringComparison.Ordinal);
        Assert.Contains("environment", review.StandardError, StringComparison.Ordinal);
        Assert.Contains("must be a list of Pulumi ESC environment names", review.StandardError, StringComparison.Ordinal);
        Assert.Contains("  - my-project/alerting-prod", review.StandardError, StringComparison.Ordinal);
    }

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {heading}");
        var end = markdown.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    private void WriteProject(string stack, string environmentBlock, string stackFile)
    {
        File.Copy(Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"), Path.Combine(_project, "Pulumi.yaml"));
        File.WriteAllText(Path.Combine(_project, $"Pulumi.{stack}.yaml"), environmentBlock + stackFile);
    }
}
