using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Workload;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.Heartbeat;

/// <summary>The self-alert group, the scrape job it depends on, and the operator's PodMonitor.</summary>
public class SelfAlertRulesTests
{
    [Fact]
    public void Every_self_alert_has_a_severity_the_stacks_identity_a_summary_and_a_description_and_no_model_name()
    {
        var settings = StackFiles.Committed("prod");
        var group = SelfAlertRules.Group(settings, SelfAlertTimings.Prod);

        Assert.Equal("mlops-alerting-self/monitoring/prod", group.Name);
        Assert.Equal(SelfAlertRules.GroupNameOf(settings), group.Name);
        Assert.All(group.Rules, rule =>
        {
            Assert.Contains(rule.Labels["severity"], new[] { "critical", "warning" });
            Assert.Equal("monitoring/prod", rule.Labels[StackIdentity.Label]);
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations["summary"]));
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations["description"]));
            Assert.DoesNotContain("model_name", rule.Labels.Keys);
        });
    }

    [Fact]
    public void Alertmanager_metrics_are_read_from_this_stacks_scrape_job_and_rule_metrics_from_its_model_group_only()
    {
        var settings = StackFiles.Committed("prod");
        var group = SelfAlertRules.Group(settings, SelfAlertTimings.Prod);

        Assert.All(group.Rules.Where(r => r.Expr.Contains("alertmanager_", StringComparison.Ordinal) || r.Expr.Contains("up{", StringComparison.Ordinal)),
            r => Assert.Contains($"job=\"{AlertmanagerScrape.JobName(settings)}\"", r.Expr, StringComparison.Ordinal));
        Assert.All(group.Rules.Where(r => r.Expr.Contains("rule_group", StringComparison.Ordinal)),
            r => Assert.Contains("rule_group=~\".*;mlops-model-alerts/monitoring/prod\"", r.Expr, StringComparison.Ordinal));
        Assert.Equal("mlops-alerting/monitoring/prod/alertmanager", AlertmanagerScrape.JobName(settings));
    }

    [Fact]
    public void Cluster_alerts_exist_only_with_replicas()
    {
        var prod = SelfAlertRules.Group(StackFiles.Committed("prod"), SelfAlertTimings.Prod).Rules.Select(r => r.Alert).ToList();
        var dev = SelfAlertRules.Group(StackFiles.Committed("dev"), SelfAlertTimings.Prod).Rules.Select(r => r.Alert).ToList();

        Assert.Contains(SelfAlertRules.MembersInconsistent, prod);
        Assert.Contains(SelfAlertRules.ConfigInconsistent, prod);
        Assert.DoesNotContain(SelfAlertRules.MembersInconsistent, dev);
    }

    [Fact]
    public void The_scrape_file_scrapes_every_replica_through_the_headless_service_with_basic_auth_and_the_snippet_stays_pasteable()
    {
        var settings = StackFiles.Committed("prod");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(AlertmanagerScrape.Render(settings, AlertmanagerWorkload.From(settings))));

        var job = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["scrape_configs"])[0];
        Assert.Equal("mlops-alerting/monitoring/prod/alertmanager", job["job_name"].ToString());
        Assert.Equal("/metrics", job["metrics_path"].ToString());
        Assert.Equal("/etc/prometheus/secrets/alertmanager-basic-auth/password", ((YamlMappingNode)job["basic_auth"])["password_file"].ToString());
        var dns = (YamlMappingNode)((YamlSequenceNode)job["dns_sd_configs"])[0];
        Assert.Equal("alertmanager-cluster.monitoring.svc.cluster.local", ((YamlSequenceNode)dns["names"])[0].ToString());
        Assert.Equal("9093", dns["port"].ToString());
        Assert.DoesNotContain("scrape_configs", PrometheusAlertingSnippet.Render(settings, AlertmanagerWorkload.From(settings)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pod_monitor_sets_the_job_reads_the_password_from_the_secret_and_sits_beside_it()
    {
        var settings = StackFiles.Committed("prod");
        var spec = AlertmanagerScrape.PodMonitorSpec(settings, AlertmanagerWorkload.From(settings));

        var endpoint = ((Dictionary<string, object>[])spec["podMetricsEndpoints"])[0];
        var relabel = ((Dictionary<string, object>[])endpoint["relabelings"])[0];
        Assert.Equal("job", relabel["targetLabel"]);
        Assert.Equal(AlertmanagerScrape.JobName(settings), relabel["replacement"]);

        // instance is the pod's address, as Prometheus's alertmanager label has it (how the Prometheus-side alerts find this stack's).
        var instance = ((Dictionary<string, object>[])endpoint["relabelings"])[1];
        Assert.Equal("instance", instance["targetLabel"]);
        Assert.Equal(new[] { "__address__" }, instance["sourceLabels"]);
        var auth = (Dictionary<string, object>)endpoint["basicAuth"];
        Assert.Equal("alertmanager-basic-auth", ((Dictionary<string, string>)auth["password"])["name"]);
        Assert.Equal(settings.Access.BasicAuth.PrometheusSecret.Namespace, AlertmanagerScrape.PodMonitorNamespace(settings));
    }

    [Fact]
    public void The_network_policy_already_lets_the_scrape_in_it_comes_from_the_callers_on_9093()
    {
        var rules = NetworkPolicyRules.From(StackFiles.Committed("prod"))!;

        var callers = rules.Ingress[0];
        Assert.Contains(callers.Ports, p => p.Port == WorkloadPorts.Http);
        Assert.Contains(callers.Peers, p => p.PodLabels?.GetValueOrDefault("app.kubernetes.io/name") == "prometheus");
    }
}
