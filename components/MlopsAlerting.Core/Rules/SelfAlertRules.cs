using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The alerts the alerting raises about itself, in a group of their own in the model rules' file (so they load wherever
/// the model rules load), modelled on kube-prometheus's Alertmanager and Prometheus mixins but scoped to this stack: the
/// Alertmanager metrics of this stack's scrape job only, and the model rule group by name. Each names the broken link
/// and what to do, carries a severity like the model alerts and no <c>model_name</c>, so it reaches the all channel and
/// its severity's channel. Metric and label names were read from the /metrics of Alertmanager 0.33.1 and Prometheus
/// 3.5.3; <c>receiver_name</c> exists only with <c>--enable-feature=receiver-name-in-metrics</c> (0.27 and newer, which
/// the StatefulSet passes), and without it the aggregations simply keep one series per integration.
/// </summary>
public static class SelfAlertRules
{
    /// <summary>The start of the group's name.</summary>
    public const string GroupName = "mlops-alerting-self";

    /// <summary>The group's name in a stack: <see cref="GroupName"/>, then the stack's identity (see <see cref="ModelAlertRules.GroupNameOf"/>).</summary>
    public static string GroupNameOf(StackSettings settings) => $"{GroupName}/{StackIdentity.Value(settings)}";

    /// <summary>Alertmanager cannot deliver to a channel from one replica.</summary>
    public const string NotificationsFailing = "AlertmanagerNotificationsFailing";

    /// <summary>No replica can deliver to a channel.</summary>
    public const string ChannelUndeliverable = "AlertmanagerChannelUndeliverable";

    /// <summary>Prometheus cannot scrape a replica.</summary>
    public const string TargetDown = "AlertmanagerTargetDown";

    /// <summary>Prometheus finds no Alertmanager of this stack to scrape.</summary>
    public const string NotScraped = "AlertmanagerNotScraped";

    /// <summary>A replica does not see all the others.</summary>
    public const string MembersInconsistent = "AlertmanagerMembersInconsistent";

    /// <summary>Replicas run different configurations.</summary>
    public const string ConfigInconsistent = "AlertmanagerConfigInconsistent";

    /// <summary>A replica's last configuration reload failed.</summary>
    public const string ConfigReloadFailed = "AlertmanagerConfigReloadFailed";

    /// <summary>Prometheus's sends to an Alertmanager fail.</summary>
    public const string SendErrors = "PrometheusErrorsSendingAlerts";

    /// <summary>Prometheus knows fewer Alertmanagers than the stack runs.</summary>
    public const string TooFewAlertmanagers = "PrometheusTooFewAlertmanagers";

    /// <summary>Prometheus dropped alerts.</summary>
    public const string Dropped = "PrometheusDroppingAlerts";

    /// <summary>The heartbeat's pings to the outside check fail.</summary>
    public const string HeartbeatUndeliverable = "AlertmanagerHeartbeatUndeliverable";

    /// <summary>A model rule fails to evaluate.</summary>
    public const string RuleFailures = "ModelRulesFailing";

    /// <summary>The model rule group misses evaluations.</summary>
    public const string MissedIterations = "ModelRulesMissingEvaluations";

    /// <summary>Prometheus does not scrape itself, so the Prometheus self-alerts see nothing.</summary>
    public const string SelfMetricsMissing = "PrometheusSelfMetricsMissing";

    /// <summary>The label matcher of this stack's Alertmanager scrape job.</summary>
    public static string JobMatcher(StackSettings settings) => $"job=\"{AlertmanagerScrape.JobName(settings)}\"";

    /// <summary>
    /// How long a channel's notifications must keep failing before the delivery alerts fire: the longest Slack
    /// group_interval and a fifth more. A failed group is tried again at its next group_interval, so one 429 or timeout
    /// is retried, and a success clears it, before this ends.
    /// </summary>
    public static TimeSpan DeliveryFor(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var longest = ChannelRoles.Every.Max(r => settings.Routing.TimingOf(r).GroupInterval.Value);
        return longest + (longest / 5);
    }

