using System.Globalization;
using MlopsAlerting.Chain.Tests;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>
/// Judges, per channel and model, each change that Prometheus made inside a counting window against what the channel was
/// told. A resolve is re-sent stale when, after the channel told it (a message without the model firing, after one with
/// it), a replica sends the model firing again before the model next fires in Prometheus (20 s later; a stale re-send
/// comes within two peer timeouts of the resolve's flush). A fire is re-sent stale when, after the channel told it, a
/// replica sends a message without it while it still fires.
/// </summary>
internal static class StaleResendJudge
{
    /// <summary>How much earlier than its first sample a change may be told: the sampler reads Prometheus every 250 ms.</summary>
    private static readonly TimeSpan Early = TimeSpan.FromSeconds(1);

    /// <summary>How long after a told resolve a replica's re-send of the state before it is looked for: a group_interval and two peer timeouts, and margin.</summary>
    private static readonly TimeSpan StaleWithin = TimeSpan.FromSeconds(8);

    /// <param name="mode">The mode, for the outcome.</param>
    /// <param name="window">The run or rollout, for the outcome.</param>
    /// <param name="from">Start of the counting window (stand-in clock).</param>
    /// <param name="to">End of the counting window.</param>
    /// <param name="phasesSince">When the replicas' group timers took the phases they keep in the window; null when each model's group starts with its own fire.</param>
    /// <param name="requests">Every request the stand-in received for the channel, delivered or refused.</param>
    /// <param name="truth">What Prometheus had firing.</param>
    /// <param name="models">The changing models.</param>
    /// <param name="senderOf">Names the replica that sent a request, for the detail.</param>
    public static IEnumerable<ChangeOutcome> Judge(
        string mode,
        string window,
        TimeSpan from,
        TimeSpan to,
        TimeSpan? phasesSince,
        IReadOnlyList<SlackRequest> requests,
        FiringTimeline truth,
        IReadOnlyList<string> models,
        Func<SlackRequest, string> senderOf)
    {
        var told = requests.Where(r => r.Message is not null).OrderBy(r => r.Elapsed).Select(r => (Request: r, State: ToldState.From(r))).ToList();
        if (told.Count == 0)
        {
            yield break;
        }

        var channel = told[0].State.Channel;
        foreach (var model in models)
        {
            var spells = truth.SpellsOf(model);
            for (var k = 0; k < spells.Count; k++)
            {
                var spell = spells[k];
                var next = k + 1 < spells.Count ? spells[k + 1].FirstSeen : TimeSpan.MaxValue;
                var firingTold = told.FirstOrDefault(m => m.State.At >= spell.FirstSeen - Early && m.State.At <= spell.LastSeen + FiringTimeline.SampleEvery && m.State.Firing.Contains(model));

                if (spell.FirstSeen >= from && spell.FirstSeen <= to)
                {
                    // Fire: after the channel showed it firing, a message without it while it still fired.
                    var stale = firingTold.Request is null
                        ? []
                        : told.Where(m => m.State.At > firingTold.State.At && m.State.At < spell.LastSeen && !m.State.Firing.Contains(model)).ToList();
                    yield return Outcome(ChangeKind.Fire, spell.FirstSeen, firingTold.Request is not null, stale, firingTold);
                }

                if (spell.LastSeen >= from && spell.LastSeen <= to)
                {
                    // Resolve: the first message after it without the model firing tells it; the model firing again after that is stale.
                    var resolvedTold = firingTold.Request is null
                        ? default
                        : told.FirstOrDefault(m => m.State.At > spell.LastSeen - TimeSpan.FromMilliseconds(200) && m.State.At < Before(next) && !m.State.Firing.Contains(model));
                    var stale = resolvedTold.Request is null
                        ? []
                        : told.Where(m => m.State.At > resolvedTold.State.At && m.State.At < Min(Before(next), resolvedTold.State.At + StaleWithin) && m.State.Firing.Contains(model)).ToList();
                    yield return Outcome(ChangeKind.Resolve, spell.LastSeen, resolvedTold.Request is not null, stale, resolvedTold);
                }

                ChangeOutcome Outcome(ChangeKind kind, TimeSpan at, bool changeTold, List<(SlackRequest Request, ToldState State)> stale, (SlackRequest Request, ToldState State) tellingIt) =>
                    new(
                        mode,
                        window,
                        channel,
                        model,
                        kind,
                        at,
                        at - (phasesSince ?? spell.FirstSeen),
                        changeTold,
                        stale.Count > 0,
                        stale.Any(s => s.Request.IsDelivered),
                        stale.Count == 0 ? string.Empty : Describe(kind, model, tellingIt, stale, told, senderOf));
            }
        }
    }

    private static TimeSpan Before(TimeSpan next) => next == TimeSpan.MaxValue ? next : next - Early;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Describe(
        ChangeKind kind,
        string model,
        (SlackRequest Request, ToldState State) tellingIt,
        List<(SlackRequest Request, ToldState State)> stale,
        List<(SlackRequest Request, ToldState State)> told,
        Func<SlackRequest, string> senderOf)
    {
        var around = told.Where(m => m.State.At >= tellingIt.State.At - TimeSpan.FromSeconds(6) && m.State.At <= stale[^1].State.At + TimeSpan.FromSeconds(6));
        var lines = around.Select(m => string.Create(
            CultureInfo.InvariantCulture,
            $"    {(stale.Contains(m) ? "STALE" : ReferenceEquals(m.Request, tellingIt.Request) ? "TOLD " : "     ")} +{m.State.At.TotalSeconds,8:F3}s replica {senderOf(m.Request)} {m.Request.StatusCode} firing [{m.State.Key}]"));
        return $"  {kind.ToString().ToLowerInvariant()} of {model} in {tellingIt.State.Channel}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
