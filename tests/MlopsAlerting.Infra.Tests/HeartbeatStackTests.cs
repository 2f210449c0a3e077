using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsAlerting.Core.Settings;
using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// A stack with a heartbeat: the URL lives only in the Slack Secret (secret in Pulumi state), mounted beside the
/// webhooks where the heartbeat receiver's url_file points; never in another resource, an output or an error. With the
/// operator target, the PodMonitor that lets Prometheus scrape every replica.
/// </summary>
public class HeartbeatStackTests
{
    private const string Url = "https://hc-ping.com/INFRAHEARTBEATSENTINEL";

    public static TheoryData<string> Stacks => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_url_is_only_in_the_slack_secret_mounted_where_the_receiver_reads_it(string stack)
    {
        var run = await StackRun.RunAsync(stack, EngineConfig.Committed(stack).SetSecret(HeartbeatUrl.Key, Url));
        Assert.Null(run.Failure);

        var secret = run.Inputs(ResourceTypes.Secret, "alertmanager-slack-webhooks");
        Assert.Equal(Url, (string)Props.Map(secret, "stringData")[HeartbeatUrl.FileName]);
        var declared = run.Declared(ResourceTypes.Secret, "alertmanager-slack-webhooks");
        var args = Assert.IsType<Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs>(declared.Args);
        Assert.True(await Output.IsSecretAsync(((Input<ImmutableDictionary<string, string>>)args.StringData).ToOutput()));
        var pod = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        var volume = Assert.Single(Props.List(pod, "spec.template.spec.volumes"), v => Props.Text(v, "secret.secretName") == "alertmanager-slack-webhooks");
        Assert.Contains(Props.List(volume, "secret.items"), i => Props.Text(i, "path") == HeartbeatUrl.FileName);
        Assert.Contains("url_file: /etc/alertmanager/slack/heartbeat-url", (string)Props.Map(run.Inputs(ResourceTypes.ConfigMap, "alertmanager-config"), "data")["alertmanager.yml"], StringComparison.Ordinal);

        foreach (var resource in run.Mocks.Registered.Where(r => r.Name != "alertmanager-slack-webhooks"))
        {
            Assert.DoesNotContain("INFRAHEARTBEATSENTINEL", JsonSerializer.Serialize(PlainValue.Of(resource.Inputs)), StringComparison.Ordinal);
        }

        foreach (var (_, value) in run.Outputs)
        {
            var text = value is Output<string> s ? await OutputValue.Of(s) : JsonSerializer.Serialize(value);
            Assert.DoesNotContain("INFRAHEARTBEATSENTINEL", text, StringComparison.Ordinal);
        }

        Assert.Contains("a ping every", (string)run.Outputs["heartbeat"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_in_plain_text_is_refused_before_anything_is_registered()
    {
        var run = await StackRun.RunAsync("prod", EngineConfig.Committed("prod").Set(HeartbeatUrl.Key, Url));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains(HeartbeatUrl.SetCommand("prod"), failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task The_operator_target_declares_a_pod_monitor_with_the_scrape_job_and_the_password_secret()
    {
        var config = EngineConfig.Committed("prod").SetPath("rules", "target", JsonValue.Create("prometheusRule"));

        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);

        var monitor = run.Inputs(ResourceTypes.PodMonitor, "alertmanager-pod-monitor");
        Assert.Equal("alertmanager", Props.Text(monitor, "metadata.name"));
        Assert.Equal("monitoring", Props.Text(monitor, "metadata.namespace"));
        var endpoint = Assert.Single(Props.List(monitor, "spec.podMetricsEndpoints"));
        var relabelings = Props.List(endpoint, "relabelings");
        Assert.Equal("mlops-alerting/monitoring/prod/alertmanager", Props.Text(relabelings[0], "replacement"));
        Assert.Equal("instance", Props.Text(relabelings[1], "targetLabel"));
        Assert.Equal("alertmanager-basic-auth", Props.Text(endpoint, "basicAuth.password.name"));
        Assert.Equal("mlops-alerting/monitoring/prod/alertmanager", (string)run.Outputs["alertmanagerScrapeJob"]!);
    }
}
