using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Review;

/// <summary>What <c>pulumi up</c> declares for a stack, as the review lists it.</summary>
public static class PlannedResources
{
    public static IReadOnlyList<PlannedResource> For(StackSettings s)
    {
        var ns = s.Namespace;
        var list = new List<PlannedResource>
        {
            new("Namespace", ns, "holds everything below; labelled part-of mlops-alerting"),
            s.Slack.Mode == SlackMode.App
                ? new("Secret", $"{ns}/{WorkloadNames.BotTokenSecret}", "the Slack app's bot token (key bot-token) for every channel" + (s.HeartbeatUrl.IsSet ? $" and {HeartbeatUrl.FileName}" : string.Empty) + ", mounted read-only at /etc/alertmanager/slack")
                : new("Secret", $"{ns}/{WorkloadNames.WebhookSecret}", "one key per channel role (all, critical, warning)" + (s.HeartbeatUrl.IsSet ? $" and {HeartbeatUrl.FileName}" : string.Empty) + ", mounted read-only at /etc/alertmanager/slack"),
            new("ConfigMap", $"{ns}/{WorkloadNames.ConfigMapPrefix}<suffix>", "alertmanager.yml and slack.tmpl; immutable, replaced by a new one on any change, which rolls the pods"),
            new("ServiceAccount", $"{ns}/{WorkloadNames.ServiceAccount}", "no API token mounted"),
            new("StatefulSet", $"{ns}/{WorkloadNames.StatefulSet}", $"{s.Alertmanager.Replicas} replica(s) of {s.Alertmanager.Image}" + (s.Alertmanager.Clustered ? ", gossiping on 9094" : ", clustering off") + "; rolled one pod at a time, each on its own storage: "
                + (s.Alertmanager.Storage.EmptyDir ? "an emptyDir" : $"PersistentVolumeClaim {WorkloadNames.StorageClaim}-{WorkloadNames.StatefulSet}-<n> of {s.Alertmanager.Storage.Size}")),
            new("Service", $"{ns}/{WorkloadNames.Service}", "ClusterIP on 9093, for `kubectl port-forward svc/alertmanager 9093:9093`"),
        };

        if (s.Alertmanager.Clustered)
        {
            list.Add(new("Service", $"{ns}/{WorkloadNames.ClusterService}", "headless; peers find each other on 9094 (TCP and UDP), Prometheus finds every replica on 9093"));
            list.Add(new("PodDisruptionBudget", $"{ns}/{WorkloadNames.PodDisruptionBudget}", $"a node drain evicts one of the {s.Alertmanager.Replicas} pods at a time; never a ready one while another is down (a replica is ready once its gossip settled, peers or not); an unready pod may always be evicted"));
        }

        if (s.Access.BasicAuth.Enabled)
        {
            list.Add(new("RandomPassword", "alertmanager-basic-auth-password", $"password of user '{s.Access.BasicAuth.Username}'; a secret stack output"));
            list.Add(new("Secret", $"{ns}/{WorkloadNames.WebConfigSecret}", "web.yml with the bcrypt hash, mounted for --web.config.file; probe credentials"));
            var forPrometheus = s.Access.BasicAuth.PrometheusSecret;
            list.Add(new("Secret", $"{forPrometheus.Namespace}/{forPrometheus.Name}", $"`{PrometheusAlertingSnippet.UsernameKey}` and `{PrometheusAlertingSnippet.PasswordKey}` for Prometheus, in its namespace; mounted at {PrometheusAlertingSnippet.SecretDirectory(s.Access.BasicAuth)}, where the snippet's password_file points"));
        }

        if (IngressRoute.From(s) is { } route)
        {
            list.Add(new("Ingress", $"{ns}/{WorkloadNames.Ingress}", $"routes {route.Host}{route.Path} to the Service on 9093" + (route.TlsSecretName is null ? string.Empty : $", TLS from Secret {route.TlsSecretName}")));
        }

        if (s.Access.NetworkPolicy.Enabled)
        {
            list.Add(new("NetworkPolicy", $"{ns}/{WorkloadNames.NetworkPolicy}", "9093 from " + string.Join(", ", s.Access.NetworkPolicy.AllowFrom.Select(p => p.Namespace)) + "; 9094 between replicas; egress DNS, Slack HTTPS, peers"));
        }

        if (s.Models.Count > 0)
        {
            list.Add(s.Rules.Target == RuleTarget.PrometheusRule
                ? new("PrometheusRule", $"{ns}/{WorkloadNames.Rules}", $"alert rules shared by threshold, and a catalogue of the {s.Models.Count} model(s)")
                : new("ConfigMap", $"{ns}/{WorkloadNames.Rules}", $"rule file with alert rules shared by threshold, and a catalogue of the {s.Models.Count} model(s), for Prometheus to load"));
        }

        if (s.Rules.Target == RuleTarget.PrometheusRule)
        {
            list.Add(new("PodMonitor", $"{AlertmanagerScrape.PodMonitorNamespace(s)}/{AlertmanagerScrape.PodMonitorName(s)}", $"the operator's Prometheus scrapes every replica's /metrics as job {AlertmanagerScrape.JobName(s)}, for the self-alerts"));
        }

        if (Dashboard.DashboardObject.Kind(s) is { } dashboardKind)
        {
            list.Add(new(dashboardKind, $"{Dashboard.DashboardObject.Namespace(s)}/{Dashboard.DashboardObject.Name(s)}", s.Dashboard.Delivery == DashboardDelivery.GrafanaOperator
                ? $"the Grafana dashboard (UID {Dashboard.DashboardUid.Of(s)}) for the grafana-operator's Grafana instances labelled {string.Join(", ", s.Dashboard.InstanceSelector.Select(l => $"{l.Key}={l.Value}"))}"
                : $"the Grafana dashboard (UID {Dashboard.DashboardUid.Of(s)}) for Grafana's dashboard sidecar, labelled {string.Join(", ", s.Dashboard.Labels.Select(l => $"{l.Key}={l.Value}"))}"));
        }

        return list;
    }
}
