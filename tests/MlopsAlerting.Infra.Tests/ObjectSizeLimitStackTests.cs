using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary><c>pulumi up</c> refuses a stack whose objects would pass a Kubernetes limit, with the review's message, before declaring anything.</summary>
public class ObjectSizeLimitStackTests
{
    [Fact]
    public async Task A_prometheus_rule_past_etcds_limit_is_refused_before_anything_is_registered()
    {
        // 40,000 models whose names share no prefix: the catalogue alone passes etcd's 1.5 MiB.
        var models = new JsonArray([.. Enumerable.Range(0, 40_000).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = "m" + ((uint)i * 2654435761u).ToString("x8", CultureInfo.InvariantCulture) + ((uint)i * 40503u).ToString("x8", CultureInfo.InvariantCulture),
        })]);
        var config = EngineConfig.Committed("prod")
            .SetPath("rules", "target", JsonValue.Create("prometheusRule")!)
            .Set("models", models.ToJsonString());

        var run = await StackRun.RunAsync("prod", config);

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("40000 models make the PrometheusRule monitoring/mlops-model-alerts ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 1.5 MiB etcd stores of one object", failure.Message, StringComparison.Ordinal);
        Assert.Contains("split them across stacks", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task Ten_thousand_models_deploy_one_rule_config_map_within_its_limit()
    {
        var models = new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode)new JsonObject { ["name"] = $"model-{i:D5}", ["version"] = "v1.0" })]);
        var run = await StackRun.RunAsync("prod", EngineConfig.Committed("prod").Set("models", models.ToJsonString()));

        Assert.Null(run.Failure);
        var yaml = (string)Assert.Single(Props.Map(run.Inputs(ResourceTypes.ConfigMap, "mlops-model-alerts"), "data")).Value;
        Assert.InRange(Encoding.UTF8.GetByteCount(yaml), 1, 256 * 1024);
        Assert.Contains("\"model-099$1\"", yaml, StringComparison.Ordinal);
    }
}
