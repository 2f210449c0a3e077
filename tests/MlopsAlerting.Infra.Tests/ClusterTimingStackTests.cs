using System.Text.Json.Nodes;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using Pulumi;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Infra.Tests;

/// <summary>The replicas' peer timeout in the Deployment, each channel's timings in the ConfigMap, and `pulumi up` refusing an unsafe interval.</summary>
public class ClusterTimingStackTests
{
    [Fact]
    public async Task Prod_deployment_sets_the_peer_timeout_and_its_routes_tell_a_new_critical_within_group_wait()
    {
        var run = await StackRun.CommittedAsync("prod");

        var args = Props.Strings(Props.At(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0]"), "args");
        Assert.Contains($"--cluster.peer-timeout={ClusterTiming.PeerTimeout}", args);
        Assert.Equal("--cluster.peer-timeout=5s", Assert.Single(args, a => a.StartsWith("--cluster.peer-timeout", StringComparison.Ordinal)));

        var yaml = new YamlStream();
        yaml.Load(new StringReader((string)Props.Map(run.Inputs(ResourceTypes.ConfigMap, "alertmanager-config"), "data")["alertmanager.yml"]));
        // The other-stacks route (the first child) notifies nobody, so it keeps the root's timing.
        var routes = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["route"])["routes"]).Children.Cast<YamlMappingNode>()
            .Where(r => ((YamlScalarNode)r["receiver"]).Value != ForeignStackRoute.Receiver)
            .ToDictionary(r => ((YamlScalarNode)r["receiver"]).Value!, r => (((YamlScalarNode)r["group_wait"]).Value, ((YamlScalarNode)r["group_interval"]).Value));
        Assert.Equal(("30s", "30s"), routes["slack-all"]);
        Assert.Equal(("30s", "30s"), routes["slack-critical"]);
        Assert.Equal(("30s", "5m"), routes["slack-warning"]);
    }

    [Fact]
    public async Task Dev_runs_one_replica_without_a_peer_timeout()
    {
        var run = await StackRun.CommittedAsync("dev");

        var args = Props.Strings(Props.At(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0]"), "args");
        Assert.DoesNotContain(args, a => a.StartsWith("--cluster.peer-timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Up_refuses_three_replicas_with_a_group_interval_under_twice_their_lag_and_registers_nothing()
    {
        var config = EngineConfig.Committed("prod").SetPath("routing", "channels", JsonNode.Parse("""{"critical":{"groupInterval":"15s"}}""")!);
        var run = await StackRun.RunAsync("prod", config);

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("routing.channels.critical.groupInterval: 15s is not comfortably above what 3 replicas need", failure.Message);
        Assert.Contains("(3 − 1) × 5s peer timeout = 10s", failure.Message);
        Assert.Contains("pulumi config set --path routing.channels.critical.groupInterval 20s --stack prod", failure.Message);
        Assert.Empty(run.Mocks.Registered);
    }
}
