namespace MlopsAlerting.Core.Settings;

/// <summary>Grouping and timing of notifications, and what inhibition compares.</summary>
/// <param name="GroupBy">Labels that make one group in the critical and warning channels.</param>
/// <param name="GroupWait">Default group_wait of every channel.</param>
/// <param name="GroupInterval">Default group_interval of the warning channel; the all and critical channels default to their groupWait.</param>
/// <param name="RepeatInterval">Default repeat_interval of every channel.</param>
/// <param name="ResolveTimeout">Alertmanager's resolve_timeout.</param>
/// <param name="InhibitEqual">Labels a firing critical shares with the warnings it mutes.</param>
/// <param name="Channels">What the stack sets per channel role under <c>routing.channels</c>; a role absent keeps every default.</param>
public sealed record RoutingSettings(
    IReadOnlyList<string> GroupBy,
    AlertmanagerDuration GroupWait,
    AlertmanagerDuration GroupInterval,
    AlertmanagerDuration RepeatInterval,
    AlertmanagerDuration ResolveTimeout,
    IReadOnlyList<string> InhibitEqual,
    IReadOnlyDictionary<ChannelRole, ChannelTimingOverrides>? Channels = null)
{
    /// <summary>
    /// The timings of a role's route. groupWait and repeatInterval default to the top-level ones.
    /// groupInterval of the all and critical channels defaults to their groupWait: a new alert that
    /// joins a group already notified waits for that group's next group_interval, so on-call hears of a
    /// second model's critical within groupWait instead of a whole top-level groupInterval. The warning
    /// channel keeps the top-level groupInterval and batches longer.
    /// </summary>
    public ChannelTiming TimingOf(ChannelRole role)
    {
        var set = Channels?.GetValueOrDefault(role);
        var groupWait = set?.GroupWait ?? GroupWait;
        var groupInterval = set?.GroupInterval ?? (role == ChannelRole.Warning ? GroupInterval : groupWait);
        return new ChannelTiming(groupWait, groupInterval, set?.RepeatInterval ?? RepeatInterval);
    }
}
