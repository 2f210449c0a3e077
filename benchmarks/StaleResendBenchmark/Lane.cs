using System.Globalization;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>
/// One stack, run for one kind of measurement. <see cref="FreshGroupsAsync"/>: one model goes critical and back (every
/// 30 s), nothing else fires, so its group empties after each resolve and the next fire starts it anew on every replica
/// at once: timers in phase, as in the run the issue reports. <see cref="RolloutsAsync"/>: an anchor model is critical
/// all along and three models change; counted first while the group started together (in phase, a long-lived group),
/// then after each rollout (the replicas replaced one by one: their timers out of phase).
/// </summary>
internal sealed class Lane(int number, AlertmanagerBinary alertmanager, PrometheusBinary prometheus, string repositoryRoot, TimeSpan peerTimeout, Action<string> log)
{
    public const string FreshGroup = "in phase, a new group each time";
    public const string LongLivedGroup = "in phase, a long-lived group";
    public const string AfterRollout = "after a rollout";

    /// <summary>Every mode, in the report's order.</summary>
    public static readonly IReadOnlyList<string> Modes = [FreshGroup, LongLivedGroup, AfterRollout];

    /// <summary>After the last window: long enough for a stale re-send of its last change (two peer timeouts after a flush) and margin.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(12);

    /// <summary>One model alone goes critical and back for <paramref name="duration"/>.</summary>
    public async Task<IReadOnlyList<ChangeOutcome>> FreshGroupsAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var stack = await ScaledProdStack.StartAsync(alertmanager, prometheus, repositoryRoot, peerTimeout, cancellationToken);
        await stack.WaitForDispatchersAsync(cancellationToken);
        IReadOnlyList<string> alone = [ScaledProdStack.Changing[0]];
        var outcomes = await ChurnAsync(stack, alone, cancellationToken, async () =>
        {
            var from = stack.Slack.Elapsed;
            await Task.Delay(duration, cancellationToken);
            return [new CountingWindow(FreshGroup, $"lane {number}", from, stack.Slack.Elapsed, null)];
        });
        log(Summary($"lane {number}", outcomes));
        return outcomes;
    }

    /// <summary>The anchor's groups counted for <paramref name="before"/>, then <paramref name="rollouts"/> rollouts each counted for <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<ChangeOutcome>> RolloutsAsync(TimeSpan before, int rollouts, TimeSpan after, CancellationToken cancellationToken)
    {
        await using var stack = await ScaledProdStack.StartAsync(alertmanager, prometheus, repositoryRoot, peerTimeout, cancellationToken);
        var anchorTold = await stack.FireAnchorAsync(cancellationToken);
        var outcomes = await ChurnAsync(stack, ScaledProdStack.Changing, cancellationToken, async () =>
        {
            var windows = new List<CountingWindow>();
            if (before > TimeSpan.Zero)
            {
                var from = stack.Slack.Elapsed;
                await Task.Delay(before, cancellationToken);
                windows.Add(new CountingWindow(LongLivedGroup, $"lane {number}", from, stack.Slack.Elapsed, anchorTold - stack.Settings.Routing.GroupWait.Value));
            }

            for (var rollout = 1; rollout <= rollouts; rollout++)
            {
                for (var slot = 0; slot < 3; slot++)
                {
                    // A pod starts at no particular moment of the group timers (scheduling, image pull).
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)stack.GroupInterval.TotalMilliseconds)), cancellationToken);
                    await stack.Cluster.ReplaceAsync(slot, stack.StartDelay, cancellationToken);
                }

                var done = stack.Slack.Elapsed;
                await Task.Delay(after, cancellationToken);
                windows.Add(new CountingWindow(AfterRollout, $"lane {number} rollout {rollout}", done, stack.Slack.Elapsed, done));
            }

            return windows;
        });
        foreach (var window in outcomes.GroupBy(o => o.Window))
        {
            log(Summary(window.Key, [.. window]));
        }

        return outcomes;
    }

    private static async Task<IReadOnlyList<ChangeOutcome>> ChurnAsync(
        ScaledProdStack stack,
        IReadOnlyList<string> changing,
        CancellationToken cancellationToken,
        Func<Task<IReadOnlyList<CountingWindow>>> windowsAsync)
    {
        var truth = new FiringTimeline();
        using var stopChanging = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = truth.SampleAsync(() => stack.Slack.Elapsed, stack.FiringCriticalsAsync, stopSampling.Token);
        var changes = ChangeSchedule.RunAsync(stack.Exporter, changing, stopChanging.Token);
        IReadOnlyList<CountingWindow> windows;
        try
        {
            windows = await windowsAsync();
        }
        finally
        {
            await stopChanging.CancelAsync();
            await changes;
        }

        await Task.Delay(Settle, cancellationToken);
        await stopSampling.CancelAsync();
        await sampling;

        var outcomes = new List<ChangeOutcome>();
        foreach (var channel in new[] { "critical", "all" })
        {
            var requests = stack.Slack.AllRequests.Where(r => r.WebhookName == channel).ToList();
            foreach (var window in windows)
            {
                outcomes.AddRange(StaleResendJudge.Judge(window.Mode, window.Name, window.From, window.To, window.PhasesSince, requests, truth, changing, stack.SenderOf));
            }
        }

        return outcomes;
    }

    private static string Summary(string window, IReadOnlyList<ChangeOutcome> outcomes)
    {
        var resolves = outcomes.Where(o => o.Kind == ChangeKind.Resolve && o.Told).ToList();
        var perChannel = resolves.GroupBy(o => o.Channel).OrderByDescending(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count(o => o.Stale)}/{g.Count()}"));
        return $"{window}: stale re-sends per told resolve: {string.Join(", ", perChannel)}";
    }
}
