using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rendering;

/// <summary>Builds the typed Alertmanager configuration of a stack.</summary>
public static class AlertmanagerConfigBuilder
{
    /// <summary>The matcher every Slack role but <see cref="ChannelRole.All"/> routes on.</summary>
    public static string SeverityMatcher(ChannelRole role) => $"severity=\"{role.Key()}\"";

    /// <summary>Slack's Web API method that app mode posts to; the only <c>api_url</c> Alertmanager accepts with <c>update_message</c>.</summary>
    public const string SlackPostMessageUrl = "https://slack.com/api/chat.postMessage";

    /// <param name="settings">The stack.</param>
    /// <param name="webhookDirectory">Folder of the mounted Slack Secret: one webhook file per role, or the bot token file in app mode.</param>
    /// <param name="localSlackApi">Only for local runs in app mode: the proxy and CA through which the Web API stand-in answers for slack.com.</param>
    public static AlertmanagerConfigModel Build(StackSettings settings, string webhookDirectory, LocalSlackApi? localSlackApi = null)
    {
        var routing = settings.Routing;

        // The first child matches everything and continues, so every alert reaches the all
        // channel and then also its severity's channel. (The guide's `continue: true` on the
        // severity routes never falls back to the parent's receiver.)
        //
        // The all channel keeps every alert in one group: its webhook then sends at most one
        // message per flush, so Slack's limit of about one message a second per webhook never
        // turns a storm's second group into a 429, which Alertmanager retries only a whole
        // group_interval later. Alertmanager reads an empty group_by on a child route as "inherit",
        // so the root route groups by nothing and the severity routes set routing.groupBy.
        var route = new RouteConfig(
            Receiver: ChannelRole.All.Receiver(),
            GroupWait: routing.GroupWait.Text,
            GroupInterval: routing.GroupInterval.Text,
            RepeatInterval: routing.RepeatInterval.Text,
            Routes:
            [
                ForeignStackRoute.Route(settings),
                .. HeartbeatRoute.Routes(settings),
                WithTiming(new RouteConfig(ChannelRole.All.Receiver(), Continue: true), routing.TimingOf(ChannelRole.All)),
                WithTiming(new RouteConfig(ChannelRole.Critical.Receiver(), Matchers: [SeverityMatcher(ChannelRole.Critical)], GroupBy: routing.GroupBy), routing.TimingOf(ChannelRole.Critical)),
                WithTiming(new RouteConfig(ChannelRole.Warning.Receiver(), Matchers: [SeverityMatcher(ChannelRole.Warning)], GroupBy: routing.GroupBy), routing.TimingOf(ChannelRole.Warning)),
            ]);

        // Every label in `equal` must be present on the critical: Alertmanager treats a label
        // missing on both sides as equal, so a critical without model_name would otherwise mute
        // every warning without one.
        // A critical that carries another stack's identity (the ForeignStackRoute drops it) mutes nothing here.
        var inhibit = new InhibitRuleConfig(
            SourceMatchers: [SeverityMatcher(ChannelRole.Critical), .. routing.InhibitEqual.Select(l => $"{l}=~\".+\""), ForeignStackRoute.OwnOrNone(settings)],
            TargetMatchers: [SeverityMatcher(ChannelRole.Warning)],
            Equal: routing.InhibitEqual);

        var receivers = ChannelRoles.Every
            .Select(role => new ReceiverConfig(role.Receiver(), [Slack(settings, role, webhookDirectory, localSlackApi)]))
            .Concat(HeartbeatRoute.Receivers(settings, webhookDirectory))
            .Append(ForeignStackRoute.ReceiverConfig())
            .ToList();

        return new AlertmanagerConfigModel(
            new GlobalConfig(routing.ResolveTimeout.Text),
            [ConfigLayout.TemplateFileName],
            route,
            [inhibit],
            receivers);
    }

    /// <summary>
    /// Each role's route carries its own timings (<see cref="RoutingSettings.TimingOf"/>): a new alert that
    /// joins a group already notified waits for that group's next group_interval, so the all and critical
    /// routes tell changes within groupWait while the warning route batches them.
    /// </summary>
    private static RouteConfig WithTiming(RouteConfig route, ChannelTiming timing) => route with
    {
        GroupWait = timing.GroupWait.Text,
        GroupInterval = timing.GroupInterval.Text,
        RepeatInterval = timing.RepeatInterval.Text,
    };

    private static SlackConfig Slack(StackSettings settings, ChannelRole role, string webhookDirectory, LocalSlackApi? localSlackApi) =>
        settings.Slack.Mode == SlackMode.App
            ? Message(settings, role, apiUrlFile: null) with
            {
                // One bot token for every channel, read from the mounted Secret on every notification
                // (Bearer by default). update_message makes a group's later notifications chat.update
                // the message its first one posted; Alertmanager accepts it only with exactly this api_url.
                ApiUrl = SlackPostMessageUrl,
                UpdateMessage = true,
                HttpConfig = new HttpClientConfig(
                    new AuthorizationConfig($"{webhookDirectory.TrimEnd('/')}/{SlackBotToken.FileName}"),
                    localSlackApi?.ProxyUrl.OriginalString,
                    localSlackApi is null ? null : new TlsClientConfig(localSlackApi.CaFile)),
            }
            : Message(settings, role, $"{webhookDirectory.TrimEnd('/')}/{role.Key()}");

    private static SlackConfig Message(StackSettings settings, ChannelRole role, string? apiUrlFile) => new(
        ApiUrlFile: apiUrlFile,
        Channel: settings.Slack.Channels[role],
        SendResolved: true,
        Color: SlackTemplates.Use(SlackTemplates.Color),
        Title: SlackTemplates.Use(SlackTemplates.Title),
        Text: SlackTemplates.Use(SlackTemplates.Text),
        Fallback: SlackTemplates.Use(SlackTemplates.Fallback),
        Fields:
        [
            new SlackFieldConfig(SlackTemplates.Use(SlackTemplates.MaeTitle), SlackTemplates.Use(SlackTemplates.MaeValue), true),
            new SlackFieldConfig(SlackTemplates.Use(SlackTemplates.ThresholdTitle), SlackTemplates.Use(SlackTemplates.ThresholdValue), true),
        ],
        Actions:
        [
            new SlackActionConfig("button", "View in Grafana", SlackTemplates.Use(GrafanaLinkTemplate.Url)),
            new SlackActionConfig("button", "Silence Alert", SlackTemplates.Use(SlackTemplates.SilenceUrl)),
        ]);
}
