using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The "Inhibition and timing" part of <see cref="StackChanges"/>: each change of inhibition, grouping and the group
/// timers, told as what a message now waits for in which channel.
/// </summary>
internal static class TimingChanges
{
    /// <summary>One bullet per changed setting; empty when none changed.</summary>
    public static List<string> Lines(StackSettings before, StackSettings after)
    {
        var (b, a) = (before.Routing, after.Routing);
        var grouped = $"{after.Slack.Channels[ChannelRole.Critical]} and {after.Slack.Channels[ChannelRole.Warning]}";
        var lines = new List<string>();
        if (!b.InhibitEqual.SequenceEqual(a.InhibitEqual))
        {
            lines.Add($"- Inhibition compares {Labels(a.InhibitEqual)} (was {Labels(b.InhibitEqual)}): a warning now stays quiet while a critical with the same {Labels(a.InhibitEqual)} fires.");
        }

        if (!b.GroupBy.SequenceEqual(a.GroupBy))
        {
            lines.Add($"- {grouped} group by [{string.Join(", ", a.GroupBy)}] (was [{string.Join(", ", b.GroupBy)}]): one message per distinct {Labels(a.GroupBy)}.");
        }

        foreach (var role in ChannelRoles.Every)
        {
            var (was, now) = (b.TimingOf(role), a.TimingOf(role));
            var channel = after.Slack.Channels[role];
            if (was.GroupWait.Value != now.GroupWait.Value)
            {
                lines.Add($"- {channel} `groupWait` {was.GroupWait} → {now.GroupWait}: the first message of a new group (e.g. the first {role switch { ChannelRole.Critical => "critical", ChannelRole.Warning => "warning", _ => "alert" }}) now waits {now.GroupWait}.");
            }

            if (was.GroupInterval.Value != now.GroupInterval.Value)
            {
                lines.Add($"- {channel} `groupInterval` {was.GroupInterval} → {now.GroupInterval}: a new alert joining a group already notified (e.g. a second {Example(role)}) now waits up to {now.GroupInterval} in {channel}, and a changing group re-posts at most once per {now.GroupInterval}.");
            }

            if (was.RepeatInterval.Value != now.RepeatInterval.Value)
            {
                lines.Add($"- {channel} `repeatInterval` {was.RepeatInterval} → {now.RepeatInterval}: an unchanged firing group is posted again every {now.RepeatInterval} in {channel}.");
            }
        }

        if (b.ResolveTimeout.Value != a.ResolveTimeout.Value)
        {
            lines.Add($"- `resolveTimeout` {b.ResolveTimeout} → {a.ResolveTimeout}: an alert received without an end time is resolved {a.ResolveTimeout} after its last update (Prometheus sets one, so this matters only for other senders).");
        }

        return lines;
    }

    private static string Example(ChannelRole role) => role switch
    {
        ChannelRole.Critical => "model's critical",
        ChannelRole.Warning => "model's warning",
        _ => "alert of any kind",
    };

    private static string Labels(IEnumerable<string> labels) => string.Join(" and ", labels.Select(l => $"`{l}`"));
}
