using System.Collections.Immutable;
using System.Text.Json;
using MlopsAlerting.Core.Settings;
using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// A stack whose file imports a Pulumi ESC environment (<c>environment:</c>) and holds no secret. At <c>pulumi up</c> the
/// CLI opens the environment and hands its <c>pulumiConfig</c> values to the program as stack configuration, secret where
/// the environment marks them <c>fn::secret</c>: here the engine's configuration carries them exactly so.
/// </summary>
public class EscEnvironmentStackTests
{
    private const string Import = "environment:\n  - ml-platform/alerting-prod\n";
    private const string HeartbeatSentinel = "https://hc-ping.com/ESCHEARTBEATSENTINEL";

    [Fact]
    public async Task Values_from_the_environment_are_read_as_config_and_stay_secret_in_the_slack_secret_only()
    {
        // ESC's pulumiConfig `mlops-alerting:slackWebhooks: {all: ..., critical: ..., warning: ...}` arrives as one secret object.
        var config = EngineConfig.FromStackText(Import + ProdStackText()).SetSecret(HeartbeatUrl.Key, HeartbeatSentinel);

        var run = await StackRun.RunAsync("prod", config);

        Assert.Null(run.Failure);
        var declared = run.Declared(ResourceTypes.Secret, "alertmanager-slack-webhooks");
        var args = Assert.IsType<Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs>(declared.Args);
        Assert.True(await Output.IsSecretAsync(((Input<ImmutableDictionary<string, string>>)args.StringData).ToOutput()));
        var data = Props.Map(run.Inputs(ResourceTypes.Secret, "alertmanager-slack-webhooks"), "stringData");
        foreach (var (role, url) in EngineConfig.TestWebhooks)
        {
            Assert.Equal(url, (string)data[role]);
        }

        Assert.Equal(HeartbeatSentinel, (string)data[HeartbeatUrl.FileName]);
        Assert.Contains("slack-critical", JsonSerializer.Serialize(PlainValue.Of(run.Inputs(ResourceTypes.ConfigMap, "alertmanager-config"))), StringComparison.Ordinal);
        foreach (var resource in run.Mocks.Registered.Where(r => r.Name != "alertmanager-slack-webhooks"))
        {
            var text = JsonSerializer.Serialize(PlainValue.Of(resource.Inputs));
            Assert.DoesNotContain("ESCHEARTBEATSENTINEL", text, StringComparison.Ordinal);
            Assert.DoesNotContain("testwebhookcritical", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_environment_that_does_not_set_a_webhook_stops_the_program_before_anything_is_registered_naming_the_key()
    {
        var webhooks = EngineConfig.TestWebhooks.Where(w => w.Key != "critical").ToDictionary(w => w.Key, w => w.Value);
        var config = EngineConfig.FromStackText(Import + ProdStackText()).SetSecret("slackWebhooks", JsonSerializer.Serialize(webhooks));

        var run = await StackRun.RunAsync("prod", config);

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("slackWebhooks.critical", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("testwebhook", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    private static string ProdStackText() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml"));
}
