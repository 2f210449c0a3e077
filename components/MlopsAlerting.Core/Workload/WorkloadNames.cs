namespace MlopsAlerting.Core.Workload;

/// <summary>
/// The Kubernetes names of every object the stack declares. Fixed names are what people type
/// (<c>kubectl port-forward svc/alertmanager 9093:9093</c>); the configuration ConfigMap alone is
/// auto-named from <see cref="ConfigMapPrefix"/> so that each configuration is a new, immutable object.
/// </summary>
public static class WorkloadNames
{
    /// <summary>The app name, also the value of <c>app.kubernetes.io/name</c>.</summary>
    public const string App = "alertmanager";

    /// <summary>The value of <c>app.kubernetes.io/part-of</c> on every object.</summary>
    public const string PartOf = "mlops-alerting";

    /// <summary>The value of <c>app.kubernetes.io/managed-by</c> on every object.</summary>
    public const string ManagedBy = "pulumi";

    /// <summary>The ClusterIP Service of the web and API port.</summary>
    public const string Service = "alertmanager";

    /// <summary>The headless Service through which replicas find each other (and Prometheus finds every replica).</summary>
    public const string ClusterService = "alertmanager-cluster";

    /// <summary>The StatefulSet of the Alertmanager pods (one volume claim per replica).</summary>
    public const string StatefulSet = "alertmanager";

    /// <summary>The Deployment that ran the pods before the StatefulSet; a stack that still has it deletes it after the StatefulSet is ready.</summary>
    public const string FormerDeployment = "alertmanager";

    /// <summary>The volume claim template, and so the first part of each replica's claim: <c>storage-alertmanager-0</c>, ...</summary>
    public const string StorageClaim = "storage";

    public const string ServiceAccount = "alertmanager";

    public const string PodDisruptionBudget = "alertmanager";

    public const string NetworkPolicy = "alertmanager";

    /// <summary>Prefix of the auto-named, immutable ConfigMap holding <c>alertmanager.yml</c> and its templates.</summary>
    public const string ConfigMapPrefix = "alertmanager-config-";

    /// <summary>The Secret holding one webhook file per channel role.</summary>
    public const string WebhookSecret = "alertmanager-slack-webhooks";

    /// <summary>The Secret holding the Slack app's bot token (Slack app mode), mounted where the webhook files would be.</summary>
    public const string BotTokenSecret = "alertmanager-slack-bot-token";

    /// <summary>The Slack Secret of a mode: the webhooks, or the bot token.</summary>
    public static string SlackSecret(Settings.SlackMode mode) => mode == Settings.SlackMode.App ? BotTokenSecret : WebhookSecret;

    /// <summary>The Secret holding the web config (basic auth) and the probes' Authorization header.</summary>
    public const string WebConfigSecret = "alertmanager-web-config";

    /// <summary>The ConfigMap or PrometheusRule holding the model alert rules.</summary>
    public const string Rules = "mlops-model-alerts";

    /// <summary>The container's name.</summary>
    public const string Container = "alertmanager";

    /// <summary>The optional Ingress to <c>alertmanager.externalUrl</c>.</summary>
    public const string Ingress = "alertmanager";
}
