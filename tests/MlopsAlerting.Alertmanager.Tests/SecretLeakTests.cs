using System.Text.Json;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Webhooks are secrets: whatever the program prints, renders, writes or sends, a webhook value (a sentinel here)
/// never appears in it. Engine-fed values are decrypted secrets, as the Pulumi program gets them.
/// </summary>
public sealed class SecretLeakTests
{
    /// <summary>Part of every sentinel: no output may contain it, whole or in part.</summary>
    private const string Marker = "Sx7SentinelWebhook";

    private static readonly IReadOnlyDictionary<ChannelRole, string> Sentinels = ChannelRoles.Every.ToDictionary(
        r => r,
        r => $"https://hooks.slack.com/services/T0{Marker}/B0{r.Key()}/{Marker}{r.Key()}Token");

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Review_markdown_rendered_files_rules_and_workload_never_contain_an_engine_fed_webhook(string stack)
    {
        var settings = EngineFed(stack, Sentinels);
        Assert.All(ChannelRoles.Every, r => Assert.Equal(Sentinels[r], settings.SlackWebhooks.ByRole[r].Value?.Reveal()));

        var rendered = AlertmanagerConfigRenderer.Render(settings);
        var rules = ModelAlertRules.Render(settings);
        var markdown = StackReview.Render(settings, rendered, [new ReviewSection("Model alert rules", rules.Yaml)]);

        Assert.Contains("| `slackWebhooks.all (", markdown, StringComparison.Ordinal);
        Assert.Contains("set (secret)", markdown, StringComparison.Ordinal);
        AssertNoSentinel("review markdown", markdown);
        foreach (var (name, content) in rendered.Files)
        {
            AssertNoSentinel(name, content);
        }

        AssertNoSentinel(rules.FileName, rules.Yaml);
        AssertNoSentinel("settings.ToString()", settings.ToString());
        AssertNoSentinel("settings as JSON", JsonSerializer.Serialize(settings));
        AssertNoSentinel("routing table", string.Join("\n", RoutingTable.Compute(settings)));
        var workload = AlertmanagerWorkload.From(settings);
        AssertNoSentinel("workload", workload + string.Join("\n", workload.Args) + string.Join("\n", workload.Environment));
    }

    [Fact]
    public void An_engine_fed_webhook_that_is_not_a_slack_url_is_reported_without_its_value()
    {
        var bad = new Dictionary<ChannelRole, string>
        {
            [ChannelRole.All] = $"http://example.com/{Marker}",
            [ChannelRole.Critical] = $"https://hooks.slack.com/services/T0/B0/{Marker} with space",
            [ChannelRole.Warning] = Marker,
        };

        var e = Assert.Throws<SettingsException>(() => EngineFed("dev", bad));

        Assert.Equal(["slackWebhooks.all", "slackWebhooks.critical", "slackWebhooks.warning"], e.Errors.Select(x => x.Key).Order(StringComparer.Ordinal));
        AssertNoSentinel("error message", e.Message);
        AssertNoSentinel("exception", e.ToString());
        Assert.All(e.Errors, x => AssertNoSentinel("error line", x.ToString()));
    }

    [Fact(Timeout = 45_000)]
    public async Task A_local_alertmanager_running_engine_fed_settings_never_shows_a_webhook()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartAsync(EngineFed("dev", Sentinels), ct);

        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.TestAlert(), GuideAlerts.ModelPerformanceDegraded("critical", model: "fraud-detector")], ct);
        // One message each in the critical and the warning channel, and one naming both in the all channel.
        var delivered = await stack.Slack.WaitForDeliveredAsync(_ => true, 3, LocalStack.Delivery, ct);

        Assert.All(delivered, r => AssertNoSentinel($"Slack message to {r.WebhookName}", r.Body));
        AssertNoSentinel("/api/v2/status", await stack.Alertmanager.GetStatusAsync(ct));
        AssertNoSentinel("/api/v2/alerts", JsonSerializer.Serialize(await stack.Alertmanager.GetAlertsAsync(ct)));
        AssertNoSentinel("Alertmanager log", stack.Alertmanager.Logs);
    }

    [Fact(Timeout = 90_000)]
    public async Task Review_out_and_try_never_print_or_write_an_encrypted_webhook()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var ct = TestContext.Current.CancellationToken;
        var stackFile = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "Pulumi.dev.yaml"), ct)
            + "  mlops-alerting:slackWebhooks:\n"
            + string.Concat(ChannelRoles.Every.Select(r => $"    {r.Key()}:\n      secure: v1:{Marker}{r.Key()}CipherText==\n"));
        using var project = new BadStackProject("sec", stackFile);
        var secrets = Directory.CreateDirectory(Path.Combine(project.Directory, "secrets")).FullName;

        var review = await ReviewCli.RunAsync(["sec", "--out", project.OutDirectory, "--secrets-dir", secrets, "--project-dir", project.Directory], TimeSpan.FromSeconds(30), ct);
        var tryRun = await ReviewCli.RunAsync(["sec", "--try", "--project-dir", project.Directory], TimeSpan.FromSeconds(55), ct);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        Assert.True(tryRun.Succeeded, tryRun.StandardOutput + tryRun.StandardError);
        Assert.Equal(3, review.StandardOutput.Split("set (encrypted in the stack file)").Length - 1);
        AssertNoSentinel("review stdout", review.StandardOutput);
        AssertNoSentinel("review stderr", review.StandardError);
        AssertNoSentinel("--try stdout", tryRun.StandardOutput);
        AssertNoSentinel("--try stderr", tryRun.StandardError);
        Assert.Equal(6, Directory.GetFiles(project.OutDirectory).Length);
        foreach (var file in Directory.GetFiles(project.OutDirectory))
        {
            AssertNoSentinel(file, await File.ReadAllTextAsync(file, ct));
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--out")]
    [InlineData("--try")]
    public async Task A_plain_text_webhook_in_a_stack_file_is_refused_without_echoing_any_part_of_it(string mode)
    {
        var (_, yaml, _, _) = MalformedSettings.Case("webhook in plain text");
        using var project = new BadStackProject("bad", MalformedSettings.StackFile(yaml));
        string[] args = mode == "--out" ? ["bad", "--out", project.OutDirectory] : ["bad", "--try"];

        var review = await ReviewCli.RunAsync([.. args, "--project-dir", project.Directory], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        Assert.Contains("slackWebhooks.all: is stored in plain text", review.StandardError, StringComparison.Ordinal);
        foreach (var part in MalformedSettings.PlainWebhook.Split('/').Where(p => p.Contains("plain", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.DoesNotContain(part, review.StandardOutput + review.StandardError, StringComparison.Ordinal);
        }

        Assert.True(project.NothingWritten);
    }

    private static StackSettings EngineFed(string stack, IReadOnlyDictionary<ChannelRole, string> webhooks)
    {
        var raw = EngineStack.Raw(stack);
        raw["slackWebhooks"] = JsonSerializer.Serialize(webhooks.ToDictionary(w => w.Key.Key(), w => w.Value));
        return SettingsBinder.Bind(EngineConfig.Read(stack, raw, ["slackWebhooks"]));
    }

    private static void AssertNoSentinel(string where, string text) =>
        Assert.False(text.Contains(Marker, StringComparison.OrdinalIgnoreCase), $"{where} contains a webhook value:\n{text}");
}
