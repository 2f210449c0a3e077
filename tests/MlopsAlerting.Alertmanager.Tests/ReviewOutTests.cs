using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
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
            [ConfigLayout.ConfigFileName, ModelAlertRules.FileName, ConfigLayout.TemplateFileName],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"Wrote alertmanager.yml, slack.tmpl, {ModelAlertRules.FileName} to {outDir}.", review.StandardOutput, StringComparison.Ordinal);
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
}
