using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>
/// Per-channel timings: a new critical reaches #ml-alerts and #ml-alerts-critical within groupWait,
/// warnings batch, and no route's group_interval is within reach of the replicas' notification lag.
/// </summary>
public class ChannelTimingTests
{
    private static Dictionary<string, RouteConfig> RoutesByReceiver(StackSettings settings) =>
        AlertmanagerConfigBuilder.Build(settings, ConfigLayout.WebhookDirectory).Route.Routes!.ToDictionary(r => r.Receiver);

    [Fact]
    public void Unset_channel_timings_bring_a_new_critical_within_group_wait_and_let_warnings_batch()
    {
        var settings = StackFiles.Bind(StackFiles.With("  mlops-alerting:routing:\n    groupWait: 30s\n    groupInterval: 5m\n    repeatInterval: 4h\n"));

        Assert.Equal(new ChannelTiming(D("30s"), D("30s"), D("4h")), settings.Routing.TimingOf(ChannelRole.All));
        Assert.Equal(new ChannelTiming(D("30s"), D("30s"), D("4h")), settings.Routing.TimingOf(ChannelRole.Critical));
        Assert.Equal(new ChannelTiming(D("30s"), D("5m"), D("4h")), settings.Routing.TimingOf(ChannelRole.Warning));
    }

    [Fact]
    public void Committed_prod_routes_render_each_roles_timings()
    {
        var routes = RoutesByReceiver(StackFiles.Committed("prod"));

        Assert.Equal(("30s", "30s", "12h"), Timing(routes["slack-all"]));
        Assert.Equal(("30s", "30s", "12h"), Timing(routes["slack-critical"]));
        Assert.Equal(("30s", "5m", "12h"), Timing(routes["slack-warning"]));
    }

    [Fact]
    public void A_role_sets_its_own_timings_and_keeps_the_others_defaults()
    {
        var settings = StackFiles.Bind(StackFiles.With(
            "  mlops-alerting:routing:\n    groupWait: 20s\n    groupInterval: 10m\n    channels:\n      critical:\n        groupWait: 5s\n      warning:\n        groupInterval: 30m\n        repeatInterval: 1d\n"));
        var routes = RoutesByReceiver(settings);

        Assert.Equal(("5s", "5s", "4h"), Timing(routes["slack-critical"]));
        Assert.Equal(("20s", "20s", "4h"), Timing(routes["slack-all"]));
        Assert.Equal(("20s", "30m", "1d"), Timing(routes["slack-warning"]));
    }

