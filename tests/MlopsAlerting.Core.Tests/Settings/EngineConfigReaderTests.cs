using System.Text.Json;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>The Pulumi program's path and the review's path give the same settings.</summary>
public class EngineConfigReaderTests
{
    /// <summary>Turns a stack file into what the engine hands the program: one string per key, structures as JSON.</summary>
    internal static Dictionary<string, string> AsEngineConfig(string stack)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, $"Pulumi.{stack}.yaml"));
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<string, Dictionary<string, object>>>(text);
        return document["config"].ToDictionary(
            e => e.Key["mlops-alerting:".Length..],
            e => e.Value is string s ? s : JsonSerializer.Serialize(e.Value));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Engine_config_binds_to_the_same_settings_as_the_stack_file(string stack)
    {
        var fromFile = StackFiles.Committed(stack);
        var fromEngine = SettingsBinder.Bind(EngineConfig.Read(stack, AsEngineConfig(stack)));

        Assert.Equal(Describe(fromFile), Describe(fromEngine));
    }

    [Fact]
    public void Secret_webhooks_from_the_engine_are_provided_and_print_as_secret()
    {
        var raw = AsEngineConfig("dev");
        raw["slackWebhooks"] = """{"all":"https://hooks.slack.com/services/T1/B1/SENTINELALL","critical":"https://hooks.slack.com/services/T1/B2/X","warning":"https://hooks.slack.com/services/T1/B3/Y"}""";

        var settings = SettingsBinder.Bind(EngineConfig.Read("dev", raw, ["slackWebhooks"]));
        var all = settings.SlackWebhooks.ByRole[ChannelRole.All];

        Assert.Equal(WebhookState.Provided, all.State);
        Assert.Equal("https://hooks.slack.com/services/T1/B1/SENTINELALL", all.Value!.Reveal());
        Assert.DoesNotContain("SENTINEL", settings.ToString(), StringComparison.Ordinal);
        Assert.Empty(settings.SlackWebhooks.Missing);
    }

    [Fact]
    public void Unknown_key_set_through_the_engine_is_reported()
    {
        var raw = AsEngineConfig("dev");
        raw["replicas"] = "3";

        var e = Assert.Throws<SettingsException>(() => SettingsBinder.Bind(EngineConfig.Read("dev", raw)));

        Assert.Equal("replicas", Assert.Single(e.Errors).Key);
        Assert.Equal("Pulumi.dev.yaml", e.Errors[0].File);
    }

    private static string Describe(StackSettings s) =>
        JsonSerializer.Serialize(s, new JsonSerializerOptions { WriteIndented = true });
}