    /// <summary>The group of a stack.</summary>
    public static PrometheusRuleGroup Group(StackSettings settings, SelfAlertTimings timings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timings);
        var job = JobMatcher(settings);
        var w = HeartbeatRule.PromDuration(timings.Window);
        var wait = HeartbeatRule.PromDuration(timings.For);
        var absent = HeartbeatRule.PromDuration(timings.AbsentFor);
        var delivery = HeartbeatRule.PromDuration(HeartbeatTiming.HoldBackWindow(settings));
        var deliveryFor = HeartbeatRule.PromDuration(DeliveryFor(settings));
        var modelGroup = $"rule_group=~\".*;{StackIdentity.Literal(ModelAlertRules.GroupNameOf(settings))}\"";
        var slack = $"{job}, integration=\"slack\"";
        var policy = settings.Access.NetworkPolicy.Enabled;
        var basicAuth = settings.Access.BasicAuth.Enabled;
        var egress = policy ? "the NetworkPolicy, which lets Alertmanager out on TCP 443 only, or a proxy" : "the cluster's egress rules or a proxy";
        var keepsOut = (policy ? "the NetworkPolicy, " : string.Empty) + (basicAuth ? "basic auth " : string.Empty) + (policy || basicAuth ? "or DNS" : "DNS");
        var sendFailure = (basicAuth ? "A 401 means the password in Prometheus's Secret differs from Alertmanager's (basicAuthPassword); a" : "A") + " timeout means " + (policy ? "the NetworkPolicy or " : string.Empty) + "DNS.";
        var channel = "{{ $labels.integration }}{{ with $labels.receiver_name }} receiver {{ . }}{{ end }}";
        var heartbeat = settings.HeartbeatUrl.IsSet ? " The heartbeat is held back meanwhile if no Slack notification gets through, so the outside dead man's switch pages too." : string.Empty;

