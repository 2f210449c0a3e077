using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.Workload;

public class AlertmanagerWorkloadTests
{
    private static StackSettings Inline(string config) =>
        SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", "config:\n" + config));

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Theory]
    [InlineData(1, null, 600)]
    [InlineData(3, 1, 3 * (155 + 120))]
    [InlineData(5, 1, 5 * (155 + 120))]
    public void Rollout_never_drops_below_the_majority_and_a_drain_can_always_evict_one_pod(int replicas, int? pdbMaxUnavailable, int awaitSeconds)
    {
        var settings = Inline($"  mlops-alerting:alertmanager:\n    replicas: {replicas}\n");
        var rollout = AlertmanagerWorkload.RolloutFor(settings.Alertmanager, settings.Prometheus);
        Assert.Equal(pdbMaxUnavailable, rollout.PdbMaxUnavailable);

        // The StatefulSet replaces one pod at a time: a majority of a cluster stays up, one replica is down for its restart.
        Assert.Equal(replicas > 1, replicas - RolloutPolicy.PodsDownAtOnce >= settings.Alertmanager.Quorum);
        Assert.Equal(awaitSeconds, rollout.AwaitSeconds);
        Assert.Equal(0, rollout.RevisionHistoryLimit);
        Assert.Equal(0, rollout.MinReadySeconds);
        Assert.True(rollout.AwaitSeconds >= RolloutPolicy.PulumiDefaultAwaitSeconds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Prometheus_operator_finds_every_replica_through_a_service_that_lists_a_replica_in_its_start_delay(int replicas)
    {
        var settings = Inline($"  mlops-alerting:alertmanager:\n    replicas: {replicas}\n");
        var workload = AlertmanagerWorkload.From(settings);
        var entry = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Yaml(PrometheusAlertingSnippet.RenderOperator(settings, workload))["spec"])["alerting"])["alertmanagers"])[0];

        // Three replicas: the headless Service, which publishes not-ready pods, so a new replica gets every alert while
        // it holds its notifications (and is not ready); the port is the name that Service gives the web port.
        // One replica: no start delay and no headless Service, the ClusterIP Service.
        Assert.Equal(replicas > 1 ? WorkloadNames.ClusterService : WorkloadNames.Service, entry["name"].ToString());
        Assert.Equal(WorkloadPorts.HttpName, entry["port"].ToString());
        Assert.Equal(replicas > 1, workload.Readiness.InitialDelaySeconds >= PrometheusTimings.Default.StartDelay.TotalSeconds);
    }

    [Fact]
    public void The_read_only_file_mode_is_octal_0440()
    {
        Assert.Equal(288, FileModes.ReadOnlyOwnerAndGroup);
        Assert.Equal("440", Convert.ToString(FileModes.ReadOnlyOwnerAndGroup, 8));
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager:v0.34.0", true)]
    [InlineData("quay.io/prometheus/alertmanager:v0.30.0", true)]
    [InlineData("quay.io/prometheus/alertmanager:v0.29.0", false)]
    [InlineData("quay.io/prometheus/alertmanager:v0.25.0", false)]
    public void Only_images_that_know_the_flag_get_a_dispatch_start_delay(string image, bool knows)
    {
        var w = AlertmanagerWorkload.From(Inline($"  mlops-alerting:alertmanager:\n    replicas: 3\n    image: {image}\n"));
        Assert.Equal(knows, w.Args.Contains("--dispatch.start-delay=150s"));
    }

    [Theory]
    [InlineData("0.34.0", true)]
    [InlineData("0.30.0", true)]
    [InlineData("0.29.1", false)]
    public void A_digest_pinned_image_gets_the_dispatch_start_delay_by_its_declared_version_not_by_being_a_digest(string declared, bool knows)
    {
        var w = AlertmanagerWorkload.From(Inline($"  mlops-alerting:alertmanager:\n    replicas: 3\n    image: {Digest}\n    imageVersion: \"{declared}\"\n"));

        Assert.Equal(knows, w.Args.Contains("--dispatch.start-delay=150s"));
    }

    private const string Digest = "quay.io/prometheus/alertmanager@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_cluster_domain_names_every_in_cluster_host()
    {
        var w = AlertmanagerWorkload.From(Inline("  mlops-alerting:alertmanager:\n    replicas: 3\n  mlops-alerting:cluster:\n    domain: corp.internal\n"));
        Assert.Equal("alertmanager.monitoring.svc.corp.internal", w.ServiceHost);
        Assert.Equal("alertmanager-cluster.monitoring.svc.corp.internal:9094", w.PeerAddress);
        Assert.Contains("--cluster.peer=alertmanager-cluster.monitoring.svc.corp.internal:9094", w.Args);
    }

    [Fact]
    public void One_replica_turns_clustering_off_and_probes_over_http()
    {
        var w = AlertmanagerWorkload.From(Inline(string.Empty));
        Assert.Contains("--cluster.listen-address=", w.Args);
        Assert.DoesNotContain(w.Args, a => a.StartsWith("--cluster.peer", StringComparison.Ordinal));
        Assert.Null(w.PeerAddress);
        Assert.Null(w.Readiness.Command);
        Assert.Equal("/-/ready", w.Readiness.Path);
        Assert.Equal("/-/healthy", w.Liveness.Path);
        Assert.Contains("--web.external-url=http://localhost:9093/", w.Args);
        Assert.Equal("http://alertmanager.monitoring.svc.cluster.local:9093", w.InClusterUrl);
    }

    [Fact]
    public void Replicas_gossip_through_the_headless_service_and_advertise_the_pod_ip()
    {
        var w = AlertmanagerWorkload.From(Inline("  mlops-alerting:namespace: obs\n  mlops-alerting:alertmanager:\n    replicas: 3\n"));
        Assert.Contains("--cluster.peer=alertmanager-cluster.obs.svc.cluster.local:9094", w.Args);
        Assert.Contains("--cluster.advertise-address=[$(POD_IP)]:9094", w.Args);
        Assert.Equal(new PodEnvironment("POD_IP", "status.podIP"), Assert.Single(w.Environment));
    }

    [Fact]
    public void Basic_auth_mounts_the_web_config_and_probes_with_the_header_file()
    {
        var w = AlertmanagerWorkload.From(Inline("  mlops-alerting:access:\n    basicAuth:\n      enabled: true\n"));
        Assert.Contains("--web.config.file=/etc/alertmanager/web/web.yml", w.Args);
        Assert.Contains(w.Mounts, m => m.MountPath == "/etc/alertmanager/web" && m.ReadOnly);
        var command = Assert.IsAssignableFrom<IReadOnlyList<string>>(w.Readiness.Command);
        Assert.Equal("sh", command[0]);
        Assert.Contains("--header \"$(cat /etc/alertmanager/web/probe-authorization)\"", command[2]);
        Assert.Contains("http://127.0.0.1:9093/-/ready", command[2]);
    }

    [Fact]
    public void Probes_follow_the_route_prefix_of_the_external_url()
    {
        var w = AlertmanagerWorkload.From(Inline("  mlops-alerting:alertmanager:\n    externalUrl: https://example.com/am/\n"));
        Assert.Equal("/am/-/ready", w.Readiness.Path);
        Assert.EndsWith(":9093/am", w.InClusterUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_config_holds_the_hash_and_the_probe_header_the_credentials()
    {
        Assert.Contains("'alertmanager': '$2a$10$x'", WebConfig.Render("alertmanager", "$2a$10$x"));
        Assert.Equal("Authorization: Basic dTpw", WebConfig.ProbeHeader("u", "p"));
    }

    [Fact]
    public void Network_policy_is_absent_unless_enabled_and_opens_gossip_only_when_clustered()
    {
        Assert.Null(NetworkPolicyRules.From(Inline(string.Empty)));
        var single = NetworkPolicyRules.From(Inline("  mlops-alerting:access:\n    networkPolicy:\n      enabled: true\n"))!;
        Assert.Single(single.Ingress);
        Assert.Equal(2, single.Egress.Count);
        Assert.Equal([new TrafficPort("TCP", 9093)], single.Ingress[0].Ports);
        var clustered = NetworkPolicyRules.From(Inline("  mlops-alerting:alertmanager:\n    replicas: 3\n  mlops-alerting:access:\n    networkPolicy:\n      enabled: true\n"))!;
        Assert.Equal(2, clustered.Ingress.Count);
        Assert.Equal(3, clustered.Egress.Count);
    }

    [Fact]
    public void Missing_webhooks_name_the_exact_command()
    {
        var errors = DeployRequirements.Check(Inline(string.Empty));
        Assert.Equal(3, errors.Count);
        Assert.Contains(SlackWebhooks.SetCommand(ChannelRole.Warning, "test"), errors[2].ToString());
    }

    [Fact]
    public void Prometheus_snippet_uses_dns_discovery_for_a_cluster_and_never_holds_a_password()
    {
        var settings = Inline("  mlops-alerting:alertmanager:\n    replicas: 3\n  mlops-alerting:access:\n    basicAuth:\n      enabled: true\n");
        var yaml = PrometheusAlertingSnippet.Render(settings, AlertmanagerWorkload.From(settings));
        Assert.Contains("dns_sd_configs", yaml);
        Assert.Contains("password_file: /etc/prometheus/secrets/alertmanager-basic-auth/password\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("password:", yaml);
    }

    [Fact]
    public void Prometheus_snippet_reads_the_password_where_prometheus_mounts_the_named_secret()
    {
        var settings = Inline("  mlops-alerting:access:\n    basicAuth:\n      enabled: true\n      prometheusSecret:\n        namespace: observability\n        name: am-auth\n");
        var workload = AlertmanagerWorkload.From(settings);

        var yaml = PrometheusAlertingSnippet.Render(settings, workload);
        var operatorYaml = PrometheusAlertingSnippet.RenderOperator(settings, workload);

        Assert.Contains("password_file: /etc/prometheus/secrets/am-auth/password\n", yaml, StringComparison.Ordinal);
        Assert.Contains("static_configs", yaml, StringComparison.Ordinal);
        Assert.Contains(
            "    api_version: v2\n    alert_relabel_configs:\n    - source_labels:\n      - mlops_stack\n      regex: monitoring/test\n      action: keep\n",
            yaml,
            StringComparison.Ordinal);
        Assert.Equal(
            "spec:\n  alerting:\n    alertmanagers:\n    - namespace: monitoring\n      name: alertmanager\n      port: http\n      scheme: http\n"
            + "      apiVersion: v2\n      alertRelabelings:\n      - sourceLabels:\n        - mlops_stack\n        regex: monitoring/test\n        action: keep\n"
            + "      basicAuth:\n        username:\n          name: am-auth\n          key: username\n        password:\n          name: am-auth\n          key: password\n",
            operatorYaml);
    }

    [Fact]
    public void Prometheus_snippet_without_basic_auth_names_no_credentials()
    {
        var settings = Inline(string.Empty);
        var workload = AlertmanagerWorkload.From(settings);

        Assert.DoesNotContain("basic_auth", PrometheusAlertingSnippet.Render(settings, workload), StringComparison.Ordinal);
        Assert.DoesNotContain("basicAuth", PrometheusAlertingSnippet.RenderOperator(settings, workload), StringComparison.Ordinal);
    }
}
