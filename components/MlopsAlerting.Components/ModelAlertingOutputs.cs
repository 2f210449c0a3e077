using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Components;

/// <summary>
/// The outputs of <see cref="ModelAlerting"/>, which the <c>mlops-alerting</c> stack exports as they are.
/// No output carries a secret in plain text; the basic-auth password is a secret output.
/// </summary>
internal static class ModelAlertingOutputs
{
    public static IDictionary<string, object?> Of(
        StackSettings settings,
        AlertmanagerWorkload workload,
        MonitoringNamespace ns,
        Alertmanager alertmanager,
        AlertmanagerConfiguration configuration,
        AlertmanagerBasicAuth? basicAuth,
        ModelAlertRuleSet ruleSet)
    {
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
}
