using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary><c>review dev --out DIR --secrets-dir S</c> writes files that the real tools accept and the real server runs as they are.</summary>
public sealed class ReviewOutTests
{
    [Fact(Timeout = 60_000)]
    public async Task Out_writes_the_three_files_amtool_and_promtool_accept_them_and_alertmanager_runs_them_as_is()
    {
        var ct = TestContext.Current.CancellationToken;
        var amtool = RequiredBinaries.AmtoolOrSkip();
        var promtool = RequiredBinaries.PromtoolOrSkip();
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        using var scratch = new ScratchDirectory();
        var outDir = Path.Combine(scratch.Path, "out");
        var secrets = Directory.CreateDirectory(Path.Combine(scratch.Path, "secrets")).FullName;

        var review = await ReviewCli.RunAsync(["dev", "--out", outDir, "--secrets-dir", secrets], TimeSpan.FromSeconds(30), ct);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        Assert.Equal(
            [ConfigLayout.ConfigFileName, Core.Dashboard.ModelDashboard.FileName, ModelAlertRules.FileName, PrometheusAlertingSnippet.FileName, AlertmanagerScrape.FileName, ConfigLayout.TemplateFileName],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"Wrote alertmanager.yml, slack.tmpl, {ModelAlertRules.FileName}, {PrometheusAlertingSnippet.FileName}, {AlertmanagerScrape.FileName}, {Core.Dashboard.ModelDashboard.FileName} to {outDir}.", review.StandardOutput, StringComparison.Ordinal);
        var config = Path.Combine(outDir, ConfigLayout.ConfigFileName);
        var check = await amtool.CheckConfigAsync(config, ct);
        Assert.True(check.Succeeded, check.StandardOutput + check.StandardError);
        var rules = await promtool.CheckRulesAsync(Path.Combine(outDir, ModelAlertRules.FileName), ct);
        Assert.True(rules.Succeeded, rules.StandardOutput + rules.StandardError);
        foreach (var role in ChannelRoles.Every)
        {
            Assert.Contains($"api_url_file: {secrets}/{role.Key()}", await File.ReadAllTextAsync(config, ct), StringComparison.Ordinal);
        }

        // The folder as written, on the real server, with the webhook files the Secret would hold.
        await using var slack = await SlackStandIn.StartAsync();
        await StandInConfiguration.WriteWebhooksAsync(slack, secrets, ct);

        await using var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = config, Binary = binary }, ct);
        var status = await alertmanager.GetStatusAsync(ct);
        Assert.Contains($"{secrets}/critical", status, StringComparison.Ordinal);
        await alertmanager.PostAlertsAsync([GuideAlerts.ModelPerformanceDegraded("critical")], ct);
        // The dev stack's own group_wait is 10s.
        var delivered = await slack.WaitForDeliveredAsync(r => r.WebhookName is "all" or "critical", 2, TimeSpan.FromSeconds(20), ct);
        Assert.All(delivered, r => Assert.Equal("🚨 Critical Alert: ModelPerformanceDegraded", LocalStack.Only(r)?.Title));
    }

    [Fact(Timeout = 60_000)]
    public async Task Prod_out_writes_a_prometheus_snippet_that_promtool_accepts_in_a_prometheus_yml_with_the_rule_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var scratch = new ScratchDirectory();
        var outDir = Path.Combine(scratch.Path, "out");

        var review = await ReviewCli.RunAsync(["prod", "--out", outDir], TimeSpan.FromSeconds(30), ct);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        var snippet = await File.ReadAllTextAsync(Path.Combine(outDir, PrometheusAlertingSnippet.FileName), ct);
        Assert.StartsWith("alerting:\n  alertmanagers:\n", snippet, StringComparison.Ordinal);
        Assert.Contains("    - alertmanager-cluster.monitoring.svc.cluster.local\n", snippet, StringComparison.Ordinal);
        Assert.Contains("    password_file: /etc/prometheus/secrets/alertmanager-basic-auth/password\n", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("password:", snippet, StringComparison.Ordinal);

        // A prometheus.yml as a user writes it: their scrape config, the rule file, and the snippet pasted as it is.
        var prometheusYml = scratch.Write("prometheus.yml",
            "global:\n  scrape_interval: 30s\n  evaluation_interval: 30s\n"
            + $"rule_files:\n  - {Path.Combine(outDir, ModelAlertRules.FileName)}\n"
            + "scrape_configs:\n  - job_name: models\n    static_configs:\n      - targets: ['model-exporter:8000']\n"
            + snippet);
        var check = await promtool.CheckConfigAsync(prometheusYml, ct);

        Assert.True(check.Succeeded, check.StandardOutput + check.StandardError);
        Assert.Contains("SUCCESS", check.StandardOutput + check.StandardError, StringComparison.Ordinal);
        var rulesInFile = StackRules.Render(StackFiles.Committed("prod")).Groups.Sum(g => g.Rules.Count);
        Assert.Contains($"SUCCESS: {rulesInFile} rules found", check.StandardOutput + check.StandardError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Promtool_check_config_rejects_a_broken_snippet_so_the_check_above_can_fail()
    {
        var ct = TestContext.Current.CancellationToken;
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var scratch = new ScratchDirectory();
        var broken = scratch.Write("prometheus.yml", "alerting:\n  alertmanagers:\n  - api_version: v9\n    static_configs:\n    - targets: [am:9093]\n");

        var check = await promtool.CheckConfigAsync(broken, ct);

        Assert.False(check.Succeeded, check.StandardOutput + check.StandardError);
    }
}
