using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>
/// Secrets a program gives as values known only when it deploys (a Pulumi output, in the Pulumi layer): they bind as
/// set, so the stack renders and deploys as with known ones, and their text passes the binder's checks once known.
/// </summary>
public class PendingSecretTests
{
    private const string Source = "Alerting.cs";

    private static readonly object Handle = new();

    private static StackConfig Read(IReadOnlyDictionary<string, SecretText> pending, IReadOnlyDictionary<string, string>? raw = null)
    {
        var values = raw ?? EngineConfigReaderTests.AsEngineConfig("prod");
        return EngineConfigReader.Read("prod", k => values.GetValueOrDefault(k), _ => false, values.Keys, source: Source, pendingSecrets: pending);
    }

    private static Dictionary<string, SecretText> PendingWebhooks() =>
        ChannelRoles.Every.ToDictionary(r => $"slackWebhooks.{r.Key()}", _ => SecretText.Pending(Handle, Source));

    [Fact]
    public void Pending_webhooks_and_heartbeat_bind_as_set_and_the_stack_renders_and_deploys_with_them()
    {
        var pending = PendingWebhooks();
        pending[HeartbeatUrl.Key] = SecretText.Pending(Handle, Source);

        var settings = SettingsBinder.Bind(Read(pending));

        Assert.All(settings.SlackWebhooks.ByRole.Values, w => Assert.True(w is { State: WebhookState.Provided, Value.IsPending: true }));
        Assert.Same(Handle, settings.HeartbeatUrl.Value!.PendingValue);
        Assert.Empty(DeployRequirements.Check(settings));
        Assert.Empty(SettingsBinder.Recheck(settings));
        Assert.Contains("url_file:", AlertmanagerConfigRenderer.Render(settings).AlertmanagerYaml, StringComparison.Ordinal);
        Assert.Equal("[secret]", settings.HeartbeatUrl.Value.ToString());
        Assert.Throws<InvalidOperationException>(() => settings.HeartbeatUrl.Value.Reveal());
    }

    [Fact]
    public void A_pending_value_merges_with_the_known_webhooks_of_the_other_roles()
    {
        var raw = EngineConfigReaderTests.AsEngineConfig("prod");
        raw["slackWebhooks"] = """{"all":"https://hooks.slack.com/services/T1/B1/X","warning":"https://hooks.slack.com/services/T1/B3/Y"}""";
        var config = EngineConfigReader.Read("prod", k => raw.GetValueOrDefault(k), k => k == "slackWebhooks", raw.Keys, source: Source, pendingSecrets: new Dictionary<string, SecretText> { ["slackWebhooks.critical"] = SecretText.Pending(Handle, Source) });

        var webhooks = SettingsBinder.Bind(config).SlackWebhooks.ByRole;

        Assert.True(webhooks[ChannelRole.Critical].Value!.IsPending);
        Assert.Equal("https://hooks.slack.com/services/T1/B1/X", webhooks[ChannelRole.All].Value!.Reveal());
    }

    [Theory]
    [InlineData("namespace")]
    [InlineData("slackWebhooks.everyone")]
    public void Only_the_secret_keys_take_a_pending_value(string key)
    {
        var e = Assert.Throws<SettingsException>(() => Read(new Dictionary<string, SecretText> { [key] = SecretText.Pending(Handle, Source) }));

        var error = Assert.Single(e.Errors);
        Assert.Equal($"{Source}: {key}: takes no value known only at deploy time (a Pulumi output): only the secrets do", error.ToString()[..error.ToString().IndexOf(". Fix", StringComparison.Ordinal)]);
    }

    [Fact]
    public void A_key_given_both_as_a_value_and_pending_is_refused()
    {
        var raw = EngineConfigReaderTests.AsEngineConfig("prod");
        raw[HeartbeatUrl.Key] = "https://hc-ping.com/x";

        var e = Assert.Throws<SettingsException>(() => Read(new Dictionary<string, SecretText> { [HeartbeatUrl.Key] = SecretText.Pending(Handle, Source) }, raw));

        Assert.Contains("heartbeatUrl: is given twice", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slackWebhooks.critical", "https://hooks.slack.com/services/T1/B2/SENTINEL", null)]
    [InlineData("slackWebhooks.critical", "https://example.com/SENTINEL", "is not a Slack webhook URL")]
    [InlineData(SlackBotToken.Key, "xoxp-SENTINEL", "bot token")]
    [InlineData(HeartbeatUrl.Key, "https://hc-ping.com/SENTINEL", null)]
    [InlineData(HeartbeatUrl.Key, "http://hc-ping.com/SENTINEL", "is an http:// URL")]
    [InlineData(HeartbeatUrl.Key, "https://hc-ping.com:8443/SENTINEL", "names port 8443")]
    public void A_pending_value_passes_the_binders_checks_once_known_and_an_error_never_shows_it(string key, string value, string? problem)
    {
        var access = StackFiles.Committed("prod").Access;
        Assert.True(access.NetworkPolicy.Enabled);

        var error = SettingsBinder.PendingSecretProblem(key, SecretText.Pending(Handle, Source), value, access);

        if (problem is null)
        {
            Assert.Null(error);
            return;
        }

        Assert.NotNull(error);
        Assert.StartsWith($"{Source}: {key}: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
    }
}
