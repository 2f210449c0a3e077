using System.Globalization;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// Each replica's volume (<c>alertmanager.storage</c>) as real Alertmanager processes restarted on the same storage
/// directory, running the prod stack's rendered configuration (group_wait 1 s, group_interval 3 s, repeat_interval
/// 12 h): a silence and a notified group survive a restart of one replica and of every replica at once, what a hard
/// loss keeps (the last snapshot, <c>--data.maintenance-interval</c>), and the two moves from the Deployment's emptyDir
/// to the StatefulSet's volumes the README states: three replicas by gossip, one by amtool's export and import.
/// Alerts are posted again after each restart, as Prometheus re-sends them.
/// </summary>
public sealed class StorageSurvivalTests
{
    private static readonly string SnapshotFlag = $"--data.maintenance-interval={AlertmanagerWorkload.SnapshotInterval}";

    [Fact(Timeout = 60_000)]
    public async Task One_replica_keeps_a_silence_and_a_notified_group_across_a_restart_on_the_same_storage()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        await using var am = await Single(binary, stack, [SnapshotFlag], deadline.Token);
        var silenceId = await SilenceAndNotifyAsync([am], slack, stack, deadline.Token);

        // A rollout of the StatefulSet: SIGTERM (the process writes its silences and notification log), a new process on
        // the same volume.
        await am.RestartAsync(deadline.Token);
        var after = await RepostAndAddAsync([am], slack, stack, deadline.Token);

        Log(slack);
        Assert.Equal(["all:st-loud", "critical:st-loud"], Before(slack, after));
        Assert.Equal(["all:st-loud+st-new", "warning:st-new"], After(slack, after));
        await AssertSilencedAsync(am, silenceId, deadline.Token);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_hard_loss_keeps_what_the_last_snapshot_held(bool snapshotBeforeTheKill)
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");

        // The program's 1m, or 2s to let a snapshot happen within the test.
        var interval = snapshotBeforeTheKill ? TimeSpan.FromSeconds(2) : TimeSpan.FromMinutes(1);
        await using var am = await Single(binary, stack, [$"--data.maintenance-interval={(long)interval.TotalSeconds}s"], deadline.Token);
        var silenceId = await SilenceAndNotifyAsync([am], slack, stack, deadline.Token);
        if (snapshotBeforeTheKill)
        {
            await Task.Delay(2 * interval, deadline.Token);
        }

        // SIGKILL: an OOM kill, a node or a zone lost. Nothing is written at the end.
        await am.KillAsync(deadline.Token);
        await am.RestartAsync(deadline.Token);
        var after = await RepostAndAddAsync([am], slack, stack, deadline.Token);

        Log(slack);
        var silences = await am.GetSilencesAsync(deadline.Token);
        if (snapshotBeforeTheKill)
        {
            Assert.Equal(["all:st-loud+st-new", "warning:st-new"], After(slack, after));
            await AssertSilencedAsync(am, silenceId, deadline.Token);
        }
        else
        {
            // Killed within the interval of its changes: the silence and the notification are gone, so the critical is
            // told again and the muted model reaches Slack.
            Assert.Empty(silences);
            Assert.Contains("critical:st-loud+st-muted", After(slack, after));
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Three_replicas_each_on_its_own_storage_keep_a_silence_and_a_notified_group_when_all_restart_at_once()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(85), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        await using var cluster = await ThreeReplicaCluster.StartAsync(binary, stack.ConfigFile, deadline.Token);
        Assert.Equal(3, cluster.Replicas.Select(r => r.StoragePath).Distinct().Count());
        var silenceId = await SilenceAndNotifyAsync(cluster.Replicas, slack, stack, deadline.Token);

        // Every pod at once (a node-pool upgrade that outpaces the budget, a cluster restart): nobody is left to gossip
        // the state back, so it must come from each replica's own volume.
        await Task.WhenAll(cluster.Replicas.Select(r => r.StopAsync(deadline.Token)));
        Assert.Empty(cluster.Running);
        await Task.WhenAll(cluster.Replicas.Select(r => r.RestartAsync(deadline.Token)));
        await cluster.WaitUntilFormedAsync(deadline.Token);
        var after = await RepostAndAddAsync(cluster.Replicas, slack, stack, deadline.Token);

        Log(slack);
        Assert.Equal(["all:st-loud", "critical:st-loud"], Before(slack, after));
        Assert.Equal(["all:st-loud+st-new", "warning:st-new"], After(slack, after));
        foreach (var replica in cluster.Replicas)
        {
            await AssertSilencedAsync(replica, silenceId, deadline.Token);
        }
    }

