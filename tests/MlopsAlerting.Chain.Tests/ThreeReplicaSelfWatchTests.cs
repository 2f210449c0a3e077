using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>The faults on three gossiping replicas.</summary>
[Collection(SelfWatchCollection.Name)]
public sealed class ThreeReplicaSelfWatchTests(ThreeReplicaSelfWatchFixture fixture) : SelfWatchTests(fixture.Stack, 3), IClassFixture<ThreeReplicaSelfWatchFixture>
{
    [Fact(Timeout = TestTimeout)]
    public Task The_critical_channel_archived_is_told_in_the_all_channel_and_the_critical_arrives_after_the_fix() =>
        OneChannelBrokenAsync(410, "channel_is_archived", TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Every_replica_down_stops_the_heartbeat_and_the_critical_arrives_after_the_restart() => EveryReplicaDownAsync(TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public async Task One_replica_cut_off_from_gossip_is_told_in_the_all_and_warning_channels()
    {
        var ct = TestContext.Current.CancellationToken;
        await Stack.SettleAsync(ct);
        var t0 = Stack.Slack.Elapsed;
        await Stack.CutOffReplicaAsync(2, cutOff: true, ct);

        // The members are compared with the replicas scraped up now (no window): a scrape and an evaluation, the wait,
        // then the all channel's new group after group_wait or its next group_interval.
        var self = SelfAlertTimings.Prod.Scaled(SelfWatchStack.Scale);
        var bound = self.For + Steps + AllInterval + Lag + Margin;
        SlackRequest? told = null;
        await Stack.WaitUntilAsync(() => (told = Stack.DeliveredAfter("all", t0, SelfAlertRules.MembersInconsistent)) is not null, bound, "#ml-alerts told a replica is cut off", ct);
        new SelfWatchResult(Replicas, "one replica cut off from gossip", $"{SelfAlertRules.MembersInconsistent} in #ml-alerts", told!.Elapsed - t0, bound).Report();
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("warning", t0, SelfAlertRules.MembersInconsistent) is not null, bound + Margin, "#ml-alerts-warning told", ct);

        // A critical meanwhile still arrives (both halves of the split cluster send it: the message names the risk).
        var critical = Stack.Slack.Elapsed;
        Stack.Exporter.Set(SelfWatchStack.Model, 0.45m);
        await Stack.WaitUntilAsync(() => Stack.DeliveredAfter("critical", critical, SelfWatchStack.Model) is not null,
            Stack.CriticalFor + Steps + GroupWait + Lag + Margin, "the critical while a replica is cut off", ct);
    }
}
