using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>heartbeat</c>; how its interval fits the replicas is checked in <see cref="CrossSectionChecks"/>.</summary>
internal static class HeartbeatSettingsBinder
{
    public static HeartbeatSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var interval = ctx.Duration(map?["interval"], "heartbeat.interval");
        if (interval is not null && interval.Value < HeartbeatTiming.MinimumInterval)
        {
            ctx.Error("heartbeat.interval", $"{interval} is shorter than {HeartbeatTiming.MinimumInterval.TotalMinutes:0} minute; the outside services take a ping at most that often", "set `interval: 5m` (or longer)", map?["interval"]);
            return null;
        }

        if (interval is not null && interval.CompareTo(AlertmanagerLimits.DataRetention) > 0)
        {
            ctx.Error("heartbeat.interval", $"{interval} is longer than Alertmanager's data retention {AlertmanagerLimits.DataRetention}", "set a few minutes, e.g. `interval: 5m`", map?["interval"]);
            return null;
        }

        return interval is null ? null : new HeartbeatSettings(interval);
    }
}
