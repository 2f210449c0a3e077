using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Turns a stack's raw configuration into validated <see cref="StackSettings"/>, or throws a
/// <see cref="SettingsException"/> listing every mistake (file, key, problem, fix).
/// </summary>
public static class SettingsBinder
{
    public const string SlackWebhookPrefix = "https://hooks.slack.com/";

    public static StackSettings Bind(StackConfig config)
    {
        var ctx = new BindingContext(config.FileName, config.Stack);
        var root = new MapNode(config.Values, null, config.KeyMarks);
        ctx.CheckKeys(root, SettingsSchema.Keys, string.Empty);
        if ((StackNames.PulumiProblem(config.Stack) ?? StackNames.LabelProblem(config.Stack)) is { } stackProblem)
        {
            ctx.Error("stack", stackProblem, "use a stack name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, e.g. dev or prod (`pulumi stack rename`)", null);
        }

        var ns = ctx.String(root["namespace"], "namespace");
        if (ns is not null && (ns.Length > 63 || !SettingsRules.DnsLabel().IsMatch(ns)))
        {
            ctx.Error("namespace", $"'{ns}' is not a Kubernetes namespace name", "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit, e.g. monitoring", root["namespace"]);
        }

        var environment = ctx.String(root["environment"], "environment") is { } env && env.Trim().Length > 0 ? env.Trim() : config.Stack;

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
        var ingress = IngressSettingsBinder.Bind(ctx, ctx.Object(accessNode?["ingress"], "access.ingress"), alertmanager?.ExternalUrl);
        var rules = RuleSettingsBinder.Bind(ctx, ctx.Object(root["rules"], "rules"));
        var models = ModelSettingsBinder.Bind(ctx, root["models"]);
        var cluster = ClusterSettingsBinder.Bind(ctx, ctx.Object(root["cluster"], "cluster"));
        var prometheus = PrometheusTimingsBinder.Bind(ctx, ctx.Object(root["prometheus"], "prometheus"));
        var migration = new MigrationSettings(ctx.Boolean(ctx.Object(root["migration"], "migration")?["patchForce"], "migration.patchForce") ?? false);
        if (alertmanager is not null && routing is not null)
        {
            routing = CrossSectionChecks.RaiseDefaultIntervals(alertmanager, routing);
            CrossSectionChecks.CheckReplicaTimings(ctx, config.Stack, alertmanager, routing, root["routing"] as MapNode, root["alertmanager"] as MapNode);
        }

        access = CrossSectionChecks.WithDefaultSlackEgress(access, cluster, accessNode);
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
        };
        var tooLarge = ObjectSizeLimit.Check(settings, config);
        return tooLarge.Count > 0 ? throw new SettingsException(tooLarge) : settings;
    }

    /// <summary>The longest start delay accepted: a rollout of three replicas takes two of them in a row.</summary>
    public static readonly TimeSpan MaximumStartDelay = TimeSpan.FromMinutes(5);

    /// <summary>Why a bot token is unusable, in words that never repeat it; null when it has a bot token's shape.</summary>
    public static string? BotTokenProblem(string token) => SlackBotTokenBinder.Problem(token);

    /// <summary>Why a heartbeat URL is unusable, in words that never repeat it; null when it is an absolute http(s) URL.</summary>
    public static string? HeartbeatUrlProblem(string url) => HeartbeatUrlBinder.Problem(url);

    /// <summary>Why a webhook URL is unusable, in words that never repeat the URL; null when it is a Slack webhook.</summary>
    public static string? WebhookProblem(string url) => SlackWebhooksBinder.Problem(url);
}
