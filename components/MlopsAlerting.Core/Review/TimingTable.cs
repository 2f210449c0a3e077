using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>The review's timing of each channel: what on-call waits for, worst case, and how often a changing group re-posts.</summary>
public static class TimingTable
{
    public static string Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var am = settings.Alertmanager;
        var lag = ClusterTiming.Lag(am.Replicas);
        var md = new StringBuilder();
        md.AppendLine("A new group's first message waits group_wait. A new alert that joins a group already notified (the all channel keeps every alert in one group; the critical and warning channels group by "
            + $"[{string.Join(", ", settings.Routing.GroupBy)}]) waits for that group's next group_interval. So the worst-case delay of a new alert is the larger of the two.").AppendLine();
        md.AppendLine("| channel | group_wait | group_interval | repeat_interval | a new alert, worst case | a group that keeps changing re-posts at most |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var role in ChannelRoles.Every)
        {
            var t = settings.Routing.TimingOf(role);
            var worst = t.GroupInterval.Value > t.GroupWait.Value ? t.GroupInterval : t.GroupWait;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| `{settings.Slack.Channels[role]}` ({role.Key()}) | {t.GroupWait} | {t.GroupInterval} | {t.RepeatInterval} | {worst} | once per {t.GroupInterval}; an unchanged firing group repeats every {t.RepeatInterval} |");
        }

        md.AppendLine();
        md.AppendLine("Trade-off: a short group_interval brings a second model's critical to on-call within group_wait, but a group that keeps changing (a spreading incident) re-posts once per group_interval, each message naming every model of the group. The warning channel batches longer.");
        var splitting = settings.Routing.GroupBy.Where(l => l != "severity").ToArray();
        if (splitting.Length > 0)
        {
            md.AppendLine();
            md.AppendLine($"`routing.groupBy` includes {string.Join(", ", splitting.Select(l => $"`{l}`"))}: alerts differing there form separate groups in the critical and warning channels, which flush together on one webhook; Slack answers all but the first message of such a flush with 429, and Alertmanager retries it only a group_interval later. The default `[severity]` keeps one group per channel.");
        }

        if (am.Clustered)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"{am.Replicas} replicas with `--cluster.peer-timeout={ClusterTiming.PeerTimeout}`: the first replica in the cluster's order sends; each later one waits {ClusterTiming.PeerTimeout} more and sends only what the first did not. While replicas ahead of the sender are down, add {ClusterTiming.PeerTimeout} per such replica (at most {Text(lag)}). "
                + $"Every group_interval is at least twice that lag ({Text(ClusterTiming.MinimumGroupInterval(am.Replicas))}), so no replica sends a view a whole flush old. "
                + $"That is not exactly once: a change that reaches the replicas between their flushes of one tick, milliseconds apart, is told and then re-sent stale by a later replica within {Text(lag)}, and told again within group_interval. "
                + $"Prometheus sends changes at evaluations, and a group's flushes fall on them when the evaluation interval is a multiple of its group_interval (Prometheus's default 1m against 30s): measured with three replicas and durations divided by 6, about one resolve in ten is followed by its critical again, timers in phase (15 of 139 in the critical channel) as after a rollout (14 of 140) (prometheus/alertmanager#4008, #3551; docs/latency-and-ha.md). "
                + $"Each alert line says when its state began, so a late one shows a start that the resolved message above it already closed.");
        }

        return md.ToString();
    }

    private static string Text(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
