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
/// the Deployment passes), and without it the aggregations simply keep one series per integration.
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
        var channel = "{{ $labels.integration }}{{ with $labels.receiver_name }} receiver {{ . }}{{ end }}";
        var heartbeat = settings.HeartbeatUrl.IsSet ? " The heartbeat is held back meanwhile if no Slack notification gets through, so the outside dead man's switch pages too." : string.Empty;

        var rules = new List<PrometheusAlertingRule>
        {
            Rule(NotificationsFailing, Failing(job, delivery, "instance, integration, receiver_name"), deliveryFor, "warning",
                "Alertmanager {{ $labels.instance }} cannot deliver to " + channel,
                $"Every {channel} notification from Alertmanager {{{{ $labels.instance }}}} failed for {deliveryFor}, so its alerts do not reach that channel. Check the Alertmanager log (\"Notify attempt failed\"): a revoked webhook (404), an archived channel, or egress to Slack blocked by the NetworkPolicy or a proxy. Rotate the webhook with `pulumi config set --secret --path slackWebhooks.<role> ...` and `pulumi up`."),
            Rule(ChannelUndeliverable, Failing(job, delivery, "integration, receiver_name"), deliveryFor, "critical",
                "No Alertmanager replica can deliver to " + channel,
                $"Every {channel} notification failed on every replica for {deliveryFor}: alerts for that channel are lost until it works again (Alertmanager retries each failed group every group_interval, so they arrive once it does).{heartbeat} Check the webhook (revoked, channel archived), Slack's status and the egress to Slack."),
            Rule(TargetDown, $"up{{{job}}} == 0", wait, "warning",
                "Prometheus cannot scrape Alertmanager {{ $labels.instance }}",
                "Prometheus has not scraped Alertmanager {{ $labels.instance }} for " + wait + ": the replica is down, or the NetworkPolicy, basic auth or DNS keep Prometheus out. With every replica down no alert reaches Slack (the heartbeat stops). Check the pods (`kubectl get pods -l app.kubernetes.io/name=alertmanager`) and Status > Targets."),
            Rule(NotScraped, $"absent(up{{{job}}})", absent, "warning",
                "Prometheus scrapes no Alertmanager of this stack",
                $"Prometheus has no target in the scrape job {AlertmanagerScrape.JobName(settings)}, so it cannot tell whether Alertmanager delivers. Add the scrape job of `review --out`'s prometheus-alerting.yml (or the ServiceMonitor of the prometheusRule target) to Prometheus."),
            Rule(ConfigReloadFailed, $"max_over_time(alertmanager_config_last_reload_successful{{{job}}}[{w}]) == 0", wait, "critical",
                "Alertmanager {{ $labels.instance }} failed to load its configuration",
                "Alertmanager {{ $labels.instance }} rejected its configuration and runs the previous one, so the last change is not in effect. Run `amtool check-config` on the rendered alertmanager.yml and read the pod's log."),
            Rule(SendErrors, $"sum by(alertmanager) (rate(prometheus_notifications_errors_total[{w}])) / sum by(alertmanager) (rate(prometheus_notifications_sent_total[{w}])) > 0.01", wait, "warning",
                "Prometheus fails to send alerts to {{ $labels.alertmanager }}",
                "{{ $value | humanizePercentage }} of Prometheus's alerts to {{ $labels.alertmanager }} failed over " + w + ". A 401 means the password in Prometheus's Secret differs from Alertmanager's (basicAuthPassword); a timeout, the NetworkPolicy or DNS. If every replica fails, nothing reaches Slack and only the heartbeat's outside check notices."),
            // No wait: a drop is a one-off event that leaves the window after it, and those alerts are already lost.
            Rule(Dropped, $"increase(prometheus_notifications_dropped_total[{w}]) > 0", null, "warning",
                "Prometheus dropped alerts",
                "Prometheus dropped {{ $value | printf \"%.0f\" }} alerts over " + w + ": its send queue was full or every Alertmanager failed. Those alerts are lost until the next evaluation sends them again; check PrometheusErrorsSendingAlerts and the queue (`prometheus_notifications_queue_length`)."),
            Rule(TooFewAlertmanagers, $"max_over_time(prometheus_notifications_alertmanagers_discovered[{w}]) < {settings.Alertmanager.Replicas}", wait, "warning",
                "Prometheus knows fewer Alertmanagers than the stack runs",
                $"Prometheus sends alerts to {{{{ $value }}}} Alertmanagers, fewer than the {settings.Alertmanager.Replicas} replicas; a replica it does not know misses alerts. Check the alerting section of prometheus.yml (the headless Service's DNS name) and Status > Runtime & Build Information."),
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
            rules.Add(Rule(MembersInconsistent, $"max_over_time(alertmanager_cluster_members{{{job}}}[{w}]) < on() group_left() count(max_over_time(alertmanager_cluster_members{{{job}}}[{w}]))", wait, "warning",
                "Alertmanager {{ $labels.instance }} does not see every replica",
                "Alertmanager {{ $labels.instance }} sees {{ $value }} cluster members, fewer than Prometheus scrapes: gossip on port 9094 (TCP and UDP) is cut off, so replicas may each send the same notification or miss silences. Check the NetworkPolicy's gossip rule and the alertmanager-cluster Service."));
            rules.Add(Rule(ConfigInconsistent, $"count(count_values(\"config_hash\", alertmanager_config_hash{{{job}}})) > 1", absent, "warning",
                "Alertmanager replicas run different configurations",
                "The replicas report more than one configuration hash for " + absent + ": a rollout stuck half-way or a reload that failed on some. Check `kubectl rollout status deployment/alertmanager` and AlertmanagerConfigReloadFailed."));
        }

        return new PrometheusRuleGroup(GroupNameOf(settings), [.. rules.Select(r => StackIdentity.Labelled(r, settings))]);
    }

    /// <summary>Requests that failed within the window with none succeeding there, per <paramref name="by"/> (see <see cref="HeartbeatRule.Expression"/> on why requests).</summary>
    private static string Failing(string job, string window, string by)
    {
        var failed = $"sum by({by}) (increase(alertmanager_notification_requests_failed_total{{{job}}}[{window}]))";
        var total = $"sum by({by}) (increase(alertmanager_notification_requests_total{{{job}}}[{window}]))";
        return $"{failed} > 0 unless on({by}) {total} - {failed} >= 0.5";
    }

    private static PrometheusAlertingRule Rule(string alert, string expr, string? wait, string severity, string summary, string description) =>
        new(alert, expr, wait, new Dictionary<string, string> { ["severity"] = severity }, new Dictionary<string, string> { ["summary"] = summary, ["description"] = description });
}
