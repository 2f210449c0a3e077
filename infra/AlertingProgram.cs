using MlopsAlerting.Components;
using MlopsAlerting.Core.Migration;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Infra;

/// <summary>
/// The stack: validates the settings, declares the components and returns the stack outputs. No
/// output carries a secret in plain text; the basic-auth password is a secret output.
/// </summary>
internal static class AlertingProgram
{
    public static IDictionary<string, object?> Run() => Run(null);

    /// <param name="shared">Options given to every component, e.g. an explicit Kubernetes provider, or a test's transformations.</param>
    public static IDictionary<string, object?> Run(ComponentResourceOptions? shared)
    {
        var stack = Deployment.Instance.StackName;
        var settings = EngineSettings.Load(stack);

        var rendered = AlertmanagerConfigRenderer.Render(settings);
        var rules = StackRules.Render(settings);
        var workload = AlertmanagerWorkload.From(settings);
        var policyRules = NetworkPolicyRules.From(settings);
        var labels = StandardLabels.Of(stack, WorkloadNames.App);
        shared = ComponentResourceOptions.Merge(new ComponentResourceOptions { Providers = { KubernetesProvider.Create() } }, shared);

        var ns = new MonitoringNamespace("monitoring-namespace", new MonitoringNamespaceArgs
        {
            Name = settings.Namespace,
            Labels = StandardLabels.Common(stack),
            Annotations = GuideImport.AdoptedObjectAnnotations(settings),
        }, Options(shared));

        var webhooks = new SlackWebhookSecret(WorkloadNames.SlackSecret(settings.Slack.Mode), new SlackWebhookSecretArgs
        {
            Namespace = ns.Name,
            Webhooks = settings.SlackWebhooks,
            BotToken = settings.Slack.Mode == SlackMode.App ? settings.SlackBotToken : null,
            Heartbeat = settings.HeartbeatUrl.IsSet ? settings.HeartbeatUrl : null,
            Labels = labels,
        }, Options(shared));

        var configuration = new AlertmanagerConfiguration("alertmanager-config", new AlertmanagerConfigurationArgs
        {
            Namespace = ns.Name,
            Rendered = rendered,
            Labels = labels,
        }, Options(shared));

        var basicAuth = settings.Access.BasicAuth.Enabled
            ? new AlertmanagerBasicAuth("alertmanager-basic-auth", new AlertmanagerBasicAuthArgs
            {
                Namespace = ns.Name,
                Username = settings.Access.BasicAuth.Username,
                // In the stack's own namespace, wait for it to exist; elsewhere Prometheus's namespace exists already.
                PrometheusNamespace = settings.Access.BasicAuth.PrometheusSecret.Namespace == settings.Namespace
                    ? ns.Name
                    : settings.Access.BasicAuth.PrometheusSecret.Namespace,
                PrometheusSecretName = settings.Access.BasicAuth.PrometheusSecret.Name,
                Labels = labels,
            }, Options(shared))
            : null;

        var alertmanager = new Alertmanager("alertmanager", new AlertmanagerArgs
        {
            Namespace = ns.Name,
            Stack = stack,
            Workload = workload,
            AdoptedAnnotations = GuideImport.AdoptedObjectAnnotations(settings),
            ConfigMapName = configuration.ConfigMapName,
            WebhookSecretName = webhooks.SecretName,
            WebhookKeys = webhooks.Keys,
            WebConfigSecretName = basicAuth is null ? null : (Input<string>)basicAuth.SecretName,
            Ingress = IngressRoute.From(settings),
        }, Options(shared));

        if (policyRules is not null)
        {
            _ = new AlertmanagerNetworkPolicy("alertmanager-network-policy", new AlertmanagerNetworkPolicyArgs
            {
                Namespace = ns.Name,
                Rules = policyRules,
                Labels = labels,
            }, Options(shared));
        }

        var ruleSet = new ModelAlertRuleSet("mlops-model-alerts", new ModelAlertRuleSetArgs
        {
            Namespace = ns.Name,
            Rules = rules,
            Settings = settings.Rules,
            Labels = StandardLabels.Of(stack, "alert-rules"),
        }, Options(shared));

        if (settings.Rules.Target == RuleTarget.PrometheusRule)
        {
            var monitorLabels = new Dictionary<string, string>(StandardLabels.Of(stack, "alertmanager-scrape"));
            foreach (var (key, value) in settings.Rules.Labels)
            {
                monitorLabels[key] = value;
            }

            var monitorNamespace = AlertmanagerScrape.PodMonitorNamespace(settings);
            _ = new AlertmanagerPodMonitor("alertmanager-pod-monitor", new AlertmanagerPodMonitorArgs
            {
                Namespace = monitorNamespace == settings.Namespace ? ns.Name : monitorNamespace,
                Settings = settings,
                Workload = workload,
                Labels = monitorLabels,
            }, Options(shared));
        }

        var outputs = new Dictionary<string, object?>
        {
            ["namespace"] = ns.Name,
            ["serviceName"] = alertmanager.ServiceName,
            ["servicePort"] = WorkloadPorts.Http,
            ["inClusterUrl"] = workload.InClusterUrl,
            ["externalUrl"] = settings.Alertmanager.ExternalUrl.AbsoluteUri,
            ["portForwardCommand"] = workload.PortForwardCommand,
            ["channels"] = ChannelRoles.Every.ToDictionary(r => r.Key(), r => settings.Slack.Channels[r]),
            ["configChecksum"] = configuration.Checksum,
            ["configMapName"] = configuration.ConfigMapName,
            ["replicas"] = workload.Replicas,
            ["quorum"] = workload.Quorum,
            ["prometheusDelivery"] = workload.Clustered
                ? $"Prometheus must send every alert to every replica itself (no load balancer in between): discover them through the DNS name {workload.ClusterHost} (one A record per replica, port {WorkloadPorts.Http})."
                : $"One replica: Prometheus sends to {workload.ServiceHost}:{WorkloadPorts.Http}.",
            ["prometheusTargets"] = workload.Clustered ? workload.ClusterHost : $"{workload.ServiceHost}:{WorkloadPorts.Http}",
            ["prometheusAlertingConfig"] = PrometheusAlertingSnippet.Render(settings, workload),
            ["prometheusOperatorAlerting"] = PrometheusAlertingSnippet.RenderOperator(settings, workload),
            ["alertmanagerScrapeJob"] = AlertmanagerScrape.JobName(settings),
            ["prometheusScrapeConfig"] = AlertmanagerScrape.Render(settings, workload),
            ["heartbeat"] = settings.HeartbeatUrl.IsSet ? $"a ping every {settings.Heartbeat.Interval} to the outside dead man's switch" : "none: nothing outside watches the alerting",
            ["basicAuthEnabled"] = basicAuth is not null,
            ["rulesObject"] = ruleSet.ObjectName.Apply(n => $"{ruleSet.Kind}/{n}"),
        };
        if (workload.PeerAddress is { } peer)
        {
            outputs["clusterPeer"] = peer;
        }

        if (basicAuth is not null)
        {
            outputs["basicAuthUsername"] = basicAuth.Username;
            outputs["basicAuthPassword"] = basicAuth.Password;
            outputs["prometheusPasswordSecret"] = basicAuth.PrometheusSecret;
        }

        return outputs;
    }

    private static ComponentResourceOptions Options(ComponentResourceOptions? shared) => ComponentResourceOptions.Merge(null, shared);
}
