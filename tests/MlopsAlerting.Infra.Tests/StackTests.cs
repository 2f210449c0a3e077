using System.Text.Json.Nodes;
using MlopsAlerting.Components;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using Pulumi;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Infra.Tests;

/// <summary>The program against the committed stacks, on the real Pulumi SDK with mocked providers.</summary>
public class StackTests
{
    private static readonly string[] DevResources =
    [
        $"{ComponentTypes.ModelAlerting}/mlops-alerting <- stack",
        $"{ComponentTypes.MonitoringNamespace}/monitoring-namespace <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.Namespace}/monitoring-namespace <- {ComponentTypes.MonitoringNamespace}/monitoring-namespace",
        $"{ComponentTypes.SlackWebhookSecret}/alertmanager-slack-webhooks <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.Secret}/alertmanager-slack-webhooks <- {ComponentTypes.SlackWebhookSecret}/alertmanager-slack-webhooks",
        $"{ComponentTypes.AlertmanagerConfiguration}/alertmanager-config <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.ConfigMap}/alertmanager-config <- {ComponentTypes.AlertmanagerConfiguration}/alertmanager-config",
        $"{ComponentTypes.Alertmanager}/alertmanager <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.ServiceAccount}/alertmanager <- {ComponentTypes.Alertmanager}/alertmanager",
        $"{ResourceTypes.StatefulSet}/alertmanager <- {ComponentTypes.Alertmanager}/alertmanager",
        $"{ResourceTypes.Service}/alertmanager <- {ComponentTypes.Alertmanager}/alertmanager",
        $"{ComponentTypes.ModelAlertRuleSet}/mlops-model-alerts <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.ConfigMap}/mlops-model-alerts <- {ComponentTypes.ModelAlertRuleSet}/mlops-model-alerts",
        $"{ComponentTypes.ModelAlertingDashboard}/mlops-alerting-dashboard <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.ConfigMap}/mlops-alerting-dashboard <- {ComponentTypes.ModelAlertingDashboard}/mlops-alerting-dashboard",
    ];

    private static readonly string[] ProdExtra =
    [
        $"{ComponentTypes.AlertmanagerBasicAuth}/alertmanager-basic-auth <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.RandomPassword}/alertmanager-basic-auth-password <- {ComponentTypes.AlertmanagerBasicAuth}/alertmanager-basic-auth",
        $"{ResourceTypes.Secret}/alertmanager-basic-auth-web-config <- {ComponentTypes.AlertmanagerBasicAuth}/alertmanager-basic-auth",
        $"{ResourceTypes.Secret}/alertmanager-basic-auth-prometheus <- {ComponentTypes.AlertmanagerBasicAuth}/alertmanager-basic-auth",
        $"{ResourceTypes.Service}/alertmanager-cluster <- {ComponentTypes.Alertmanager}/alertmanager",
        $"{ResourceTypes.Pdb}/alertmanager <- {ComponentTypes.Alertmanager}/alertmanager",
        $"{ComponentTypes.AlertmanagerNetworkPolicy}/alertmanager-network-policy <- {ComponentTypes.ModelAlerting}/mlops-alerting",
        $"{ResourceTypes.NetworkPolicy}/alertmanager-network-policy <- {ComponentTypes.AlertmanagerNetworkPolicy}/alertmanager-network-policy",
    ];