        var rules = new List<PrometheusAlertingRule>
        {
            Rule(NotificationsFailing, Failing(slack, delivery, "instance, integration, receiver_name"), deliveryFor, "warning",
                "Alertmanager {{ $labels.instance }} cannot deliver to " + channel,
                $"Every {channel} notification from Alertmanager {{{{ $labels.instance }}}} failed for {deliveryFor}, so its alerts do not reach that channel. Check the Alertmanager log (\"Notify attempt failed\"): a revoked webhook (404), an archived channel, or egress to Slack blocked by {egress}. {RotateFix(settings)}"),
            Rule(ChannelUndeliverable, Failing(slack, delivery, "integration, receiver_name"), deliveryFor, "critical",
                "No Alertmanager replica can deliver to " + channel,
                $"Every {channel} notification failed on every replica for {deliveryFor}: alerts for that channel are lost until it works again (Alertmanager retries each failed group every group_interval, so they arrive once it does).{heartbeat} Check the webhook (revoked, channel archived), Slack's status and the egress to Slack. {RotateFix(settings)}"),
            Rule(TargetDown, $"up{{{job}}} == 0", wait, "warning",
                "Prometheus cannot scrape Alertmanager {{ $labels.instance }}",
                "Prometheus has not scraped Alertmanager {{ $labels.instance }} for " + wait + ": the replica is down, or " + keepsOut + " keep Prometheus out. With every replica down no alert reaches Slack (the heartbeat stops). Check the pods (`" + Kubectl(settings, $"get pods -l {PodSelector(settings)}") + "`) and Prometheus's Status > Targets page."),
            Rule(NotScraped, $"absent(up{{{job}}})", absent, "warning",
                "Prometheus scrapes no Alertmanager of this stack",
                $"Prometheus has no target in the scrape job {AlertmanagerScrape.JobName(settings)}, so it cannot tell whether Alertmanager delivers. {ScrapeFix(settings)}"),
            Rule(ConfigReloadFailed, $"max_over_time(alertmanager_config_last_reload_successful{{{job}}}[{w}]) == 0", wait, "critical",
                "Alertmanager {{ $labels.instance }} failed to load its configuration",
                "Alertmanager {{ $labels.instance }} rejected its configuration and runs the previous one, so the last change is not in effect. Run `amtool check-config` on the rendered alertmanager.yml and read the pod's log."),
            Rule(SendErrors, $"sum by(alertmanager) ({OwnAlertmanagers.Of($"rate(prometheus_notifications_errors_total[{w}])", job)}) / sum by(alertmanager) (rate(prometheus_notifications_sent_total[{w}])) > 0.01", wait, "warning",
                "Prometheus fails to send alerts to {{ $labels.alertmanager }}",
                "{{ $value | humanizePercentage }} of Prometheus's alerts to {{ $labels.alertmanager }}, a replica of this stack, failed over " + w + ". " + sendFailure + " If every replica fails, nothing reaches Slack and only the heartbeat's outside check notices."),
            // No wait: a drop is a one-off event that leaves the window after it, and those alerts are already lost. Only a
            // drop from a full queue can hold this stack's alerts: Prometheus 3.5 also counts as dropped every batch that no
            // Alertmanager at all accepted, which for a batch of other stacks' alerts (this stack's are kept only for its own
            // Alertmanagers) is another team's outage, and for this stack's alerts is told by PrometheusErrorsSendingAlerts.
            Rule(Dropped, $"increase(prometheus_notifications_dropped_total[{w}]) > 0 and (max_over_time(prometheus_notifications_queue_length[{w}]) / prometheus_notifications_queue_capacity >= {QueueFull.ToString(System.Globalization.CultureInfo.InvariantCulture)})", null, "warning",
                "Prometheus dropped alerts: its notification queue was full",
                "Prometheus dropped {{ $value | printf \"%.0f\" }} alerts over " + w + " because its notification queue, shared by every Alertmanager it sends to, was full; this stack's alerts may be among them until the next evaluation sends them again. An Alertmanager that answers slowly, another team's too, slows every send: check PrometheusErrorsSendingAlerts, `prometheus_notifications_latency_seconds` per Alertmanager and the queue (`prometheus_notifications_queue_length`, `--alertmanager.notification-queue-capacity`)."),
            Rule(TooFewAlertmanagers, $"(count without(alertmanager, {OwnAlertmanagers.AddressLabel}) ({OwnAlertmanagers.Of("prometheus_notifications_sent_total", job)}) or on() vector(0)) < {settings.Alertmanager.Replicas} and on() count(up{{{job}}}) > 0", wait, "warning",
                "Prometheus knows fewer Alertmanagers of this stack than it runs",
                $"Prometheus sends alerts to {{{{ $value }}}} of this stack's Alertmanagers, fewer than the {settings.Alertmanager.Replicas} replicas it runs (other Alertmanagers it knows are not counted); a replica it does not know misses alerts. {AlertingFix(settings)} Then check Status > Runtime & Build Information."),
            Rule(RuleFailures, $"sum by(rule_group) (increase(prometheus_rule_evaluation_failures_total{{{modelGroup}}}[{w}])) > 0", wait, "critical",
                "A model alert rule fails to evaluate",
                "Rules of {{ $labels.rule_group }} failed {{ $value | printf \"%.0f\" }} times over " + w + ", so the models they cover are not watched. Open Prometheus's Alerts or Rules page for the error (e.g. \"many-to-many matching\": two series of one model differ only in a label)."),
            Rule(MissedIterations, $"sum by(rule_group) (increase(prometheus_rule_group_iterations_missed_total{{{modelGroup}}}[{w}])) > 0", wait, "warning",
                "The model rules miss evaluations",
                "{{ $labels.rule_group }} missed {{ $value | printf \"%.0f\" }} evaluations over " + w + ": one evaluation takes longer than the group's interval, so alerts come late. Check `prometheus_rule_group_last_duration_seconds` and Prometheus's CPU."),
            Rule(SelfMetricsMissing, $"absent(prometheus_rule_group_iterations_total{{{modelGroup}}})", absent, "warning",
                "Prometheus does not scrape itself",
                "Prometheus evaluates these rules but has none of its own metrics, so the self-alerts on sending alerts and on rule failures see nothing. Add Prometheus's own scrape job (job prometheus, target localhost:9090), as its default prometheus.yml has."),
        };
        if (settings.Alertmanager.Clustered)
        {
            // The count of replicas scraped up now, not over a window: an old pod's series leaves the count as soon as its
            // target is gone or down, so a rollout's new and old pods are compared with what runs (see docs/self-watch.md).
            rules.Add(Rule(MembersInconsistent, $"alertmanager_cluster_members{{{job}}} < on() group_left() count(up{{{job}}} == 1)", wait, "warning",
                "Alertmanager {{ $labels.instance }} does not see every replica",
                "Alertmanager {{ $labels.instance }} sees {{ $value }} cluster members, fewer than the replicas Prometheus scrapes up: gossip on port 9094 (TCP and UDP) is cut off, so replicas may each send the same notification or miss silences. Check " + (policy ? "the NetworkPolicy's gossip rule and " : string.Empty) + "the " + WorkloadNames.ClusterService + " Service (`" + Kubectl(settings, $"get endpoints {WorkloadNames.ClusterService}") + "`)."));
            var inconsistentFor = HeartbeatRule.PromDuration(ConfigInconsistentFor(settings, timings));
            rules.Add(Rule(ConfigInconsistent, $"count(count_values(\"config_hash\", alertmanager_config_hash{{{job}}})) > 1", inconsistentFor, "warning",
                "Alertmanager replicas run different configurations",
                "The replicas report more than one configuration hash for " + inconsistentFor + ", longer than `pulumi up` waits for a rollout: a rollout stuck half-way or a reload that failed on some. Check `" + Kubectl(settings, $"rollout status statefulset/{WorkloadNames.StatefulSet}") + "` and AlertmanagerConfigReloadFailed."));
        }

