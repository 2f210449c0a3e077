using MlopsAlerting.Core.Settings;

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
            new("Secret", $"{ns}/alertmanager-slack-webhooks", "one key per channel role (all, critical, warning), mounted read-only at /etc/alertmanager/slack"),
            new("ConfigMap", $"{ns}/alertmanager-config-<hash>", "alertmanager.yml and slack.tmpl; immutable and replaced on change, which rolls the pods"),
            new("ServiceAccount", $"{ns}/alertmanager", "no API token mounted"),
            new("Deployment", $"{ns}/alertmanager", $"{s.Alertmanager.Replicas} replica(s) of {s.Alertmanager.Image}" + (s.Alertmanager.Clustered ? ", gossiping on 9094" : ", clustering off")),
            new("Service", $"{ns}/alertmanager", "ClusterIP on 9093, for `kubectl port-forward svc/alertmanager 9093:9093`"),
        };

        if (s.Alertmanager.Clustered)
        {
            list.Add(new("Service", $"{ns}/alertmanager-cluster", "headless; peers find each other on 9094 (TCP and UDP), Prometheus finds every replica on 9093"));
            list.Add(new("PodDisruptionBudget", $"{ns}/alertmanager", $"keeps {s.Alertmanager.Quorum} of {s.Alertmanager.Replicas} pods up"));
        }

        if (s.Access.BasicAuth.Enabled)
        {
            list.Add(new("RandomPassword", "alertmanager-basic-auth", $"password of user '{s.Access.BasicAuth.Username}'; a secret stack output"));
            list.Add(new("Secret", $"{ns}/alertmanager-web-config", "web.yml with the bcrypt hash, mounted for --web.config.file; probe credentials"));
        }

        if (s.Access.NetworkPolicy.Enabled)
        {
            list.Add(new("NetworkPolicy", $"{ns}/alertmanager", "9093 from " + string.Join(", ", s.Access.NetworkPolicy.AllowFrom.Select(p => p.Namespace)) + "; 9094 between replicas; egress DNS, Slack HTTPS, peers"));
        }

        if (s.Models.Count > 0)
        {
            list.Add(s.Rules.Target == RuleTarget.PrometheusRule
                ? new("PrometheusRule", $"{ns}/mlops-model-alerts", $"{s.Models.Count * 2} alert rules for {s.Models.Count} model(s)")
                : new("ConfigMap", $"{ns}/mlops-model-alerts", $"rule file with {s.Models.Count * 2} alert rules for {s.Models.Count} model(s), for Prometheus to load"));
        }

        return list;
    }
}
