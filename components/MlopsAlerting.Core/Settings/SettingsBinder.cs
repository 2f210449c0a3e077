using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;

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
        // Pulumi hands the program Pulumi.yaml's empty default when the key is not set.
        var docsNode = root["docsUrl"] is ScalarNode { Value: "" } ? null : root["docsUrl"];
        var docs = UrlSettingBinder.Bind(ctx, docsNode, "docsUrl", required: false) ?? config.RepositoryDocsUrl;
        slack = docs is null || slack is null ? slack : slack with { RunbookPages = new Uri(docs.AbsoluteUri.TrimEnd('/') + "/runbooks") };
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

        var settings = new StackSettings(config.Stack, ns!, environment, alertmanager!, routing!, slack!, webhooks, access! with { Ingress = ingress! }, rules!, models!.ToList().AsReadOnly(), cluster!, botToken)
        {
            Heartbeat = heartbeat!,
            HeartbeatUrl = heartbeatUrl,
            Prometheus = prometheus!,
            Migration = migration,
            EscEnvironments = config.Environments,
            Dashboard = dashboard!,
        };
        var tooLarge = ObjectSizeLimit.Check(settings, config);
        return tooLarge.Count > 0 ? throw new SettingsException(tooLarge) : settings;
    }

    /// <summary>
    /// The checks that read bound settings rather than the stack file's text, run again on settings that exist already:
    /// those that span sections (two replicas refused, the heartbeat's and app mode's image versions, the replicas'
    /// timings, the heartbeat URL's port) and the Kubernetes object sizes. <c>ModelAlerting</c> runs them on whatever
    /// settings it is given, so no settings reach the cluster unchecked, however they were made. The errors name the
    /// stack file and the key; they have no line, the text being gone.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="rules">The settings' rules, when rendered already (thousands of models take a while).</param>
    public static IReadOnlyList<SettingsError> Recheck(StackSettings settings, RenderedRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new StackConfig(settings.Stack, StackConfig.FileNameOf(settings.Stack), []);
        var ctx = new BindingContext(config.FileName, config.Stack);
        var root = new MapNode([], null);
        CrossSectionChecks.CheckHeartbeat(ctx, settings.Stack, settings.HeartbeatUrl, settings.Heartbeat, settings.Alertmanager, root);
        CrossSectionChecks.CheckAppMode(ctx, settings.Slack, settings.Alertmanager, root);
        CrossSectionChecks.CheckHeartbeatEgress(ctx, settings.Stack, settings.HeartbeatUrl, settings.Access, root);
        CrossSectionChecks.CheckReplicaTimings(ctx, settings.Stack, settings.Alertmanager, settings.Routing, null, null);
        CrossSectionChecks.RefuseTwoReplicas(ctx, settings.Alertmanager, root);
        return ctx.Errors.Count > 0 ? [.. ctx.Errors] : ObjectSizeLimit.Check(settings, config, rules);
    }

    /// <summary>
    /// The keys whose value a program may give as pending (<see cref="SecretText.Pending"/>): the secrets, each checked
    /// by <see cref="PendingSecretProblem"/> once its text is known.
    /// </summary>
    public static IReadOnlyList<string> PendingSecretKeys { get; } =
        [.. ChannelRoles.Every.Select(r => $"slackWebhooks.{r.Key()}"), SlackBotToken.Key, HeartbeatUrl.Key];

    /// <summary>
    /// The checks the binder runs on a known secret, for a pending one's text once the deployment tool knows it: a
    /// webhook's, the bot token's or the heartbeat URL's shape, and the heartbeat URL's port against the NetworkPolicy.
    /// The error names where the value was given and the key, never the value.
    /// </summary>
    /// <param name="key">One of <see cref="PendingSecretKeys"/>.</param>
    /// <param name="secret">The pending secret (its source names where it was given).</param>
    /// <param name="value">Its text, now known.</param>
    /// <param name="access">The stack's access settings: the NetworkPolicy lets the heartbeat out on one port (not checked without them).</param>
    public static SettingsError? PendingSecretProblem(string key, SecretText secret, string value, AccessSettings? access)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(value);
        var (problem, fix) = key switch
        {
            HeartbeatUrl.Key => (HeartbeatUrlProblem(value) ?? (access is null ? null : CrossSectionChecks.HeartbeatPortProblem(value, access)), "give the outside check's https:// ping URL (port 443)"),
            SlackBotToken.Key => (BotTokenProblem(value), $"give the Slack app's bot token ({SlackBotToken.Prefix}...)"),
            _ when PendingSecretKeys.Contains(key) => (WebhookProblem(value), "give the Incoming Webhook URL of the Slack app for this channel (https://hooks.slack.com/services/...)"),
            _ => throw new ArgumentException($"{key} is not a secret key; the keys are {string.Join(", ", PendingSecretKeys)}.", nameof(key)),
        };
        return problem is null
            ? null
            : new SettingsError(secret.Source ?? "the program", key, $"{problem} (the value a Pulumi output gave when the program deployed)", $"{fix} in the resource or stack output the value comes from");
    }

    /// <summary>Why a bot token is unusable, in words that never repeat it; null when it has a bot token's shape.</summary>
    public static string? BotTokenProblem(string token) => SlackBotTokenBinder.Problem(token);

    /// <summary>Why a heartbeat URL is unusable, in words that never repeat it; null when it is an absolute http(s) URL.</summary>
    public static string? HeartbeatUrlProblem(string url) => HeartbeatUrlBinder.Problem(url);

    /// <summary>Why a webhook URL is unusable, in words that never repeat the URL; null when it is a Slack webhook.</summary>
    public static string? WebhookProblem(string url) => SlackWebhooksBinder.Problem(url);
}
