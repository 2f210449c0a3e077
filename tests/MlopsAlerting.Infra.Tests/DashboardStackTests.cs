using System.Text.Json.Nodes;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// The stack's Grafana dashboard as the program declares it with the real Pulumi SDK: a ConfigMap labelled for Grafana's
/// sidecar by default, a GrafanaDashboard for the grafana-operator, nothing for none; the JSON inside is the core's, with
/// the stack's UID, whatever the models are called.
/// </summary>
public class DashboardStackTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task By_default_a_configmap_labelled_for_the_sidecar_holds_the_dashboard(string stack)
    {
        var run = await StackRun.RunAsync(stack, EngineConfig.Committed(stack));
        Assert.Null(run.Failure);
        var settings = Committed(stack);
        var configMap = run.Inputs(ResourceTypes.ConfigMap, "mlops-alerting-dashboard");
        Assert.Equal(DashboardUid.Of(settings), Props.Text(configMap, "metadata.name"));
        Assert.Equal(settings.Namespace, Props.Text(configMap, "metadata.namespace"));
        Assert.Equal("1", Props.Text(configMap, "metadata.labels.grafana_dashboard"));
        var json = JsonNode.Parse((string)Props.Map(configMap, "data")[ModelDashboard.FileName])!;
        Assert.Equal(DashboardUid.Of(settings), json["uid"]!.GetValue<string>());
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == ResourceTypes.GrafanaDashboard);
    }

    [Fact]
    public async Task The_grafana_operator_gets_a_grafanadashboard_in_the_namespace_set_with_its_instance_selector()
    {
        var config = EngineConfig.Committed("prod").Set("dashboard", """{"delivery": "grafanaOperator", "namespace": "grafana", "instanceSelector": {"app": "grafana-ml"}}""");
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        var dashboard = run.Inputs(ResourceTypes.GrafanaDashboard, "mlops-alerting-dashboard");
        Assert.Equal("grafana", Props.Text(dashboard, "metadata.namespace"));
        Assert.Equal("grafana-ml", Props.Text(dashboard, "spec.instanceSelector.matchLabels.app"));
        Assert.True((bool)Props.Map(dashboard, "spec")["allowCrossNamespaceImport"]);
        var json = JsonNode.Parse(Props.Text(dashboard, "spec.json")!)!;
        Assert.Equal(DashboardUid.Of(Committed("prod")), json["uid"]!.GetValue<string>());
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == ResourceTypes.ConfigMap && r.Name == "mlops-alerting-dashboard");
    }

    [Fact]
    public async Task None_declares_no_dashboard_object_and_hostile_model_names_leave_the_json_valid()
    {
        var none = await StackRun.RunAsync("dev", EngineConfig.Committed("dev").Set("dashboard", """{"delivery": "none"}"""));
        Assert.Null(none.Failure);
        Assert.DoesNotContain(none.Mocks.Registered, r => r.Name == "mlops-alerting-dashboard");

        var hostile = EngineConfig.Committed("dev").Set("environment", "Dev \"quoted\" ünïcode \\ </script>");
        var run = await StackRun.RunAsync("dev", hostile);
        Assert.Null(run.Failure);
        var json = JsonNode.Parse((string)Props.Map(run.Inputs(ResourceTypes.ConfigMap, "mlops-alerting-dashboard"), "data")[ModelDashboard.FileName])!;
        Assert.StartsWith("ML model alerting: Dev \"quoted\" ünïcode \\ </script>", json["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DashboardDelivery.ConfigMap, Committed("dev").Dashboard.Delivery);
    }

    private static StackSettings Committed(string stack) => SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, stack));
}
