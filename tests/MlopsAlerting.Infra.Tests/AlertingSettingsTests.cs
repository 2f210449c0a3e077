using MlopsAlerting.Components;
using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>Settings a consumer program holds in code pass the stack's binder: its mistakes name where, the key and the fix.</summary>
public class AlertingSettingsTests
{
    private static readonly Dictionary<string, string> Webhooks = new(EngineConfig.TestWebhooks);

    [Fact]
    public void Values_in_code_bind_to_the_same_settings_as_the_stack_file_would()
    {
        var settings = AlertingSettings.FromValues(
            "prod",
            new Dictionary<string, object?> { ["namespace"] = "ml-eu", ["alertmanager"] = new { replicas = 3 }, ["slackWebhooks"] = Webhooks },
            secretKeys: ["slackWebhooks"]);

        Assert.Equal("ml-eu", settings.Namespace);
        Assert.Equal(3, settings.Alertmanager.Replicas);
        Assert.Equal("#ml-alerts-critical", settings.Slack.Channels[Core.Settings.ChannelRole.Critical]);
    }

    [Fact]
    public void A_mistake_stops_the_program_with_the_source_the_key_and_the_fix_and_never_echoes_a_webhook()
    {
        var pasted = Webhooks["critical"];
        var e = Assert.Throws<RunException>(() => AlertingSettings.FromValues(
            "prod",
            new Dictionary<string, object?> { ["alertmanager"] = new { replicas = 2 }, ["environment"] = pasted, ["slackWebhooks"] = Webhooks },
            secretKeys: ["slackWebhooks"],
            source: "Alerting.cs"));

        Assert.Contains("Alerting.cs: alertmanager.replicas: is 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: set `replicas: 3`", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pasted, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_webhooks_the_program_stops_naming_each_missing_one()
    {
        var e = Assert.Throws<RunException>(() => AlertingSettings.FromValues("dev", new Dictionary<string, object?>()));

        foreach (var role in new[] { "all", "critical", "warning" })
        {
            Assert.Contains($"slackWebhooks.{role}", e.Message, StringComparison.Ordinal);
        }
    }
}
