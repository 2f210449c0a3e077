using System.Collections.Immutable;
using System.Text.Json.Nodes;
using MlopsAlerting.Components;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Migration;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// What only a real cluster would show on the first <c>pulumi up</c>, asserted on the inputs the
/// Kubernetes API would receive: file modes, in-place updates of named ConfigMaps and Secrets,
/// rollout safety, DNS egress, disruption budget, IPv6 peers, cluster domain, migration from the guide.
/// </summary>
public class FirstDeployTests
{
    public static TheoryData<string> Stacks => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Mounted_configuration_and_secrets_are_mode_0440_as_the_api_receives_it(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var volumes = Props.List(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.volumes")
            .Where(v => Props.At(v, "configMap") is not null || Props.At(v, "secret") is not null)
            .ToList();
        Assert.Equal(stack == "dev" ? 2 : 3, volumes.Count);

        // 0440 octal is 288 decimal; the C# literal 0440 would be decimal 440, mode 0670.
        Assert.All(volumes, v => Assert.Equal(288, Props.Number(v, Props.At(v, "configMap") is null ? "secret.defaultMode" : "configMap.defaultMode")));
        Assert.All(volumes, v => Assert.Equal("440", Convert.ToString(288, 8)));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_object_goes_through_one_provider_that_updates_named_config_maps_and_secrets_in_place(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var provider = Assert.Single(run.Mocks.Registered, r => r.Type == ResourceTypes.KubernetesProvider);
        Assert.Equal("true", Flag(provider.Inputs, "enableConfigMapMutable"));
        Assert.Equal("true", Flag(provider.Inputs, "enableSecretMutable"));

        var kubernetesObjects = run.Mocks.Registered.Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(kubernetesObjects);
        Assert.All(kubernetesObjects, r => Assert.Contains("pulumi:providers:kubernetes::kubernetes::", r.Provider, StringComparison.Ordinal));

        // Named objects hold mutable data: the provider patches them instead of deleting them first.
        foreach (var (type, name) in new[] { (ResourceTypes.Secret, "alertmanager-slack-webhooks"), (ResourceTypes.ConfigMap, "mlops-model-alerts") })
        {
            var inputs = run.Inputs(type, name);
            Assert.NotNull(Props.Text(inputs, "metadata.name"));
            Assert.Null(Props.At(inputs, "immutable"));
        }

        // The Alertmanager configuration is the one immutable object, and auto-named: replaced
        // create-first, so a change rolls the pods onto a new ConfigMap and deletes the old one last.
        var config = run.Inputs(ResourceTypes.ConfigMap, "alertmanager-config");
        Assert.Equal(true, Props.At(config, "immutable"));
        Assert.Null(Props.At(config, "metadata.name"));
        Assert.DoesNotContain(run.Captured, r => r.Options is Pulumi.CustomResourceOptions { DeleteBeforeReplace: true });
    }

    [Fact]
    public async Task The_provider_keeps_the_kubernetes_context_a_stack_sets()
    {
        var config = EngineConfig.Committed("prod");
        config.Values["kubernetes:context"] = "prod-cluster";
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        var provider = Assert.Single(run.Mocks.Registered, r => r.Type == ResourceTypes.KubernetesProvider);
        Assert.Equal("prod-cluster", Props.Text(provider.Inputs, "context"));
    }

    [Fact]
    public async Task Prod_rolls_one_replica_at_a_time_and_counts_it_only_once_its_gossip_settled_and_it_sends()
    {
        var run = await StackRun.CommittedAsync("prod");
        var d = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        var c = Props.At(d, "spec.template.spec.containers[0]");

        // Prometheus's defaults: 1m evaluation + 1m resend delay + 30 s DNS discovery refresh.
        Assert.Contains("--dispatch.start-delay=150s", Props.Strings(c, "args"));
        Assert.Equal(0, Props.Number(d, "spec.revisionHistoryLimit"));
        Assert.Equal("825", Assert.IsType<IDictionary<string, object>>(Props.At(d, "metadata.annotations"), exactMatch: false)["pulumi.com/timeoutSeconds"]);

        // Ready only once the start delay has passed, so the disruption budget (one pod at a time), which counts Ready
        // pods and ignores minReadySeconds, and the rollout count a replica only once it notifies.
        Assert.True(Props.Number(c, "readinessProbe.initialDelaySeconds") >= 150);
        Assert.Equal(0, Props.Number(d, "spec.minReadySeconds"));
        var pdb = run.Inputs(ResourceTypes.Pdb, "alertmanager");
        Assert.Equal(1, Props.Number(pdb, "spec.maxUnavailable"));
        Assert.Equal(Props.StringMap(d, "spec.selector.matchLabels"), Props.StringMap(pdb, "spec.selector.matchLabels"));

        // While not ready it still gets every alert: both Prometheus wirings name the headless Service, which lists
        // not-ready pods and serves the web port under the name the operator's entry asks for.
        var headless = run.Inputs(ResourceTypes.Service, "alertmanager-cluster");
        Assert.Equal(true, Props.At(headless, "spec.publishNotReadyAddresses"));
        Assert.Contains(Props.List(headless, "spec.ports"), p => Props.Text(p, "name") == "http" && Props.Number(p, "port") == 9093);
        Assert.Contains("- alertmanager-cluster.monitoring.svc.cluster.local\n", (string)run.Outputs["prometheusAlertingConfig"]!, StringComparison.Ordinal);
        Assert.Contains("  name: alertmanager-cluster\n      port: http\n", (string)run.Outputs["prometheusOperatorAlerting"]!, StringComparison.Ordinal);

        // Settled gossip, no peer needed: a lone working replica stays ready and in the Service.
        var probe = Props.Strings(c, "readinessProbe.exec.command");
        Assert.Equal(["sh", "-c"], probe.Take(2));
        Assert.Contains("/api/v2/status", probe[2]);
        Assert.Contains("*'\"status\":\"ready\"'*", probe[2], StringComparison.Ordinal);
        Assert.DoesNotContain("-ge 2", probe[2], StringComparison.Ordinal);
        Assert.Contains("/etc/alertmanager/web/probe-authorization", probe[2]);

        var dev = await StackRun.CommittedAsync("dev");
        var devDeployment = dev.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        Assert.Equal(0, Props.Number(devDeployment, "spec.revisionHistoryLimit"));
        Assert.DoesNotContain(Props.Strings(devDeployment, "spec.template.spec.containers[0].args"), a => a.StartsWith("--dispatch.start-delay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_image_older_than_0_30_gets_no_dispatch_start_delay_flag_it_would_refuse()
    {
        var config = EngineConfig.Committed("prod").SetPath("alertmanager", "image", JsonValue.Create("quay.io/prometheus/alertmanager:v0.28.1")!);
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        Assert.DoesNotContain(Props.Strings(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0].args"), a => a.StartsWith("--dispatch.start-delay", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task The_disruption_budget_lets_a_drain_evict_one_pod_at_a_time(int replicas)
    {
        var config = EngineConfig.Committed("prod").SetPath("alertmanager", "replicas", JsonValue.Create(replicas));
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        var pdb = run.Inputs(ResourceTypes.Pdb, "alertmanager");
        Assert.Equal(1, Props.Number(pdb, "spec.maxUnavailable"));
        Assert.Null(Props.At(pdb, "spec.minAvailable"));
        Assert.Equal("AlwaysAllow", Props.Text(pdb, "spec.unhealthyPodEvictionPolicy"));
        Assert.Equal("RollingUpdate", Props.Text(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.updateStrategy.type"));
    }

    [Fact]
    public async Task Replicas_advertise_a_bracketed_pod_address_valid_for_ipv6_and_ipv4()
    {
        var run = await StackRun.CommittedAsync("prod");
        var args = Props.Strings(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0].args");
        Assert.Contains("--cluster.advertise-address=[$(POD_IP)]:9094", args);
        Assert.DoesNotContain("--cluster.advertise-address=$(POD_IP):9094", args);
    }

    [Fact]
    public async Task The_cluster_domain_setting_reaches_the_peer_address_and_the_outputs()
    {
        var config = EngineConfig.Committed("prod").SetPath("cluster", "domain", JsonValue.Create("k8s.example.internal")!);
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        Assert.Contains("--cluster.peer=alertmanager-cluster.monitoring.svc.k8s.example.internal:9094", Props.Strings(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0].args"));
        Assert.Equal("http://alertmanager.monitoring.svc.k8s.example.internal:9093", run.Outputs["inClusterUrl"]);
        Assert.Equal("alertmanager-cluster.monitoring.svc.k8s.example.internal:9094", run.Outputs["clusterPeer"]);
        Assert.DoesNotContain("cluster.local", (string)run.Outputs["prometheusAlertingConfig"]!, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string[]> DnsVariants => new()
    {
        { "kubeDns", ["53/UDP", "53/TCP"], ["kube-system k8s-app=kube-dns"] },
        { "nodeLocalDnsCache", ["53/UDP", "53/TCP"], ["169.254.20.10/32", "kube-system k8s-app=kube-dns"] },
        { "gkeCloudDns", ["53/UDP", "53/TCP"], ["169.254.169.254/32"] },
        { "openShift", ["5353/UDP", "5353/TCP", "53/UDP", "53/TCP"], ["openshift-dns dns.operator.openshift.io/daemonset-dns=default"] },
        { "any", ["5353/UDP", "5353/TCP", "53/UDP", "53/TCP"], [] },
    };

    [Theory]
    [MemberData(nameof(DnsVariants))]
    public async Task Dns_egress_follows_the_clusters_dns(string dns, string[] ports, string[] peers)
    {
        var config = EngineConfig.Committed("prod").SetPath("cluster", "dns", JsonValue.Create(dns)!);
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        var rule = Props.List(run.Inputs(ResourceTypes.NetworkPolicy, "alertmanager-network-policy"), "spec.egress")[0];
        Assert.Equal(ports, Props.List(rule, "ports").Select(x => $"{Props.Number(x, "port")}/{Props.Text(x, "protocol")}"));
        Assert.Equal(peers, Props.List(rule, "to").Select(Describe));
    }

    [Fact]
    public async Task Extra_dns_addresses_join_the_dns_rule()
    {
        var config = EngineConfig.Committed("prod")
            .SetPath("cluster", "dns", JsonValue.Create("nodeLocalDnsCache")!)
            .SetPath("cluster", "dnsCidrs", new JsonArray("10.96.0.10/32", "fd00:10:96::a/128"));
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        var rule = Props.List(run.Inputs(ResourceTypes.NetworkPolicy, "alertmanager-network-policy"), "spec.egress")[0];
        Assert.Equal(["169.254.20.10/32", "kube-system k8s-app=kube-dns", "10.96.0.10/32", "fd00:10:96::a/128"], Props.List(rule, "to").Select(Describe));
    }

    [Theory]
    [InlineData("IPv6", "--cluster.listen-address=[::]:9094", "AAAA", new[] { "::/0" })]
    [InlineData("dual", "--cluster.listen-address=[::]:9094", "A", new[] { "0.0.0.0/0", "::/0" })]
    [InlineData("IPv4", "--cluster.listen-address=0.0.0.0:9094", "A", new[] { "0.0.0.0/0" })]
    public async Task The_ip_family_reaches_the_gossip_address_the_slack_egress_and_prometheus_discovery(string family, string listen, string recordType, string[] egress)
    {
        var config = EngineConfig.Committed("prod").SetPath("cluster", "ipFamily", JsonValue.Create(family)!);
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);

        var args = Props.List(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0].args").Select(a => (string)a).ToList();
        Assert.Contains(listen, args);
        var slack = Assert.Single(Props.List(run.Inputs(ResourceTypes.NetworkPolicy, "alertmanager-network-policy"), "spec.egress"), r => Props.List(r, "ports").Any(x => Props.Number(x, "port") == 443));
        Assert.Equal(egress, Props.List(slack, "to").Select(Describe));
        Assert.Contains($"  type: {recordType}\n", (string)run.Outputs["prometheusAlertingConfig"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dns_setup_the_program_does_not_know_fails_before_anything_is_registered()
    {
        var config = EngineConfig.Committed("prod").SetPath("cluster", "dns", JsonValue.Create("coredns")!);
        var run = await StackRun.RunAsync("prod", config);
        var failure = Assert.IsType<Pulumi.RunException>(run.Failure);
        Assert.Contains("cluster.dns: 'coredns' is not a DNS set-up this program knows", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_guide_import_file_adopts_the_guides_objects_as_the_program_declares_them_and_leaves_its_leftovers_to_delete(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        Assert.Null(run.Failure);
        var settings = SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, stack));
        var file = JsonNode.Parse(GuideImport.Render(settings))!["resources"]!.AsArray();
        var byFileName = file.ToDictionary(e => (string)e!["name"]!, e => e!);

        // What the guide created, by kind and namespace/name.
        var ns = settings.Namespace;
        Assert.Equal(
            [$"Namespace {ns}", $"Deployment {ns}/alertmanager", $"Service {ns}/alertmanager", $"ConfigMap {ns}/alertmanager-config", $"Secret {ns}/alertmanager-slack"],
            file.Where(e => e!["id"] is not null).Select(e => $"{((string)e!["type"]!).Split(':')[^1]} {(string)e["id"]!}"));

        var adopted = 0;
        foreach (var entry in file.Select(e => e!))
        {
            var type = (string)entry["type"]!;
            var logicalName = (string)entry["logicalName"]!;
            var parentType = entry["parent"] is { } parent ? (string)byFileName[(string)parent!]["type"]! : null;
            var declared = run.Captured.Where(r => r.Type == type && r.Name == logicalName && (parentType is null ? r.ParentType is null or "pulumi:pulumi:Stack" : r.ParentType == parentType)).ToList();
            if (logicalName.StartsWith("guide-", StringComparison.Ordinal))
            {
                // Declared by no program: the next `pulumi up` deletes them.
                Assert.Empty(declared);
                Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == type && ObjectId(r.Inputs) == (string)entry["id"]!);
                continue;
            }

            Assert.Single(declared);
            if (entry["id"] is { } id)
            {
                adopted++;
                Assert.Equal(GuideImport.KubernetesPluginVersion, (string)entry["version"]!);
                var registered = Assert.Single(run.Mocks.Registered, r => r.Type == type && r.Name == logicalName);
                Assert.Equal((string)id!, ObjectId(registered.Inputs));
            }
            else
            {
                Assert.True((bool)entry["component"]!);
            }
        }

        // The namespace and the Service; the guide's Deployment is a leftover: the program runs a StatefulSet.
        Assert.Equal(2, adopted);
        Assert.Equal(ComponentTypes.ModelAlerting, GuideImport.ModelAlertingType);
        Assert.Equal(AlertingProgram.ComponentName, GuideImport.ModelAlertingName);
        Assert.Equal(ComponentTypes.MonitoringNamespace, GuideImport.MonitoringNamespaceType);
        Assert.Equal(ComponentTypes.Alertmanager, GuideImport.AlertmanagerType);
    }

    [Fact]
    public async Task The_optional_ingress_serves_the_external_url_and_passes_the_network_policy()
    {
        var config = EngineConfig.Committed("prod")
            .SetPath("alertmanager", "externalUrl", JsonValue.Create("https://alertmanager.ml.example.com/am/")!)
            .SetPath("access", "ingress", new JsonObject { ["enabled"] = true, ["className"] = "nginx", ["tlsSecretName"] = "alertmanager-tls", ["controllerNamespace"] = "ingress-system" });
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);

        var ingress = run.Inputs(ResourceTypes.Ingress, "alertmanager");
        Assert.Equal("alertmanager", Props.Text(ingress, "metadata.name"));
        Assert.Equal("nginx", Props.Text(ingress, "spec.ingressClassName"));
        Assert.Equal("alertmanager.ml.example.com", Props.Text(ingress, "spec.rules[0].host"));
        Assert.Equal("/am", Props.Text(ingress, "spec.rules[0].http.paths[0].path"));
        Assert.Equal("Prefix", Props.Text(ingress, "spec.rules[0].http.paths[0].pathType"));
        Assert.Equal("alertmanager", Props.Text(ingress, "spec.rules[0].http.paths[0].backend.service.name"));
        Assert.Equal("http", Props.Text(ingress, "spec.rules[0].http.paths[0].backend.service.port.name"));
        Assert.Equal("alertmanager-tls", Props.Text(ingress, "spec.tls[0].secretName"));
        Assert.Equal(["alertmanager.ml.example.com"], Props.Strings(ingress, "spec.tls[0].hosts"));

        // The probes and Alertmanager serve under the same path the Ingress forwards.
        Assert.Contains("/am/api/v2/status", Props.Strings(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0].readinessProbe.exec.command")[2], StringComparison.Ordinal);

        var from = Props.List(run.Inputs(ResourceTypes.NetworkPolicy, "alertmanager-network-policy"), "spec.ingress")
            .Where(r => Props.Number(r, "ports[0].port") == 9093)
            .SelectMany(r => Props.List(r, "from"))
            .Select(p => Props.StringMap(p, "namespaceSelector.matchLabels").GetValueOrDefault("kubernetes.io/metadata.name"));
        Assert.Contains("ingress-system", from);

        var committed = await StackRun.CommittedAsync("prod");
        Assert.DoesNotContain(committed.Mocks.Registered, r => r.Type == ResourceTypes.Ingress);
    }

    [Fact]
    public void The_import_files_plugin_version_is_the_one_the_program_references()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"));
        Assert.Contains($"<PackageVersion Include=\"Pulumi.Kubernetes\" Version=\"{GuideImport.KubernetesPluginVersion}\" />", props, StringComparison.Ordinal);
    }

    private static string? ObjectId(ImmutableDictionary<string, object> inputs)
    {
        var name = Props.Text(inputs, "metadata.name");
        return Props.Text(inputs, "metadata.namespace") is { } ns ? $"{ns}/{name}" : name;
    }

    private static string Describe(object peer) =>
        Props.Text(peer, "ipBlock.cidr")
        ?? $"{Props.StringMap(peer, "namespaceSelector.matchLabels").GetValueOrDefault("kubernetes.io/metadata.name")} {string.Join(",", Props.StringMap(peer, "podSelector.matchLabels").Select(l => $"{l.Key}={l.Value}"))}";

    private static string? Flag(ImmutableDictionary<string, object> inputs, string key) =>
        inputs.TryGetValue(key, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant() : null;

}
