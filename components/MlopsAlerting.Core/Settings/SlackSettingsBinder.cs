using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>slack</c>: one channel per role, the owner, the links and the mode.</summary>
internal static class SlackSettingsBinder
{
    public static SlackSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var channelsNode = ctx.Object(map?["channels"], "slack.channels");
        var channels = new Dictionary<ChannelRole, string>();
        foreach (var role in ChannelRoles.Every)
        {
            var path = $"slack.channels.{role.Key()}";
            var channel = ctx.String(channelsNode?[role.Key()], path);
            if (channel is null)
            {
                continue;
            }

            if (!SettingsRules.SlackChannel().IsMatch(channel))
            {
                var problem = !channel.StartsWith('#') ? $"'{channel}' does not start with '#'"
                    : channel.Any(char.IsWhiteSpace) ? $"'{channel}' contains a space"
                    : $"'{channel}' is not a Slack channel name";
                ctx.Error(path, problem, $"write '#' and the channel's name in lower case without spaces (at most 80 characters), e.g. '#ml-alerts-{role.Key()}'; quote it, since YAML reads a bare # as a comment", channelsNode?[role.Key()]);
                continue;
            }

            channels[role] = channel;
        }

        foreach (var group in channels.GroupBy(c => c.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var roles = string.Join(" and ", group.Select(c => c.Key.Key()));
            ctx.Error($"slack.channels.{group.Last().Key.Key()}", $"'{group.Key}' is the channel of both {roles}, so its alerts would be posted twice there", "give each role its own channel (each has its own webhook)", channelsNode?[group.Last().Key.Key()]);
        }

        var owner = ctx.String(map?["owner"], "slack.owner");
        if (owner is not null && owner.Trim().Length == 0)
        {
            ctx.Error("slack.owner", "is empty", "name who owns the alerts, e.g. `owner: '@ml-team'`", map?["owner"]);
        }

        var grafana = UrlSettingBinder.Bind(ctx, map?["grafanaUrl"], "slack.grafanaUrl", required: true);
        var runbook = UrlSettingBinder.Bind(ctx, map?["runbookBaseUrl"], "slack.runbookBaseUrl", required: false);
        var modeText = ctx.String(map?["mode"], "slack.mode");
        SlackMode? mode = modeText switch
        {
            null => null,
            "webhooks" => SlackMode.Webhooks,
            "app" => SlackMode.App,
            _ => ctx.Invalid<SlackMode?>("slack.mode", $"'{modeText}' is not a Slack mode", "write webhooks (one incoming webhook per channel) or app (one bot token for every channel; resolved messages edit the original)", map?["mode"]),
        };
        return channels.Count != 3 || owner is null || grafana is null || mode is null ? null : new SlackSettings(channels, owner, grafana, runbook, mode.Value);
    }
}
