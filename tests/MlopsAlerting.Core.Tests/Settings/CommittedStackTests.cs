using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Settings;

public class CommittedStackTests
{
    [Fact]
    public void Dev_runs_one_replica_on_dev_channels_with_short_intervals()
    {
        var dev = StackFiles.Committed("dev");

        Assert.Equal("monitoring-dev", dev.Namespace);
        Assert.Equal("Development", dev.Environment);
        Assert.Equal(1, dev.Alertmanager.Replicas);
        Assert.False(dev.Alertmanager.Clustered);
        Assert.Equal("#ml-alerts-dev", dev.Slack.Channels[ChannelRole.All]);
        Assert.Equal(TimeSpan.FromSeconds(10), dev.Routing.GroupWait.Value);
        Assert.Equal(TimeSpan.FromMinutes(1), dev.Routing.GroupInterval.Value);
        Assert.False(dev.Access.BasicAuth.Enabled);
    }

    [Fact]
    public void Prod_uses_the_guides_channels_three_replicas_and_locked_down_access()
    {
        var prod = StackFiles.Committed("prod");

        Assert.Equal("monitoring", prod.Namespace);
        Assert.Equal("Production", prod.Environment);
        Assert.Equal(3, prod.Alertmanager.Replicas);
        Assert.Equal(2, prod.Alertmanager.Quorum);
        Assert.Equal("#ml-alerts", prod.Slack.Channels[ChannelRole.All]);
        Assert.Equal("#ml-alerts-critical", prod.Slack.Channels[ChannelRole.Critical]);
        Assert.Equal("#ml-alerts-warning", prod.Slack.Channels[ChannelRole.Warning]);
        Assert.Equal(TimeSpan.FromHours(12), prod.Routing.RepeatInterval.Value);
        Assert.True(prod.Access.BasicAuth.Enabled);
        Assert.True(prod.Access.NetworkPolicy.Enabled);
        Assert.Equal(0.40m, Assert.Single(prod.Models).MaeCritical);
    }

    [Fact]
    public void Committed_stacks_hold_no_webhook_so_the_review_reports_each_one_missing()
    {
        foreach (var stack in new[] { "dev", "prod" })
        {
            var settings = StackFiles.Committed(stack);
            Assert.Equal(ChannelRoles.Every, settings.SlackWebhooks.Missing);
        }
    }

    [Fact]
    public void Unset_keys_take_the_documented_defaults()
    {
        var settings = StackFiles.Bind("config:\n  mlops-alerting:namespace: monitoring\n");

        Assert.Equal("test", settings.Environment);
        Assert.Equal("quay.io/prometheus/alertmanager:v0.34.0", settings.Alertmanager.Image);
        Assert.Equal(["severity"], settings.Routing.GroupBy);
        Assert.Equal("30s", settings.Routing.GroupWait.Text);
        Assert.Equal(["model_name"], settings.Routing.InhibitEqual);
        Assert.Equal("#ml-alerts-warning", settings.Slack.Channels[ChannelRole.Warning]);
        Assert.Empty(settings.Models);
    }

    [Fact]
    public void Encrypted_webhooks_in_a_stack_file_count_as_set()
    {
        var settings = StackFiles.Bind(StackFiles.With("""
              mlops-alerting:slackWebhooks:
                all:
                  secure: v1:abc
                critical:
                  secure: v1:def
            """));

        Assert.Equal(WebhookState.Encrypted, settings.SlackWebhooks.ByRole[ChannelRole.All].State);
        Assert.Equal([ChannelRole.Warning], settings.SlackWebhooks.Missing);
    }
}
