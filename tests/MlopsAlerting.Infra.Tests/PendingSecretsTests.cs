using System.Collections.Immutable;
using MlopsAlerting.Components;
using MlopsAlerting.Core.Settings;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Testing;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// A consumer program whose secrets are outputs of another resource (here a stack reference to the stack that holds
/// the Slack webhooks and the heartbeat URL, as a secret store provider's resource would give them): the values reach
/// the Kubernetes Secret, secret although the other stack did not mark them so, and nothing else; a bad value fails the
/// deployment once Pulumi knows it, naming the key and never the value.
/// </summary>
public sealed class PendingSecretsTests
{
    private const string Source = "Alerting.cs";
    private const string Heartbeat = "https://hc-ping.com/0f0e0d0c-PENDINGHEARTBEAT";

    private static readonly IReadOnlyDictionary<string, string> Webhooks = new Dictionary<string, string>
    {
        ["all"] = "https://hooks.slack.com/services/T000/B001/pendingwebhookall",
        ["critical"] = "https://hooks.slack.com/services/T000/B002/pendingwebhookcritical",
        ["warning"] = "https://hooks.slack.com/services/T000/B003/pendingwebhookwarning",
    };

    [Theory]
    [InlineData(SecretSource.StackReference)]
    [InlineData(SecretSource.PlainOutput)]
    public async Task Webhooks_and_heartbeat_from_another_resource_reach_the_secret_as_secrets_and_nothing_else(SecretSource source)
    {
        var run = await RunAsync(Webhooks, Heartbeat, source);
        Assert.Null(run.Failure);
        if (source == SecretSource.PlainOutput)
        {
            // What the program passed was not secret; what reaches the Secret is (the component makes each value secret,
            // and the Kubernetes SDK marks data and stringData secret too).
            Assert.False(await Output.IsSecretAsync(Assert.Single(run.Given)));
        }

        // The Secret as the program declared it: every value from the other stack, secret.
        var declared = Assert.Single(run.Captured, r => r.Type == ResourceTypes.Secret && r.Name == "alertmanager-slack-webhooks");
        var stringData = ((Input<ImmutableDictionary<string, string>>)Assert.IsType<SecretArgs>(declared.Args).StringData).ToOutput();
        Assert.True(await Output.IsSecretAsync(stringData));
        var files = await OutputValue.Of(stringData);
        Assert.Equal([.. Webhooks.Values, Heartbeat], [files["all"], files["critical"], files["warning"], files[HeartbeatUrl.FileName]]);
        Assert.Contains("stringData", ((CustomResourceOptions)declared.Options).AdditionalSecretOutputs);

        // What the engine received for the Secret holds the values (the mock engine drops the secret marks of what it
        // receives and returns, as it applies no AdditionalSecretOutputs: the declared inputs above are what is sent secret).
        var inputs = RegisteredResources.Inputs(run.Mocks.Inner.Registered);
        Assert.All(Webhooks.Values, v => Assert.Contains(v, inputs[$"{ResourceTypes.Secret}/alertmanager-slack-webhooks"], StringComparison.Ordinal));

        // No other resource's inputs and no output holds a value; the heartbeat's route is rendered (the URL is set).
        Assert.Contains(inputs, i => i.Key.StartsWith(ResourceTypes.ConfigMap, StringComparison.Ordinal) && i.Value.Contains("url_file: /etc/alertmanager/slack/heartbeat-url", StringComparison.Ordinal));
        foreach (var (resource, json) in inputs.Where(i => i.Key != $"{ResourceTypes.Secret}/alertmanager-slack-webhooks"))
        {
            Assert.DoesNotContain([.. Webhooks.Values, Heartbeat], v => json.Contains(v, StringComparison.Ordinal));
        }

        foreach (var (key, value) in run.Outputs)
        {
            var text = value is Output<string> s ? await OutputValue.Of(s) : System.Text.Json.JsonSerializer.Serialize(value);
            Assert.DoesNotContain([.. Webhooks.Values, Heartbeat], v => text.Contains(v, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_bad_value_fails_the_deployment_once_known_naming_the_source_and_key_but_not_the_value()
    {
        var pasted = "https://example.com/not-a-webhook/PENDINGSENTINEL";
        var run = await RunAsync(new Dictionary<string, string>(Webhooks) { ["critical"] = pasted }, Heartbeat);

        var failure = Assert.IsAssignableFrom<Exception>(run.Failure);
        Assert.Contains($"{Source}: slackWebhooks.critical: is not a Slack webhook URL", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PENDINGSENTINEL", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_heartbeat_url_on_a_port_the_network_policy_blocks_fails_once_known()
    {
        var run = await RunAsync(Webhooks, "https://hc-ping.com:8443/0f0e0d0c-PENDINGSENTINEL");

        var failure = Assert.IsAssignableFrom<Exception>(run.Failure);
        Assert.Contains($"{Source}: heartbeatUrl: names port 8443", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PENDINGSENTINEL", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_for_a_key_that_is_no_secret_is_refused_naming_the_keys_that_take_one()
    {
        var e = Assert.Throws<RunException>(() => AlertingSettings.FromValues(
            "prod",
            new Dictionary<string, object?> { ["namespace"] = Output.Create("ml"), ["slackWebhooks"] = new Dictionary<string, string>(EngineConfig.TestWebhooks) },
            secretKeys: ["slackWebhooks"],
            source: Source));

        Assert.Contains($"{Source}: namespace: takes no value known only at deploy time", e.Message, StringComparison.Ordinal);
        Assert.Contains("slackWebhooks.critical, slackWebhooks.warning, slackBotToken, heartbeatUrl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_component_rechecks_settings_changed_after_binding_before_it_declares_anything()
    {
        var mocks = new RecordingMocks();
        var settings = AlertingSettings.FromValues("prod", new Dictionary<string, object?> { ["slackWebhooks"] = new Dictionary<string, string>(EngineConfig.TestWebhooks) }, secretKeys: ["slackWebhooks"]);

        // Only this repository can write `with` on settings (InternalsVisibleTo); a consumer cannot (UncheckedSettingsTests).
        var forged = settings with { Alertmanager = settings.Alertmanager with { Replicas = 2 } };
        var e = await Assert.ThrowsAnyAsync<Exception>(() => Pulumi.Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = "platform", StackName = "prod", IsPreview = false },
            () => Task.FromResult<IDictionary<string, object?>>(new ModelAlerting("alerting", new ModelAlertingArgs { Settings = forged }).StackOutputs)));

        Assert.Contains("Pulumi.prod.yaml: alertmanager.replicas: is 2", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal));
    }

    /// <summary>Where the consumer program's secrets come from.</summary>
    public enum SecretSource
    {
        /// <summary>Outputs of a stack reference to the stack that holds them.</summary>
        StackReference,

        /// <summary>Outputs not marked secret (as a resource's ordinary output is): the component must make them secret.</summary>
        PlainOutput,
    }

    private static async Task<PendingRun> RunAsync(IReadOnlyDictionary<string, string> webhooks, string heartbeat, SecretSource source = SecretSource.StackReference)
    {
        var values = new Dictionary<string, string>(webhooks) { ["heartbeat"] = heartbeat };
        var mocks = new StackReferenceMocks(values);
        var captured = new List<CapturedResource>();
        var given = new List<Output<string>>();
        try
        {
            var (resources, outputs) = await Pulumi.Deployment.TestAsync(
                mocks,
                new TestOptions { ProjectName = "platform", StackName = "prod", IsPreview = false },
                () => Task.FromResult(Declare(captured, source, values, given)));
            return new PendingRun(mocks, resources, outputs, captured, given, null);
        }
        catch (Exception e)
        {
            return new PendingRun(mocks, [], new Dictionary<string, object?>(), captured, given, e);
        }
    }

    // The consumer program: the secrets are outputs of another resource, nothing else is.
    private static IDictionary<string, object?> Declare(List<CapturedResource> captured, SecretSource source, IReadOnlyDictionary<string, string> values, List<Output<string>> given)
    {
        var slack = new StackReference("org/slack/prod");
        Output<string> Secret(string name)
        {
            if (source == SecretSource.StackReference)
            {
                return slack.RequireOutput(name).Apply(v => (string)v);
            }

            var plain = Output.Create(values[name]);
            if (name == "critical")
            {
                given.Add(plain);
            }

            return plain;
        }

        var settings = AlertingSettings.FromValues(
            "prod",
            new Dictionary<string, object?>
            {
                ["namespace"] = "ml",
                ["alertmanager"] = new { replicas = 3, externalUrl = "https://alertmanager.example.com" },
                ["access"] = new { networkPolicy = new { enabled = true } },
                ["slackWebhooks"] = new Dictionary<string, object?> { ["all"] = Secret("all"), ["critical"] = Secret("critical"), ["warning"] = Secret("warning") },
                [HeartbeatUrl.Key] = Secret("heartbeat"),
            },
            source: Source);
        var alerting = new ModelAlerting("alerting", new ModelAlertingArgs { Settings = settings }, new ComponentResourceOptions
        {
            ResourceTransformations =
            {
                args =>
                {
                    lock (captured)
                    {
                        captured.Add(new CapturedResource(args.Resource.GetResourceType(), args.Resource.GetResourceName(), args.Options.Parent?.GetResourceType(), args.Options.Parent?.GetResourceName(), args.Args, args.Options));
                    }

                    return null;
                },
            },
        });
        return alerting.StackOutputs;
    }

    private sealed record PendingRun(StackReferenceMocks Mocks, ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs, IReadOnlyList<CapturedResource> Captured, IReadOnlyList<Output<string>> Given, Exception? Failure);

    /// <summary>The mock engine, plus a stack reference whose outputs are the given values, none of them marked secret.</summary>
    private sealed class StackReferenceMocks(IReadOnlyDictionary<string, string> outputs) : IMocks
    {
        public RecordingMocks Inner { get; } = new();

        public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        {
            if (args.Type != "pulumi:pulumi:StackReference")
            {
                return Inner.NewResourceAsync(args);
            }

            var state = ImmutableDictionary<string, object>.Empty
                .Add("name", args.Name!)
                .Add("outputs", outputs.ToImmutableDictionary(o => o.Key, o => (object)o.Value))
                .Add("secretOutputNames", ImmutableArray<object>.Empty);
            return Task.FromResult<(string?, object)>((args.Name, state));
        }

        public Task<object> CallAsync(MockCallArgs args) => Inner.CallAsync(args);
    }
}
