using System.Text.Json.Nodes;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// The StatefulSet that keeps each replica's silences and notification log on its own volume, the update strategy that
/// keeps one writer per volume, what a stack that ran the Deployment gets, and every placement setting in the pod spec.
/// </summary>
public sealed class StatefulSetStackTests
{
    public static TheoryData<string> Stacks => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Each_replica_claims_a_volume_mounted_at_the_storage_path_and_written_every_minute(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        Assert.Null(run.Failure);
        var s = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");

        var claim = Assert.Single(Props.List(s, "spec.volumeClaimTemplates"));
        Assert.Equal("storage", Props.Text(claim, "metadata.name"));
        Assert.Equal(["ReadWriteOnce"], Props.Strings(claim, "spec.accessModes"));
        Assert.Equal("1Gi", Props.Text(claim, "spec.resources.requests.storage"));
        Assert.Null(Props.At(claim, "spec.storageClassName")); // the cluster's default class
        Assert.Equal(stack, Props.StringMap(claim, "metadata.labels")["app.kubernetes.io/instance"]);

        var pod = Props.At(s, "spec.template.spec");
        Assert.DoesNotContain(Props.List(pod, "volumes"), v => Props.Text(v, "name") == "storage");
        var mount = Assert.Single(Props.List(pod, "containers[0].volumeMounts"), m => Props.Text(m, "name") == "storage");
        Assert.Equal("/alertmanager", Props.Text(mount, "mountPath"));
        Assert.Equal(false, Props.At(mount, "readOnly"));
        Assert.Contains("--storage.path=/alertmanager", Props.Strings(pod, "containers[0].args"));
        Assert.Contains("--data.maintenance-interval=1m", Props.Strings(pod, "containers[0].args"));

        // nobody (65534) owns what it writes on a fresh claim.
        Assert.Equal(65534, Props.Number(pod, "securityContext.fsGroup"));
        Assert.Equal(65534, Props.Number(pod, "securityContext.runAsUser"));
        Assert.Equal("OnRootMismatch", Props.Text(pod, "securityContext.fsGroupChangePolicy"));
        Assert.Equal(30, Props.Number(pod, "terminationGracePeriodSeconds"));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_update_strategy_stops_a_pod_before_its_successor_starts_on_its_volume(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        var s = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");

        // RollingUpdate of a StatefulSet: one pod at a time, its successor created only once it has terminated. No
        // maxUnavailable (a feature gate) and no partition; Parallel creates all replicas at once on the first deploy.
        Assert.Equal("RollingUpdate", Props.Text(s, "spec.updateStrategy.type"));
        Assert.Null(Props.At(s, "spec.updateStrategy.rollingUpdate"));
        Assert.Equal("Parallel", Props.Text(s, "spec.podManagementPolicy"));
        Assert.Equal("alertmanager-cluster", Props.Text(s, "spec.serviceName"));
        Assert.Equal(stack == "dev" ? 1 : 3, Props.Number(s, "spec.replicas"));
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == ResourceTypes.Deployment);
    }

    [Fact]
    public async Task A_stack_that_ran_the_deployment_gets_a_statefulset_whose_pods_the_services_and_budget_select_like_the_old_ones()
    {
        var run = await StackRun.CommittedAsync("prod");
        var s = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");

        // Pulumi creates the StatefulSet (a new resource: another type, no alias) and deletes the Deployment, which the
        // program no longer declares, only at the end of the update, after the StatefulSet is ready. Meanwhile the old
        // and new pods carry the same selector labels: the headless Service lists both, so the new replicas join the old
        // ones' gossip and take their silences and notification log before the old ones stop.
        var selector = Props.StringMap(s, "spec.selector.matchLabels");
        Assert.Equal(["app.kubernetes.io/instance", "app.kubernetes.io/name"], selector.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(selector, Props.StringMap(run.Inputs(ResourceTypes.Service, "alertmanager-cluster"), "spec.selector"));
        Assert.Equal(selector, Props.StringMap(run.Inputs(ResourceTypes.Service, "alertmanager"), "spec.selector"));
        Assert.Equal(selector, Props.StringMap(run.Inputs(ResourceTypes.Pdb, "alertmanager"), "spec.selector.matchLabels"));
        Assert.Equal("alertmanager", Props.Text(s, "metadata.name"));
        Assert.Single(run.Mocks.Registered, r => r.Type == ResourceTypes.StatefulSet);
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == ResourceTypes.Deployment);
    }

