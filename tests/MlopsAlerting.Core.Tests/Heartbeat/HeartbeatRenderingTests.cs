using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Heartbeat;

/// <summary>The heartbeat's route, receiver and rule, and their absence without a URL.</summary>
public class HeartbeatRenderingTests
{
    [Fact]
    public void The_heartbeat_route_follows_only_the_other_stacks_route_and_does_not_continue_so_it_never_reaches_slack()
    {
        var settings = HeartbeatStacks.Prod();
        var route = AlertmanagerConfigBuilder.Build(settings, ConfigLayout.WebhookDirectory).Route;

        Assert.Equal(ForeignStackRoute.Receiver, route.Routes![0].Receiver);
        var heartbeat = route.Routes[1];
        Assert.Equal(HeartbeatRoute.Receiver, heartbeat.Receiver);
        Assert.Null(heartbeat.Continue);
        Assert.Equal(["alertname=\"Heartbeat\"", "severity=\"none\""], heartbeat.Matchers);
        Assert.Equal([HeartbeatRoute.Receiver], RouteEvaluator.Receivers(route, new Dictionary<string, string> { ["alertname"] = "Heartbeat", ["severity"] = "none" }));
        Assert.Equal([HeartbeatRoute.Receiver], RouteEvaluator.Receivers(route, new Dictionary<string, string> { ["alertname"] = "Heartbeat", ["severity"] = "none", ["mlops_stack"] = "monitoring/prod" }));
        Assert.Equal([ForeignStackRoute.Receiver], RouteEvaluator.Receivers(route, new Dictionary<string, string> { ["alertname"] = "Heartbeat", ["severity"] = "none", ["mlops_stack"] = "monitoring-dev/dev" }));
    }

    [Fact]
    public void The_route_pings_every_interval_its_repeat_is_half_so_a_flush_always_repeats()
    {
        var settings = HeartbeatStacks.Prod(interval: "2m");
        var route = AlertmanagerConfigBuilder.Build(settings, ConfigLayout.WebhookDirectory).Route.Routes!.Single(r => r.Receiver == HeartbeatRoute.Receiver);

        Assert.Equal("2m", route.GroupInterval);
        Assert.Equal("60s", route.RepeatInterval);
        Assert.Equal("30s", route.GroupWait);
    }

    [Fact]
    public void The_receiver_reads_the_url_from_the_mounted_secret_and_never_sends_resolved()
    {
        var receiver = AlertmanagerConfigBuilder.Build(HeartbeatStacks.Prod(), ConfigLayout.WebhookDirectory).Receivers.Single(r => r.Name == HeartbeatRoute.Receiver);

        var webhook = Assert.Single(receiver.WebhookConfigs!);
        Assert.Equal("/etc/alertmanager/slack/heartbeat-url", webhook.UrlFile);
        Assert.False(webhook.SendResolved);
        Assert.Empty(receiver.SlackConfigs);
    }

    [Fact]
    public void Inhibition_targets_only_warnings_so_no_critical_mutes_the_heartbeat()
    {
        var inhibit = Assert.Single(AlertmanagerConfigBuilder.Build(HeartbeatStacks.Prod(), ConfigLayout.WebhookDirectory).InhibitRules);

        Assert.Equal(["severity=\"warning\""], inhibit.TargetMatchers);
    }

    [Fact]
    public void Without_a_url_there_is_no_heartbeat_route_receiver_or_rule()
    {
        var settings = StackFiles.Committed("prod");
        var model = AlertmanagerConfigBuilder.Build(settings, ConfigLayout.WebhookDirectory);

        Assert.DoesNotContain(model.Receivers, r => r.Name == HeartbeatRoute.Receiver);
        Assert.DoesNotContain(model.Route.Routes!, r => r.Receiver == HeartbeatRoute.Receiver);
        Assert.DoesNotContain(StackRules.Render(settings).Groups.SelectMany(g => g.Rules), r => r.Alert == HeartbeatRule.AlertName);
    }

    [Fact]
    public void The_heartbeat_rule_is_in_the_model_rules_group_held_back_while_slack_fails()
    {
        var settings = HeartbeatStacks.Prod();
        var groups = StackRules.Render(settings).Groups;

        var model = groups.Single(g => g.Name == "mlops-model-alerts/monitoring/prod");
        var heartbeat = model.Rules.Single(r => r.Alert == HeartbeatRule.AlertName);
        Assert.Equal("none", heartbeat.Labels["severity"]);
        Assert.Equal("monitoring/prod", heartbeat.Labels[StackIdentity.Label]);
        Assert.Null(heartbeat.For);
        Assert.StartsWith("vector(1) unless on() (", heartbeat.Expr, StringComparison.Ordinal);
        Assert.Contains("integration=\"slack\"}[6m]", heartbeat.Expr, StringComparison.Ordinal);
        Assert.Contains("job=\"mlops-alerting/monitoring/prod/alertmanager\"", heartbeat.Expr, StringComparison.Ordinal);
        Assert.Equal(["mlops-model-alerts/monitoring/prod", "mlops-alerting-self/monitoring/prod"], groups.Select(g => g.Name));
        Assert.Equal([ModelAlertRules.GroupNameOf(settings), SelfAlertRules.GroupNameOf(settings)], groups.Select(g => g.Name));
    }

    [Fact]
    public void The_hold_back_window_and_the_delivery_wait_are_the_longest_slack_group_interval_and_a_fifth()
    {
        var settings = HeartbeatStacks.Prod();

        Assert.Equal(TimeSpan.FromMinutes(6), HeartbeatTiming.HoldBackWindow(settings));
        Assert.Equal(TimeSpan.FromMinutes(6), SelfAlertRules.DeliveryFor(settings));
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager:v0.34.0", true)]
    [InlineData("quay.io/prometheus/alertmanager:v0.27.0", true)]
    [InlineData("quay.io/prometheus/alertmanager:v0.26.0", false)]
    [InlineData("quay.io/prometheus/alertmanager:v0.25.0", false)]
    public void Receiver_names_in_metrics_are_turned_on_only_where_the_flag_exists(string image, bool flag)
    {
        var args = AlertmanagerWorkload.From(StackFiles.Bind(StackFiles.With($"  mlops-alerting:alertmanager:\n    image: {image}\n"))).Args;

        Assert.Equal(flag, args.Contains(AlertmanagerCapabilities.ReceiverNameFlag));
    }

    [Fact]
    public void The_deployment_passes_the_receiver_name_flag()
    {
        Assert.Contains(AlertmanagerCapabilities.ReceiverNameFlag, AlertmanagerWorkload.From(StackFiles.Committed("prod")).Args);
    }
}
