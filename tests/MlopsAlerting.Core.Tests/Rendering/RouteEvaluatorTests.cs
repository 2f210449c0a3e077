using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;

namespace MlopsAlerting.Core.Tests.Rendering;

public class RouteEvaluatorTests
{
    [Theory]
    [InlineData("critical", "slack-all,slack-critical")]
    [InlineData("warning", "slack-all,slack-warning")]
    [InlineData("info", "slack-all")]
    [InlineData("", "slack-all")]
    public void Every_alert_reaches_the_all_channel_and_its_severitys_channel(string severity, string receivers)
    {
        var config = AlertmanagerConfigBuilder.Build(StackFiles.Committed("prod"), ConfigLayout.WebhookDirectory);
        var labels = new Dictionary<string, string> { ["alertname"] = "X" };
        if (severity.Length > 0)
        {
            labels["severity"] = severity;
        }

        Assert.Equal(receivers.Split(','), RouteEvaluator.Receivers(config.Route, labels));
    }

    [Fact]
    public void The_guides_route_tree_starves_the_all_channel()
    {
        // The guide's tree: children with continue: true never fall back to the parent's receiver.
        var guide = new RouteConfig("slack-notifications", Routes:
        [
            new RouteConfig("slack-critical", Matchers: ["severity=\"critical\""], Continue: true),
            new RouteConfig("slack-warning", Matchers: ["severity=\"warning\""], Continue: true),
        ]);

        Assert.Equal(["slack-critical"], RouteEvaluator.Receivers(guide, new Dictionary<string, string> { ["severity"] = "critical" }));
    }

    [Fact]
    public void Routing_table_names_the_channels_of_the_stack()
    {
        var rows = RoutingTable.Compute(StackFiles.Committed("dev"));

        Assert.Equal(["#ml-alerts-dev", "#ml-alerts-critical-dev"], rows[0].Channels);
        Assert.Equal(["#ml-alerts-dev", "#ml-alerts-warning-dev"], rows[1].Channels);
    }
}