    [Fact]
    public async Task A_storage_class_and_size_go_into_the_claim_template()
    {
        var config = EngineConfig.Committed("prod").SetPath("alertmanager", "storage", JsonNode.Parse("""{"size":"5Gi","storageClass":"fast-ssd"}""")!);
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        var claim = Props.At(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.volumeClaimTemplates[0]");
        Assert.Equal("5Gi", Props.Text(claim, "spec.resources.requests.storage"));
        Assert.Equal("fast-ssd", Props.Text(claim, "spec.storageClassName"));
    }

    [Fact]
    public async Task An_empty_dir_gives_no_claim_and_an_empty_dir_volume()
    {
        var config = EngineConfig.Committed("dev").SetPath("alertmanager", "storage", JsonNode.Parse("""{"emptyDir":true}""")!);
        var run = await StackRun.RunAsync("dev", config);
        Assert.Null(run.Failure);
        var s = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        Assert.Empty(Props.List(s, "spec.volumeClaimTemplates"));
        var volume = Assert.Single(Props.List(s, "spec.template.spec.volumes"), v => Props.Text(v, "name") == "storage");
        Assert.NotNull(Props.At(volume, "emptyDir"));
    }

    [Fact]
    public async Task Prod_spreads_its_replicas_over_zones_softly_beside_the_one_per_node_anti_affinity()
    {
        var pod = await PodSpec("prod", null);
        var spread = Assert.Single(Props.List(pod, "topologySpreadConstraints"));
        Assert.Equal("topology.kubernetes.io/zone", Props.Text(spread, "topologyKey"));
        Assert.Equal("ScheduleAnyway", Props.Text(spread, "whenUnsatisfiable"));
        Assert.Equal(1, Props.Number(spread, "maxSkew"));
        Assert.Equal(Props.StringMap(spread, "labelSelector.matchLabels"), Props.StringMap(pod, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels"));
        Assert.Null(Props.At(pod, "nodeSelector"));
        Assert.Empty(Props.List(pod, "tolerations"));
        Assert.Null(Props.At(pod, "priorityClassName"));
        Assert.Empty(Props.List(pod, "imagePullSecrets"));

        // One replica has nothing to spread.
        Assert.Empty(Props.List(await PodSpec("dev", null), "topologySpreadConstraints"));
    }

    [Theory]
    [InlineData("hard", "DoNotSchedule")]
    [InlineData("off", null)]
    public async Task Zone_spread_hard_requires_it_and_off_drops_it(string spread, string? whenUnsatisfiable)
    {
        var pod = await PodSpec("prod", $$"""{"zoneSpread":"{{spread}}"}""");
        Assert.Equal(whenUnsatisfiable, Props.Text(pod, "topologySpreadConstraints[0].whenUnsatisfiable"));
    }

    [Fact]
    public async Task Node_selector_reaches_the_pods()
    {
        var pod = await PodSpec("prod", """{"nodeSelector":{"node-pool":"monitoring"}}""");
        Assert.Equal(new Dictionary<string, string> { ["node-pool"] = "monitoring" }, Props.StringMap(pod, "nodeSelector"));
    }

    [Fact]
    public async Task Tolerations_reach_the_pods()
    {
        var pod = await PodSpec("prod", """{"tolerations":[{"key":"dedicated","value":"monitoring","effect":"NoSchedule"},{"operator":"Exists","effect":"NoExecute","tolerationSeconds":60}]}""");
        var t = Props.List(pod, "tolerations");
        Assert.Equal(2, t.Count);
        Assert.Equal(("dedicated", "Equal", "monitoring", "NoSchedule"), (Props.Text(t[0], "key"), Props.Text(t[0], "operator"), Props.Text(t[0], "value"), Props.Text(t[0], "effect")));
        Assert.Equal((null, "Exists", "NoExecute", 60d), (Props.Text(t[1], "key"), Props.Text(t[1], "operator"), Props.Text(t[1], "effect"), Props.Number(t[1], "tolerationSeconds")));
    }

    [Fact]
    public async Task Node_affinity_joins_the_anti_affinity()
    {
        var pod = await PodSpec("prod", """{"nodeAffinity":{"required":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64","arm64"]}],"preferred":[{"weight":30,"key":"spot","operator":"DoesNotExist"}]}}""");
        var required = Props.At(pod, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]");
        Assert.Equal(("kubernetes.io/arch", "In"), (Props.Text(required, "key"), Props.Text(required, "operator")));
        Assert.Equal(["amd64", "arm64"], Props.Strings(required, "values"));
        var preferred = Props.At(pod, "affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]");
        Assert.Equal(30, Props.Number(preferred, "weight"));
        Assert.Equal(("spot", "DoesNotExist"), (Props.Text(preferred, "preference.matchExpressions[0].key"), Props.Text(preferred, "preference.matchExpressions[0].operator")));
        Assert.Equal("kubernetes.io/hostname", Props.Text(pod, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey"));

        // One replica: the node affinity alone.
        var dev = await PodSpec("dev", """{"nodeAffinity":{"required":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]}]}}""");
        Assert.NotNull(Props.At(dev, "affinity.nodeAffinity"));
        Assert.Null(Props.At(dev, "affinity.podAntiAffinity"));
    }

    [Fact]
    public async Task Priority_class_reaches_the_pods()
    {
        Assert.Equal("alerting-critical", Props.Text(await PodSpec("prod", """{"priorityClassName":"alerting-critical"}"""), "priorityClassName"));
    }

    [Fact]
    public async Task Image_pull_secrets_reach_the_pods()
    {
        var pod = await PodSpec("prod", """{"imagePullSecrets":["registry-mirror","backup-mirror"]}""");
        Assert.Equal(["registry-mirror", "backup-mirror"], Props.List(pod, "imagePullSecrets").Select(s => Props.Text(s, "name")!));
    }

    [Fact]
    public async Task Pod_labels_and_annotations_reach_the_pod_template_and_the_selector_stays()
    {
        var config = EngineConfig.Committed("prod").SetPath("alertmanager", "placement", JsonNode.Parse("""{"podLabels":{"team":"ml-platform"},"podAnnotations":{"example.com/owner":"ml"}}""")!);
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);
        var s = run.Inputs(ResourceTypes.StatefulSet, "alertmanager");
        var labels = Props.StringMap(s, "spec.template.metadata.labels");
        Assert.Equal("ml-platform", labels["team"]);
        Assert.All(Props.StringMap(s, "spec.selector.matchLabels"), p => Assert.Equal(p.Value, labels[p.Key]));
        Assert.Equal(new Dictionary<string, string> { ["example.com/owner"] = "ml" }, Props.StringMap(s, "spec.template.metadata.annotations"));

        // Only the pods: the StatefulSet and the Services keep the stack's labels.
        Assert.DoesNotContain("team", Props.StringMap(s, "metadata.labels").Keys);
    }

    [Theory]
    [InlineData("""{"zoneSpread":"strict"}""", "alertmanager.placement.zoneSpread: 'strict' is not a zone spread")]
    [InlineData("""{"podLabels":{"app.kubernetes.io/name":"other"}}""", "alertmanager.placement.podLabels.app.kubernetes.io/name: is a label the stack sets on the pods itself")]
    [InlineData("""{"tolerations":[{"key":"dedicated","effect":"NoScheduling"}]}""", "alertmanager.placement.tolerations[0].effect: 'NoScheduling' is not a taint effect")]
    public async Task A_bad_placement_stops_pulumi_up_before_anything_is_created(string placement, string message)
    {
        var config = EngineConfig.Committed("prod").SetPath("alertmanager", "placement", JsonNode.Parse(placement)!);
        var run = await StackRun.RunAsync("prod", config);
        var failure = Assert.IsType<Pulumi.RunException>(run.Failure);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    private static async Task<object?> PodSpec(string stack, string? placement)
    {
        var config = EngineConfig.Committed(stack);
        if (placement is not null)
        {
            config.SetPath("alertmanager", "placement", JsonNode.Parse(placement)!);
        }

        var run = await StackRun.RunAsync(stack, config);
        Assert.Null(run.Failure);
        return Props.At(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec");
    }
}
