using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Finding 3: every alert reaches #ml-alerts and its severity's channel. Proven on amtool's router, and the
/// review's routing table (RouteEvaluator) is proven to agree with it.
/// </summary>
public sealed class RoutingAgreementTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("dev", "critical", "slack-all,slack-critical")]
    [InlineData("dev", "warning", "slack-all,slack-warning")]
    [InlineData("dev", "info", "slack-all")]
    [InlineData("dev", "", "slack-all")]
    [InlineData("prod", "critical", "slack-all,slack-critical")]
    [InlineData("prod", "warning", "slack-all,slack-warning")]
    [InlineData("prod", "info", "slack-all")]
    [InlineData("prod", "", "slack-all")]
    public async Task Amtool_routes_each_severity_to_all_and_its_own_channel_and_the_evaluator_agrees(string stack, string severity, string expected)
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        using var rendered = new RenderedStack(stack);
        var labels = new Dictionary<string, string> { ["alertname"] = "ModelPerformanceDegraded", ["model_name"] = "california-housing" };
        if (severity.Length > 0)
        {
            labels["severity"] = severity;
        }

        var receivers = expected.Split(',');
        var verified = await amtool.RoutesTestAsync(rendered.ConfigFile, labels, receivers, TestContext.Current.CancellationToken);

        Assert.True(verified.Succeeded, verified.Raw.StandardOutput + verified.Raw.StandardError);
        Assert.Equal(receivers, verified.Receivers);
        var model = AlertmanagerConfigBuilder.Build(rendered.Settings, "/etc/alertmanager/slack");
        Assert.Equal(verified.Receivers, RouteEvaluator.Receivers(model.Route, labels));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_row_of_the_reviews_routing_table_is_what_amtool_resolves(string stack)
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        using var rendered = new RenderedStack(stack);

        var rows = RoutingTable.Compute(rendered.Settings);

        Assert.Equal(RoutingTable.Samples.Count, rows.Count);
        foreach (var row in rows)
        {
            var real = await amtool.RoutesTestAsync(rendered.ConfigFile, row.Labels, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(real.Succeeded, real.Raw.StandardOutput + real.Raw.StandardError);
            Assert.True(real.Receivers.SequenceEqual(row.Receivers), $"{row.Alert}: review says {string.Join(",", row.Receivers)}, amtool says {string.Join(",", real.Receivers)}");
            Assert.Contains(rendered.Settings.Slack.Channels[Core.Settings.ChannelRole.All], row.Channels);
        }
    }

    /// <summary>The guide's own route tree (with `match`, as written, but a valid URL so that it loads).</summary>
    private const string GuideRoutes = """
        global:
          resolve_timeout: 5m
          slack_api_url: 'http://127.0.0.1:9/services/guide'
        route:
          group_by: ['alertname', 'severity']
          group_wait: 10s
          group_interval: 10s
          repeat_interval: 12h
          receiver: 'slack-notifications'
          routes:
            - match:
                severity: critical
              receiver: 'slack-critical'
              continue: true
            - match:
                severity: warning
              receiver: 'slack-warning'
              continue: true
        receivers:
          - name: 'slack-notifications'
            slack_configs:
              - channel: '#ml-alerts'
          - name: 'slack-critical'
            slack_configs:
              - channel: '#ml-alerts-critical'
          - name: 'slack-warning'
            slack_configs:
              - channel: '#ml-alerts-warning'
        """;

    [Fact(Timeout = 30_000)]
    public async Task The_guides_route_tree_sends_a_critical_only_to_slack_critical_so_ml_alerts_never_sees_it()
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("guide.yml", GuideRoutes);
        var critical = new Dictionary<string, string> { ["alertname"] = "ModelPerformanceDegraded", ["severity"] = "critical", ["model_name"] = "california-housing" };
        var ct = TestContext.Current.CancellationToken;

        var onlyCritical = await amtool.RoutesTestAsync(file, critical, ["slack-critical"], ct);
        var expectedByTheGuide = await amtool.RoutesTestAsync(file, critical, ["slack-notifications", "slack-critical"], ct);

        Assert.True(onlyCritical.Succeeded, onlyCritical.Raw.StandardOutput + onlyCritical.Raw.StandardError);
        Assert.Equal(["slack-critical"], onlyCritical.Receivers);
        Assert.False(expectedByTheGuide.Succeeded);
    }
}
