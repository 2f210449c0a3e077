using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// `pulumi up` with hostile or mistaken configuration, as the engine hands it to the program (one
/// string per key, objects as JSON): it stops with the same errors as the review of the same stack
/// file (one code path: the core's binder), before a single resource is registered, and never
/// repeats a secret.
/// </summary>
public class HostileEngineConfigTests
{
    private const string Head = "config:\n  mlops-alerting:environment: Hostile\n";
    private const string Webhook = "https://hooks.slack.com/services/T0HOSTILE/B0HOSTILE/EngineSentinel0001";

    public static TheoryData<string, string> Cases => new()
    {
        { "namespace null", "  mlops-alerting:namespace: null\n" },
        { "webhook in slack.owner", $"  mlops-alerting:slack:\n    owner: {Webhook}\n" },
        { "password in externalUrl", "  mlops-alerting:alertmanager:\n    externalUrl: https://admin:EngineSentinelPassword@am.example.com\n" },
        { "bot token in a model version", "  mlops-alerting:models:\n    - name: a\n      version: xoxb-123456789012-EngineSentinelToken\n" },
        { "template in grafanaUrl", "  mlops-alerting:slack:\n    grafanaUrl: 'https://grafana.example.com/{{ .CommonLabels }}'\n" },
        { "shell characters in the image", "  mlops-alerting:alertmanager:\n    image: 'quay.io/prometheus/alertmanager:v0.34.0;id'\n" },
        { "malformed digest", "  mlops-alerting:alertmanager:\n    image: quay.io/prometheus/alertmanager@sha256:0123456789abcdef\n" },
        { "CIDRs Kubernetes rejects", "  mlops-alerting:access:\n    networkPolicy:\n      slackEgressCidrs: [10.0.0/8, 10/8]\n" },
        { "repeatInterval beyond retention", "  mlops-alerting:routing:\n    repeatInterval: 200h\n" },
        { "near-miss project namespace", "  mlops-alerts:namespace: monitoring\n" },
        { "newline in environment", "  mlops-alerting:slack:\n    owner: \"@ml-team\\nFix: nothing\"\n" },
        { "rules past the ConfigMap limit", "  mlops-alerting:models:\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"    - name: m{(uint)i * 2654435761u:x8}{(uint)i * 40503u:x8}\n")) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Engine_refuses_like_the_review_before_registering_anything(string why, string yaml)
    {
        var text = Head + yaml;
        var review = Assert.Throws<SettingsException>(() => SettingsBinder.Bind(StackFileReader.Parse("dev", "Pulumi.dev.yaml", text)));

        var run = await StackRun.RunAsync("dev", EngineConfig.FromStackText(text));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.All(review.Errors, e => Assert.Contains($"{e.Key}: {e.Problem}. Fix: {e.Fix}", failure.Message, StringComparison.Ordinal));
        Assert.Equal(review.Errors.Count, failure.Message.Split('\n').Count(l => l.Contains(". Fix: ", StringComparison.Ordinal)));
        Assert.DoesNotContain("Sentinel", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
        Assert.Empty(run.Captured);
        Assert.True(why.Length > 0);
    }

    [Fact]
    public async Task Nesting_past_the_depth_limit_is_refused_before_registering_anything()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var run = await StackRun.RunAsync("dev", EngineConfig.Committed("dev").Set("models", deep));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains($"models: is not a valid structured value (not JSON, or nested more than {ReadLimits.MaxDepth} levels deep)", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task A_stack_name_that_cannot_label_objects_is_refused_before_registering_anything()
    {
        var stack = new string('s', 64);
        var run = await StackRun.RunAsync(stack, EngineConfig.Committed("dev"));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("stack: the stack name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("at most 63", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task A_template_in_a_model_version_is_deployed_as_the_escaped_rule_the_review_shows()
    {
        var text = Head + "  mlops-alerting:models:\n    - name: california-housing\n      version: '{{ $value }}'\n";
        var expected = StackRules.Render(SettingsBinder.Bind(StackFileReader.Parse("dev", "Pulumi.dev.yaml", text)));

        var run = await StackRun.RunAsync("dev", EngineConfig.FromStackText(text));

        Assert.Null(run.Failure);
        var data = JsonSerializer.Serialize(run.Inputs(ResourceTypes.ConfigMap, "mlops-model-alerts")["data"]);
        var rules = JsonNode.Parse(data)![ModelAlertRules.FileName]!.GetValue<string>();
        Assert.Equal(expected.Yaml, rules);
        // The version is PromQL data in the model catalogue (never expanded as a template), not a templated rule label.
        Assert.Contains("model_version=\"{{ $value }}\"", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("model_version: '{{ $value }}'", rules, StringComparison.Ordinal);
    }
}