    [Fact(Timeout = 150_000)]
    public async Task Moving_three_replicas_to_new_storage_the_new_ones_take_the_state_by_gossip_before_the_old_ones_stop()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(145), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");

        // The Deployment's replicas, on emptyDirs.
        await using var old = await ThreeReplicaCluster.StartAsync(binary, stack.ConfigFile, deadline.Token);
        var silenceId = await SilenceAndNotifyAsync(old.Replicas, slack, stack, deadline.Token);

        // pulumi up creates the StatefulSet: three new processes on empty storage of their own, which find the old ones
        // through the headless Service (it selects both) and join their gossip.
        var oldPorts = old.Replicas.Select(r => PortOf(r)).ToArray();
        int[] newPorts = [FreePort.NextTcpAndUdp(), FreePort.NextTcpAndUdp(), FreePort.NextTcpAndUdp()];
        var fresh = new List<LocalAlertmanager>();
        try
        {
            foreach (var port in newPorts)
            {
                fresh.Add(await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions
                {
                    ConfigFile = stack.ConfigFile,
                    Binary = binary,
                    Cluster = new ClusterOptions
                    {
                        Port = port,
                        Peers = [.. oldPorts.Concat(newPorts).Where(p => p != port).Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture))],
                        GossipInterval = TimeSpan.FromMilliseconds(100),
                        PushPullInterval = TimeSpan.FromSeconds(1),
                        SettleTimeout = TimeSpan.FromSeconds(2),
                    },
                    ExtraArgs = [SnapshotFlag, "--cluster.peer-timeout=" + ThreeReplicaCluster.PeerTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms"],
                }, deadline.Token));
            }

            Assert.Empty(fresh.Select(r => r.StoragePath).Intersect(old.Replicas.Select(r => r.StoragePath)));
            await WaitForMembersAsync([.. old.Replicas, .. fresh], 6, deadline.Token);
            foreach (var replica in fresh)
            {
                await WaitForSilenceAsync(replica, silenceId, deadline.Token);
            }

            // The StatefulSet is ready: Pulumi deletes the Deployment, whose pods stop (SIGTERM) and leave the gossip.
            await Task.WhenAll(old.Replicas.Select(r => r.StopAsync(deadline.Token)));
            await WaitForMembersAsync(fresh, 3, deadline.Token);
            var after = await RepostAndAddAsync(fresh, slack, stack, deadline.Token);

            Log(slack);
            Assert.Equal(["all:st-loud", "critical:st-loud"], Before(slack, after));
            Assert.Equal(["all:st-loud+st-new", "warning:st-new"], After(slack, after));
            foreach (var replica in fresh)
            {
                await AssertSilencedAsync(replica, silenceId, deadline.Token);
            }

            // And the new replicas wrote it to their own storage: all three restarted at once still have it, and tell
            // nothing again when Prometheus re-sends the alerts.
            await Task.WhenAll(fresh.Select(r => r.StopAsync(deadline.Token)));
            await Task.WhenAll(fresh.Select(r => r.RestartAsync(deadline.Token)));
            await WaitForMembersAsync(fresh, 3, deadline.Token);
            var restartedAt = slack.Elapsed;
            await Task.WhenAll(fresh.Select(r => r.PostAlertsAsync([Critical("st-loud"), Critical("st-muted"), Warning("st-new")], deadline.Token)));
            await QuietAsync(slack, restartedAt, stack, deadline.Token);
            Assert.Empty(After(slack, restartedAt));
            foreach (var replica in fresh)
            {
                await AssertSilencedAsync(replica, silenceId, deadline.Token);
            }
        }
        finally
        {
            foreach (var replica in fresh)
            {
                await replica.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Moving_one_replica_to_new_storage_amtool_carries_the_silences_and_the_firing_group_is_told_once_more()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        var amtool = RequiredBinaries.AmtoolOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        await using var old = await Single(binary, stack, [], deadline.Token);
        await SilenceAndNotifyAsync([old], slack, stack, deadline.Token);
        var before = Assert.Single(await old.GetSilencesAsync(deadline.Token));

        // The README's steps: export before `pulumi up`, import into the StatefulSet's pod once it runs.
        var export = await amtool.SilenceExportAsync(old.BaseUrl, deadline.Token);
        Assert.True(export.Succeeded, export.StandardError);
        var file = Path.Combine(stack.Folder, "silences.json");
        await File.WriteAllTextAsync(file, export.StandardOutput, deadline.Token);
        await using var fresh = await Single(binary, stack, [SnapshotFlag], deadline.Token);
        var imported = await amtool.SilenceImportAsync(fresh.BaseUrl, file, deadline.Token);
        Assert.True(imported.Succeeded, imported.StandardError + imported.StandardOutput);
        await old.StopAsync(deadline.Token);

        var after = await RepostAndAddAsync([fresh], slack, stack, deadline.Token);
        Log(slack);
        var moved = Assert.Single(await fresh.GetSilencesAsync(deadline.Token));
        Assert.Equal(before.Matchers, moved.Matchers);
        Assert.Equal((before.EndsAt, before.CreatedBy, before.Comment, "active"), (moved.EndsAt, moved.CreatedBy, moved.Comment, moved.State));
        await AssertSilencedAsync(fresh, moved.Id, deadline.Token);

        // No notification log moves: the firing critical is told once more, the muted model never.
        Assert.Equal(["all:st-loud+st-new", "critical:st-loud", "warning:st-new"], After(slack, after));
    }

    private static Task<LocalAlertmanager> Single(AlertmanagerBinary binary, RenderedProdStack stack, IReadOnlyList<string> extraArgs, CancellationToken cancellationToken) =>
        LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = stack.ConfigFile, Binary = binary, ExtraArgs = extraArgs }, cancellationToken);

    /// <summary>Silences model st-muted, posts criticals of st-loud and st-muted, and waits until st-loud is told and the groups are quiet.</summary>
    private static async Task<string> SilenceAndNotifyAsync(IReadOnlyList<LocalAlertmanager> replicas, SlackStandIn slack, RenderedProdStack stack, CancellationToken cancellationToken)
    {
        var silenceId = await replicas[0].CreateSilenceAsync(
            [new SilenceMatcher("model_name", "st-muted")], TimeSpan.FromHours(1), "storage-tests", "retraining st-muted", cancellationToken);
        foreach (var replica in replicas)
        {
            await WaitForSilenceAsync(replica, silenceId, cancellationToken);
        }

        var postedAt = slack.Elapsed;
        await Task.WhenAll(replicas.Select(r => r.PostAlertsAsync([Critical("st-loud"), Critical("st-muted")], cancellationToken)));
        var timeout = stack.GroupWait + stack.GroupInterval + (2 * ThreeReplicaCluster.PeerTimeout) + TimeSpan.FromSeconds(10);
        await slack.WaitForDeliveredAsync(r => r.WebhookName == "critical" && SlackMessageModels.Names(r, "st-loud"), 1, timeout, cancellationToken);
        await slack.WaitForDeliveredAsync(r => r.WebhookName == "all" && SlackMessageModels.Names(r, "st-loud"), 1, timeout, cancellationToken);
        await QuietAsync(slack, postedAt, stack, cancellationToken);
        return silenceId;
    }

    /// <summary>
    /// Posts the same alerts again, as Prometheus re-sends them, plus a new warning st-new, and waits until st-new is told
    /// and every group has flushed twice more. Returns the moment of the post: what came after is the restart's doing.
    /// </summary>
    private static async Task<TimeSpan> RepostAndAddAsync(IReadOnlyList<LocalAlertmanager> replicas, SlackStandIn slack, RenderedProdStack stack, CancellationToken cancellationToken)
    {
        var postedAt = slack.Elapsed;
        await Task.WhenAll(replicas.Where(r => r.IsRunning).Select(r => r.PostAlertsAsync([Critical("st-loud"), Critical("st-muted"), Warning("st-new")], cancellationToken)));
        var timeout = stack.GroupWait + stack.GroupInterval + (2 * ThreeReplicaCluster.PeerTimeout) + TimeSpan.FromSeconds(10);
        await slack.WaitForDeliveredAsync(r => r.WebhookName == "warning" && SlackMessageModels.Names(r, "st-new") && r.Elapsed >= postedAt, 1, timeout, cancellationToken);
        await QuietAsync(slack, postedAt, stack, cancellationToken);
        return postedAt;
    }

    /// <summary>Until every replica has had its turn and each group has flushed once more.</summary>
    private static async Task QuietAsync(SlackStandIn slack, TimeSpan postedAt, RenderedProdStack stack, CancellationToken cancellationToken)
    {
        var until = postedAt + stack.GroupWait + (2 * ThreeReplicaCluster.PeerTimeout) + (2 * stack.GroupInterval) + TimeSpan.FromSeconds(1);
        var remaining = until - slack.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }

    private static async Task AssertSilencedAsync(LocalAlertmanager replica, string silenceId, CancellationToken cancellationToken)
    {
        Assert.Contains(await replica.GetSilencesAsync(cancellationToken), s => s.Id == silenceId && s.State == "active");
        var muted = Assert.Single(await replica.GetAlertsAsync(cancellationToken), a => a.Labels["model_name"] == "st-muted");
        Assert.Equal("suppressed", muted.State);
        Assert.Equal([silenceId], muted.SilencedBy);
    }

    private static async Task WaitForSilenceAsync(LocalAlertmanager replica, string silenceId, CancellationToken cancellationToken)
    {
        while (!(await replica.GetSilencesAsync(cancellationToken)).Any(s => s.Id == silenceId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static async Task WaitForMembersAsync(IReadOnlyList<LocalAlertmanager> replicas, int members, CancellationToken cancellationToken)
    {
        while (true)
        {
            var seen = await Task.WhenAll(replicas.Where(r => r.IsRunning).Select(r => ThreeReplicaCluster.MemberAsync(r, cancellationToken)));
            if (seen.All(m => m is { Status: "ready" } && m.PeerNames.Count == members))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static int PortOf(LocalAlertmanager replica) => replica.ClusterPort ?? throw new InvalidOperationException("clustering is off");

    private static PostableAlert Critical(string model) => GuideAlerts.ModelPerformanceDegraded("critical", model);

    private static PostableAlert Warning(string model) => GuideAlerts.ModelPerformanceDegraded("warning", model, mae: "0.35", threshold: "0.30");

    private static string[] Before(SlackStandIn slack, TimeSpan at) => Deliveries(slack.AllRequests.Where(r => r.Elapsed < at));

    private static string[] After(SlackStandIn slack, TimeSpan at) => Deliveries(slack.AllRequests.Where(r => r.Elapsed >= at));

    /// <summary>"webhook:model+model" per message naming a test model, sorted; a message sent twice shows twice.</summary>
    private static string[] Deliveries(IEnumerable<SlackRequest> requests) =>
        [.. requests
            .Select(r => (r, named: new[] { "st-loud", "st-muted", "st-new" }.Where(m => SlackMessageModels.Names(r, m)).ToArray()))
            .Where(x => x.named.Length > 0)
            .Select(x => $"{x.r.WebhookName}:{string.Join('+', x.named)}" + (x.r.IsDelivered ? string.Empty : $" ({x.r.StatusCode})"))
            .Order(StringComparer.Ordinal)];

    private static void Log(SlackStandIn slack)
    {
        foreach (var request in slack.AllRequests)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"  +{request.Elapsed.TotalSeconds,6:F2}s {request.WebhookName,-8} {request.StatusCode}: {request.Message?.Attachments.FirstOrDefault()?.Title}");
        }
    }
}
