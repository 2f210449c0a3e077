using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>The review CLI's Markdown and its local try run, as a user runs them.</summary>
public sealed class ReviewCommandTests
{
    [Fact(Timeout = 40_000)]
    public async Task Review_prod_exits_0_and_prints_every_markdown_section()
    {
        var review = await ReviewCli.RunAsync(["prod"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, review.ExitCode);
        Assert.Equal(string.Empty, review.StandardError);
        string[] sections =
        [
            "# Stack review: `prod`",
            "## Settings",
            "## Secrets",
            "## Routing",
            "## Inhibition",
            "## Resources `pulumi up` declares",
            "## Model alert rules",
            "## Prometheus wiring",
            "## Rendered configuration",
        ];
        Assert.StartsWith(sections[0] + "\n", review.StandardOutput, StringComparison.Ordinal);
        var at = 0;
        foreach (var section in sections.Skip(1))
        {
            var next = review.StandardOutput.IndexOf("\n" + section + "\n", at, StringComparison.Ordinal);
            Assert.True(next > at, $"section '{section}' missing or out of order:\n{review.StandardOutput}");
            at = next;
        }

        Assert.Contains("| critical model alert | `alertname=ModelPerformanceDegraded`, `severity=critical`, `model_name=california-housing` | slack-all, slack-critical | #ml-alerts, #ml-alerts-critical |", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| ModelMetricsMissing | warning | california-housing | `(max without(mlops_critical, mlops_warning, mlops_models) (mlops:model_mae:watched{mlops_stack=\"monitoring/prod\"}) unless on(model_name) model_mae) or (model_mae != model_mae)` | 10m |", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Models the stack does not list are watched with the default thresholds", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| ConfigMap `monitoring/mlops-model-alerts` | ", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| Secret | `monitoring/alertmanager-basic-auth` |", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("      password_file: /etc/prometheus/secrets/alertmanager-basic-auth/password\n", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Prometheus must mount it at `/etc/prometheus/secrets/alertmanager-basic-auth`", review.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Review_dev_try_exits_0_and_prints_the_messages_of_all_three_channels()
    {
        RequiredBinaries.AlertmanagerOrSkip();

        var review = await ReviewCli.RunAsync(["dev", "--try"], TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        foreach (var channel in new[] { "#ml-alerts-dev", "#ml-alerts-critical-dev", "#ml-alerts-warning-dev" })
        {
            Assert.Contains($"┌ {channel} (webhook ", review.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("⚠️ Warning: TestAlert    [warning]", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("🚨 Critical Alert: ModelPerformanceDegraded    [danger]", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("✅ Resolved: ModelPerformanceDegraded    [good]", review.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", review.StandardOutput + review.StandardError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Review_try_in_app_mode_shows_the_resolution_as_an_edit_of_each_critical_message()
    {
        await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(SlackModes.AppModeMinimumVersion, "review --try in app mode (update_message)");
        using var project = new BadStackProject("app", "config:\n  mlops-alerting:environment: App\n  mlops-alerting:slack:\n    mode: app\n");

        var review = await ReviewCli.RunAsync(["app", "--try", "--project-dir", project.Directory], TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        Assert.Contains("https://slack.com/api/chat.postMessage through the loopback proxy", review.StandardOutput, StringComparison.Ordinal);
        var posts = System.Text.RegularExpressions.Regex.Matches(review.StandardOutput, "┌ (#[a-z-]+) \\(chat\\.postMessage, ts ([0-9.]+),").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        var edits = System.Text.RegularExpressions.Regex.Matches(review.StandardOutput, "┌ (#[a-z-]+) \\(chat\\.update, ts ([0-9.]+),").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Contains(edits, e => e.Item1 == "#ml-alerts-critical" && posts.Contains(e));
        Assert.Contains(edits, e => e.Item1 == "#ml-alerts" && posts.Contains(e));
        Assert.Contains("✅ Resolved: ModelPerformanceDegraded    [good]", review.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook '", review.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", review.StandardOutput + review.StandardError, StringComparison.Ordinal);
    }
}
