namespace MlopsAlerting.Core.Settings;

/// <summary>The Alertmanager timings of one channel role's route, as they are rendered.</summary>
/// <param name="GroupWait">Wait before the first message of a new group.</param>
/// <param name="GroupInterval">Wait before telling a notified group's changes: the worst-case delay of a new alert joining it.</param>
/// <param name="RepeatInterval">Wait before repeating an unchanged firing group.</param>
public sealed record ChannelTiming(AlertmanagerDuration GroupWait, AlertmanagerDuration GroupInterval, AlertmanagerDuration RepeatInterval);

/// <summary>What a stack sets under <c>routing.channels.&lt;role&gt;</c>; null where it keeps the default.</summary>
public sealed record ChannelTimingOverrides(AlertmanagerDuration? GroupWait, AlertmanagerDuration? GroupInterval, AlertmanagerDuration? RepeatInterval);
