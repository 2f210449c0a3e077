using System.Globalization;

namespace MlopsAlerting.Chain.Tests;

/// <summary>Runs alone: its timings are measured against a quiet machine, not beside the other chain classes.</summary>
[CollectionDefinition(nameof(RolloutCollection), DisableParallelization = true)]
public sealed class RolloutCollection;

/// <summary>
/// Rollouts with alerts from a real Prometheus (see <see cref="RolloutStack"/>): the three replicas are replaced one by
/// one, each on its own storage, as the StatefulSet's rolling update does, while models go critical and back. Asserted is only what the
/// design guarantees: no group is ever told resolved or without an alert that fired all along (the start delay: a
/// fresh replica has heard every firing alert before its first flush), the unchanged group is told once across every
/// rollout (the notification log survives through gossip), every lasting state is told, and each channel ends at the
/// truth. Stale re-sends, which replicas whose group timers run out of phase after a rollout can send
/// (prometheus/alertmanager#3551), are measured and reported, not forbidden.
/// </summary>
[Collection(nameof(RolloutCollection))]
public sealed class RolloutChainTests
{
    /// <summary>Rollouts per run; <c>MLOPS_ROLLOUTS</c> sets more for a measurement.</summary>
    private static readonly int Rollouts = int.TryParse(Environment.GetEnvironmentVariable("MLOPS_ROLLOUTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2;

    /// <summary>How late the truth sampler may see a state that a message already tells.</summary>
    private static readonly TimeSpan SamplingSlack = TimeSpan.FromSeconds(2);

    /// <summary>How often one of the changing models goes critical or back.</summary>
    private static readonly TimeSpan ChangeEvery = TimeSpan.FromSeconds(8);

    [Fact(Timeout = 900_000)]
    public async Task Replicas_replaced_one_by_one_while_alerts_fire_and_change_never_tell_a_false_resolved_and_tell_every_lasting_state()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await RolloutStack.StartAsync(ct);
        var slack = stack.Slack;
        var gi = stack.CriticalGroupInterval;
        var lag = 2 * stack.PeerTimeout;
        Output($"start delay {stack.StartDelay.TotalSeconds}s (evaluation {stack.Timings.EvaluationInterval} + resend delay {stack.Timings.ResendDelay} + discovery {RolloutStack.Discovery.TotalSeconds}s; Prometheus re-sends every {stack.Timings.ResendPeriod.TotalSeconds}s), "
            + $"all/critical group_interval {gi.TotalSeconds}s, peer timeout {stack.PeerTimeout.TotalSeconds}s, {Rollouts} rollouts");

        // Both anchors told in every channel before anything changes.
        var firstTold = TimeSpan.FromMinutes(2);
        await slack.WaitForDeliveredAsync(r => r.WebhookName == "warning" && ToldState.From(r).Firing.Contains(RolloutStack.AnchorWarning), 1, firstTold, ct);
        await slack.WaitForDeliveredAsync(r => r.WebhookName == "critical" && ToldState.From(r).Firing.Contains(RolloutStack.AnchorCritical), 1, firstTold, ct);
        var bothTold = (await slack.WaitForDeliveredAsync(r => r.WebhookName == "all" && ToldState.From(r).Firing is [_, _, ..], 1, firstTold, ct))[0].Elapsed;

        var truth = new TruthTimeline();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampling = SampleAsync(stack, truth, stop.Token);
        var changing = ChangeAsync(stack, stop.Token);

        for (var rollout = 1; rollout <= Rollouts; rollout++)
        {
            await Task.Delay(ChangeEvery, ct);
            for (var slot = 0; slot < 3; slot++)
            {
                // A pod starts at no particular moment of the group timers (scheduling, image pull): without this the
                // replacements would follow one another at a fixed cadence and every run would test the same phases.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)gi.TotalMilliseconds)), ct);
                var began = slack.Elapsed;
                await stack.Cluster.ReplaceAsync(slot, stack.ReadinessDelay, ct);
                Output($"+{began.TotalSeconds,7:F2}s rollout {rollout}: slot {slot} replaced, counted after {(slack.Elapsed - began).TotalSeconds:F1}s");
            }
        }

        // Everything back to normal; wait for the last change, a stale re-send of it and its correction: an evaluation,
        // a re-send of the resolved alerts, two flushes and the last replica's lag.
        await stop.CancelAsync();
        await changing;
        foreach (var model in RolloutStack.Changing)
        {
            stack.Exporter.Set(model, 0.20m);
        }

        using var settle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var settling = SampleAsync(stack, truth, settle.Token);
        await Task.Delay(stack.Timings.EvaluationInterval.Value + stack.Timings.ResendPeriod + (3 * gi) + lag + TimeSpan.FromSeconds(5), ct);
        await settle.CancelAsync();
        await Task.WhenAll(sampling, settling);

        var states = slack.Delivered.Select(ToldState.From).ToList();
        foreach (var state in states)
        {
            Output(state.ToString());
        }

        // No false "Resolved": every message of a channel shows its anchors firing (the all channel's warning anchor
        // from its first telling on: it fires 30 s after the critical one).
        Assert.DoesNotContain(states, s => s.GroupResolved);
        Assert.All(states.Where(s => s.Channel is "critical" or "all"), s => Assert.Contains(RolloutStack.AnchorCritical, s.Firing));
        Assert.All(states.Where(s => s.Channel == "warning" || (s.Channel == "all" && s.At >= bothTold)), s => Assert.Contains(RolloutStack.AnchorWarning, s.Firing));

        // The warning group never changed: told once, whatever replica came and went.
        Assert.Single(states, s => s.Channel == "warning");

        // Each channel ends at the truth.
        Assert.Equal([RolloutStack.AnchorCritical], states.Last(s => s.Channel == "critical").Firing);
        Assert.Equal([RolloutStack.AnchorCritical, RolloutStack.AnchorWarning], states.Last(s => s.Channel == "all").Firing);

        // Every state that lasted three flushes and the last replica's turn was told while it held (or was the
        // channel's last word when it began).
        var lasting = 3 * gi + lag + TimeSpan.FromSeconds(2);
        var failures = new List<string>();
        foreach (var channel in new[] { "critical", "all" })
        {
            var told = states.Where(s => s.Channel == channel).ToList();
            var intervals = TruthOf(truth, channel);
            // Every attempt counts, delivered or not: what the replicas sent is what the mechanism decides.
            var attempts = slack.AllRequests.Where(r => r.WebhookName == channel && r.Elapsed >= bothTold).Select(ToldState.From).ToList();
            var report = Classify(attempts, truth, channel);
            Output(string.Create(CultureInfo.InvariantCulture,
                $"rollout-resends channel={channel} rollouts={Rollouts} changes={intervals.Count - 1} messages={told.Count} stale={report.Stale} duplicates={report.Duplicates} retold-resolved={report.RetoldResolved} never-true={report.NeverTrue} rejected429={slack.AllRequests.Count(r => r.WebhookName == channel && r.StatusCode == 429)}"));
            foreach (var (key, from, to) in intervals.Where(i => i.To - i.From >= lasting))
            {
                var standing = told.LastOrDefault(s => s.At < from - SamplingSlack);
                if (!told.Any(s => s.Key == key && s.At >= from - SamplingSlack && s.At <= to + lag + TimeSpan.FromSeconds(1)) && standing?.Key != key)
                {
                    failures.Add($"{channel}: the state [{key}] held from +{from.TotalSeconds:F1}s to +{to.TotalSeconds:F1}s and was never told");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The truth of a channel: the critical channel's firing criticals; the all channel's, with the warning anchor.</summary>
    private static IReadOnlyList<(string Key, TimeSpan From, TimeSpan To)> TruthOf(TruthTimeline truth, string channel) =>
        channel == "all"
            ? [.. truth.Intervals().Select(i => (Key: string.Join('+', i.Key.Split('+').Append(RolloutStack.AnchorWarning).Order(StringComparer.Ordinal)), i.From, i.To))]
            : truth.Intervals();

    /// <summary>
    /// Judges each message by when its firing state was last the truth before it came: the same run as the message
    /// before it is a duplicate (a re-told resolution when only its resolved bullets differ: Prometheus re-sends a
    /// resolved alert every resend period for 15 minutes, and a flush that caught other resolved alerts than the last
    /// message named tells them again), an earlier run is a stale re-send, no run at all a state that never was.
    /// </summary>
    private static (int Stale, int Duplicates, int RetoldResolved, int NeverTrue) Classify(IReadOnlyList<ToldState> told, TruthTimeline truth, string channel)
    {
        var intervals = TruthOf(truth, channel);
        var (stale, duplicates, retold, never) = (0, 0, 0, 0);
        TimeSpan? previous = null;
        ToldState? before = null;
        TimeSpan? latest = null;
        foreach (var state in told)
        {
            // The sampler reads Prometheus's API every 250 ms and may be late under load: a state seen up to SamplingSlack
            // after the message counts as the message's.
            var since = intervals.LastOrDefault(i => i.Key == state.Key && i.From <= state.At + SamplingSlack) is { Key: not null } run ? run.From : (TimeSpan?)null;
            if (since is not { } s)
            {
                // Before sampling began (the first messages) or a state Prometheus never had.
                if (intervals.Count > 0 && state.At > intervals[0].From)
                {
                    never++;
                    Output($"never true: {state}");
                }

                continue;
            }

            if (previous == s && before is not null && !before.Resolved.SequenceEqual(state.Resolved))
            {
                retold++;
            }
            else if (previous == s)
            {
                duplicates++;
            }
            else if (latest is { } newest && s < newest)
            {
                stale++;
                Output($"stale: {state}");
            }

            previous = s;
            before = state;
            latest = latest is { } l && l > s ? l : s;
        }

        return (stale, duplicates, retold, never);
    }

    private static async Task SampleAsync(RolloutStack stack, TruthTimeline truth, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var at = stack.Slack.Elapsed;
                truth.Add(at, await stack.FiringCriticalsAsync(cancellationToken));
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Every <see cref="ChangeEvery"/>, the next changing model goes critical (0.45) or back (0.20).</summary>
    private static async Task ChangeAsync(RolloutStack stack, CancellationToken cancellationToken)
    {
        var high = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; ; i++)
            {
                var model = RolloutStack.Changing[i % RolloutStack.Changing.Count];
                var up = high.Add(model);
                if (!up)
                {
                    high.Remove(model);
                }

                stack.Exporter.Set(model, up ? 0.45m : 0.20m);
                await Task.Delay(ChangeEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>To the test's output and, for a measurement over many runs, to the file <c>MLOPS_ROLLOUT_REPORT</c> names.</summary>
    private static void Output(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("MLOPS_ROLLOUT_REPORT") is { Length: > 0 } report)
        {
            File.AppendAllLines(report, [line]);
        }
    }
}
