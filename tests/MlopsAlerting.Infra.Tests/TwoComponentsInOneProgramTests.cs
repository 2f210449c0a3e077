using System.Collections.Immutable;
using MlopsAlerting.Components;
using MlopsAlerting.Core.Rules;
using Pulumi;
using Pulumi.Testing;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// Two <see cref="ModelAlerting"/> components in one program (the README's eu/us example, with basic auth, a
/// NetworkPolicy and the Prometheus operator's objects, so that both put a Secret and a PodMonitor into Prometheus's one
/// namespace) declare no Kubernetes object twice and no scrape job twice, and each stack's rules and Prometheus
/// settings carry its own identity: <c>pulumi up</c> would meet no <c>AlreadyExists</c>, and one Prometheus keeps the
/// two apart.
/// </summary>
public sealed class TwoComponentsInOneProgramTests
{
    private static readonly string[] Regions = ["eu", "us"];

    [Fact]
    public async Task Every_kind_namespace_and_name_and_every_scrape_job_is_declared_once()
    {
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "platform", StackName = "prod", IsPreview = false }, Declare);

        var objects = mocks.Registered
            .Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) && !r.Type.StartsWith("pulumi:providers", StringComparison.Ordinal))
            .Select(r => (Kind: KindOf(r), Namespace: Metadata(r, "namespace"), Name: Metadata(r, "name") ?? $"{r.Name} (auto-named)"))
            .ToList();
        var twice = objects.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => $"{g.Key.Kind} {g.Key.Namespace}/{g.Key.Name}").ToList();
        Assert.True(twice.Count == 0, "declared twice: " + string.Join(", ", twice));

        // Both stacks put their Secret and PodMonitor into Prometheus's namespace, under names of their own.
        var inMonitoring = objects.Where(o => o.Namespace == "monitoring").Select(o => $"{o.Kind}/{o.Name}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["PodMonitor/alertmanager-ml-eu", "PodMonitor/alertmanager-ml-us", "Secret/alertmanager-basic-auth-ml-eu", "Secret/alertmanager-basic-auth-ml-us"], inMonitoring);

        // Every scrape job (the PodMonitor's job label) and every stack identity on the rules is each stack's own.
        var jobs = mocks.Registered.Where(r => KindOf(r) == "PodMonitor").Select(r => JobOf(r)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["mlops-alerting/ml-eu/prod/alertmanager", "mlops-alerting/ml-us/prod/alertmanager"], jobs);
        foreach (var region in Regions)
        {
            var rule = Assert.Single(mocks.Registered, r => KindOf(r) == "PrometheusRule" && Metadata(r, "namespace") == $"ml-{region}");
            var spec = Serialized(rule.Inputs["spec"]);
            Assert.Contains($"{StackIdentity.Label}\":\"ml-{region}/prod\"", spec, StringComparison.Ordinal);
            Assert.Contains($"mlops-model-alerts/ml-{region}/prod", spec, StringComparison.Ordinal);
            Assert.DoesNotContain($"ml-{Other(region)}/prod", spec, StringComparison.Ordinal);
        }
    }

    private static Task<IDictionary<string, object?>> Declare()
    {
        var outputs = new Dictionary<string, object?>();
        foreach (var region in Regions)
        {
            var settings = AlertingSettings.FromValues(
                "prod",
                new Dictionary<string, object?>
                {
                    ["namespace"] = $"ml-{region}",
                    ["alertmanager"] = new { replicas = 3, externalUrl = $"https://alertmanager.{region}.example.com" },
                    ["access"] = new
                    {
                        basicAuth = new { enabled = true },
                        networkPolicy = new { enabled = true },
                    },
                    ["rules"] = new Dictionary<string, object?>
                    {
                        ["target"] = "prometheusRule",
                        ["labels"] = new Dictionary<string, string> { ["release"] = "prometheus" },
                        ["ownedSeries"] = $"namespace=\"models-{region}\"",
                    },
                    ["slackWebhooks"] = new Dictionary<string, string>
                    {
                        ["all"] = $"https://hooks.slack.com/services/T000/B001/{region}all",
                        ["critical"] = $"https://hooks.slack.com/services/T000/B002/{region}critical",
                        ["warning"] = $"https://hooks.slack.com/services/T000/B003/{region}warning",
                    },
                },
                secretKeys: ["slackWebhooks"],
                source: nameof(TwoComponentsInOneProgramTests));
            var alerting = new ModelAlerting(region, new ModelAlertingArgs { Settings = settings, NamePrefix = $"{region}-" });
            outputs[$"{region}Namespace"] = alerting.Namespace;
        }

        return Task.FromResult<IDictionary<string, object?>>(outputs);
    }

    private static string Other(string region) => region == "eu" ? "us" : "eu";

    private static string KindOf(MockResourceArgs resource) =>
        resource.Inputs.TryGetValue("kind", out var kind) && kind is string text ? text : resource.Type!.Split(':')[^1];

    private static string? Metadata(MockResourceArgs resource, string key) =>
        resource.Inputs.TryGetValue("metadata", out var meta) && meta is ImmutableDictionary<string, object> map && map.TryGetValue(key, out var value) ? value as string : null;

    private static string JobOf(MockResourceArgs podMonitor)
    {
        var spec = (ImmutableDictionary<string, object>)podMonitor.Inputs["spec"];
        var endpoint = (ImmutableDictionary<string, object>)((ImmutableArray<object>)spec["podMetricsEndpoints"])[0];
        var relabel = ((ImmutableArray<object>)endpoint["relabelings"]).Cast<ImmutableDictionary<string, object>>().Single(r => (string)r["targetLabel"] == "job");
        return (string)relabel["replacement"];
    }

    private static string Serialized(object value) => System.Text.Json.JsonSerializer.Serialize(Plain(value));

    private static object? Plain(object? value) => value switch
    {
        ImmutableDictionary<string, object> map => map.ToDictionary(p => p.Key, p => Plain(p.Value)),
        ImmutableArray<object> list => list.Select(Plain).ToList(),
        _ => value,
    };
}
