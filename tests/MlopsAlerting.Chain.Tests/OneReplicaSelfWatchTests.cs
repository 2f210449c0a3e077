using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>The faults on one replica. The classes share a collection so that their timings never compete.</summary>
[Collection(SelfWatchCollection.Name)]
public sealed class OneReplicaSelfWatchTests(OneReplicaSelfWatchFixture fixture) : SelfWatchTests(fixture.Stack, 1), IClassFixture<OneReplicaSelfWatchFixture>
{
    [Fact(Timeout = TestTimeout)]
    public Task The_critical_webhook_revoked_is_told_in_the_all_channel_and_the_critical_arrives_after_the_rotation() =>
        OneChannelBrokenAsync(404, "no_service", TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public async Task Every_webhook_failing_then_unreachable_holds_the_heartbeat_back_and_the_critical_arrives_after()
    {
        var ct = TestContext.Current.CancellationToken;
        await Stack.SettleAsync(ct);
        var t0 = Stack.Heartbeat.Elapsed;
        foreach (var role in new[] { "all", "critical", "warning" })
        {
            Stack.Slack.Break(role, 500, "internal_error");
        }

        Stack.Exporter.Set(SelfWatchStack.Model, 0.45m);

        // The critical fires and its first flush fails; the hold-back window loses the last success (at most a window
        // back), the failure is scraped and evaluated, the heartbeat resolves, and the outside check pages a period and a
        // grace after the last ping.
        var bound = Stack.CriticalFor + Steps + GroupWait + HeartbeatTiming.HoldBackWindow(Stack.Settings) + Steps + Stack.OutsidePagesAfter + Margin;
        await OutsidePagesAsync(t0, bound, "every Slack webhook answers 500", ct);

        // Slack unreachable now (connection refused): the heartbeat stays held back for another outside period. The
        // stand-in keeps answering 500 until the heal below: a retry that reached it between a heal and the switch would
        // be a real success and rightly lift the hold-back (a CI run under load saw exactly that).
        await Stack.SetSlackReachableAsync(false, ct);
        var unreachable = Stack.Heartbeat.Elapsed;
        await Task.Delay(Stack.OutsidePagesAfter, ct);
        Assert.False(Stack.Heartbeat.Pings.Any(p => p.Elapsed > unreachable), $"a ping after Slack became unreachable at {unreachable}{Environment.NewLine}{Stack.Describe()}");

        // Healed: the next retry succeeds, the hold-back lifts at the next evaluation, the heartbeat's new group pings
        // after its group_wait; the critical that fired during the outage arrives.
        var healed = Stack.Heartbeat.Elapsed;
        var slackHealed = Stack.Slack.Elapsed;
        Stack.Slack.Heal();
        await Stack.SetSlackReachableAsync(true, ct);
        var back = await Stack.Heartbeat.WaitForPingAfterAsync(healed, CriticalInterval + Steps + GroupWait + Margin, ct);
        Assert.True(back is not null, Stack.Describe());
        Assert.NotNull(Stack.DeliveredAfter("critical", slackHealed, SelfWatchStack.Model));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_wrong_password_between_prometheus_and_alertmanager_stops_the_heartbeat_and_the_critical_arrives_after_the_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        await Stack.SettleAsync(ct);
        var t0 = Stack.Heartbeat.Elapsed;
        Stack.SetPrometheusPassword("not-the-password");
        Stack.Exporter.Set(SelfWatchStack.Model, 0.45m);

        // Alertmanager keeps the last heartbeat it got until it expires; the last ping comes at most then.
        await OutsidePagesAsync(t0, Expiry + Stack.OutsidePagesAfter + Margin, "Prometheus → Alertmanager 401 (wrong password)", ct);
        Assert.NotEmpty(await Stack.FiringAsync(ModelAlertRules.AlertName, ct));

        var fixedAt = Stack.Slack.Elapsed;
        Stack.SetPrometheusPassword(Stack.WebConfig.Credentials.Password);
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("critical", fixedAt, SelfWatchStack.Model) is not null,
            SelfWatchStack.ResendDelay + Steps + GroupWait + Margin, "the critical that fired during the 401s", ct);
    }

    [Fact(Timeout = TestTimeout)]
    public Task Every_replica_down_stops_the_heartbeat_and_the_critical_arrives_after_the_restart() => EveryReplicaDownAsync(TestContext.Current.CancellationToken);

    [Theory(Timeout = TestTimeout)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Prometheus_down_or_the_rule_file_not_loaded_stops_the_heartbeat_and_the_rules_fire_again_after(bool prometheusRuns)
    {
        var ct = TestContext.Current.CancellationToken;
        await Stack.SettleAsync(ct);
        var t0 = Stack.Heartbeat.Elapsed;
        if (prometheusRuns)
        {
            await Stack.StartPrometheusAsync(withRules: false, ct);
        }
        else
        {
            await Stack.StopPrometheusAsync();
        }

        Stack.Exporter.Set(SelfWatchStack.Model, 0.45m);
        await OutsidePagesAsync(t0, Expiry + Stack.OutsidePagesAfter + Margin, prometheusRuns ? "model rule file not loaded" : "Prometheus down", ct);

        // Nothing evaluated the rules meanwhile, so no model alert fired: the critical comes a full `for` after the rules are back.
        var restored = Stack.Slack.Elapsed;
        await Stack.StartPrometheusAsync(withRules: true, ct);
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("critical", restored, SelfWatchStack.Model) is not null,
            Stack.CriticalFor + Steps + GroupWait + Margin + Margin, "the critical once the rules evaluate again", ct);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_model_rule_failing_to_evaluate_is_told_in_the_all_and_critical_channels_while_the_other_rules_still_deliver()
    {
        var ct = TestContext.Current.CancellationToken;
        await Stack.SettleAsync(ct);
        var t0 = Stack.Slack.Elapsed;
        Stack.Exporter.Set(SelfWatchStack.FaultModel, 0.10m);
        Stack.Exporter.Set(SelfWatchStack.Model, 0.45m);

        var bound = Steps + (SelfAlertTimings.Prod.For / SelfWatchStack.Scale) + Steps + AllInterval + Margin;
        SlackRequest? told = null;
        await Stack.WaitUntilAsync(() => (told = Stack.DeliveredAfter("all", t0, SelfAlertRules.RuleFailures)) is not null, bound, "#ml-alerts told a model rule fails", ct);
        new SelfWatchResult(Replicas, "a model rule fails to evaluate", $"{SelfAlertRules.RuleFailures} in #ml-alerts", told!.Elapsed - t0, bound).Report();
        var annotations = await Stack.AnnotationsAsync(SelfAlertRules.RuleFailures, ct);
        Assert.Contains(annotations, a => a.Summary == "A model alert rule fails to evaluate" && a.Description.Contains("so the models they cover are not watched", StringComparison.Ordinal));
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("critical", t0, SelfAlertRules.RuleFailures) is not null, bound, "#ml-alerts-critical told a model rule fails", ct);
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("critical", t0, SelfWatchStack.Model) is not null, bound, "the other rules' critical still delivered", ct);
    }
}

/// <summary>The self-watch classes run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class SelfWatchCollection
{
    public const string Name = "self-watch";
}