    public static TheoryData<string> Stacks => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Declares_exactly_the_expected_resources_with_their_parents(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        Assert.Null(run.Failure);

        var expected = stack == "dev" ? DevResources : [.. DevResources, .. ProdExtra];
        var declared = run.Captured.Select(r => $"{r.Type}/{r.Name} <- {(r.ParentType is null || r.ParentType == "pulumi:pulumi:Stack" ? "stack" : $"{r.ParentType}/{r.ParentName}")}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));

        // Stacks deployed before the one component existed keep every object: each former top-level
        // component has an alias to its place at the stack's root, which its children inherit.
        var moved = run.Captured.Where(r => r.ParentType == ComponentTypes.ModelAlerting).ToList();
        Assert.NotEmpty(moved);
        foreach (var r in moved)
        {
            var alias = await OutputValue.Of(Assert.Single(r.Options.Aliases).ToOutput());
            Assert.True(alias is { NoParent: true, Name: null, Type: null, Parent: null, Urn: null }, $"{r.Type}/{r.Name} has no alias to the stack's root");
        }

        // The engine registered exactly the same resources, components included, and the explicit provider.
        var registered = run.Mocks.Registered.Select(r => $"{r.Type}/{r.Name}").Order(StringComparer.Ordinal);
        Assert.Equal(expected.Select(e => e.Split(' ')[0]).Append($"{ResourceTypes.KubernetesProvider}/kubernetes").Order(StringComparer.Ordinal), registered);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_config_map_holds_exactly_the_core_rendering_and_is_immutable(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var inputs = run.Inputs(ResourceTypes.ConfigMap, "alertmanager-config");
        var expected = AlertmanagerConfigRenderer.Render(Settings(stack));

        Assert.Equal(expected.Files.OrderBy(f => f.Key), Props.StringMap(inputs, "data").OrderBy(f => f.Key));
        Assert.Equal(true, Props.At(inputs, "immutable"));
        Assert.Null(Props.At(inputs, "metadata.name"));
        Assert.Equal(expected.Checksum, run.Outputs["configChecksum"]);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_api_url_file_is_a_key_of_the_mounted_webhook_secret(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var yaml = new YamlStream();
        yaml.Load(new StringReader((string)Props.Map(run.Inputs(ResourceTypes.ConfigMap, "alertmanager-config"), "data")["alertmanager.yml"]));
        var receivers = ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["receivers"]).Children.Cast<YamlMappingNode>().ToList();

        // The receiver of other stacks' alerts has no integration, so it reads no file.
        var other = Assert.Single(receivers, r => ((YamlScalarNode)r["name"]).Value == ForeignStackRoute.Receiver);
        Assert.Single(other.Children);
        var files = receivers.Where(r => r != other)
            .SelectMany(r => ((YamlSequenceNode)r["slack_configs"]).Children)
            .Select(c => ((YamlScalarNode)((YamlMappingNode)c)["api_url_file"]).Value!)
            .ToList();
        Assert.Equal(3, files.Count);

        var secret = run.Inputs(ResourceTypes.Secret, "alertmanager-slack-webhooks");
        var secretName = Props.Text(secret, "metadata.name");
        var secretKeys = Props.Map(secret, "stringData").Keys.ToHashSet();
        var pod = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        var volume = Assert.Single(Props.List(pod, "spec.template.spec.volumes"), v => Props.Text(v, "secret.secretName") == secretName);
        var mount = Assert.Single(Props.List(pod, "spec.template.spec.containers[0].volumeMounts"), m => Props.Text(m, "name") == Props.Text(volume, "name"));
        Assert.Equal(true, Props.At(mount, "readOnly"));
        var mounted = Props.List(volume, "secret.items")
            .Where(i => secretKeys.Contains(Props.Text(i, "key")!))
            .Select(i => $"{Props.Text(mount, "mountPath")}/{Props.Text(i, "path")}")
            .ToHashSet();
        Assert.All(files, f => Assert.Contains(f, mounted));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_deployment_runs_hardened_with_the_stack_replicas_args_probes_and_resources(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var settings = Settings(stack);
        var d = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        var c = Props.At(d, "spec.template.spec.containers[0]");
        Assert.Equal(stack == "dev" ? 1 : 3, Props.Number(d, "spec.replicas"));
        Assert.Equal(settings.Alertmanager.Image, Props.Text(c, "image"));

        var args = Props.Strings(c, "args");
        Assert.Contains($"--config.file={ConfigLayout.ConfigFilePath}", args);
        Assert.Contains($"--storage.path={ConfigLayout.StorageDirectory}", args);
        Assert.Contains($"--web.external-url={settings.Alertmanager.ExternalUrl.AbsoluteUri}", args);
        if (stack == "dev")
        {
            Assert.Contains("--cluster.listen-address=", args);
            Assert.DoesNotContain(args, a => a.StartsWith("--cluster.peer", StringComparison.Ordinal) || a.StartsWith("--web.config.file", StringComparison.Ordinal));
            Assert.Equal("/-/ready", Props.Text(c, "readinessProbe.httpGet.path"));
            Assert.Equal("/-/healthy", Props.Text(c, "livenessProbe.httpGet.path"));
        }
        else
        {
            Assert.Contains("--cluster.listen-address=0.0.0.0:9094", args);
            Assert.Contains("--cluster.advertise-address=[$(POD_IP)]:9094", args);
            Assert.Contains("--cluster.peer=alertmanager-cluster.monitoring.svc.cluster.local:9094", args);
            Assert.Contains("--web.config.file=/etc/alertmanager/web/web.yml", args);
            Assert.Equal("status.podIP", Props.Text(c, "env[0].valueFrom.fieldRef.fieldPath"));
            Assert.Null(Props.At(c, "readinessProbe.httpGet"));
            Assert.Contains("http://127.0.0.1:9093/api/v2/status", Props.Strings(c, "readinessProbe.exec.command")[2]);
            Assert.Contains("/etc/alertmanager/web/probe-authorization", Props.Strings(c, "livenessProbe.exec.command")[2]);
            Assert.Contains("http://127.0.0.1:9093/-/healthy", Props.Strings(c, "livenessProbe.exec.command")[2]);
        }

        var res = settings.Alertmanager.Resources;
        Assert.Equal(res.CpuRequest, Props.Text(c, "resources.requests.cpu"));
        Assert.Equal(res.MemoryRequest, Props.Text(c, "resources.requests.memory"));
        Assert.Equal(res.CpuLimit, Props.Text(c, "resources.limits.cpu"));
        Assert.Equal(res.MemoryLimit, Props.Text(c, "resources.limits.memory"));

        Assert.Equal(true, Props.At(c, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal(false, Props.At(c, "securityContext.allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], Props.Strings(c, "securityContext.capabilities.drop"));
        Assert.Equal(true, Props.At(d, "spec.template.spec.securityContext.runAsNonRoot"));
        Assert.Equal("RuntimeDefault", Props.Text(d, "spec.template.spec.securityContext.seccompProfile.type"));
        Assert.Equal(false, Props.At(d, "spec.template.spec.automountServiceAccountToken"));
        Assert.Equal(false, Props.At(run.Inputs(ResourceTypes.ServiceAccount, "alertmanager"), "automountServiceAccountToken"));
        Assert.DoesNotContain(Props.List(d, "spec.template.spec.volumes"), v => Props.At(v, "emptyDir") is not null);
        Assert.Equal("storage", Props.Text(d, "spec.volumeClaimTemplates[0].metadata.name"));
        Assert.All(Props.List(c, "volumeMounts").Where(m => Props.Text(m, "mountPath") != ConfigLayout.StorageDirectory), m => Assert.Equal(true, Props.At(m, "readOnly")));

        var svc = run.Inputs(ResourceTypes.Service, "alertmanager");
        Assert.Equal("alertmanager", Props.Text(svc, "metadata.name"));
        Assert.Equal("ClusterIP", Props.Text(svc, "spec.type"));
        Assert.Equal(9093, Props.Number(svc, "spec.ports[0].port"));
    }

    [Fact]
    public async Task Prod_gossips_through_a_headless_service_and_keeps_a_quorum()
    {
        var run = await StackRun.CommittedAsync("prod");
        var headless = run.Inputs(ResourceTypes.Service, "alertmanager-cluster");
        Assert.Equal("None", Props.Text(headless, "spec.clusterIP"));
        Assert.Equal(true, Props.At(headless, "spec.publishNotReadyAddresses"));
        var ports = Props.List(headless, "spec.ports").Select(p => $"{Props.Number(p, "port")}/{Props.Text(p, "protocol")}").ToList();
        Assert.Contains("9094/TCP", ports);
        Assert.Contains("9094/UDP", ports);

        Assert.Equal(1, Props.Number(run.Inputs(ResourceTypes.Pdb, "alertmanager"), "spec.maxUnavailable"));
        var d = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        Assert.Equal("RollingUpdate", Props.Text(d, "spec.updateStrategy.type"));
        Assert.Null(Props.At(d, "spec.updateStrategy.rollingUpdate"));
        Assert.Equal("kubernetes.io/hostname", Props.Text(d, "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey"));

        var snippet = (string)run.Outputs["prometheusAlertingConfig"]!;
        Assert.Contains("dns_sd_configs", snippet);
        Assert.Contains("alertmanager-cluster.monitoring.svc.cluster.local", snippet);
    }

    [Fact]
    public async Task Dev_runs_alone_without_pdb_headless_service_or_policy()
    {
        var run = await StackRun.CommittedAsync("dev");
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type is ResourceTypes.Pdb or ResourceTypes.NetworkPolicy || r.Name == "alertmanager-cluster");
        Assert.Equal("RollingUpdate", Props.Text(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.updateStrategy.type"));
    }

    [Fact]
    public async Task Prod_network_policy_allows_only_prometheus_gossip_dns_and_slack()
    {
        var run = await StackRun.CommittedAsync("prod");
        var p = run.Inputs(ResourceTypes.NetworkPolicy, "alertmanager-network-policy");
        Assert.Equal(["Ingress", "Egress"], Props.Strings(p, "spec.policyTypes"));
        var ingress = Props.List(p, "spec.ingress");
        Assert.Equal(2, ingress.Count);
        Assert.Equal(9093, Props.Number(ingress[0], "ports[0].port"));
        Assert.Equal("monitoring", Props.Map(ingress[0], "from[0].namespaceSelector.matchLabels")["kubernetes.io/metadata.name"]);
        Assert.Equal("prometheus", Props.Map(ingress[0], "from[0].podSelector.matchLabels")["app.kubernetes.io/name"]);
        Assert.Equal(["9094/TCP", "9094/UDP"], Props.List(ingress[1], "ports").Select(x => $"{Props.Number(x, "port")}/{Props.Text(x, "protocol")}"));

        var egress = Props.List(p, "spec.egress");
        Assert.Equal(3, egress.Count);
        Assert.Equal(["53/UDP", "53/TCP"], Props.List(egress[0], "ports").Select(x => $"{Props.Number(x, "port")}/{Props.Text(x, "protocol")}"));
        Assert.Equal("kube-dns", Props.Map(egress[0], "to[0].podSelector.matchLabels")["k8s-app"]);
        Assert.Equal(443, Props.Number(egress[1], "ports[0].port"));
        Assert.Equal("0.0.0.0/0", Props.Text(egress[1], "to[0].ipBlock.cidr"));
        Assert.Equal(["9094/TCP", "9094/UDP"], Props.List(egress[2], "ports").Select(x => $"{Props.Number(x, "port")}/{Props.Text(x, "protocol")}"));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Secrets_are_declared_secret_and_no_output_shows_a_webhook(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);

        // What the program declares (before the mock engine strips secretness from inputs).
        var declared = run.Declared(ResourceTypes.Secret, "alertmanager-slack-webhooks");
        var args = Assert.IsType<Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs>(declared.Args);
        Assert.True(await Pulumi.Output.IsSecretAsync(((Input<System.Collections.Immutable.ImmutableDictionary<string, string>>)args.StringData).ToOutput()));
        Assert.Contains("data", declared.Options is CustomResourceOptions o ? o.AdditionalSecretOutputs : []);
        Assert.Contains("stringData", ((CustomResourceOptions)declared.Options).AdditionalSecretOutputs);

        foreach (var (key, value) in run.Outputs)
        {
            var text = value is Output<string> s ? await OutputValue.Of(s) : value?.ToString() ?? string.Empty;
            Assert.DoesNotContain(EngineConfig.TestWebhooks.Values, text.Contains);
            if (key == "basicAuthPassword")
            {
                Assert.True(await Pulumi.Output.IsSecretAsync((Output<string>)value!));
            }
            else if (value is Output<string> plain)
            {
                Assert.False(await Pulumi.Output.IsSecretAsync(plain), key);
            }
        }

        if (stack == "prod")
        {
            Assert.Equal(RecordingMocks.Password, await OutputValue.Of(run.Output<string>("basicAuthPassword")));
            var web = run.Declared(ResourceTypes.Secret, "alertmanager-basic-auth-web-config");
            var webArgs = Assert.IsType<Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs>(web.Args);
            Assert.True(await Pulumi.Output.IsSecretAsync(((Input<System.Collections.Immutable.ImmutableDictionary<string, string>>)webArgs.StringData).ToOutput()));
            Assert.Contains("stringData", ((CustomResourceOptions)web.Options).AdditionalSecretOutputs);
            var webYaml = (string)Props.Map(run.Inputs(ResourceTypes.Secret, "alertmanager-basic-auth-web-config"), "stringData")["web.yml"];
            Assert.Contains($"'alertmanager': '{RecordingMocks.BcryptHash}'", webYaml);
        }
        else
        {
            Assert.False(run.Outputs.ContainsKey("basicAuthPassword"));
        }
    }

    [Fact]
    public async Task Prod_declares_the_password_secret_prometheus_mounts_where_the_snippet_reads_it()
    {
        var run = await StackRun.CommittedAsync("prod");
        Assert.Null(run.Failure);

        // Declared secret, before the mock engine strips secretness from inputs.
        var declared = run.Declared(ResourceTypes.Secret, "alertmanager-basic-auth-prometheus");
        var args = Assert.IsType<Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs>(declared.Args);
        Assert.True(await Pulumi.Output.IsSecretAsync(((Input<System.Collections.Immutable.ImmutableDictionary<string, string>>)args.StringData).ToOutput()));
        Assert.Contains("data", ((CustomResourceOptions)declared.Options).AdditionalSecretOutputs);
        Assert.Contains("stringData", ((CustomResourceOptions)declared.Options).AdditionalSecretOutputs);

        var inputs = run.Inputs(ResourceTypes.Secret, "alertmanager-basic-auth-prometheus");
        var metadata = Props.Map(inputs, "metadata");
        Assert.Equal(("monitoring", "alertmanager-basic-auth"), ((string)metadata["namespace"], (string)metadata["name"]));
        var data = Props.Map(inputs, "stringData");
        Assert.Equal(["password", "username"], data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("alertmanager", data["username"]);
        Assert.Equal(RecordingMocks.Password, data["password"]);

        Assert.Equal("monitoring/alertmanager-basic-auth", await OutputValue.Of(run.Output<string>("prometheusPasswordSecret")));
        Assert.False(await Pulumi.Output.IsSecretAsync(run.Output<string>("prometheusPasswordSecret")));
        Assert.Contains("password_file: /etc/prometheus/secrets/alertmanager-basic-auth/password\n", (string)run.Outputs["prometheusAlertingConfig"]!, StringComparison.Ordinal);
        Assert.Contains("name: alertmanager-basic-auth\n          key: password\n", (string)run.Outputs["prometheusOperatorAlerting"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_for_prometheus_goes_to_the_namespace_and_name_the_stack_sets()
    {
        var config = EngineConfig.Committed("prod").Set("access", """{"basicAuth":{"enabled":true,"username":"alertmanager","prometheusSecret":{"namespace":"observability","name":"am-auth"}}}""");
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);

        var metadata = Props.Map(run.Inputs(ResourceTypes.Secret, "alertmanager-basic-auth-prometheus"), "metadata");
        Assert.Equal(("observability", "am-auth"), ((string)metadata["namespace"], (string)metadata["name"]));
        Assert.Equal("observability/am-auth", await OutputValue.Of(run.Output<string>("prometheusPasswordSecret")));
        Assert.Contains("password_file: /etc/prometheus/secrets/am-auth/password\n", (string)run.Outputs["prometheusAlertingConfig"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Outputs_give_the_endpoints(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var ns = stack == "dev" ? "monitoring-dev" : "monitoring";
        Assert.Equal(ns, await OutputValue.Of(run.Output<string>("namespace")));
        Assert.Equal("alertmanager", await OutputValue.Of(run.Output<string>("serviceName")));
        Assert.Equal(9093, run.Outputs["servicePort"]);
        Assert.Equal($"http://alertmanager.{ns}.svc.cluster.local:9093", run.Outputs["inClusterUrl"]);
        Assert.Equal(stack == "dev" ? "http://localhost:9093/" : "https://alertmanager.ml.example.com/", run.Outputs["externalUrl"]);
        Assert.Equal($"kubectl port-forward --namespace {ns} svc/alertmanager 9093:9093", run.Outputs["portForwardCommand"]);
        var channels = Assert.IsType<Dictionary<string, string>>(run.Outputs["channels"]);
        Assert.Equal(stack == "dev" ? "#ml-alerts-critical-dev" : "#ml-alerts-critical", channels["critical"]);
        Assert.Equal(3, channels.Count);
        Assert.Equal(AlertmanagerConfigRenderer.Render(Settings(stack)).Checksum, run.Outputs["configChecksum"]);
        Assert.Equal("ConfigMap/mlops-model-alerts", await OutputValue.Of(run.Output<string>("rulesObject")));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_missing_webhook_fails_with_the_set_command_and_registers_nothing(string stack)
    {
        var config = EngineConfig.Committed(stack).SetSecret("slackWebhooks", """{"all":"https://hooks.slack.com/services/T/B/x"}""");
        var run = await StackRun.RunAsync(stack, config);

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains(SlackWebhooks.SetCommand(ChannelRole.Critical, stack), failure.Message);
        Assert.Contains(SlackWebhooks.SetCommand(ChannelRole.Warning, stack), failure.Message);
        Assert.DoesNotContain(SlackWebhooks.SetCommand(ChannelRole.All, stack), failure.Message);
        Assert.Empty(run.Mocks.Registered);
        Assert.Empty(run.Captured);
    }

    [Fact]
    public async Task An_invalid_setting_fails_with_the_core_message_and_registers_nothing()
    {
        var config = EngineConfig.Committed("dev").SetPath("routing", "groupInterval", JsonValue.Create("1s")!);
        var run = await StackRun.RunAsync("dev", config);

        var failure = Assert.IsType<RunException>(run.Failure);
        var expected = Assert.Throws<SettingsException>(() => SettingsBinder.Bind(StackFileReader.Parse("dev", "Pulumi.dev.yaml",
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.dev.yaml")).Replace("groupInterval: 1m", "groupInterval: 1s", StringComparison.Ordinal))));
        Assert.Contains("routing.groupInterval: 1s is shorter than groupWait 10s", failure.Message);
        Assert.Contains(expected.Errors.Single().Fix, failure.Message);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task A_plain_text_webhook_is_rejected()
    {
        var config = EngineConfig.Committed("dev").Set("slackWebhooks", System.Text.Json.JsonSerializer.Serialize(EngineConfig.TestWebhooks));
        var run = await StackRun.RunAsync("dev", config);
        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("is stored in plain text", failure.Message);
        Assert.DoesNotContain(EngineConfig.TestWebhooks["all"], failure.Message);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task Rules_become_a_labelled_prometheus_rule_when_asked()
    {
        var config = EngineConfig.Committed("prod")
            .SetPath("rules", "target", JsonValue.Create("prometheusRule")!)
            .SetPath("rules", "labels", new JsonObject { ["release"] = "kube-prometheus" });
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);

        var rule = run.Inputs(ResourceTypes.PrometheusRule, "mlops-model-alerts");
        Assert.Equal("monitoring.coreos.com/v1", Props.Text(rule, "apiVersion"));
        Assert.Equal("PrometheusRule", Props.Text(rule, "kind"));
        Assert.Equal("kube-prometheus", Props.Map(rule, "metadata.labels")["release"]);
        Assert.Equal("mlops-model-alerts/monitoring/prod", Props.Text(rule, "spec.groups[0].name"));
        var expected = MlopsAlerting.Core.Rules.ModelAlertRules.Render(Settings("prod")).Groups[0].Rules;
        Assert.Equal(6, expected.Count); // the catalogue, two threshold records, the critical, warning and missing alerts
        Assert.Equal(expected.Count, Props.List(rule, "spec.groups[0].rules").Count);
        Assert.Equal(expected[0].Record, Props.Text(rule, "spec.groups[0].rules[0].record"));
        Assert.Equal(expected[0].Expr, Props.Text(rule, "spec.groups[0].rules[0].expr"));
        Assert.Equal(expected[1].Expr, Props.Text(rule, "spec.groups[0].rules[1].expr"));
        Assert.Equal(expected[3].Expr, Props.Text(rule, "spec.groups[0].rules[3].expr"));
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == ResourceTypes.ConfigMap && r.Name == "mlops-model-alerts");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_rules_config_map_holds_the_core_rule_file(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var expected = MlopsAlerting.Core.Rules.StackRules.Render(Settings(stack));
        Assert.Equal(expected.Yaml, Props.Map(run.Inputs(ResourceTypes.ConfigMap, "mlops-model-alerts"), "data")[expected.FileName]);
    }

    private static StackSettings Settings(string stack)
    {
        var config = EngineConfig.Committed(stack);
        return SettingsBinder.Bind(EngineConfigReader.Read(
            stack,
            key => config.Values.GetValueOrDefault(EngineConfig.Prefix + key),
            key => config.SecretKeys.Contains(EngineConfig.Prefix + key)));
    }
}
