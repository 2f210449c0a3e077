using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Settings;
using MlopsAlerting.Core.Workload;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.AppMode;

/// <summary>slack.mode app: one secret bot token for every channel, chat.postMessage, update_message.</summary>
public class SlackAppModeTests
{
    private const string Token = "xoxb-1111-2222-TOKENSENTINEL";

    private static StackSettings ProdInAppMode(string? token = Token)
    {
        var raw = EngineConfigReaderTests.AsEngineConfig("prod");
        raw["slack"] = raw["slack"].TrimEnd('}') + ""","mode":"app"}""";
        List<string> secrets = [];
        if (token is not null)
        {
            raw[SlackBotToken.Key] = token;
            secrets.Add(SlackBotToken.Key);
        }

        return SettingsBinder.Bind(EngineConfig.Read("prod", raw, secrets));
    }

    private static IReadOnlyList<YamlMappingNode> SlackConfigs(RenderedConfiguration rendered)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(rendered.AlertmanagerYaml));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var receivers = ((YamlSequenceNode)root["receivers"]).Cast<YamlMappingNode>().ToList();

        // The last receiver takes other stacks' alerts and has no integration: it notifies nobody, in either mode.
        var other = receivers[^1];
        Assert.Equal(ForeignStackRoute.Receiver, ((YamlScalarNode)other["name"]).Value);
        Assert.Equal(["name"], other.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        return receivers.SkipLast(1)
            .Select(r => (YamlMappingNode)((YamlSequenceNode)r["slack_configs"])[0])
            .ToList();
    }

    private static string Scalar(YamlMappingNode map, params string[] path)
    {
        YamlNode node = map;
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node)[key];
        }

        return ((YamlScalarNode)node).Value!;
    }

    [Fact]
    public void Webhooks_is_the_default_mode()
    {
        var settings = StackFiles.Committed("prod");

        Assert.Equal(SlackMode.Webhooks, settings.Slack.Mode);
        Assert.Equal(WebhookState.Missing, settings.SlackBotToken.State);
    }

    [Fact]
    public void App_mode_posts_to_chat_postMessage_with_update_message_and_the_token_file_in_every_channel()
    {
        var settings = ProdInAppMode();
        var rendered = AlertmanagerConfigRenderer.Render(settings);
        var configs = SlackConfigs(rendered);

        Assert.Equal(3, configs.Count);
        Assert.Equal(["#ml-alerts", "#ml-alerts-critical", "#ml-alerts-warning"], configs.Select(c => Scalar(c, "channel")));
        Assert.All(configs, c =>
        {
            Assert.Equal("https://slack.com/api/chat.postMessage", Scalar(c, "api_url"));
            Assert.Equal("true", Scalar(c, "update_message"));
            Assert.Equal("/etc/alertmanager/slack/bot-token", Scalar(c, "http_config", "authorization", "credentials_file"));
            Assert.False(c.Children.ContainsKey(new YamlScalarNode("api_url_file")));
            Assert.False(((YamlMappingNode)c["http_config"]).Children.ContainsKey(new YamlScalarNode("proxy_url")));
            Assert.False(((YamlMappingNode)c["http_config"]).Children.ContainsKey(new YamlScalarNode("tls_config")));
        });
        Assert.DoesNotContain("TOKENSENTINEL", rendered.AlertmanagerYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void App_mode_keeps_the_messages_colours_fields_and_buttons_of_webhook_mode()
    {
        var app = SlackConfigs(AlertmanagerConfigRenderer.Render(ProdInAppMode()));
        var webhooks = SlackConfigs(AlertmanagerConfigRenderer.Render(StackFiles.Committed("prod")));

        foreach (var (a, w) in app.Zip(webhooks))
        {
            foreach (var key in new[] { "channel", "send_resolved", "color", "title", "text", "fallback", "fields", "actions" })
            {
                Assert.Equal(w[key], a[key]);
            }
        }

        Assert.Equal(
            AlertmanagerConfigRenderer.Render(StackFiles.Committed("prod")).Files[ConfigLayout.TemplateFileName],
            AlertmanagerConfigRenderer.Render(ProdInAppMode()).Files[ConfigLayout.TemplateFileName]);
    }

    [Fact]
    public void Only_a_local_rendering_adds_the_proxy_and_the_test_ca()
    {
        var local = new LocalSlackApi(new Uri("http://127.0.0.1:4567"), "/tmp/ca.pem");
        var configs = SlackConfigs(AlertmanagerConfigRenderer.Render(ProdInAppMode(), "/tmp/secrets", local));

        Assert.All(configs, c =>
        {
            Assert.Equal("http://127.0.0.1:4567", Scalar(c, "http_config", "proxy_url"));
            Assert.Equal("/tmp/ca.pem", Scalar(c, "http_config", "tls_config", "ca_file"));
            Assert.Equal("/tmp/secrets/bot-token", Scalar(c, "http_config", "authorization", "credentials_file"));
            Assert.Equal("https://slack.com/api/chat.postMessage", Scalar(c, "api_url"));
        });
    }

    [Fact]
    public void A_token_in_plain_text_is_rejected_with_the_command_and_never_shown()
    {
        var errors = StackFiles.Errors(StackFiles.With($"  mlops-alerting:slack:\n    mode: app\n  mlops-alerting:slackBotToken: {Token}\n"));

        var error = Assert.Single(errors);
        Assert.Equal("slackBotToken", error.Key);
        Assert.Contains("plain text", error.Problem, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --secret slackBotToken 'xoxb-...' --stack test", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKENSENTINEL", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xoxp-1-2-USERSENTINEL")]
    [InlineData("xapp-1-A-SENTINEL")]
    [InlineData("https://hooks.slack.com/services/T/B/SENTINEL")]
    [InlineData("xoxb- SENTINEL")]
    public void A_secret_that_is_not_a_bot_token_is_rejected_without_showing_it(string value)
    {
        var error = Assert.Single(Assert.Throws<SettingsException>(() => ProdInAppMode(value)).Errors);

        Assert.Equal("slackBotToken", error.Key);
        Assert.Contains("value is not shown", error.Problem, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --secret slackBotToken", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_token_from_the_engine_is_provided_and_prints_as_secret()
    {
        var settings = ProdInAppMode();

        Assert.Equal(WebhookState.Provided, settings.SlackBotToken.State);
        Assert.Equal(Token, settings.SlackBotToken.Value!.Reveal());
        Assert.DoesNotContain("TOKENSENTINEL", settings.ToString(), StringComparison.Ordinal);
        Assert.Empty(DeployRequirements.Check(settings));
    }

    [Fact]
    public void Pulumi_yamls_empty_default_means_the_token_is_not_set_and_up_stops_with_the_command()
    {
        var raw = EngineConfigReaderTests.AsEngineConfig("prod");
        raw["slack"] = raw["slack"].TrimEnd('}') + ""","mode":"app"}""";
        raw[SlackBotToken.Key] = "";
        var settings = SettingsBinder.Bind(EngineConfig.Read("prod", raw));

        var error = Assert.Single(DeployRequirements.Check(settings));
        Assert.Equal("slackBotToken", error.Key);
        Assert.Contains("pulumi config set --secret slackBotToken 'xoxb-...' --stack prod", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void App_mode_does_not_need_webhooks_and_webhook_mode_does_not_need_the_token()
    {
        Assert.Empty(DeployRequirements.Check(ProdInAppMode()));
        Assert.All(DeployRequirements.Check(StackFiles.Committed("prod")), e => Assert.StartsWith("slackWebhooks.", e.Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager:v0.31.1", true)]
    [InlineData("quay.io/prometheus/alertmanager:v0.25.0", true)]
    [InlineData("quay.io/prometheus/alertmanager:v0.32.0", false)]
    [InlineData("quay.io/prometheus/alertmanager:v0.34.0", false)]
    public void App_mode_needs_an_alertmanager_that_knows_update_message(string image, bool rejected)
    {
        var yaml = StackFiles.With($"  mlops-alerting:alertmanager:\n    image: {image}\n  mlops-alerting:slack:\n    mode: app\n");

        if (rejected)
        {
            var error = Assert.Single(StackFiles.Errors(yaml));
            Assert.Equal("alertmanager.image", error.Key);
            Assert.Contains("update_message", error.Problem, StringComparison.Ordinal);
            Assert.Contains("slack.mode: webhooks", error.Fix, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(SlackMode.App, StackFiles.Bind(yaml).Slack.Mode);
        }
    }

    [Fact]
    public void An_unknown_mode_is_rejected_with_the_choices()
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With("  mlops-alerting:slack:\n    mode: bot\n")));

        Assert.Equal("slack.mode", error.Key);
        Assert.Contains("webhooks", error.Fix, StringComparison.Ordinal);
        Assert.Contains("app", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_shows_the_token_state_the_command_and_the_scopes_but_never_the_token()
    {
        var missing = ProdInAppMode(token: null);
        var set = ProdInAppMode();

        var missingReview = StackReview.Render(missing, AlertmanagerConfigRenderer.Render(missing));
        var setReview = StackReview.Render(set, AlertmanagerConfigRenderer.Render(set));

        Assert.Contains("**missing**: `pulumi config set --secret slackBotToken 'xoxb-...' --stack prod`", missingReview, StringComparison.Ordinal);
        Assert.Contains("| `slackBotToken (every channel: #ml-alerts, #ml-alerts-critical, #ml-alerts-warning)` | set (secret) |", setReview, StringComparison.Ordinal);
        Assert.Contains("`chat:write`", setReview, StringComparison.Ordinal);
        Assert.DoesNotContain("slackWebhooks.all", setReview, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKENSENTINEL", setReview, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_pasted_into_a_plain_setting_is_redacted_in_errors()
    {
        var errors = StackFiles.Errors(StackFiles.With("  mlops-alerting:slack:\n    channels:\n      all: xoxb-1-2-SENTINEL\n"));

        Assert.All(errors, e => Assert.DoesNotContain("SENTINEL", e.ToString(), StringComparison.Ordinal));
    }
}
