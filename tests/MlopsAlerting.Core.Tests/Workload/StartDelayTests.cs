using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Workload;

/// <summary>The start delay, and with it the moment a new replica turns ready, follow the Prometheus timings a stack declares.</summary>
public class StartDelayTests
{
    private static StackSettings Inline(string config) =>
        SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", "config:\n  mlops-alerting:alertmanager:\n    replicas: 3\n" + config));

    [Theory]
    [InlineData("1m", "1m", 120)]
    [InlineData("10s", "10s", 20)]
    [InlineData("30s", "1m", 90)]
    [InlineData("1m", "0s", 60)]
    [InlineData("15s", "1m", 75)]
    [InlineData("1m", "90s", 120)]
    public void Prometheus_resends_at_the_first_evaluation_strictly_after_the_resend_delay(string evaluation, string resend, int seconds)
    {
        var timings = new PrometheusTimings(AlertmanagerDuration.Parse(evaluation), AlertmanagerDuration.Parse(resend));
        Assert.Equal(TimeSpan.FromSeconds(seconds), timings.ResendPeriod);
        Assert.True(timings.StartDelay >= timings.ResendPeriod + PrometheusTimings.DiscoveryRefresh);
    }

    [Fact]
    public void Prometheus_defaults_give_two_and_a_half_minutes_of_start_delay_before_a_replica_turns_ready()
    {
        var settings = Inline(string.Empty);
        Assert.Equal(PrometheusTimings.Default, settings.Prometheus);
        var w = AlertmanagerWorkload.From(settings);
        Assert.Contains("--dispatch.start-delay=150s", w.Args);

        // Not ready (so neither the rollout nor the disruption budget counts it) until 5 s after the start delay: the
        // kubelet counts from the container's start, Alertmanager from its own, a few ms later.
        Assert.Equal(155, w.Readiness.InitialDelaySeconds);
        Assert.Equal(0, w.Rollout.MinReadySeconds);

        // Three waves (the StatefulSet replaces one pod at a time) of the readiness delay, each with two minutes for the
        // old pod's termination and scheduling: more than pulumi's 10 minutes.
        Assert.Equal(3 * (155 + 120), w.Rollout.AwaitSeconds);
    }

    [Fact]
    public void Declared_timings_move_the_start_delay_the_readiness_delay_and_the_wait_of_pulumi_up()
    {
        var w = AlertmanagerWorkload.From(Inline("  mlops-alerting:prometheus:\n    evaluationInterval: 2m\n    resendDelay: 2m\n"));
        Assert.Contains("--dispatch.start-delay=270s", w.Args);
        Assert.Equal(275, w.Readiness.InitialDelaySeconds);
        Assert.Equal(3 * (275 + 120), w.Rollout.AwaitSeconds);
    }

    [Theory]
    [InlineData("1m", "1m")]
    [InlineData("10s", "10s")]
    [InlineData("15s", "1m")]
    [InlineData("1m", "90s")]
    [InlineData("100ms", "1s")]
    public void A_replica_turns_ready_only_after_its_start_delay_whatever_the_timings(string evaluation, string resend)
    {
        var w = AlertmanagerWorkload.From(Inline($"  mlops-alerting:prometheus:\n    evaluationInterval: {evaluation}\n    resendDelay: {resend}\n"));
        var startDelay = TimeSpan.FromSeconds(long.Parse(Assert.Single(w.Args, a => a.StartsWith("--dispatch.start-delay=", StringComparison.Ordinal))["--dispatch.start-delay=".Length..].TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(TimeSpan.FromSeconds(w.Readiness.InitialDelaySeconds) >= startDelay + ReadinessDelay.StartMargin);
        Assert.True(w.Rollout.AwaitSeconds >= 2 * w.Readiness.InitialDelaySeconds);
    }

    [Fact]
    public void One_replica_has_no_start_delay()
    {
        var w = AlertmanagerWorkload.From(SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", "config:\n  mlops-alerting:prometheus:\n    resendDelay: 2m\n")));
        Assert.DoesNotContain(w.Args, a => a.StartsWith("--dispatch.start-delay", StringComparison.Ordinal));
        Assert.Equal(0, w.Rollout.MinReadySeconds);
        Assert.True(w.Readiness.InitialDelaySeconds < 10);
    }

    [Theory]
    [InlineData("    evaluationInterval: 0s\n", "prometheus.evaluationInterval", "is zero")]
    [InlineData("    evaluationInterval: soon\n", "prometheus.evaluationInterval", "")]
    [InlineData("    resendDelay: 4m\n    evaluationInterval: 1m\n", "prometheus", "start delay of 5m30s")]
    public void Timings_prometheus_cannot_run_or_that_make_the_start_delay_too_long_are_refused_with_the_key_and_fix(string yaml, string key, string problem)
    {
        var error = Assert.Throws<SettingsException>(() => Inline("  mlops-alerting:prometheus:\n" + yaml));
        var line = Assert.Single(error.Errors, e => e.Key == key);
        Assert.Contains(problem, line.ToString(), StringComparison.Ordinal);
        Assert.Contains("Pulumi.test.yaml", line.ToString(), StringComparison.Ordinal);
        Assert.Contains("Fix:", line.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_replicas_are_refused_with_the_key_and_both_fixes()
    {
        var error = Assert.Throws<SettingsException>(() => SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", "config:\n  mlops-alerting:alertmanager:\n    replicas: 2\n")));
        var line = Assert.Single(error.Errors, e => e.Key == "alertmanager.replicas").ToString();
        Assert.Contains("Pulumi.test.yaml", line, StringComparison.Ordinal);
        Assert.Contains("`replicas: 3`", line, StringComparison.Ordinal);
        Assert.Contains("`replicas: 1`", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readiness_of_a_replica_needs_settled_gossip_but_no_peer()
    {
        var w = AlertmanagerWorkload.From(Inline(string.Empty));
        var script = w.Readiness.Command![2];
        Assert.Contains("\"status\":\"ready\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("address", script, StringComparison.Ordinal);
    }
}
