using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>routing.channels</c>: each role's own timings, which override the top-level ones of <c>routing</c>.</summary>
internal static class ChannelTimingBinder
{
    public static Dictionary<ChannelRole, ChannelTimingOverrides>? Bind(BindingContext ctx, MapNode? map)
    {
        var result = new Dictionary<ChannelRole, ChannelTimingOverrides>();
        var ok = true;
        foreach (var role in ChannelRoles.Every)
        {
            var path = $"routing.channels.{role.Key()}";
            var node = map?[role.Key()];
            var timing = ctx.Object(node, path);
            if (timing is null)
            {
                ok &= node is null or ScalarNode { Value: "" or "~" or "null", Quoted: false };
                continue;
            }

            var groupWait = Duration(timing, "groupWait", out var waitOk);
            var groupInterval = Duration(timing, "groupInterval", out var intervalOk);
            var repeatInterval = Duration(timing, "repeatInterval", out var repeatOk);
            ok &= waitOk && intervalOk && repeatOk;
            if (groupInterval is { Value.Ticks: 0 })
            {
                ctx.Error($"{path}.groupInterval", "is zero, which Alertmanager rejects", "set a positive duration, e.g. 30s", timing["groupInterval"]);
            }

            if (repeatInterval is { Value.Ticks: 0 })
            {
                ctx.Error($"{path}.repeatInterval", "is zero, which Alertmanager rejects", "set a positive duration, e.g. 4h", timing["repeatInterval"]);
            }

            if (groupWait is not null || groupInterval is not null || repeatInterval is not null)
            {
                result[role] = new ChannelTimingOverrides(groupWait, groupInterval, repeatInterval);
            }

            AlertmanagerDuration? Duration(MapNode parent, string key, out bool parsed)
            {
                var value = ctx.Duration(parent[key], $"{path}.{key}");
                parsed = value is not null || parent[key] is null;
                return value;
            }
        }

        return ok ? result : null;
    }
}
