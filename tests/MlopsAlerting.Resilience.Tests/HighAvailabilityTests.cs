using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// The prod stack's three replicas as a real gossip cluster on 127.0.0.1, every alert posted to every replica as
/// Prometheus does: one Slack message per channel, whatever replica dies, and silences shared by all.
/// </summary>
public sealed class HighAvailabilityTests
{
    private const string Alertname = "ModelPerformanceDegraded";

    [Fact(Timeout = 60_000)]
    public async Task Alert_posted_to_all_three_replicas_reaches_each_channel_exactly_once()
    {
        using var deadline = Deadline(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        await using var cluster = await ThreeReplicaCluster.StartAsync(binary, stack.ConfigFile, deadline.Token);
        await LogClusterAsync(cluster, deadline.Token);

        var postedAt = slack.Elapsed;
        await cluster.PostToRunningAsync([Critical("ha-alpha"), Warning("ha-bravo")], deadline.Token);
        await WaitForAsync(slack, [("all", "ha-alpha"), ("critical", "ha-alpha"), ("all", "ha-bravo"), ("warning", "ha-bravo")], stack, deadline.Token);
        await StayQuietAsync(slack, postedAt, stack, deadline.Token);

        Log(slack, postedAt, cluster);
        Assert.Equal(
            ["all:ha-alpha+ha-bravo", "critical:ha-alpha", "warning:ha-bravo"],
            Deliveries(slack, "ha-alpha", "ha-bravo"));
    }

    [Fact(Timeout = 60_000)]
    public async Task After_the_sending_replica_is_killed_the_survivors_notify_a_new_alert_once_and_repeat_nothing()
    {
        using var deadline = Deadline(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        await using var cluster = await ThreeReplicaCluster.StartAsync(binary, stack.ConfigFile, deadline.Token);
        await LogClusterAsync(cluster, deadline.Token);
        await cluster.PostToRunningAsync([Critical("ha-charlie")], deadline.Token);
        var firstPostedAt = slack.Elapsed;
        var first = await WaitForAsync(slack, [("all", "ha-charlie"), ("critical", "ha-charlie")], stack, deadline.Token);

        // Mid-run, not mid-send: once every replica has had its turn, the sender's notification log has reached
        // the others. (Killed within one gossip interval of sending, the next replica sends the alert again.)
        await StayQuietAsync(slack, firstPostedAt, stack, deadline.Token);
        var sender = Assert.Single(cluster.Replicas, r => first[0].Message?.Attachments[0].TitleLink?.StartsWith(r.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal) == true);
        await sender.KillAsync(deadline.Token);
        Output($"killed {cluster.Describe(sender.BaseUrl.ToString())} (pid {sender.ProcessId}), the replica that sent the first notification, with SIGKILL");
        var postedAt = slack.Elapsed;
        await cluster.PostToRunningAsync([Warning("ha-delta")], deadline.Token);
        var after = await WaitForAsync(slack, [("all", "ha-delta"), ("warning", "ha-delta")], stack, deadline.Token);
        await StayQuietAsync(slack, postedAt, stack, deadline.Token);

        Output($"new alert after the kill: post -> Slack {(after.Max(r => r.Elapsed) - postedAt).TotalSeconds:F2}s (group_wait {stack.GroupWait.TotalSeconds:F0}s, peer timeout {ThreeReplicaCluster.PeerTimeout.TotalSeconds:F0}s)");
        Log(slack, postedAt, cluster);
        Assert.Equal(2, cluster.Running.Count());
        Assert.Equal(
            ["all:ha-charlie", "all:ha-charlie+ha-delta", "critical:ha-charlie", "warning:ha-delta"],
            Deliveries(slack, "ha-charlie", "ha-delta"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Silence_created_on_one_replica_mutes_the_alert_on_every_replica_and_survives_a_replica_restart()
    {
        using var deadline = Deadline(TimeSpan.FromSeconds(85), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        await using var cluster = await ThreeReplicaCluster.StartAsync(binary, stack.ConfigFile, deadline.Token);
        await LogClusterAsync(cluster, deadline.Token);
        var (creator, other, restarted) = (cluster.Replicas[0], cluster.Replicas[1], cluster.Replicas[2]);

        var createdAt = slack.Elapsed;
        var silenceId = await creator.CreateSilenceAsync(
            [new SilenceMatcher("alertname", Alertname), new SilenceMatcher("model_name", "ha-echo")],
            TimeSpan.FromHours(1),
            "resilience-tests",
            "retraining ha-echo",
            deadline.Token);
        await WaitForSilenceAsync(other, silenceId, deadline.Token);
        await WaitForSilenceAsync(restarted, silenceId, deadline.Token);
        Output($"silence {silenceId} created on replica 0 was listed by replicas 1 and 2 after {(slack.Elapsed - createdAt).TotalMilliseconds:F0}ms");

        var postedAt = slack.Elapsed;
        await cluster.PostToRunningAsync([Critical("ha-echo"), Critical("ha-foxtrot")], deadline.Token);
        await WaitForAsync(slack, [("all", "ha-foxtrot"), ("critical", "ha-foxtrot")], stack, deadline.Token);
        await StayQuietAsync(slack, postedAt, stack, deadline.Token);
        var mutedOnOther = Assert.Single(await other.GetAlertsAsync(deadline.Token), a => a.Labels["model_name"] == "ha-echo");

        var restartAt = slack.Elapsed;
        await restarted.RestartAsync(deadline.Token);
        await cluster.WaitUntilFormedAsync(deadline.Token);
        Output($"replica 2 restarted (graceful stop, same storage) and the cluster re-formed {(slack.Elapsed - restartAt).TotalSeconds:F2}s after the restart began");
        var repostedAt = slack.Elapsed;
        await cluster.PostToRunningAsync([Critical("ha-echo"), Warning("ha-golf")], deadline.Token);
        await WaitForAsync(slack, [("all", "ha-golf"), ("warning", "ha-golf")], stack, deadline.Token);
        await StayQuietAsync(slack, repostedAt, stack, deadline.Token);
        var mutedOnRestarted = Assert.Single(await restarted.GetAlertsAsync(deadline.Token), a => a.Labels["model_name"] == "ha-echo");
        var silencesOnRestarted = await restarted.GetSilencesAsync(deadline.Token);

        Log(slack, postedAt, cluster);
        Assert.Equal("suppressed", mutedOnOther.State);
        Assert.Equal([silenceId], mutedOnOther.SilencedBy);
        Assert.Equal("suppressed", mutedOnRestarted.State);
        Assert.Equal([silenceId], mutedOnRestarted.SilencedBy);
        Assert.Contains(silencesOnRestarted, s => s.Id == silenceId && s.State == "active");
        Assert.DoesNotContain(slack.AllRequests, r => SlackMessageModels.Names(r, "ha-echo"));
        Assert.Equal(["all:ha-foxtrot", "all:ha-foxtrot+ha-golf", "critical:ha-foxtrot", "warning:ha-golf"], Deliveries(slack, "ha-foxtrot", "ha-golf"));
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken testCancellation)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(testCancellation);
        source.CancelAfter(timeout);
        return source;
    }

    private static PostableAlert Critical(string model) => GuideAlerts.ModelPerformanceDegraded("critical", model);

    private static PostableAlert Warning(string model) => GuideAlerts.ModelPerformanceDegraded("warning", model, mae: "0.35", threshold: "0.30");

    /// <summary>Waits until each (webhook, model) pair has a delivered message; the slowest replica notifies after group_wait plus two peer timeouts.</summary>
    private static async Task<IReadOnlyList<SlackRequest>> WaitForAsync(
        SlackStandIn slack, IReadOnlyList<(string Webhook, string Model)> expected, RenderedProdStack stack, CancellationToken cancellationToken)
    {
        var timeout = stack.GroupWait + stack.GroupInterval + (2 * ThreeReplicaCluster.PeerTimeout) + TimeSpan.FromSeconds(10);
        var found = new List<SlackRequest>();
        foreach (var (webhook, model) in expected)
        {
            found.AddRange(await slack.WaitForDeliveredAsync(r => r.WebhookName == webhook && SlackMessageModels.Names(r, model), 1, timeout, cancellationToken));
        }

        return [.. found.Distinct().OrderBy(r => r.Elapsed)];
    }

    /// <summary>
    /// Absence needs an observation window: until every replica has had its turn (position 2 notifies
    /// two peer timeouts after position 0) and each group has flushed once more.
    /// </summary>
    private static async Task StayQuietAsync(SlackStandIn slack, TimeSpan postedAt, RenderedProdStack stack, CancellationToken cancellationToken)
    {
        var until = postedAt + stack.GroupWait + (2 * ThreeReplicaCluster.PeerTimeout) + stack.GroupInterval + TimeSpan.FromSeconds(1);
        var remaining = until - slack.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }

    private static async Task WaitForSilenceAsync(LocalAlertmanager replica, string silenceId, CancellationToken cancellationToken)
    {
        while (!(await replica.GetSilencesAsync(cancellationToken)).Any(s => s.Id == silenceId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>
    /// "webhook:model+model" for every message naming one of the models, sorted: one entry per
    /// message, so a notification sent twice shows twice. (The all channel keeps every alert in one
    /// group, so its update after a new alert names the alerts still firing too.)
    /// </summary>
    private static string[] Deliveries(SlackStandIn slack, params string[] models) =>
        [.. slack.AllRequests
            .Select(r => (r, named: models.Where(m => SlackMessageModels.Names(r, m)).ToArray()))
            .Where(x => x.named.Length > 0)
            .Select(x => $"{x.r.WebhookName}:{string.Join('+', x.named)}" + (x.r.IsDelivered ? string.Empty : $" ({x.r.StatusCode})"))
            .Order(StringComparer.Ordinal)];

    private static async Task LogClusterAsync(ThreeReplicaCluster cluster, CancellationToken cancellationToken)
    {
        var members = await Task.WhenAll(cluster.Replicas.Select(r => ThreeReplicaCluster.MemberAsync(r, cancellationToken)));
        Output($"cluster of 3 formed (every replica ready with 3 peers) {cluster.FormedAfter.TotalSeconds:F2}s after the first start; "
            + string.Join(", ", members.Select((m, i) => $"replica {i} at position {m.Position}")));
    }

    private static void Log(SlackStandIn slack, TimeSpan since, ThreeReplicaCluster cluster)
    {
        foreach (var request in slack.AllRequests)
        {
            Output($"  +{(request.Elapsed - since).TotalSeconds,6:F2}s {request.WebhookName,-8} {request.StatusCode} from {cluster.Describe(request.Message?.Attachments.FirstOrDefault()?.TitleLink)}: {request.Message?.Attachments.FirstOrDefault()?.Title}");
        }
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
