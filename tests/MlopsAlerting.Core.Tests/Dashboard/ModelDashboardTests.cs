using System.Text.Json.Nodes;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Dashboard;

/// <summary>The dashboard as generated: a stable UID per stack, thresholds read from series, a size that does not grow with the fleet, settings refused with their fix.</summary>
public sealed class ModelDashboardTests
{
    [Fact]
    public void Each_stack_has_its_own_stable_uid_in_grafanas_characters()
    {
        var prod = StackFiles.Committed("prod");
        var uids = new[] { prod, StackFiles.Committed("dev"), prod with { Namespace = "ml-eu" }, prod with { Stack = "org/project/a-very-long-stack-name.with.dots" } }.Select(DashboardUid.Of).ToList();
        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(uids, uid => Assert.Matches("^[a-z0-9-]{1,40}$", uid));
        Assert.Equal(DashboardUid.Of(prod), DashboardUid.Of(StackFiles.Committed("prod")));
        Assert.Equal(DashboardUid.Of(prod), ModelDashboard.Json(prod)["uid"]!.GetValue<string>());
    }

    [Fact]
    public void The_json_names_no_model_and_no_threshold_so_ten_thousand_models_give_the_same_dashboard()
    {
        var prod = StackFiles.Committed("prod");
        var fleet = prod with { Models = [.. Enumerable.Range(0, 10_000).Select(i => prod.Models[0] with { Name = $"model-{i:D5}", MaeCritical = 0.5m + (i % 7 / 100m) })] };
        var json = ModelDashboard.Render(fleet);
        Assert.Equal(ModelDashboard.Render(prod), json);
        Assert.DoesNotContain("0.40", json, StringComparison.Ordinal);
        Assert.DoesNotContain("california-housing", json, StringComparison.Ordinal);
        Assert.InRange(json.Length, 1, 64 * 1024);
    }

    [Fact]
    public void A_hostile_environment_stays_text_in_the_json()
    {
        var prod = StackFiles.Committed("prod") with { Environment = "Prod \"EU\"\n</script> \\ ${model} 🚨" };
        var parsed = JsonNode.Parse(ModelDashboard.Render(prod))!;
        Assert.Equal($"ML model alerting: Prod \"EU\"\n</script> \\ ${{model}} 🚨 (monitoring/prod)", parsed["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("delivery: sidecar", "dashboard.delivery", "configMap")]
    [InlineData("delivery: configMap\n    labels: {}", "dashboard.labels", "grafana_dashboard")]
    [InlineData("delivery: grafanaOperator\n    instanceSelector: {}", "dashboard.instanceSelector", "dashboards: grafana")]
    [InlineData("namespace: Grafana_NS", "dashboard.namespace", "lower-case")]
    [InlineData("labels:\n      \"bad key!\": x", "dashboard.labels.bad key!", "Kubernetes label")]
    public void Mistaken_dashboard_settings_are_refused_with_the_key_and_the_fix(string yaml, string key, string fix)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.dev.yaml")) + $"  mlops-alerting:dashboard:\n    {yaml}\n";
        var error = Assert.Throws<SettingsException>(() => SettingsBinder.Bind(StackFileReader.Parse("dev", "Pulumi.dev.yaml", text)));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.Contains("Pulumi.dev.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_deliver_a_configmap_for_the_sidecar_in_the_stacks_namespace()
    {
        var dev = StackFiles.Committed("dev");
        Assert.Equal(DashboardDelivery.ConfigMap, dev.Dashboard.Delivery);
        Assert.Equal("monitoring-dev", DashboardObject.Namespace(dev));
        Assert.Equal("1", DashboardObject.Labels(dev)["grafana_dashboard"]);
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.dev.yaml")) + "  mlops-alerting:dashboard:\n    delivery: grafanaOperator\n    namespace: grafana\n";
        var op = SettingsBinder.Bind(StackFileReader.Parse("dev", "Pulumi.dev.yaml", text));
        Assert.Equal("GrafanaDashboard", DashboardObject.Kind(op));
        Assert.Equal("grafana", DashboardObject.Namespace(op));
        Assert.Equal("grafana", DashboardObject.OperatorSpec(op)["instanceSelector"]!["matchLabels"]!["dashboards"]!.GetValue<string>());
    }
}
