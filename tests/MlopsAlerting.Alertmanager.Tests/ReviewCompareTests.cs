namespace MlopsAlerting.Alertmanager.Tests;

/// <summary><c>review prod --compare main</c> on a temporary git repository with real commits, as a pull request's review runs it.</summary>
public sealed class ReviewCompareTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(50);

    private static async Task<MlopsAlerting.LocalRun.CliResult> CompareAsync(GitStackRepository repo, CancellationToken cancellationToken, string gitRef = "main")
    {
        var statusBefore = repo.Status();
        var stackBefore = await File.ReadAllTextAsync(repo.StackFile, cancellationToken);
        var review = await ReviewCli.RunAsync(["prod", "--compare", gitRef, "--project-dir", repo.Directory], Timeout, cancellationToken);

        // Nothing checked out, nothing written: the work tree is as the test left it.
        Assert.Equal(statusBefore, repo.Status());
        Assert.Equal(stackBefore, await File.ReadAllTextAsync(repo.StackFile, cancellationToken));
        Assert.DoesNotContain("   at ", review.StandardOutput + review.StandardError, StringComparison.Ordinal);
        return review;
    }

    private static void AssertChangesComeFirst(string output)
    {
        Assert.StartsWith("## What changes: `prod` from `main` to the work tree\n", output, StringComparison.Ordinal);
        Assert.Contains("\n# Stack review: `prod`\n", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Moving_the_critical_channel_shows_which_alerts_now_reach_it_and_that_the_pods_roll()
    {
        using var repo = new GitStackRepository();
        repo.Edit("critical: '#ml-alerts-critical'", "critical: '#ml-oncall'");

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        var output = review.StandardOutput;
        AssertChangesComeFirst(output);
        Assert.Contains("| `slack.channels.critical` | #ml-alerts-critical | #ml-oncall |", output, StringComparison.Ordinal);
        Assert.Contains("| critical model alert | #ml-alerts, #ml-alerts-critical | #ml-alerts, #ml-oncall |", output, StringComparison.Ordinal);
        Assert.Contains("**Warning:** `slackWebhooks.critical` must be a webhook created for #ml-oncall", output, StringComparison.Ordinal);
        Assert.DoesNotContain("| warning model alert |", output[..output.IndexOf("# Stack review", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("**the pods roll** (its ConfigMap changed)", output, StringComparison.Ordinal);
        Assert.Contains("<details><summary><code>alertmanager.yml</code>", output, StringComparison.Ordinal);
        Assert.Matches(@"\n-\s+channel: '#ml-alerts-critical'\n", output);
        Assert.Matches(@"\n\+\s+channel: '#ml-oncall'\n", output);
        Assert.Contains("`model-alerts.rules.yml`: unchanged.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(StackChangesNoChange, output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_readme_example_is_what_the_review_prints_for_its_pull_request()
    {
        using var repo = new GitStackRepository();
        repo.Edit("critical: '#ml-alerts-critical'", "critical: '#ml-oncall'");
        await File.AppendAllTextAsync(repo.StackFile, "    - name: fraud-detector\n      version: v2.3\n      maeCritical: 0.50\n      criticalFor: 2m\n      maeWarning: 0.35\n      warningFor: 10m\n", TestContext.Current.CancellationToken);

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "pull-requests.md"), TestContext.Current.CancellationToken);
        var start = readme.IndexOf("````markdown\n## What changes: `prod`", StringComparison.Ordinal) + "````markdown\n".Length;
        var example = readme[start..readme.IndexOf("\n````", start, StringComparison.Ordinal)];
        var section = review.StandardOutput[..review.StandardOutput.IndexOf("# Stack review: ", StringComparison.Ordinal)].TrimEnd();
        Assert.Equal(section, example);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_added_model_lists_its_rules_and_the_rule_object_updated_without_a_rollout()
    {
        using var repo = new GitStackRepository();
        await File.AppendAllTextAsync(repo.StackFile, "    - name: fraud-detector\n      maeCritical: 0.50\n      criticalFor: 2m\n      maeWarning: 0.35\n      warningFor: 10m\n", TestContext.Current.CancellationToken);

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        var output = review.StandardOutput;
        AssertChangesComeFirst(output);
        Assert.Contains("- Model `fraud-detector` added: critical > 0.50 for 2m, warning > 0.35 for 10m.", output, StringComparison.Ordinal);
        Assert.Contains("| added | ModelPerformanceDegraded | critical | fraud-detector |", output, StringComparison.Ordinal);
        Assert.Contains("| models changed | ModelMetricsMissing | warning | california-housing → california-housing, fraud-detector |", output, StringComparison.Ordinal);
        Assert.Contains("ConfigMap `monitoring/mlops-model-alerts` updated in place", output, StringComparison.Ordinal);
        Assert.Contains("<details><summary><code>model-alerts.rules.yml</code>", output, StringComparison.Ordinal);
        Assert.Matches(@"\n\+.*fraud-detector", output);
        Assert.Contains("- StatefulSet `monitoring/alertmanager`: the pods do not roll.", output, StringComparison.Ordinal);
        Assert.Contains("`alertmanager.yml`: unchanged.", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_changed_threshold_shows_old_and_new_value_in_the_model_and_its_threshold_series_not_a_new_rule()
    {
        using var repo = new GitStackRepository();
        repo.Edit("maeCritical: 0.40", "maeCritical: 0.35");

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        var output = review.StandardOutput;
        Assert.Contains("- Model `california-housing`: critical MAE > 0.40 → > 0.35.", output, StringComparison.Ordinal);
        // Thresholds are data: the alert rule stays as it was (Prometheus keeps its state); the threshold series changes.
        Assert.DoesNotContain("| changed | ModelPerformanceDegraded", output, StringComparison.Ordinal);
        Assert.Contains("+    expr: 0.35 * max without(mlops_critical, mlops_warning, mlops_models)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning MAE", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_changed_group_wait_says_how_long_a_second_critical_now_waits_and_where()
    {
        using var repo = new GitStackRepository();
        repo.Edit("groupWait: 30s", "groupWait: 1m");

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        var output = review.StandardOutput;
        Assert.Contains("| `routing.groupWait / groupInterval / repeatInterval` | 30s / 5m / 12h | 1m / 5m / 12h |", output, StringComparison.Ordinal);
        Assert.Contains("- #ml-alerts-critical `groupWait` 30s → 1m: the first message of a new group (e.g. the first critical) now waits 1m.", output, StringComparison.Ordinal);

        // The all and critical channels' group_interval follows their group_wait; the warning channel's does not.
        Assert.Contains("- #ml-alerts-critical `groupInterval` 30s → 1m: a new alert joining a group already notified (e.g. a second model's critical) now waits up to 1m in #ml-alerts-critical", output, StringComparison.Ordinal);
        Assert.DoesNotContain("- #ml-alerts-warning `groupInterval`", output, StringComparison.Ordinal);
        Assert.Contains("\n-  group_wait: 30s\n+  group_wait: 1m\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("### Routing", output, StringComparison.Ordinal);
        Assert.DoesNotContain("### Models and rules", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_edit_that_renders_the_same_files_says_no_change_for_alerting()
    {
        using var repo = new GitStackRepository();
        repo.Edit("# Production stack:", "# A comment only. Production stack:");

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        var output = review.StandardOutput;
        AssertChangesComeFirst(output);
        var changes = output[..output.IndexOf("# Stack review", StringComparison.Ordinal)];
        Assert.Contains($"**{StackChangesNoChange}**", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("###", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("```diff", changes, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_base_is_reported_with_its_error_lines_and_the_repaired_work_tree_is_reviewed()
    {
        using var repo = new GitStackRepository();
        repo.Edit("replicas: 3", "replicas: three");
        repo.Commit("broken prod");
        repo.Edit("replicas: three", "replicas: 3");

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        Assert.StartsWith("## What changes: `prod` at `main` is invalid\n", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Pulumi.prod.yaml@main", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("alertmanager.replicas", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Pulumi.prod.yaml@main", review.StandardError, StringComparison.Ordinal);
        Assert.Contains("\n# Stack review: `prod`\n", review.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_work_tree_fails_with_the_usual_error_lines()
    {
        using var repo = new GitStackRepository();
        repo.Edit("replicas: 3", "replicas: three");

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        Assert.Contains("Pulumi.prod.yaml", review.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("@main", review.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, review.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stack_file_missing_at_the_ref_is_reported_as_a_new_stack()
    {
        using var repo = new GitStackRepository();
        File.Copy(repo.StackFile, Path.Combine(repo.Directory, "Pulumi.staging.yaml"));

        var review = await ReviewCli.RunAsync(["staging", "--compare", "main", "--project-dir", repo.Directory], Timeout, TestContext.Current.CancellationToken);

        Assert.True(review.ExitCode == 0, review.StandardError);
        Assert.StartsWith("## What changes: `staging` is new\n\n`Pulumi.staging.yaml` does not exist at `main`", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\n# Stack review: `staging`\n", review.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_ref_that_does_not_exist_is_a_usage_error()
    {
        using var repo = new GitStackRepository();

        var review = await CompareAsync(repo, TestContext.Current.CancellationToken, "no-such-branch");

        Assert.Equal(2, review.ExitCode);
        Assert.Contains("review: --compare no-such-branch: no such commit, branch or tag", review.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, review.StandardOutput);
    }

    private const string StackChangesNoChange = MlopsAlerting.Core.Review.StackChanges.NoChange;
}
