namespace MlopsAlerting.Core.Settings;

/// <summary>The heartbeat route's timings and the window of the Slack hold-back, derived from the settings.</summary>
public static class HeartbeatTiming
{
    /// <summary>The shortest <c>heartbeat.interval</c>: healthchecks.io and Dead Man's Snitch take periods of a minute and up.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    /// <summary>The heartbeat route's group_wait: the first ping of a (re)started heartbeat, routing.groupWait at most.</summary>
    public static TimeSpan GroupWait(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var wait = settings.Routing.GroupWait.Value;
        return wait < settings.Heartbeat.Interval.Value ? wait : settings.Heartbeat.Interval.Value;
    }

    /// <summary>
    /// The heartbeat route's repeat_interval: half the interval. Alertmanager repeats an unchanged group only at a flush
    /// (every group_interval) and only when the last notification is strictly older than repeat_interval, which a flush
    /// exactly one group_interval later never is: measured on 0.33.1 with both at 3s, pings came every 6s; with
    /// repeat_interval 2s, every 3s.
    /// </summary>
    public static TimeSpan RepeatInterval(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Heartbeat.Interval.Value / 2;
    }

    /// <summary>
    /// How far back the hold-back (and the delivery self-alerts) look for Slack requests that failed with none succeeding:
    /// the longest group_interval of the Slack routes and a fifth more. A failed group is tried again at its next
    /// group_interval, so while Slack stays broken every such window holds a failure; one success anywhere (any replica,
    /// any channel) lifts the hold-back at the next evaluation. The price: a success just before the break keeps the
    /// window from turning for up to its length, which the review's bounds include.
    /// </summary>
    public static TimeSpan HoldBackWindow(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var longest = ChannelRoles.Every.Max(r => settings.Routing.TimingOf(r).GroupInterval.Value);
        return longest + (longest / 5);
    }
}
