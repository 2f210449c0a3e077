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
        var rules = BindRules(ctx, ctx.Object(root["rules"], "rules"));
        var models = BindModels(ctx, root["models"]);
        var cluster = BindCluster(ctx, ctx.Object(root["cluster"], "cluster"));
        var prometheus = BindPrometheus(ctx, ctx.Object(root["prometheus"], "prometheus"));
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

    private static RuleSettings? BindRules(BindingContext ctx, MapNode? map)
    {
        var targetText = ctx.String(map?["target"], "rules.target");
        RuleTarget? target = targetText switch
        {
            null => null,
            "configMap" => RuleTarget.ConfigMap,
            "prometheusRule" => RuleTarget.PrometheusRule,
            _ => ctx.Invalid<RuleTarget?>("rules.target", $"'{targetText}' is not a rule target", "write configMap (a rule file) or prometheusRule (the cluster runs the Prometheus operator)", map?["target"]),
        };

        var metric = ctx.String(map?["metric"], "rules.metric");
        if (metric is not null && !SettingsRules.MetricName().IsMatch(metric))
        {
            ctx.Error("rules.metric", $"'{metric}' is not a Prometheus metric name", "use letters, digits, '_' and ':', e.g. model_mae", map?["metric"]);
            metric = null;
        }

        var labels = ctx.StringMap(map?["labels"], "rules.labels");
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (!SettingsRules.KubernetesLabelKey().IsMatch(key) || key.Length > 316 || value.Length > 63 || !SettingsRules.KubernetesLabelValue().IsMatch(value))
            {
                ctx.Error($"rules.labels.{key}", $"'{key}: {value}' is not a Kubernetes label", "use a label the operator's ruleSelector matches, e.g. `release: prometheus` (letters, digits, '-', '_', '.'; an optional DNS prefix and '/')", map?["labels"]);
                labels = null;
            }
        }

        var missingFor = ctx.Duration(map?["missingFor"], "rules.missingFor");
        if (missingFor is { Value.Ticks: 0 })
        {
            ctx.Error("rules.missingFor", "is zero, so a model would count as missing between two scrapes", "set how long a model may report nothing, e.g. 10m", map?["missingFor"]);
            missingFor = null;
        }

        var missingSeverity = ctx.String(map?["missingSeverity"], "rules.missingSeverity");
        if (missingSeverity is not null && missingSeverity is not ("critical" or "warning" or "info"))
        {
            ctx.Error("rules.missingSeverity", $"'{missingSeverity}' is not a severity the channels route", "write critical (on-call), warning or info", map?["missingSeverity"]);
            missingSeverity = null;
        }

        var unlistedText = ctx.String(map?["unlistedModels"], "rules.unlistedModels");
        UnlistedModels? unlisted = unlistedText is null ? null
            : UnlistedModelsNames.ByKey.TryGetValue(unlistedText, out var mode) ? mode
            : ctx.Invalid<UnlistedModels?>("rules.unlistedModels", $"'{unlistedText}' is not a way to treat models the stack does not list", "write watch (default thresholds), alert (ModelNotListed), both, or ignore", map?["unlistedModels"]);

        return target is null || metric is null || labels is null || missingFor is null || missingSeverity is null || unlisted is null
            ? null
            : new RuleSettings(target.Value, metric, labels, missingFor, missingSeverity, unlisted.Value);
    }

    /// <summary>
    /// The Prometheus timings the start delay is derived from. Zero evaluation interval is what Prometheus refuses; a
    /// start delay over <see cref="MaximumStartDelay"/> would keep a rollout past pulumi up's patience and a fresh
    /// replica silent for that long.
    /// </summary>
    private static PrometheusTimings? BindPrometheus(BindingContext ctx, MapNode? map)
    {
        var evaluation = ctx.Duration(map?["evaluationInterval"], "prometheus.evaluationInterval");
        var resend = ctx.Duration(map?["resendDelay"], "prometheus.resendDelay");
        if (evaluation is { Value.Ticks: 0 })
        {
            ctx.Error("prometheus.evaluationInterval", "is zero, which Prometheus refuses", "write your Prometheus's evaluation_interval (`kubectl get prometheus -A -o yaml | grep evaluationInterval`, or global.evaluation_interval in prometheus.yml), e.g. 1m", map?["evaluationInterval"]);
            return null;
        }

        if (evaluation is null || resend is null)
        {
            return null;
        }

        var timings = new PrometheusTimings(evaluation, resend);
        if (timings.StartDelay > MaximumStartDelay)
        {
            ctx.Error(
                "prometheus",
                $"evaluationInterval {evaluation} + resendDelay {resend} + the 30s discovery refresh make a start delay of {AlertmanagerDurationText.Of(timings.StartDelay)}, over {AlertmanagerDurationText.Of(MaximumStartDelay)}: each new replica would notify nothing that long and a rollout would outlast pulumi up's wait",
                "shorten Prometheus's --rules.alert.resend-delay or evaluation interval and set prometheus.resendDelay / prometheus.evaluationInterval to match",
                map?["resendDelay"] ?? map?["evaluationInterval"]);
            return null;
        }

        return timings;
    }

    /// <summary>The longest start delay accepted: a rollout of three replicas takes two of them in a row.</summary>
    public static readonly TimeSpan MaximumStartDelay = TimeSpan.FromMinutes(5);

    private static ClusterSettings? BindCluster(BindingContext ctx, MapNode? map)
    {
        var domain = ctx.String(map?["domain"], "cluster.domain");
        if (domain is not null && (domain.Length > 253 || !domain.Split('.').All(SettingsRules.DnsLabel().IsMatch)))
        {
            ctx.Error("cluster.domain", $"'{domain}' is not a DNS domain", "write the kubelet's clusterDomain without dots around it, e.g. cluster.local", map?["domain"]);
            domain = null;
        }

        var dnsText = ctx.String(map?["dns"], "cluster.dns");
        ClusterDns? dns = dnsText is null ? null
            : ClusterDnsNames.ByKey.TryGetValue(dnsText, out var known) ? known
            : ctx.Invalid<ClusterDns?>("cluster.dns", $"'{dnsText}' is not a DNS set-up this program knows", $"write one of {string.Join(", ", ClusterDnsNames.ByKey.Keys)} (see README, DNS), or `any` and list the addresses in cluster.dnsCidrs", map?["dns"]);

        var cidrs = ctx.StringList(map?["dnsCidrs"], "cluster.dnsCidrs");
        foreach (var cidr in cidrs ?? [])
        {
            if (!SettingsRules.Cidr(cidr))
            {
                ctx.Error("cluster.dnsCidrs", $"'{cidr}' is not a CIDR", "write an address range such as 169.254.20.10/32 or fd00:10::a/128", map?["dnsCidrs"]);
                cidrs = null;
                break;
            }
        }

        var familyText = ctx.String(map?["ipFamily"], "cluster.ipFamily");
        IpFamily? family = familyText is null ? null
            : IpFamilies.ByKey.TryGetValue(familyText, out var known2) ? known2
            : ctx.Invalid<IpFamily?>("cluster.ipFamily", $"'{familyText}' is not an IP family", "write IPv4, IPv6 (an IPv6-only cluster) or dual (dual stack, IPv4 first)", map?["ipFamily"]);

        return domain is null || dns is null || cidrs is null || family is null ? null : new ClusterSettings(domain, dns.Value, cidrs, family.Value);
    }

    private static IReadOnlyList<ModelSettings>? BindModels(BindingContext ctx, ConfigNode? node)
    {
        if (node is null or ScalarNode { Value: "" or "~" or "null", Quoted: false })
        {
            return [];
        }

        if (node is not ListNode list)
        {
            return ctx.Invalid<IReadOnlyList<ModelSettings>>("models", $"must be a list of models, not {node.Shape}", "write `- name: california-housing` items", node);
        }

        var models = new List<ModelSettings>();
        var names = new HashSet<string>(StringComparer.Ordinal); // thousands of models: a set, not a scan per model
        var ok = true;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = $"models[{i}]";
            var item = ctx.Object(list.Items[i], path);
            if (item is null)
            {
                ok = false;
                continue;
            }

            var name = ctx.String(item["name"], $"{path}.name");
            if (name is null || name.Length > 63 || !SettingsRules.ModelName().IsMatch(name))
            {
                ctx.Error($"{path}.name", name is null ? "is not set" : $"'{name}' is not a usable model name", "use lower-case letters, digits, '.', '_' and '-', e.g. california-housing", item["name"] ?? item);
                ok = false;
            }

            var version = ctx.String(item["version"], $"{path}.version");
            var maeCritical = ctx.Number(item["maeCritical"], $"{path}.maeCritical");
            var criticalFor = ctx.Duration(item["criticalFor"], $"{path}.criticalFor");
            var maeWarning = ctx.Number(item["maeWarning"], $"{path}.maeWarning");
            var warningFor = ctx.Duration(item["warningFor"], $"{path}.warningFor");
            if (maeCritical is <= 0)
            {
                ctx.Error($"{path}.maeCritical", $"{maeCritical} is not above zero", "set the MAE above which the model needs immediate action, e.g. 0.40", item["maeCritical"]);
                ok = false;
            }

            if (maeWarning is not null && maeCritical is not null && (maeWarning <= 0 || maeWarning >= maeCritical))
            {
                ctx.Error($"{path}.maeWarning", $"{maeWarning} must be above zero and below maeCritical {maeCritical}", "set a lower threshold than maeCritical, e.g. 0.30", item["maeWarning"]);
                ok = false;
            }

            if (criticalFor is not null && warningFor is not null && warningFor.CompareTo(criticalFor) < 0)
            {
                ctx.Error($"{path}.warningFor", $"{warningFor} is shorter than criticalFor {criticalFor}", "give the warning a longer (or equal) wait than the critical, e.g. 15m", item["warningFor"]);
                ok = false;
            }

            if (name is not null && !names.Add(name))
            {
                ctx.Error($"{path}.name", $"'{name}' is listed twice", "list each model once", item["name"]);
                ok = false;
            }

            if (ok && name is not null && maeCritical is not null && criticalFor is not null && maeWarning is not null && warningFor is not null)
            {
                models.Add(new ModelSettings(name, version, maeCritical.Value, criticalFor, maeWarning.Value, warningFor));
            }
        }

        return ok ? models : null;
    }

    /// <summary>Why a bot token is unusable, in words that never repeat it; null when it has a bot token's shape.</summary>
    public static string? BotTokenProblem(string token) => SlackBotTokenBinder.Problem(token);

    /// <summary>Why a heartbeat URL is unusable, in words that never repeat it; null when it is an absolute http(s) URL.</summary>
    public static string? HeartbeatUrlProblem(string url) => HeartbeatUrlBinder.Problem(url);

    /// <summary>Why a webhook URL is unusable, in words that never repeat the URL; null when it is a Slack webhook.</summary>
    public static string? WebhookProblem(string url) => SlackWebhooksBinder.Problem(url);
}
