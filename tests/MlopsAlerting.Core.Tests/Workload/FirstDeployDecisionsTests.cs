using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Workload;

/// <summary>The cluster-facing decisions of issue "first real pulumi up": DNS egress, cluster settings, deploy notes.</summary>
public class FirstDeployDecisionsTests
{
    private static StackSettings With(string lines) => StackFiles.Bind(StackFiles.With(lines));

    [Fact]
    public void Dns_defaults_to_kube_dns_in_kube_system()
    {
        var s = With(string.Empty);
        Assert.Equal(new ClusterSettings("cluster.local", ClusterDns.KubeDns, []), s.Cluster with { DnsCidrs = [] });
        var rule = NetworkPolicyRules.Dns(s.Cluster);
        var peer = Assert.Single(rule.Peers);
        Assert.Equal("kube-system", peer.NamespaceLabels![NetworkPolicyRules.NamespaceNameLabel]);
        Assert.Equal("kube-dns", peer.PodLabels!["k8s-app"]);
    }

    [Fact]
    public void Node_local_dns_cache_allows_its_link_local_address_and_the_kube_dns_fallback()
    {
        var rule = NetworkPolicyRules.Dns(With("  mlops-alerting:cluster:\n    dns: nodeLocalDnsCache\n").Cluster);
        Assert.Equal(["169.254.20.10/32", null], rule.Peers.Select(p => p.Cidr));
        Assert.All(rule.Ports, p => Assert.Equal(53, p.Port));
    }

    [Fact]
    public void OpenShift_reaches_its_dns_pods_on_5353()
    {
        var rule = NetworkPolicyRules.Dns(With("  mlops-alerting:cluster:\n    dns: openShift\n").Cluster);
        Assert.Contains(rule.Ports, p => p.Port == 5353 && p.Protocol == "UDP");
        Assert.Equal("openshift-dns", Assert.Single(rule.Peers).NamespaceLabels![NetworkPolicyRules.NamespaceNameLabel]);
    }

    [Fact]
    public void Any_dns_has_no_destination_restriction_and_ignores_extra_addresses()
    {
        var rule = NetworkPolicyRules.Dns(With("  mlops-alerting:cluster:\n    dns: any\n    dnsCidrs: [10.0.0.10/32]\n").Cluster);
        Assert.Empty(rule.Peers);
    }

    [Theory]
    [InlineData("    dns: coreDNS\n", "cluster.dns", "'coreDNS' is not a DNS set-up this program knows", "kubeDns, nodeLocalDnsCache, gkeCloudDns, openShift, any")]
    [InlineData("    domain: .cluster.local\n", "cluster.domain", "'.cluster.local' is not a DNS domain", "e.g. cluster.local")]
    [InlineData("    dnsCidrs: [169.254.20.10]\n", "cluster.dnsCidrs", "'169.254.20.10' is not a CIDR", "169.254.20.10/32")]
    public void Bad_cluster_settings_name_the_key_and_the_fix(string lines, string key, string problem, string fix)
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With("  mlops-alerting:cluster:\n" + lines)));
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prometheus_rule_without_labels_is_warned_about_with_the_command_that_sets_one()
    {
        var notes = DeployNotes.For(With("  mlops-alerting:rules:\n    target: prometheusRule\n  mlops-alerting:models:\n    - name: m1\n"));
        var warning = Assert.Single(notes, n => n.StartsWith(DeployNotes.Warning, StringComparison.Ordinal) && n.Contains("rules.labels", StringComparison.Ordinal));
        Assert.Contains("pulumi config set --path rules.labels.release", warning, StringComparison.Ordinal);
        Assert.Contains(notes, n => n.Contains("prometheusrules.monitoring.coreos.com", StringComparison.Ordinal));

        var labelled = DeployNotes.For(With("  mlops-alerting:rules:\n    target: prometheusRule\n    labels:\n      release: kps\n  mlops-alerting:models:\n    - name: m1\n"));
        Assert.DoesNotContain(labelled, n => n.StartsWith(DeployNotes.Warning, StringComparison.Ordinal) && n.Contains("rules.labels", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_config_map_says_what_prometheus_needs_to_load_it()
    {
        var notes = DeployNotes.For(With("  mlops-alerting:models:\n    - name: m1\n"));
        Assert.Contains(notes, n => n.Contains("rule_files", StringComparison.Ordinal) && n.Contains("ignores plain ConfigMaps", StringComparison.Ordinal));
    }

    [Fact]
    public void An_external_url_nothing_serves_is_pointed_out_for_prod_but_not_for_localhost()
    {
        Assert.Contains(DeployNotes.For(StackFiles.Committed("prod")), n => n.StartsWith(DeployNotes.Warning, StringComparison.Ordinal) && n.Contains("alertmanager.ml.example.com", StringComparison.Ordinal) && n.Contains("access.ingress.controllerNamespace", StringComparison.Ordinal));
        Assert.DoesNotContain(DeployNotes.For(StackFiles.Committed("dev")), n => n.Contains("externalUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void The_review_shows_the_dns_the_policy_lets_through_and_the_rollout()
    {
        var notes = DeployNotes.For(StackFiles.Committed("prod"));
        Assert.Contains(notes, n => n.StartsWith("DNS: `cluster.dns` is `kubeDns`", StringComparison.Ordinal) && n.Contains("53/UDP", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Rollout:", StringComparison.Ordinal) && n.Contains("`--dispatch.start-delay`", StringComparison.Ordinal) && n.Contains("150 s", StringComparison.Ordinal) && n.Contains("re-sends a firing alert only every 120 s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  mlops-alerting:access:\n    ingress:\n      enabled: true\n", "access.ingress.enabled", "is this machine, which no Ingress serves")]
    [InlineData("  mlops-alerting:alertmanager:\n    externalUrl: http://am.example.com\n  mlops-alerting:access:\n    ingress:\n      enabled: true\n      tlsSecretName: am-tls\n", "access.ingress.tlsSecretName", "is plain http")]
    [InlineData("  mlops-alerting:access:\n    ingress:\n      className: Nginx_Class\n", "access.ingress.className", "is not a Kubernetes object name")]
    public void Bad_ingress_settings_name_the_key(string lines, string key, string problem)
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With(lines)));
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ingress_replaces_the_external_url_warning_and_is_listed()
    {
        var s = With("  mlops-alerting:alertmanager:\n    externalUrl: https://am.example.com\n  mlops-alerting:access:\n    ingress:\n      enabled: true\n");
        var notes = DeployNotes.For(s);
        Assert.DoesNotContain(notes, n => n.StartsWith(DeployNotes.Warning, StringComparison.Ordinal) && n.Contains("externalUrl", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Ingress: `am.example.com/`", StringComparison.Ordinal));
        Assert.Contains(PlannedResources.For(s), r => r.Kind == "Ingress" && r.Name == "monitoring/alertmanager");
        Assert.Equal(new IngressRoute("am.example.com", "/", null, null), IngressRoute.From(s));
    }

    [Fact]
    public void Committed_stacks_make_the_rule_target_and_the_cluster_explicit()
    {
        foreach (var stack in new[] { "dev", "prod" })
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, $"Pulumi.{stack}.yaml"));
            Assert.Contains("  mlops-alerting:rules:\n    target: configMap\n", text, StringComparison.Ordinal);
            Assert.Contains("  mlops-alerting:cluster:\n    domain: cluster.local\n    dns: kubeDns\n", text, StringComparison.Ordinal);
        }
    }
}