        if (settings.HeartbeatUrl.IsSet)
        {
            var pingWindow = HeartbeatRule.PromDuration(HeartbeatDeliveryWindow(settings));
            var pingFor = settings.Heartbeat.Interval.Text;
            rules.Add(Rule(HeartbeatUndeliverable, Failing($"{job}, integration=\"webhook\"", pingWindow, "integration"), pingFor, "warning",
                "Alertmanager cannot deliver the heartbeat's pings",
                $"Every heartbeat ping to heartbeatUrl failed on every replica for {pingWindow} and {pingFor} more, so the outside dead man's switch pages although alerts still reach Slack. Check the Alertmanager log (\"Notify attempt failed\", integration webhook): a 404 or 410 means the check was deleted or its URL changed, so set the current one with `pulumi config set --secret {HeartbeatUrl.Key} '<new ping URL>' --stack {settings.Stack}` and run `pulumi up`; a timeout means egress to the check is blocked ({egress}) or a proxy is needed."));
        }

        return new PrometheusRuleGroup(GroupNameOf(settings), [.. rules.Select(r => StackIdentity.Labelled(WithRunbook(r, settings), settings))]);
    }

    /// <summary>The share of its capacity the notification queue reached before a drop counts as a full queue.</summary>
    public const double QueueFull = 0.5;

    /// <summary>
    /// How long the replicas may report different configuration hashes: every rollout runs two while its waves replace the
    /// pods, for at most as long as <c>pulumi up</c> waits for it (<see cref="RolloutPolicy.AwaitSeconds"/>); a rollout
    /// still unfinished then is stuck, and the alert waits the self-alerts' wait more.
    /// </summary>
    public static TimeSpan ConfigInconsistentFor(StackSettings settings, SelfAlertTimings timings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timings);
        var rollout = TimeSpan.FromSeconds(AlertmanagerWorkload.RolloutFor(settings.Alertmanager, settings.Prometheus).AwaitSeconds);
        return (rollout / timings.Divisor) + timings.For;
    }

    /// <summary>
    /// The window in which every heartbeat ping must have failed: one interval and a half, so that it holds at least one
    /// ping (one each interval) and has lost the last success before the failures count.
    /// </summary>
    public static TimeSpan HeartbeatDeliveryWindow(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Heartbeat.Interval.Value * 3 / 2;
    }

    /// <summary>A kubectl command in the stack's namespace.</summary>
    private static string Kubectl(StackSettings settings, string command) => $"kubectl --namespace {settings.Namespace} {command}";

    /// <summary>The label selector of the stack's Alertmanager pods.</summary>
    private static string PodSelector(StackSettings settings) => string.Join(",", StandardLabels.Selector(settings.Stack).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>
    /// How to replace what a failing Slack receiver posts with: the bot token in app mode, else the webhook of the
    /// receiver's role (receiver slack-critical is role critical; <c>&lt;role&gt;</c> where the metrics carry no receiver).
    /// </summary>
    private static string RotateFix(StackSettings settings)
    {
        if (settings.Slack.Mode == SlackMode.App)
        {
            return $"Replace the bot token with `pulumi config set --secret {SlackBotToken.Key} '<new bot token>' --stack {settings.Stack}` (or in the Pulumi ESC environment that provides it) and run `pulumi up`.";
        }

        var role = "{{ with $labels.receiver_name }}{{ reReplaceAll \"^slack-\" \"\" . }}{{ else }}<role>{{ end }}";
        // The rule file is no secret store: the command shows where the new URL goes, not what one looks like (no Slack host).
        return $"Rotate the webhook with `pulumi config set --secret --path slackWebhooks.{role} '<new webhook URL>' --stack {settings.Stack}` (or in the Pulumi ESC environment that provides it) and run `pulumi up`.";
    }

    /// <summary>Where the scrape job comes from for the stack's rule target: the file <c>review --out</c> writes, or the PodMonitor the stack declares.</summary>
    private static string ScrapeFix(StackSettings settings) => settings.Rules.Target == RuleTarget.PrometheusRule
        ? $"The stack declares the PodMonitor {AlertmanagerScrape.PodMonitorNamespace(settings)}/{AlertmanagerScrape.PodMonitorName(settings)}: check that the operator's Prometheus selects it (its podMonitorSelector and podMonitorNamespaceSelector) and that `kubectl get podmonitor --namespace {AlertmanagerScrape.PodMonitorNamespace(settings)}` lists it."
        : $"Add the scrape job of the {AlertmanagerScrape.FileName} that `review --out` writes to Prometheus (list it in scrape_config_files, or move its job under scrape_configs) and reload Prometheus.";

    /// <summary>Where the alerting section comes from for the stack's rule target.</summary>
    private static string AlertingFix(StackSettings settings) => settings.Rules.Target == RuleTarget.PrometheusRule
        ? "Check the alertmanagers entry of the Prometheus resource's spec.alerting (the review's Prometheus section shows it)."
        : $"Check the alerting section of prometheus.yml against the {PrometheusAlertingSnippet.FileName} that `review --out` writes.";

    /// <summary>Requests that failed within the window with none succeeding there, per <paramref name="by"/> (see <see cref="HeartbeatRule.Expression"/> on why requests).</summary>
    private static string Failing(string job, string window, string by)
    {
        var failed = $"sum by({by}) (increase(alertmanager_notification_requests_failed_total{{{job}}}[{window}]))";
        var total = $"sum by({by}) (increase(alertmanager_notification_requests_total{{{job}}}[{window}]))";
        return $"{failed} > 0 unless on({by}) {total} - {failed} >= 0.5";
    }

    /// <summary>The rule with its runbook page linked (<see cref="ModelAlertRules.RunbookUrl(SlackSettings, string)"/>), when one is known.</summary>
    private static PrometheusAlertingRule WithRunbook(PrometheusAlertingRule rule, StackSettings settings) =>
        rule.Alert is { } alert && ModelAlertRules.RunbookUrl(settings.Slack, alert) is { } runbook
            ? rule with { Annotations = new Dictionary<string, string>(rule.Annotations) { ["runbook_url"] = Rendering.GoTemplateText.Escape(runbook) } }
            : rule;

    private static PrometheusAlertingRule Rule(string alert, string expr, string? wait, string severity, string summary, string description) =>
        new(alert, expr, wait, new Dictionary<string, string> { ["severity"] = severity }, new Dictionary<string, string> { ["summary"] = summary, ["description"] = description });
}
