using System.Text.Json;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// The Slack app's bot token is a secret exactly as the webhooks are: whatever the program prints, renders or writes,
/// the token (a sentinel here) never appears in it.
/// </summary>
public sealed class BotTokenLeakTests
{
    private const string Marker = "Tk9SentinelBotToken";
    private const string Token = $"xoxb-1234-5678-{Marker}";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Review_markdown_rendered_files_rules_and_workload_never_contain_an_engine_fed_token(string stack)
    {
        var settings = EngineFed(stack, Token);
        Assert.Equal(Token, settings.SlackBotToken.Value?.Reveal());

        var rendered = AlertmanagerConfigRenderer.Render(settings);
        var rules = ModelAlertRules.Render(settings);
        var markdown = StackReview.Render(settings, rendered, [new ReviewSection("Model alert rules", rules.Yaml)]);

        Assert.Contains("| `slackBotToken (every channel:", markdown, StringComparison.Ordinal);
        Assert.Contains("set (secret)", markdown, StringComparison.Ordinal);
        AssertNoSentinel("review markdown", markdown);
        foreach (var (name, content) in rendered.Files)
        {
            AssertNoSentinel(name, content);
        }

        AssertNoSentinel("settings.ToString()", settings.ToString());
        AssertNoSentinel("settings as JSON", JsonSerializer.Serialize(settings));
        var workload = AlertmanagerWorkload.From(settings);
        AssertNoSentinel("workload", workload + string.Join("\n", workload.Args) + string.Join("\n", workload.Environment));
    }

    [Theory]
    [InlineData($"xoxp-1-2-{Marker}")]
    [InlineData($"{Marker}")]
    [InlineData($"xoxb-1-2 {Marker}")]
    public void An_engine_fed_secret_that_is_not_a_bot_token_is_reported_without_its_value(string value)
    {
        var e = Assert.Throws<SettingsException>(() => EngineFed("dev", value));

        Assert.Equal("slackBotToken", Assert.Single(e.Errors).Key);
        AssertNoSentinel("exception", e.ToString());
    }

    [Fact(Timeout = 90_000)]
    public async Task Review_out_and_try_never_print_or_write_an_encrypted_token()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var ct = TestContext.Current.CancellationToken;
        var stackFile = "config:\n  mlops-alerting:environment: Sec\n  mlops-alerting:slack:\n    mode: app\n"
            + $"  mlops-alerting:slackBotToken:\n    secure: v1:{Marker}CipherText==\n";
        using var project = new BadStackProject("sec", stackFile);
        var secrets = Directory.CreateDirectory(Path.Combine(project.Directory, "secrets")).FullName;

        var review = await ReviewCli.RunAsync(["sec", "--out", project.OutDirectory, "--secrets-dir", secrets, "--project-dir", project.Directory], TimeSpan.FromSeconds(30), ct);
        var tryRun = await ReviewCli.RunAsync(["sec", "--try", "--project-dir", project.Directory], TimeSpan.FromSeconds(55), ct);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        Assert.Contains("set (encrypted in the stack file)", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"credentials_file: {secrets}/bot-token", await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, ConfigLayout.ConfigFileName), ct), StringComparison.Ordinal);
        AssertNoSentinel("review stdout", review.StandardOutput + review.StandardError);
        AssertNoSentinel("--try output", tryRun.StandardOutput + tryRun.StandardError);
        foreach (var file in Directory.GetFiles(project.OutDirectory))
        {
            AssertNoSentinel(file, await File.ReadAllTextAsync(file, ct));
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--out")]
    [InlineData("--try")]
    public async Task A_plain_text_token_in_a_stack_file_is_refused_without_echoing_it(string mode)
    {
        using var project = new BadStackProject("bad", $"config:\n  mlops-alerting:slack:\n    mode: app\n  mlops-alerting:slackBotToken: {Token}\n");
        string[] args = mode == "--out" ? ["bad", "--out", project.OutDirectory] : ["bad", "--try"];

        var review = await ReviewCli.RunAsync([.. args, "--project-dir", project.Directory], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        Assert.Contains("slackBotToken: is stored in plain text", review.StandardError, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --secret slackBotToken 'xoxb-...' --stack bad", review.StandardError, StringComparison.Ordinal);
        AssertNoSentinel("review output", review.StandardOutput + review.StandardError);
        Assert.True(project.NothingWritten);
    }

    private static StackSettings EngineFed(string stack, string token)
    {
        var raw = EngineStack.Raw(stack);
        raw["slack"] = raw["slack"].TrimEnd('}') + ""","mode":"app"}""";
        raw[SlackBotToken.Key] = token;
        return SettingsBinder.Bind(EngineConfig.Read(stack, raw, [SlackBotToken.Key]));
    }

    private static void AssertNoSentinel(string where, string text) =>
        Assert.False(text.Contains(Marker, StringComparison.OrdinalIgnoreCase), $"{where} contains the bot token:\n{text}");
}
