using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Turns a stack's raw configuration into validated <see cref="StackSettings"/>, or throws a
/// <see cref="SettingsException"/> listing every mistake (file, key, problem, fix).
/// </summary>
public static class SettingsBinder
{
    public const string SlackWebhookPrefix = "https://hooks.slack.com/";

    /// <summary>The longest start delay accepted: a rollout of three replicas takes two of them in a row.</summary>
    public static readonly TimeSpan MaximumStartDelay = TimeSpan.FromMinutes(5);

    public static StackSettings Bind(StackConfig config)
    {
        // Mistakes are listed in the order they are found, so the order of these calls is the order a user reads them in.
        var ctx = new BindingContext(config.FileName, config.Stack);
        var root = new MapNode(config.Values, null, config.KeyMarks);
        ctx.CheckKeys(root, SettingsSchema.Keys, string.Empty);
        StackIdentityBinder.CheckStackName(ctx, config.Stack);
        var ns = StackIdentityBinder.BindNamespace(ctx, root["namespace"]);
        var environment = StackIdentityBinder.BindEnvironment(ctx, root["environment"], config.Stack);

        var alertmanager = AlertmanagerSettingsBinder.Bind(ctx, ctx.Object(root["alertmanager"], "alertmanager"));
        var routing = RoutingSettingsBinder.Bind(ctx, ctx.Object(root["routing"], "routing"));
        var slack = SlackSettingsBinder.Bind(ctx, ctx.Object(root["slack"], "slack"));
        var webhooks = SlackWebhooksBinder.Bind(ctx, root["slackWebhooks"], config.Stack);
        var botToken = SlackBotTokenBinder.Bind(ctx, root[SlackBotToken.Key], config.Stack);
        var heartbeatUrl = HeartbeatUrlBinder.Bind(ctx, root[HeartbeatUrl.Key], config.Stack);
        var heartbeat = HeartbeatSettingsBinder.Bind(ctx, ctx.Object(root["heartbeat"], "heartbeat"));
        CrossSectionChecks.CheckHeartbeat(ctx, config.Stack, heartbeatUrl, heartbeat, alertmanager, root);
        CrossSectionChecks.CheckAppMode(ctx, slack, alertmanager, root);
        var accessNode = ctx.Object(root["access"], "access");
        var access = AccessSettingsBinder.Bind(ctx, accessNode);
        CrossSectionChecks.CheckHeartbeatEgress(ctx, config.Stack, heartbeatUrl, access, root);
        var ingress = IngressSettingsBinder.Bind(ctx, ctx.Object(accessNode?["ingress"], "access.ingress"), alertmanager?.ExternalUrl);
        var rules = RuleSettingsBinder.Bind(ctx, ctx.Object(root["rules"], "rules"));
        var models = ModelSettingsBinder.Bind(ctx, root["models"]);
        var cluster = ClusterSettingsBinder.Bind(ctx, ctx.Object(root["cluster"], "cluster"));
        var prometheus = PrometheusTimingsBinder.Bind(ctx, ctx.Object(root["prometheus"], "prometheus"));
        var migration = MigrationSettingsBinder.Bind(ctx, ctx.Object(root["migration"], "migration"));
        var dashboard = DashboardSettingsBinder.Bind(ctx, ctx.Object(root["dashboard"], "dashboard"));
        if (alertmanager is not null && routing is not null)
        {
            routing = CrossSectionChecks.RaiseDefaultIntervals(alertmanager, routing);
            CrossSectionChecks.CheckReplicaTimings(ctx, config.Stack, alertmanager, routing, root["routing"] as MapNode, root["alertmanager"] as MapNode);
        }

        access = CrossSectionChecks.WithDefaultSlackEgress(access, cluster, accessNode);
        access = CrossSectionChecks.WithDefaultPrometheusSecretName(ctx, access, ns, accessNode);
        CrossSectionChecks.RefuseTwoReplicas(ctx, alertmanager, root);

        if (ctx.Errors.Count > 0)
        {
            throw new SettingsException(ctx.Errors);
        }

        var settings = new StackSettings(config.Stack, ns!, environment, alertmanager!, routing!, slack!, webhooks, access! with { Ingress = ingress! }, rules!, models!, cluster!, botToken)
        {
            Heartbeat = heartbeat!,
            HeartbeatUrl = heartbeatUrl,
            Prometheus = prometheus!,
            Migration = migration,
            Dashboard = dashboard!,
        };
        var tooLarge = ObjectSizeLimit.Check(settings, config);
        return tooLarge.Count > 0 ? throw new SettingsException(tooLarge) : settings;
    }

    /// <summary>Why a bot token is unusable, in words that never repeat it; null when it has a bot token's shape.</summary>
    public static string? BotTokenProblem(string token) => SlackBotTokenBinder.Problem(token);

    /// <summary>Why a heartbeat URL is unusable, in words that never repeat it; null when it is an absolute http(s) URL.</summary>
    public static string? HeartbeatUrlProblem(string url) => HeartbeatUrlBinder.Problem(url);

    /// <summary>Why a webhook URL is unusable, in words that never repeat the URL; null when it is a Slack webhook.</summary>
    public static string? WebhookProblem(string url) => SlackWebhooksBinder.Problem(url);
}
