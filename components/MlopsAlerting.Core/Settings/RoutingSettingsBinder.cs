using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>routing</c>; the timings are checked as Alertmanager reads them, on the values each channel role ends up with.</summary>
internal static class RoutingSettingsBinder
{
    public static RoutingSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var groupBy = LabelList(ctx, map?["groupBy"], "routing.groupBy", allowEllipsis: true);
        var groupWait = ctx.Duration(map?["groupWait"], "routing.groupWait");
        var groupInterval = ctx.Duration(map?["groupInterval"], "routing.groupInterval");
        var repeatInterval = ctx.Duration(map?["repeatInterval"], "routing.repeatInterval");
        var resolveTimeout = ctx.Duration(map?["resolveTimeout"], "routing.resolveTimeout");
        var inhibitEqual = LabelList(ctx, map?["inhibitEqual"], "routing.inhibitEqual", allowEllipsis: false);

        if (groupInterval is { Value.Ticks: 0 })
        {
            ctx.Error("routing.groupInterval", "is zero, which Alertmanager rejects", "set a positive duration, e.g. 5m", map?["groupInterval"]);
        }

        if (repeatInterval is { Value.Ticks: 0 })
        {
            ctx.Error("routing.repeatInterval", "is zero, which Alertmanager rejects", "set a positive duration, e.g. 4h", map?["repeatInterval"]);
        }

        if (groupWait is not null && groupInterval is not null && groupInterval.CompareTo(groupWait) < 0)
        {
            ctx.Error("routing.groupInterval", $"{groupInterval} is shorter than groupWait {groupWait}", $"set groupInterval to at least {groupWait}, or shorten groupWait", map?["groupInterval"]);
        }

        if (groupInterval is not null && repeatInterval is not null && repeatInterval.CompareTo(groupInterval) < 0)
        {
            ctx.Error("routing.repeatInterval", $"{repeatInterval} is shorter than groupInterval {groupInterval}", $"set repeatInterval to at least {groupInterval}", map?["repeatInterval"]);
        }

        if (repeatInterval is not null && repeatInterval.CompareTo(AlertmanagerLimits.DataRetention) > 0)
        {
            ctx.Error("routing.repeatInterval", $"{repeatInterval} is longer than Alertmanager's data retention {AlertmanagerLimits.DataRetention} (--data.retention), which forgets a notification after that, so it would repeat every {AlertmanagerLimits.DataRetention}, not every {repeatInterval}",
                $"set repeatInterval to at most {AlertmanagerLimits.DataRetention}", map?["repeatInterval"]);
        }

        if (inhibitEqual is { Count: 0 })
        {
            ctx.Error("routing.inhibitEqual", "is empty, so one critical would mute every warning", "list the labels a critical and its warnings share, e.g. [model_name]", map?["inhibitEqual"]);
        }

        var channels = ChannelTimingBinder.Bind(ctx, ctx.Object(map?["channels"], "routing.channels"));
        if (groupBy is null || groupWait is null || groupInterval is null || repeatInterval is null || resolveTimeout is null || inhibitEqual is null || channels is null)
        {
            return null;
        }

        var routing = new RoutingSettings(groupBy, groupWait, groupInterval, repeatInterval, resolveTimeout, inhibitEqual, channels);
        foreach (var role in ChannelRoles.Every)
        {
            // Checked on the effective values, so an inherited top-level value that a role's own
            // setting makes inconsistent is reported at the role's key.
            var timing = routing.TimingOf(role);
            var path = $"routing.channels.{role.Key()}";
            var node = (map?["channels"] as MapNode)?[role.Key()] as MapNode;
            if (role != ChannelRole.Warning && timing.GroupInterval.Value == TimeSpan.Zero && channels.GetValueOrDefault(role)?.GroupInterval is null)
            {
                // Only an inherited value can be zero here (a zero set on the role is refused by ChannelTimingBinder): the all and critical
                // channels' group_interval follows their groupWait, and Alertmanager refuses a zero group_interval. (The
                // warning channel's follows routing.groupInterval, whose zero is refused above.)
                ctx.Error($"{path}.groupInterval", $"follows this channel's groupWait {timing.GroupWait}, and Alertmanager rejects a zero group_interval (\"group_interval cannot be zero\")", $"set {path}.groupInterval to a positive duration, e.g. 30s, or give groupWait a positive one", node?["groupWait"] ?? map?["groupWait"] ?? node);
                continue;
            }

            if (timing.GroupInterval.CompareTo(timing.GroupWait) < 0 && channels.ContainsKey(role))
            {
                ctx.Error($"{path}.groupInterval", $"{timing.GroupInterval} is shorter than this channel's groupWait {timing.GroupWait}", $"set {path}.groupInterval to at least {timing.GroupWait}, or shorten {path}.groupWait", node?["groupInterval"] ?? node?["groupWait"] ?? node);
            }

            if (timing.RepeatInterval.CompareTo(timing.GroupInterval) < 0 && channels.ContainsKey(role))
            {
                ctx.Error($"{path}.repeatInterval", $"{timing.RepeatInterval} is shorter than this channel's groupInterval {timing.GroupInterval}", $"set {path}.repeatInterval to at least {timing.GroupInterval}", node?["repeatInterval"] ?? node?["groupInterval"] ?? node);
            }
        }

        return routing;
    }

    private static IReadOnlyList<string>? LabelList(BindingContext ctx, ConfigNode? node, string path, bool allowEllipsis)
    {
        var labels = ctx.StringList(node, path);
        if (labels is null)
        {
            return null;
        }

        var ok = true;
        foreach (var label in labels)
        {
            if (!(allowEllipsis && label == "...") && !SettingsRules.LabelName().IsMatch(label))
            {
                ok = false;
                ctx.Error(path, $"'{label}' is not a Prometheus label name", "use letters, digits and '_', not starting with a digit, e.g. model_name", node);
            }
        }

        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
        {
            ok = false;
            ctx.Error(path, "lists a label twice", "list each label once", node);
        }

        return ok ? labels : null;
    }
}
