using System.Security.Cryptography;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>Runs alone: its bounds are measured against a quiet machine, not beside the other chain classes.</summary>
[CollectionDefinition(nameof(DrainCollection), DisableParallelization = true)]
public sealed class DrainCollection;

/// <summary>
/// Every node drained in turn, as a node-pool upgrade does, against three real Alertmanagers running the prod stack's
/// configuration and flags (basic auth, start delay, peer timeout; durations divided by <see cref="DrainTimings.Scale"/>):
/// <see cref="DrainedCluster"/> evicts a ready replica only when the PodDisruptionBudget would, and starts its
/// replacement with empty storage. Right after the last eviction, the worst moment, a model goes critical and the alert
/// is posted to every replica that runs, as Prometheus sends it. With the program's readiness (ready once the start
/// delay has passed) a replica notifies at every moment and on-call hears of the critical within group_wait and the
/// replicas' lag; with the former readiness (ready once the gossip settled) the same drain leaves all three replicas
/// holding their notifications, and the critical waits for the first replacement's start delay.
/// </summary>
[Collection(nameof(DrainCollection))]
public sealed class DrainChainTests
{
    private const string Model = "drain-critical";

    [Fact(Timeout = 300_000)]
    public async Task Draining_every_node_in_turn_keeps_a_replica_notifying_and_a_critical_after_the_last_eviction_reaches_on_call_within_group_wait()
    {
        var drain = await DrainAsync(ReadinessRule.StartDelayPassed, TestContext.Current.CancellationToken);

        // One replica notifying is what on-call needs; the budget promises all but the one evicted.
        Assert.True(drain.FewestNotifying >= DrainTimings.Replicas - 1, $"at one moment of the drain only {drain.FewestNotifying} replicas had passed their start delay");
        Assert.Equal(DrainTimings.Replicas, drain.RunningWhenPosted);
        Assert.True(
            drain.CriticalAfter <= drain.Timings.NotifyBound,
            $"the critical reached Slack {drain.CriticalAfter.TotalSeconds:F1}s after it was posted; group_wait {drain.Timings.GroupWait.TotalSeconds}s + lag {drain.Timings.Lag.TotalSeconds}s + margin {DrainTimings.DeliveryMargin.TotalSeconds}s is {drain.Timings.NotifyBound.TotalSeconds}s");
    }

    [Fact(Timeout = 300_000)]
    public async Task Counting_a_replica_once_its_gossip_settled_lets_the_same_drain_leave_all_three_holding_so_the_critical_waits_for_a_start_delay()
    {
        var drain = await DrainAsync(ReadinessRule.GossipSettled, TestContext.Current.CancellationToken);

        Assert.Equal(DrainTimings.Replicas, drain.RunningWhenPosted);
        Assert.Equal(0, drain.NotifyingWhenPosted);
        Assert.True(
            drain.CriticalAfter > drain.Timings.NotifyBound,
            $"the critical reached Slack {drain.CriticalAfter.TotalSeconds:F1}s after it was posted, within {drain.Timings.NotifyBound.TotalSeconds}s although no replica had passed its start delay");
    }

    private static async Task<DrainOutcome> DrainAsync(ReadinessRule rule, CancellationToken cancellationToken)
    {
        var binary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(RolloutStack.StartDelaySince, "the start delay (--dispatch.start-delay) a drain waits for");
        var prod = StackFiles.Committed("prod");
        var timings = DrainTimings.Of(prod);
        var settings = StandInConfiguration.WithTimings(
            prod,
            LocalPrometheusConfig.Seconds(prod.Routing.GroupWait.Value / DrainTimings.Scale),
            LocalPrometheusConfig.Seconds(prod.Routing.GroupInterval.Value / DrainTimings.Scale));
        Assert.True(settings.Access.BasicAuth.Enabled, "the prod stack runs with basic auth");

        using var scratch = new ScratchDirectory();
        await using var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) / DrainTimings.Scale });
        var local = await StandInConfiguration.WriteAsync(settings, slack, Path.Combine(scratch.Path, "alertmanager"), cancellationToken);
        var credentials = new BasicAuthCredentials(settings.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 32));
        var webConfig = await LocalWebConfig.WriteAsync(Path.Combine(scratch.Path, "basic-auth"), credentials, cancellationToken);

        await using var cluster = await DrainedCluster.StartAsync(binary, local.ConfigFile, webConfig, timings, rule, cancellationToken);
        Output($"{rule}: start delay {timings.StartDelay.TotalSeconds}s, readiness from {timings.ReadinessDelayOf(rule).TotalSeconds}s after start, critical group_wait {timings.GroupWait.TotalSeconds}s, peer timeout {timings.PeerTimeout.TotalSeconds}s; "
            + $"{DrainTimings.Replicas} replicas notifying at {DrainedCluster.Clock(DateTimeOffset.UtcNow)}");
        await cluster.DrainEveryNodeAsync(Output, cancellationToken);

        // The worst moment: the last replica evicted, its replacement just started.
        var postedAt = DateTimeOffset.UtcNow;
        var posted = slack.Elapsed;
        await cluster.PostAsync([GuideAlerts.ModelPerformanceDegraded("critical", Model)], cancellationToken);
        var told = await slack.WaitForDeliveredAsync(r => r.WebhookName == "critical" && SlackMessageModels.Names(r, Model), 1, timings.StartDelay + timings.NotifyBound + TimeSpan.FromSeconds(10), cancellationToken);
        var criticalAfter = told[0].Elapsed - posted;

        // The notifying replicas change only when one is evicted (fewer) or a start delay ends (more): the fewest are at an eviction.
        var moments = cluster.All.Select(r => r.EvictedAt).OfType<DateTimeOffset>().Append(postedAt).Order().ToList();
        foreach (var replica in cluster.All)
        {
            Output($"  {replica.Name,-7} started {DrainedCluster.Clock(replica.Started)} ({(replica.Started - replica.Launched).TotalMilliseconds:F0} ms after launch), "
                + $"notifies from {DrainedCluster.Clock(replica.Started + timings.StartDelay)}"
                + (replica.EvictedAt is { } evicted ? $", evicted {DrainedCluster.Clock(evicted)}" : string.Empty));
        }

        Output(string.Join("; ", moments.Select(m => $"{DrainedCluster.Clock(m)}: {cluster.NotifyingAt(m)} notifying")));
        Output($"{DrainedCluster.Clock(postedAt)} critical posted to {cluster.Running.Count} replicas, {cluster.NotifyingAt(postedAt)} past their start delay; "
            + $"in the critical channel {criticalAfter.TotalSeconds:F1}s later (bound {timings.NotifyBound.TotalSeconds}s)");

        return new DrainOutcome(timings, moments.Min(cluster.NotifyingAt), cluster.NotifyingAt(postedAt), cluster.Running.Count, criticalAfter);
    }

    /// <summary>To the test's output and, for a measurement over many runs, to the file <c>MLOPS_DRAIN_REPORT</c> names.</summary>
    private static void Output(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("MLOPS_DRAIN_REPORT") is { Length: > 0 } report)
        {
            File.AppendAllLines(report, [line]);
        }
    }
}
