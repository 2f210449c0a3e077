using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using Pulumi;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// A stack in Slack app mode: the bot token lives only in its own Secret (secret in Pulumi state), mounted where
/// every receiver's <c>credentials_file</c> points; it never appears in another resource, an output or an error.
/// </summary>
public class SlackAppModeStackTests
{
    private const string Token = "xoxb-7777-8888-INFRATOKENSENTINEL";

    public static TheoryData<string> Stacks => ["dev", "prod"];

    private static EngineConfig AppMode(string stack, string? token = Token)
    {
        var config = EngineConfig.Committed(stack).SetPath("slack", "mode", JsonValue.Create("app")).Remove("slackWebhooks");
        return token is null ? config : config.SetSecret(SlackBotToken.Key, token);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_token_is_only_in_the_bot_token_secret_which_is_secret_in_state_and_mounted_where_every_receiver_reads_it(string stack)
    {
        var run = await StackRun.RunAsync(stack, AppMode(stack));
        Assert.Null(run.Failure);

        var declared = run.Declared(ResourceTypes.Secret, "alertmanager-slack-bot-token");
        var args = Assert.IsType<Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs>(declared.Args);
        Assert.True(await Output.IsSecretAsync(((Input<ImmutableDictionary<string, string>>)args.StringData).ToOutput()));
        Assert.Contains("stringData", ((CustomResourceOptions)declared.Options).AdditionalSecretOutputs);
        Assert.Contains("data", ((CustomResourceOptions)declared.Options).AdditionalSecretOutputs);
        var secret = run.Inputs(ResourceTypes.Secret, "alertmanager-slack-bot-token");
        Assert.Equal("alertmanager-slack-bot-token", Props.Text(secret, "metadata.name"));
        Assert.Equal(["bot-token"], Props.Map(secret, "stringData").Keys);
        Assert.Equal(Token, (string)Props.Map(secret, "stringData")["bot-token"]);
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Name == "alertmanager-slack-webhooks");

        var yaml = new YamlStream();
        yaml.Load(new StringReader((string)Props.Map(run.Inputs(ResourceTypes.ConfigMap, "alertmanager-config"), "data")["alertmanager.yml"]));
        var receivers = ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["receivers"]).Children.Cast<YamlMappingNode>().ToList();

        // The receiver of other stacks' alerts has no integration, so it reads no token.
        var other = Assert.Single(receivers, r => ((YamlScalarNode)r["name"]).Value == ForeignStackRoute.Receiver);
        Assert.Single(other.Children);
        var files = receivers.Where(r => r != other)
            .SelectMany(r => ((YamlSequenceNode)r["slack_configs"]).Children)
            .Select(c => ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)c)["http_config"])["authorization"])["credentials_file"]).Value!)
            .ToList();
        Assert.Equal(3, files.Count);
        var pod = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        var volume = Assert.Single(Props.List(pod, "spec.template.spec.volumes"), v => Props.Text(v, "secret.secretName") == "alertmanager-slack-bot-token");
        var mount = Assert.Single(Props.List(pod, "spec.template.spec.containers[0].volumeMounts"), m => Props.Text(m, "name") == Props.Text(volume, "name"));
        Assert.Equal(true, Props.At(mount, "readOnly"));
        var mounted = Props.List(volume, "secret.items").Select(i => $"{Props.Text(mount, "mountPath")}/{Props.Text(i, "path")}").ToHashSet();
        Assert.All(files, f => Assert.Contains(f, mounted));

        foreach (var resource in run.Mocks.Registered.Where(r => r.Name != "alertmanager-slack-bot-token"))
        {
            Assert.DoesNotContain("INFRATOKENSENTINEL", JsonSerializer.Serialize(Plain(resource.Inputs)), StringComparison.Ordinal);
        }

        foreach (var (key, value) in run.Outputs)
        {
            var text = value is Output<string> s ? await OutputValue.Of(s) : JsonSerializer.Serialize(value);
            Assert.DoesNotContain("INFRATOKENSENTINEL", text, StringComparison.Ordinal);
            if (key != "basicAuthPassword" && value is Output<string> plain)
            {
                Assert.False(await Output.IsSecretAsync(plain), key);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_review_lists_exactly_the_kubernetes_objects_the_program_declares_in_app_mode(string stack)
    {
        var config = AppMode(stack);
        var run = await StackRun.RunAsync(stack, config);
        Assert.Null(run.Failure);

        var declared = run.Mocks.Registered
            .Where(r => r.Type == ResourceTypes.Secret)
            .Select(r => Props.Text(r.Inputs, "metadata.name"))
            .Order(StringComparer.Ordinal);
        var settings = SettingsBinder.Bind(EngineConfigReader.Read(stack, k => config.Values.GetValueOrDefault(EngineConfig.Prefix + k), k => config.SecretKeys.Contains(EngineConfig.Prefix + k)));
        var reviewed = PlannedResources.For(settings).Where(p => p.Kind == "Secret").Select(p => p.Name[(p.Name.IndexOf('/', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal);

        Assert.Equal(reviewed, declared);
        Assert.Contains("alertmanager-slack-bot-token", declared);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_missing_token_fails_with_the_set_command_and_registers_nothing(string stack)
    {
        var run = await StackRun.RunAsync(stack, AppMode(stack, token: null));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains(SlackBotToken.SetCommand(stack), failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("slackWebhooks", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task A_token_in_plain_text_or_of_another_kind_is_refused_without_being_repeated()
    {
        var plain = await StackRun.RunAsync("prod", AppMode("prod", token: null).Set(SlackBotToken.Key, Token));
        var userToken = await StackRun.RunAsync("prod", AppMode("prod", token: "xoxp-1-2-USERSENTINEL"));

        var plainFailure = Assert.IsType<RunException>(plain.Failure);
        Assert.Contains("plain text", plainFailure.Message, StringComparison.Ordinal);
        Assert.Contains(SlackBotToken.SetCommand("prod"), plainFailure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", plainFailure.ToString(), StringComparison.Ordinal);
        var userFailure = Assert.IsType<RunException>(userToken.Failure);
        Assert.Contains("xoxb-", userFailure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", userFailure.ToString(), StringComparison.Ordinal);
        Assert.Empty(plain.Mocks.Registered);
        Assert.Empty(userToken.Mocks.Registered);
    }

    [Fact]
    public async Task App_mode_with_an_alertmanager_older_than_0_32_is_refused_before_anything_is_registered()
    {
        var config = AppMode("prod").SetPath("alertmanager", "image", JsonValue.Create("quay.io/prometheus/alertmanager:v0.31.1"));

        var run = await StackRun.RunAsync("prod", config);

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("alertmanager.image", failure.Message, StringComparison.Ordinal);
        Assert.Contains("update_message", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    private static object? Plain(object? value) => value switch
    {
        ImmutableDictionary<string, object> map => map.ToDictionary(e => e.Key, e => Plain(e.Value)),
        ImmutableArray<object> list => list.Select(Plain).ToList(),
        _ => value?.ToString(),
    };
}