    [Fact]
    public void Three_replicas_with_a_group_interval_under_twice_their_lag_are_refused_with_the_numbers_and_the_fix()
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With(
            "  mlops-alerting:alertmanager:\n    replicas: 3\n  mlops-alerting:routing:\n    groupWait: 10s\n    groupInterval: 15s\n")));

        Assert.Equal("routing.channels.warning.groupInterval", error.Key);
        Assert.StartsWith("15s (from routing.groupInterval) is not comfortably above what 3 replicas need", error.Problem, StringComparison.Ordinal);
        Assert.Contains("(3 − 1) × 5s peer timeout = 10s", error.Problem, StringComparison.Ordinal);
        Assert.Contains("at least twice that, 20s", error.Problem, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --path routing.channels.warning.groupInterval 20s --stack test", error.Fix, StringComparison.Ordinal);
        Assert.StartsWith("Pulumi.test.yaml:7:20: routing.channels.warning.groupInterval:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_raise_the_defaulted_all_and_critical_intervals_to_twice_their_lag_but_never_a_set_one()
    {
        var three = StackFiles.Bind(StackFiles.With("  mlops-alerting:alertmanager:\n    replicas: 3\n  mlops-alerting:routing:\n    groupWait: 10s\n"));
        var five = StackFiles.Bind(StackFiles.With("  mlops-alerting:alertmanager:\n    replicas: 5\n"));
        var setTooShort = StackFiles.Errors(StackFiles.With(
            "  mlops-alerting:alertmanager:\n    replicas: 3\n  mlops-alerting:routing:\n    groupWait: 10s\n    channels:\n      critical:\n        groupInterval: 10s\n"));

        Assert.Equal("20s", three.Routing.TimingOf(ChannelRole.All).GroupInterval.Text);
        Assert.Equal("20s", three.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Text);
        Assert.Equal("40s", five.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Text);
        Assert.Equal("5m", five.Routing.TimingOf(ChannelRole.Warning).GroupInterval.Text);
        Assert.Equal("routing.channels.critical.groupInterval", Assert.Single(setTooShort).Key);
    }

    [Theory]
    [InlineData(3, "19s", false)]
    [InlineData(3, "20s", true)]
    [InlineData(5, "39s", false)]
    [InlineData(5, "40s", true)]
    [InlineData(4, "30s", true)]
    [InlineData(1, "1s", true)]
    public void A_routes_group_interval_must_be_at_least_twice_replicas_minus_one_peer_timeouts(int replicas, string groupInterval, bool accepted)
    {
        var yaml = StackFiles.With(
            $"  mlops-alerting:alertmanager:\n    replicas: {replicas}\n  mlops-alerting:routing:\n    groupWait: 1s\n    groupInterval: 1h\n    channels:\n      critical:\n        groupInterval: {groupInterval}\n      all:\n        groupInterval: 1m\n");

        if (accepted)
        {
            Assert.Equal(groupInterval, StackFiles.Bind(yaml).Routing.TimingOf(ChannelRole.Critical).GroupInterval.Text);
        }
        else
        {
            var error = Assert.Single(StackFiles.Errors(yaml));
            Assert.Equal("routing.channels.critical.groupInterval", error.Key);
            Assert.StartsWith($"{groupInterval} is not comfortably above", error.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_channel_interval_below_its_wait_or_a_repeat_below_its_interval_is_refused()
    {
        var errors = StackFiles.Errors(StackFiles.With(
            "  mlops-alerting:routing:\n    channels:\n      warning:\n        groupWait: 2m\n        groupInterval: 1m\n      critical:\n        repeatInterval: 10s\n        groupInterval: 1m\n"));

        Assert.Contains(errors, e => e.Key == "routing.channels.warning.groupInterval" && e.Problem.Contains("1m is shorter than this channel's groupWait 2m", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "routing.channels.critical.repeatInterval" && e.Problem.Contains("10s is shorter than this channel's groupInterval 1m", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_channel_timing_that_is_not_a_duration_or_an_unknown_role_is_refused()
    {
        var errors = StackFiles.Errors(StackFiles.With("  mlops-alerting:routing:\n    channels:\n      critical:\n        groupWait: soon\n      pager:\n        groupWait: 1s\n"));

        Assert.Contains(errors, e => e.Key == "routing.channels.critical.groupWait" && e.Problem.Contains("'soon' is not an Alertmanager duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "routing.channels.pager" && e.Problem.Contains("is not a known setting", StringComparison.Ordinal));
    }

    [Fact]
    public void Clustered_deployment_sets_the_peer_timeout_the_validation_assumes()
    {
        var prod = AlertmanagerWorkload.From(StackFiles.Committed("prod"));
        var dev = AlertmanagerWorkload.From(StackFiles.Committed("dev"));

        Assert.Contains("--cluster.peer-timeout=5s", prod.Args);
        Assert.Equal(TimeSpan.FromSeconds(5), ClusterTiming.PeerTimeout.Value);
        Assert.DoesNotContain(dev.Args, a => a.StartsWith("--cluster.peer-timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Review_shows_each_channels_worst_case_and_the_trade_off()
    {
        var prod = StackFiles.Committed("prod");
        var review = StackReview.Render(prod, AlertmanagerConfigRenderer.Render(prod));

        Assert.Contains("| `#ml-alerts` (all) | 30s | 30s | 12h | 30s | once per 30s;", review, StringComparison.Ordinal);
        Assert.Contains("| `#ml-alerts-critical` (critical) | 30s | 30s | 12h | 30s | once per 30s;", review, StringComparison.Ordinal);
        Assert.Contains("| `#ml-alerts-warning` (warning) | 30s | 5m | 12h | 5m | once per 5m;", review, StringComparison.Ordinal);
        Assert.Contains("Trade-off:", review, StringComparison.Ordinal);
        Assert.Contains("`--cluster.peer-timeout=5s`", review, StringComparison.Ordinal);
        Assert.Contains("at least twice that lag (20s)", review, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_warns_when_group_by_splits_a_channel_into_groups_that_flush_together()
    {
        var split = StackFiles.Bind(StackFiles.With("  mlops-alerting:routing:\n    groupBy: [alertname, severity]\n"));
        var single = StackFiles.Bind(StackFiles.With(string.Empty));

        Assert.Contains("`routing.groupBy` includes `alertname`", TimingTable.Render(split), StringComparison.Ordinal);
        Assert.DoesNotContain("`routing.groupBy` includes", TimingTable.Render(single), StringComparison.Ordinal);
    }

    private static AlertmanagerDuration D(string text) => AlertmanagerDuration.Parse(text);

    private static (string?, string?, string?) Timing(RouteConfig route) => (route.GroupWait, route.GroupInterval, route.RepeatInterval);
}
