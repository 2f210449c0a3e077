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
            new("image", SettingKind.String, "Container image with a pinned tag or digest; latest or no tag is refused, and a tag that names no release (a digest alone, main) needs alertmanager.imageVersion.", DefaultImage),
            new("imageVersion", SettingKind.String, "The Alertmanager release the image runs, major.minor.patch (quote it: imageVersion: \"0.34.0\"): required when the image's tag names none (pinned by digest alone, or a tag such as main), refused when it disagrees with a tag that names one. It decides everything that depends on the release: 0.25 or newer is needed at all, receiver names in the delivery self-alerts (0.27), --dispatch.start-delay (0.30), heartbeatUrl (0.27) and slack.mode app (0.32)."),
            new("replicas", SettingKind.Integer, "Pods; more than one form a gossiping cluster with a PodDisruptionBudget, and 3 survives a drain and a lost node during a rollout. 2 is refused: a drain leaves one replica notifying until its replacement's start delay has passed, so a node lost then leaves nothing notifying.", 1),
            new("externalUrl", SettingKind.String, "URL people open Alertmanager at; Slack links and the Silence button point here.", "http://localhost:9093"),
            new("resources", SettingKind.Object, "Container requests and limits (Kubernetes quantities).", Children:
            [
                new("cpuRequest", SettingKind.String, "CPU request.", "25m"),
                new("memoryRequest", SettingKind.String, "Memory request.", "64Mi"),
                new("cpuLimit", SettingKind.String, "CPU limit; leave unset for none.", "200m"),
                new("memoryLimit", SettingKind.String, "Memory limit (at least the request).", "128Mi"),
            ]),
            new("storage", SettingKind.Object, "Each replica's volume for its silences and notification log (--storage.path), a PersistentVolumeClaim of the StatefulSet, so they survive every pulumi up and losing every pod at once.", Children:
            [
                new("size", SettingKind.String, "Storage request of each replica's claim storage-alertmanager-<n> (a Kubernetes quantity).", "1Gi"),
                new("storageClass", SettingKind.String, "StorageClass of the claims; unset for the cluster's default class."),
                new("emptyDir", SettingKind.Boolean, "true: no claim, an emptyDir; every restart of a pod empties it (one replica loses its silences at each configuration change; several lose them when every pod goes at once).", false),
            ]),
            new("placement", SettingKind.Object, "Where the pods run and what they carry, as the community chart's values offer them; each is checked (label syntax, toleration operators and effects, node selector operators, object names; no pod label the stack sets itself).", Children:
            [
                new("zoneSpread", SettingKind.String, "Spread of the replicas over topology.kubernetes.io/zone: soft (preferred, still scheduled when a zone is full or down), hard (a replica that would unbalance the zones stays Pending) or off; beside the preferred one-per-node anti-affinity.", "soft"),
                new("nodeSelector", SettingKind.StringMap, "Node labels every pod requires."),
                new("tolerations", SettingKind.ObjectList, "Taints the pods tolerate.", Children:
                [
                    new("key", SettingKind.String, "The taint key; unset with operator Exists tolerates every taint."),
                    new("operator", SettingKind.String, "Equal (key and value match) or Exists (any value).", "Equal"),
                    new("value", SettingKind.String, "The taint value (Equal only)."),
                    new("effect", SettingKind.String, "NoSchedule, PreferNoSchedule or NoExecute; unset for every effect."),
                    new("tolerationSeconds", SettingKind.Integer, "How long a NoExecute taint is tolerated; unset for ever."),
                ]),
                new("nodeAffinity", SettingKind.Object, "Node affinity beside the built-in one-per-node anti-affinity of the replicas.", Children:
                [
                    new("required", SettingKind.ObjectList, "Node label expressions every pod's node must meet (all of them).", Children:
                    [
                        new("key", SettingKind.String, "Node label."),
                        new("operator", SettingKind.String, "In, NotIn, Exists, DoesNotExist, Gt or Lt."),
                        new("values", SettingKind.StringList, "Label values (none for Exists and DoesNotExist, one whole number for Gt and Lt).", Array.Empty<string>()),
                    ]),
                    new("preferred", SettingKind.ObjectList, "Node label expressions the scheduler prefers, each a term with its weight.", Children:
                    [
                        new("weight", SettingKind.Integer, "1 to 100."),
                        new("key", SettingKind.String, "Node label."),
                        new("operator", SettingKind.String, "In, NotIn, Exists, DoesNotExist, Gt or Lt."),
                        new("values", SettingKind.StringList, "Label values.", Array.Empty<string>()),
                    ]),
                ]),
                new("priorityClassName", SettingKind.String, "PriorityClass of the pods; unset for the cluster's default."),
                new("podLabels", SettingKind.StringMap, "Extra labels on the pods (never the stack's own app.kubernetes.io labels)."),
                new("podAnnotations", SettingKind.StringMap, "Extra annotations on the pods."),
                new("imagePullSecrets", SettingKind.StringList, "Secrets in the stack's namespace with credentials for a private mirror of the image.", Array.Empty<string>()),
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
                new("all", SettingKind.String, "Every alert, for the whole team (quote channel names: YAML reads a bare # as a comment).", "#ml-alerts"),
                new("critical", SettingKind.String, "Critical alerts, for on-call.", "#ml-alerts-critical"),
                new("warning", SettingKind.String, "Warnings, for ML engineers and DevOps.", "#ml-alerts-warning"),
            ]),
            new("owner", SettingKind.String, "Owner mention in every message, e.g. @ml-team, or <!subteam^ID> to ping a user group.", "@ml-team"),
            new("grafanaUrl", SettingKind.String, "Target of the View in Grafana button.", "http://grafana.monitoring.svc.cluster.local:3000"),
            new("runbookBaseUrl", SettingKind.String, "Runbooks kept elsewhere than this project's docs: an alert's runbook is this URL, a slash and the alert name (it overrides docsUrl)."),
            new("mode", SettingKind.String, "webhooks (one Slack app webhook per channel, in slackWebhooks) or app (one bot token in slackBotToken for every channel; resolved messages edit the original; needs Alertmanager 0.32 or newer).", "webhooks"),
        ]),
        new("docsUrl", SettingKind.String, "Where this repository's docs/ folder can be read in a browser, e.g. https://github.com/<org>/<repo>/blob/main/docs: every alert's runbook_url is <docsUrl>/runbooks/<AlertName>.md unless slack.runbookBaseUrl is set. Empty: the docs folder of the git remote origin on its default branch (GitHub, GitLab or Bitbucket), else no runbook link."),
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
            new("interval", SettingKind.Duration, "How often the heartbeat pings; the outside check's period (at least 1m, and with replicas at least twice their lag, like every route).", "5m"),
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
                new("slackEgressCidrs", SettingKind.StringList, "Address ranges Alertmanager may reach on TCP 443 (Slack has no fixed addresses); unset, the whole of cluster.ipFamily (0.0.0.0/0, ::/0 or both). IPv4 with all four parts, or IPv6.", new[] { "0.0.0.0/0" }),
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
            new("labels", SettingKind.StringMap, "Extra labels on the rule object, e.g. release: <helm release> for kube-prometheus-stack's ruleSelector; the review warns when a prometheusRule has none."),
            new("missingFor", SettingKind.Duration, "How long a model may report no MAE series, or only NaN (exporter or model down), before ModelMetricsMissing fires.", "10m"),
            new("missingSeverity", SettingKind.String, "Severity of ModelMetricsMissing: critical, warning or info.", "warning"),
            new("unlistedModels", SettingKind.String, "A model reporting MAE that models does not list: watch (with the default thresholds), alert (ModelNotListed), both, or ignore.", "watch"),
            new("ownedSeries", SettingKind.String, "PromQL label matchers choosing the MAE series this stack owns, e.g. namespace=\"ml-prod\" or team=~\"fraud|pricing\"; empty: every series. Every model rule (thresholds, unlisted models, ModelMetricsMissing) reads only those, so stacks sharing one Prometheus set disjoint ones.", ""),
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
            new("resendDelay", SettingKind.Duration, "Prometheus's --rules.alert.resend-delay: a firing alert is sent again only at the first evaluation strictly after this (so every two intervals when both are 1m). With evaluationInterval it decides each new replica's start delay; over 5m in all is refused.", "1m"),
        ]),
        new("migration", SettingKind.Object, "Taking over objects another tool wrote (docs/migrating-from-the-guide.md).", Children:
        [
            new("patchForce", SettingKind.Boolean, "Put pulumi.com/patchForce on the namespace and Service so server-side apply takes over the fields kubectl apply wrote; on for the first pulumi up after the guide's import, then off.", false),
        ]),
        new("dashboard", SettingKind.Object, "The stack's Grafana dashboard (each model's MAE against its thresholds, the alerts, the alerting itself) and how it reaches Grafana; the View in Grafana button opens it at the alert.", Children:
        [
            new("delivery", SettingKind.String, "configMap (a ConfigMap for Grafana's dashboard sidecar, as kube-prometheus-stack runs it), grafanaOperator (a grafana.integreatly.org/v1beta1 GrafanaDashboard) or none (import the JSON that review --out writes).", "configMap"),
            new("namespace", SettingKind.String, "Namespace of the ConfigMap or GrafanaDashboard, where the sidecar or operator looks (kube-prometheus-stack's sidecar watches only Grafana's namespace unless sidecar.dashboards.searchNamespace says otherwise); empty: the stack's namespace.", ""),
            new("labels", SettingKind.StringMap, "Labels on the object; the sidecar loads ConfigMaps that carry its label (kube-prometheus-stack's sidecar.dashboards.label and labelValue: grafana_dashboard: \"1\").", new Dictionary<string, string> { ["grafana_dashboard"] = "1" }),
            new("instanceSelector", SettingKind.StringMap, "grafanaOperator only: the labels of the Grafana instances that load the dashboard (spec.instanceSelector.matchLabels).", new Dictionary<string, string> { ["dashboards"] = "grafana" }),
        ]),
        new("models", SettingKind.ObjectList, "Models the rules watch. A series' own model_version label wins: each version of a model (a canary, a shadow, an A/B test) alerts on its own; version labels only the series that carry none.", Children:
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
            new("groupInterval", SettingKind.Duration, $"Wait before telling a notified group's changes in {channel} (the worst-case delay of a new alert joining it); default {groupIntervalDefault}. With replicas it must be at least twice (replicas - 1) x the 5s peer timeout (20s for 3): a defaulted one is raised to that, a set one is refused."),
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
