namespace MlopsAlerting.Core.Config;

/// <summary>
/// Every key a stack may set, with defaults up front. The single source of truth for the config
/// schema in <c>Pulumi.yaml</c> (a test keeps the two equal).
/// </summary>
public static class SettingsSchema
{
    /// <summary>The Pulumi project name, and the namespace of every key in a stack file.</summary>
    public const string Project = "mlops-alerting";

    public const string DefaultImage = "quay.io/prometheus/alertmanager:v0.34.0";

    public static readonly IReadOnlyList<SettingSpec> Keys =
    [
        new("namespace", SettingKind.String, "Kubernetes namespace of Alertmanager and its objects.", "monitoring"),
        new("environment", SettingKind.String, "Environment name shown in every Slack message, e.g. Production. Empty means the stack name.", ""),
        new("alertmanager", SettingKind.Object, "The Alertmanager workload.", Children:
        [
            new("image", SettingKind.String, "Container image with a pinned tag or digest (never latest).", DefaultImage),
            new("imageVersion", SettingKind.String, "The Alertmanager release the image runs, major.minor.patch (e.g. 0.34.0): required when the image's tag names none (pinned by digest alone, or a tag such as main), and must agree with a tag that names one. It decides the flags and features the stack uses."),
            new("replicas", SettingKind.Integer, "Pods; more than one form a gossiping cluster with a PodDisruptionBudget.", 1),
            new("externalUrl", SettingKind.String, "URL people open Alertmanager at; Slack links and the Silence button point here.", "http://localhost:9093"),
            new("resources", SettingKind.Object, "Container requests and limits (Kubernetes quantities).", Children:
            [
                new("cpuRequest", SettingKind.String, "CPU request.", "25m"),
                new("memoryRequest", SettingKind.String, "Memory request.", "64Mi"),
                new("cpuLimit", SettingKind.String, "CPU limit; leave unset for none.", "200m"),
                new("memoryLimit", SettingKind.String, "Memory limit (at least the request).", "128Mi"),
            ]),
        ]),
        new("routing", SettingKind.Object, "Grouping and timing of notifications.", Children:
        [
            new("groupBy", SettingKind.StringList, "Labels that make one message in the critical and warning channels; the default [severity] keeps one group per channel, so one webhook never sends two messages in one flush (Slack answers the second with 429). The all channel puts every alert in one message per flush.", new[] { "severity" }),
            new("groupWait", SettingKind.Duration, "Wait before the first message of a new group.", "30s"),
            new("groupInterval", SettingKind.Duration, "Wait before telling a group's changes in the warning channel (at least groupWait); the all and critical channels default to their own groupWait (see channels).", "5m"),
            new("repeatInterval", SettingKind.Duration, "Wait before repeating an unchanged firing group (at least groupInterval).", "4h"),
            new("resolveTimeout", SettingKind.Duration, "An alert without an end time is resolved after this.", "5m"),
            new("inhibitEqual", SettingKind.StringList, "Labels a firing critical shares with the warnings it mutes.", new[] { "model_name" }),
            new("channels", SettingKind.Object, "Timings of each channel role's route; unset keys keep the defaults.", Children:
            [
                RoleTiming("all", "the all channel", "its groupWait, so a new critical reaches #ml-alerts within groupWait"),
                RoleTiming("critical", "the critical channel", "its groupWait, so a new critical reaches on-call within groupWait"),
                RoleTiming("warning", "the warning channel", "routing.groupInterval: warnings batch longer"),
            ]),
        ]),
        new("slack", SettingKind.Object, "Slack channels and message content.", Children:
        [
            new("channels", SettingKind.Object, "Channel of each role.", Children:
            [
                new("all", SettingKind.String, "Every alert, for the whole team.", "#ml-alerts"),
                new("critical", SettingKind.String, "Critical alerts, for on-call.", "#ml-alerts-critical"),
                new("warning", SettingKind.String, "Warnings, for ML engineers and DevOps.", "#ml-alerts-warning"),
            ]),
            new("owner", SettingKind.String, "Owner mention in every message, e.g. @ml-team or <!subteam^ID>.", "@ml-team"),
            new("grafanaUrl", SettingKind.String, "Target of the View in Grafana button.", "http://grafana.monitoring.svc.cluster.local:3000"),
            new("runbookBaseUrl", SettingKind.String, "Runbook of an alert without a runbook_url annotation: this URL, a slash and the alert name."),
            new("mode", SettingKind.String, "webhooks (one Slack app webhook per channel, in slackWebhooks) or app (one bot token in slackBotToken for every channel; resolved messages edit the original; needs Alertmanager 0.32 or newer).", "webhooks"),
        ]),
        new("slackWebhooks", SettingKind.Object, "Secret. The Slack app webhook of each channel role; set with pulumi config set --secret --path slackWebhooks.<role> URL.", Children:
        [
            new("all", SettingKind.Secret, "Webhook of the all channel."),
            new("critical", SettingKind.Secret, "Webhook of the critical channel."),
            new("warning", SettingKind.Secret, "Webhook of the warning channel."),
        ]),
        new("slackBotToken", SettingKind.Secret, "Secret. The Slack app's bot token (xoxb-...) used by slack.mode app for every channel; set with pulumi config set --secret slackBotToken xoxb-...."),
        new("heartbeatUrl", SettingKind.Secret, "Secret. The ping URL of an outside dead man's switch (healthchecks.io, Dead Man's Snitch, ...) that Alertmanager posts the always-firing Heartbeat to every heartbeat.interval; unset, nothing outside watches the alerting. Needs Alertmanager 0.27 or newer; set with pulumi config set --secret heartbeatUrl URL."),
        new("heartbeat", SettingKind.Object, "The heartbeat to the outside dead man's switch (only with heartbeatUrl).", Children:
        [
            new("interval", SettingKind.Duration, "How often the heartbeat pings; the outside check's period (at least 1m).", "5m"),
        ]),
        new("access", SettingKind.Object, "Who may reach Alertmanager.", Children:
        [
            new("basicAuth", SettingKind.Object, "Basic auth on the web and API port, with a generated password.", Children:
            [
                new("enabled", SettingKind.Boolean, "Whether to require basic auth.", false),
                new("username", SettingKind.String, "User name.", "alertmanager"),
                new("prometheusSecret", SettingKind.Object, "The Secret holding the user name and password for Prometheus, in Prometheus's namespace.", Children:
                [
                    new("namespace", SettingKind.String, "Namespace Prometheus runs in.", "monitoring"),
                    new("name", SettingKind.String, "Name of the Secret; Prometheus mounts it at /etc/prometheus/secrets/<name>. Unset, a stack outside Prometheus's namespace gets alertmanager-basic-auth-<namespace>.", "alertmanager-basic-auth"),
                ]),
            ]),
            new("networkPolicy", SettingKind.Object, "A NetworkPolicy around Alertmanager.", Children:
            [
                new("enabled", SettingKind.Boolean, "Whether to declare the policy.", false),
                new("allowFrom", SettingKind.ObjectList, "Who may call port 9093: a namespace, optionally narrowed by pod labels.", Children:
                [
                    new("namespace", SettingKind.String, "Namespace of the callers."),
                    new("podLabels", SettingKind.StringMap, "Labels the calling pods carry; empty for every pod of the namespace."),
                ]),
                new("slackEgressCidrs", SettingKind.StringList, "Address ranges Alertmanager may reach on TCP 443 (Slack); unset, the whole of cluster.ipFamily (0.0.0.0/0, ::/0 or both).", new[] { "0.0.0.0/0" }),
            ]),
            new("ingress", SettingKind.Object, "An Ingress routing the host and path of alertmanager.externalUrl to the alertmanager Service.", Children:
            [
                new("enabled", SettingKind.Boolean, "Whether to declare the Ingress.", false),
                new("className", SettingKind.String, "IngressClass; unset for the cluster's default class."),
                new("tlsSecretName", SettingKind.String, "Secret holding the host's certificate; unset when TLS ends before the controller."),
                new("controllerNamespace", SettingKind.String, "Namespace of the ingress controller pods, which the NetworkPolicy lets reach 9093.", "ingress-nginx"),
            ]),
        ]),
        new("rules", SettingKind.Object, "The model alert rules.", Children:
        [
            new("target", SettingKind.String, "configMap (a rule file) or prometheusRule (Prometheus operator).", "configMap"),
            new("metric", SettingKind.String, "Gauge of each model's MAE, labelled model_name.", "model_mae"),
            new("labels", SettingKind.StringMap, "Extra labels on the rule object, e.g. for the operator's ruleSelector."),
            new("missingFor", SettingKind.Duration, "How long a model may report no MAE series (exporter or model down) before ModelMetricsMissing fires.", "10m"),
            new("missingSeverity", SettingKind.String, "Severity of ModelMetricsMissing: critical, warning or info.", "warning"),
            new("unlistedModels", SettingKind.String, "A model reporting MAE that models does not list: watch (with the default thresholds), alert (ModelNotListed), both, or ignore.", "watch"),
            new("ownedSeries", SettingKind.String, "PromQL label matchers choosing the MAE series this stack owns, e.g. namespace=\"ml-prod\"; empty: every series. Stacks sharing one Prometheus watch only their own.", ""),
        ]),
        new("cluster", SettingKind.Object, "Facts about the Kubernetes cluster that cannot be discovered offline.", Children:
        [
            new("domain", SettingKind.String, "The cluster's DNS domain (the kubelet's clusterDomain).", "cluster.local"),
            new("dns", SettingKind.String, "Where pods send DNS lookups, which the NetworkPolicy lets through: kubeDns, nodeLocalDnsCache, gkeCloudDns, openShift or any.", "kubeDns"),
            new("dnsCidrs", SettingKind.StringList, "More addresses the NetworkPolicy lets DNS lookups (UDP and TCP 53) go to.", Array.Empty<string>()),
            new("ipFamily", SettingKind.String, "The pods' and Services' IP family: IPv4, IPv6 or dual (IPv4 first); Prometheus's DNS record type, the default Slack egress and the gossip address follow it.", "IPv4"),
        ]),
        new("prometheus", SettingKind.Object, "Timings of the Prometheus that sends the alerts; a new Alertmanager replica holds its notifications for evaluationInterval + resendDelay + the 30s DNS discovery refresh (--dispatch.start-delay) and turns ready only 5s after it.", Children:
        [
            new("evaluationInterval", SettingKind.Duration, "Prometheus's evaluation_interval for the model rules (global.evaluation_interval, or the rule group's interval).", "1m"),
            new("resendDelay", SettingKind.Duration, "Prometheus's --rules.alert.resend-delay: a firing alert is sent again only after this (so every two intervals when both are 1m).", "1m"),
        ]),
        new("migration", SettingKind.Object, "Taking over objects another tool wrote (README, Migrating from the hand-run guide).", Children:
        [
            new("patchForce", SettingKind.Boolean, "Put pulumi.com/patchForce on the namespace, Deployment and Service so server-side apply takes over the fields kubectl apply wrote; on for the first pulumi up after the guide's import, then off.", false),
        ]),
        new("dashboard", SettingKind.Object, "The stack's Grafana dashboard (each model's MAE against its thresholds, the alerts, the alerting itself) and how it reaches Grafana; the View in Grafana button opens it at the alert.", Children:
        [
            new("delivery", SettingKind.String, "configMap (a ConfigMap for Grafana's dashboard sidecar, as kube-prometheus-stack runs it), grafanaOperator (a grafana.integreatly.org/v1beta1 GrafanaDashboard) or none (import the JSON that review --out writes).", "configMap"),
            new("namespace", SettingKind.String, "Namespace of the ConfigMap or GrafanaDashboard, where the sidecar or operator looks (the sidecar watches Grafana's namespace unless told otherwise); empty: the stack's namespace.", ""),
            new("labels", SettingKind.StringMap, "Labels on the object; the sidecar loads ConfigMaps that carry its label (kube-prometheus-stack: grafana_dashboard: \"1\").", new Dictionary<string, string> { ["grafana_dashboard"] = "1" }),
            new("instanceSelector", SettingKind.StringMap, "grafanaOperator only: the labels of the Grafana instances that load the dashboard (spec.instanceSelector.matchLabels).", new Dictionary<string, string> { ["dashboards"] = "grafana" }),
        ]),
        new("models", SettingKind.ObjectList, "Models the rules watch.", Children:
        [
            new("name", SettingKind.String, "Model name, the model_name label."),
            new("version", SettingKind.String, "Model version shown in messages."),
            new("maeCritical", SettingKind.Number, "MAE above which the critical alert fires.", 0.40m),
            new("criticalFor", SettingKind.Duration, "How long MAE stays above maeCritical before firing.", "5m"),
            new("maeWarning", SettingKind.Number, "MAE above which the warning fires (below maeCritical).", 0.30m),
            new("warningFor", SettingKind.Duration, "How long MAE stays above maeWarning before firing.", "15m"),
        ]),
    ];

    private static SettingSpec RoleTiming(string role, string channel, string groupIntervalDefault) =>
        new(role, SettingKind.Object, $"Timings of {channel}.", Children:
        [
            new("groupWait", SettingKind.Duration, $"Wait before the first message of a new group in {channel}; default routing.groupWait."),
            new("groupInterval", SettingKind.Duration, $"Wait before telling a notified group's changes in {channel} (the worst-case delay of a new alert joining it); default {groupIntervalDefault}."),
            new("repeatInterval", SettingKind.Duration, $"Wait before repeating an unchanged firing group in {channel}; default routing.repeatInterval."),
        ]);

    /// <summary>The spec at a dotted path such as <c>routing.groupWait</c>.</summary>
    public static SettingSpec? Find(string path)
    {
        SettingSpec? spec = null;
        var level = Keys;
        foreach (var part in path.Split('.'))
        {
            spec = level?.FirstOrDefault(s => s.Name == part);
            if (spec is null)
            {
                return null;
            }

            level = spec.Children;
        }

        return spec;
    }
}
