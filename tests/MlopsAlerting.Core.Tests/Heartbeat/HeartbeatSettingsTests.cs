using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Heartbeat;

/// <summary>heartbeatUrl is a secret like the webhooks; heartbeat.interval is checked like a route's timing.</summary>
public class HeartbeatSettingsTests
{
    [Fact]
    public void A_url_in_plain_text_is_rejected_with_the_exact_command_and_never_shown()
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With($"  mlops-alerting:heartbeatUrl: {HeartbeatStacks.Url}\n")));

        Assert.Equal(HeartbeatUrl.Key, error.Key);
        Assert.Contains("plain text", error.Problem, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --secret heartbeatUrl 'https://hc-ping.com/<uuid>' --stack test", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hc-ping.com/SENTINEL")]
    [InlineData("ftp://example.com/SENTINEL")]
    [InlineData("https://example.com/a SENTINEL")]
    public void A_secret_that_is_not_an_http_url_is_rejected_without_showing_it(string value)
    {
        var error = Assert.Single(Assert.Throws<SettingsException>(() => HeartbeatStacks.Prod(value)).Errors);

        Assert.Equal(HeartbeatUrl.Key, error.Key);
        Assert.Contains("value is not shown", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ping_url_pasted_into_a_setting_that_is_not_secret_is_caught_and_masked()
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With($"  mlops-alerting:slack:\n    owner: '{HeartbeatStacks.Url}'\n")));

        Assert.Equal("slack.owner", error.Key);
        Assert.Contains("ping URL", error.Problem, StringComparison.Ordinal);
        Assert.Contains("heartbeatUrl", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", SecretShapes.Redact($"curl {HeartbeatStacks.Url} and https://nosnch.in/SENTINEL"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_url_is_provided_prints_as_secret_and_reaches_no_rendered_file_or_review()
    {
        var settings = HeartbeatStacks.Prod();
        var rendered = AlertmanagerConfigRenderer.Render(settings);
        var rules = StackRules.Render(settings);
        var review = StackReview.Render(settings, rendered);

        Assert.Equal(WebhookState.Provided, settings.HeartbeatUrl.State);
        Assert.Equal(HeartbeatStacks.Url, settings.HeartbeatUrl.Value!.Reveal());
        Assert.All(
            [settings.ToString(), .. rendered.Files.Values, rules.Yaml, review, PrometheusAlertingSnippet.Render(settings, AlertmanagerWorkload.From(settings))],
            text => Assert.DoesNotContain("SENTINEL", text, StringComparison.Ordinal));
        Assert.Contains("| `heartbeatUrl` | set (secret) |", review, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_url_the_review_says_in_one_line_that_nothing_outside_watches_and_it_is_no_error()
    {
        var settings = StackFiles.Committed("prod");
        var review = StackReview.Render(settings, AlertmanagerConfigRenderer.Render(settings));

        Assert.False(settings.HeartbeatUrl.IsSet);
        Assert.Single(review.Split('\n'), line => line.Contains("Nothing outside watches the alerting", StringComparison.Ordinal));
        Assert.DoesNotContain(DeployRequirements.Check(settings), e => e.Key == HeartbeatUrl.Key);
    }

    [Fact]
    public void Pulumi_yamls_empty_default_means_no_heartbeat()
    {
        var raw = EngineConfigReaderTests.AsEngineConfig("prod");
        raw[HeartbeatUrl.Key] = "";

        Assert.False(SettingsBinder.Bind(EngineConfig.Read("prod", raw)).HeartbeatUrl.IsSet);
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager:v0.25.0")]
    [InlineData("quay.io/prometheus/alertmanager:v0.26.0")]
    public void An_alertmanager_without_webhook_url_file_is_refused_naming_the_key_and_the_fix(string image)
    {
        var error = Assert.Single(Assert.Throws<SettingsException>(() => HeartbeatStacks.Prod(image: image)).Errors);

        Assert.Equal(HeartbeatUrl.Key, error.Key);
        Assert.Contains("url_file", error.Problem, StringComparison.Ordinal);
        Assert.Contains("0.27 or newer", error.Fix, StringComparison.Ordinal);
        Assert.Contains("pulumi config rm heartbeatUrl --stack prod", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_alertmanager_without_a_heartbeat_is_fine()
    {
        Assert.False(HeartbeatStacks.Prod(url: null, image: "quay.io/prometheus/alertmanager:v0.25.0").HeartbeatUrl.IsSet);
    }

    [Theory]
    [InlineData("30s", "shorter than 1 minute")]
    [InlineData("6d", "longer than Alertmanager's data retention")]
    public void An_interval_out_of_range_is_refused(string interval, string problem)
    {
        var error = Assert.Single(Assert.Throws<SettingsException>(() => HeartbeatStacks.Prod(interval: interval)).Errors);

        Assert.Equal("heartbeat.interval", error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_interval_defaults_to_five_minutes_and_binds_from_the_engine()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), HeartbeatStacks.Prod().Heartbeat.Interval.Value);
        Assert.Equal(TimeSpan.FromMinutes(2), HeartbeatStacks.Prod(interval: "2m").Heartbeat.Interval.Value);
    }

    [Fact]
    public void The_schema_declares_both_keys()
    {
        Assert.Equal(SettingKind.Secret, SettingsSchema.Find(HeartbeatUrl.Key)!.Kind);
        Assert.Equal("5m", SettingsSchema.Find("heartbeat.interval")!.Default);
    }
}
