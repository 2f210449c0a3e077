using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>
/// <c>alertmanager.storage</c> and <c>alertmanager.placement</c>: the committed stacks keep silences on a volume, the
/// defaults, each mistake refused with the file, the key and the fix, and the review showing what a stack deploys.
/// </summary>
public class StorageAndPlacementTests
{
    private static StackSettings Bind(string alertmanagerLines) =>
        StackFiles.Bind(StackFiles.With("  mlops-alerting:alertmanager:\n    replicas: 3\n" + alertmanagerLines));

    private static SettingsError Single(string alertmanagerLines) =>
        Assert.Single(StackFiles.Errors(StackFiles.With("  mlops-alerting:alertmanager:\n    replicas: 3\n" + alertmanagerLines)));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Committed_stacks_keep_silences_on_a_one_gibibyte_volume_per_replica_and_snapshot_every_minute(string stack)
    {
        var settings = StackFiles.Committed(stack);
        var w = AlertmanagerWorkload.From(settings);

        Assert.Equal(new StorageSettings(EmptyDir: false, "1Gi", null), w.Storage);
        Assert.Contains("--data.maintenance-interval=1m", w.Args);
        Assert.Contains(w.Mounts, m => m.Volume == AlertmanagerWorkload.StorageVolume && m.MountPath == ConfigLayout.StorageDirectory && !m.ReadOnly);
        Assert.Equal(ZoneSpread.Soft, w.Placement.ZoneSpread);
    }

    [Fact]
    public void Defaults_are_a_volume_of_the_clusters_default_class_and_a_soft_zone_spread_with_nothing_else()
    {
        var s = Bind(string.Empty).Alertmanager;
        Assert.Equal(StorageSettings.Default, s.Storage);
        Assert.Equal(ZoneSpread.Soft, s.Placement.ZoneSpread);
        Assert.Empty(s.Placement.NodeSelector);
        Assert.Empty(s.Placement.Tolerations);
        Assert.Empty(s.Placement.RequiredNodeAffinity);
        Assert.Empty(s.Placement.PreferredNodeAffinity);
        Assert.Null(s.Placement.PriorityClassName);
        Assert.Empty(s.Placement.PodLabels);
        Assert.Empty(s.Placement.PodAnnotations);
        Assert.Empty(s.Placement.ImagePullSecrets);
    }

    [Fact]
    public void Every_placement_setting_binds()
    {
        var p = Bind("""
                placement:
                  zoneSpread: hard
                  nodeSelector:
                    node-pool: monitoring
                  tolerations:
                    - key: dedicated
                      value: monitoring
                      effect: NoSchedule
                    - key: node.kubernetes.io/unreachable
                      operator: Exists
                      effect: NoExecute
                      tolerationSeconds: 60
                  nodeAffinity:
                    required:
                      - key: kubernetes.io/arch
                        operator: In
                        values: [amd64, arm64]
                    preferred:
                      - weight: 50
                        key: node.example.com/spot
                        operator: DoesNotExist
                  priorityClassName: alerting-critical
                  podLabels:
                    team: ml-platform
                  podAnnotations:
                    cluster-autoscaler.kubernetes.io/safe-to-evict: "true"
                  imagePullSecrets: [registry-mirror]
            """ + "\n").Alertmanager.Placement;

        Assert.Equal(ZoneSpread.Hard, p.ZoneSpread);
        Assert.Equal("monitoring", p.NodeSelector["node-pool"]);
        Assert.Equal([new TolerationSettings("dedicated", "Equal", "monitoring", "NoSchedule", null), new TolerationSettings("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 60)], p.Tolerations);
        var required = Assert.Single(p.RequiredNodeAffinity);
        Assert.Equal(("kubernetes.io/arch", "In", "amd64,arm64", (int?)null), (required.Key, required.Operator, string.Join(',', required.Values), required.Weight));
        var preferred = Assert.Single(p.PreferredNodeAffinity);
        Assert.Equal(("node.example.com/spot", "DoesNotExist", 50), (preferred.Key, preferred.Operator, preferred.Weight));
        Assert.Equal("alerting-critical", p.PriorityClassName);
        Assert.Equal("ml-platform", p.PodLabels["team"]);
        Assert.Equal("true", p.PodAnnotations["cluster-autoscaler.kubernetes.io/safe-to-evict"]);
        Assert.Equal(["registry-mirror"], p.ImagePullSecrets);
    }

    [Fact]
    public void Pod_labels_keep_the_stacks_own_labels_whatever_the_extra_ones()
    {
        var settings = Bind("    placement:\n      podLabels:\n        team: ml-platform\n");
        var labels = AlertmanagerWorkload.From(settings).PodLabels(settings.Stack);

        Assert.Equal("ml-platform", labels["team"]);
        Assert.All(StandardLabels.Selector(settings.Stack), pair => Assert.Equal(pair.Value, labels[pair.Key]));
    }

    [Theory]
    [InlineData("    storage:\n      size: lots\n", "alertmanager.storage.size", "'lots' is not a Kubernetes storage quantity above zero", "size: 1Gi")]
    [InlineData("    storage:\n      size: \"0\"\n", "alertmanager.storage.size", "'0' is not a Kubernetes storage quantity above zero", "size: 1Gi")]
    [InlineData("    storage:\n      storageClass: Fast_SSD\n", "alertmanager.storage.storageClass", "'Fast_SSD' is not a StorageClass name", "kubectl get storageclass")]
    [InlineData("    storage:\n      emptyDir: true\n      size: 2Gi\n", "alertmanager.storage.emptyDir", "is true, so no volume is claimed", "emptyDir: false")]
    [InlineData("    placement:\n      zoneSpread: strict\n", "alertmanager.placement.zoneSpread", "'strict' is not a zone spread", "zoneSpread: soft")]
    [InlineData("    placement:\n      nodeSelector:\n        node pool: monitoring\n", "alertmanager.placement.nodeSelector.node pool", "is not a Kubernetes label", "node-pool: monitoring")]
    [InlineData("    placement:\n      tolerations:\n        - key: dedicated\n          operator: Equals\n", "alertmanager.placement.tolerations[0].operator", "'Equals' is not a toleration operator", "operator: Exists")]
    [InlineData("    placement:\n      tolerations:\n        - key: dedicated\n          effect: NoScheduling\n", "alertmanager.placement.tolerations[0].effect", "'NoScheduling' is not a taint effect", "NoExecute")]
    [InlineData("    placement:\n      tolerations:\n        - key: dedicated\n          operator: Exists\n          value: monitoring\n", "alertmanager.placement.tolerations[0].value", "operator Exists matches any value", "delete `value`")]
    [InlineData("    placement:\n      tolerations:\n        - value: monitoring\n", "alertmanager.placement.tolerations[0].key", "operator Equal needs the taint's key", "operator: Exists")]
    [InlineData("    placement:\n      tolerations:\n        - key: dedicated\n          tolerationSeconds: 30\n", "alertmanager.placement.tolerations[0].tolerationSeconds", "only a NoExecute taint evicts", "effect: NoExecute")]
    [InlineData("    placement:\n      nodeAffinity:\n        required:\n          - key: zone\n            operator: Within\n            values: [a]\n", "alertmanager.placement.nodeAffinity.required[0].operator", "'Within' is not a node selector operator", "NotIn")]
    [InlineData("    placement:\n      nodeAffinity:\n        required:\n          - key: zone\n            operator: In\n", "alertmanager.placement.nodeAffinity.required[0].values", "In needs at least one value", "values: [monitoring]")]
    [InlineData("    placement:\n      nodeAffinity:\n        preferred:\n          - weight: 200\n            key: zone\n            operator: Exists\n", "alertmanager.placement.nodeAffinity.preferred[0].weight", "is 200, outside 1 to 100", "weight: 50")]
    [InlineData("    placement:\n      nodeAffinity:\n        preferred:\n          - key: zone\n            operator: Exists\n", "alertmanager.placement.nodeAffinity.preferred[0].weight", "is not set", "weight: 50")]
    [InlineData("    placement:\n      priorityClassName: High Priority\n", "alertmanager.placement.priorityClassName", "'High Priority' is not a PriorityClass name", "kubectl get priorityclass")]
    [InlineData("    placement:\n      podLabels:\n        app.kubernetes.io/instance: other\n", "alertmanager.placement.podLabels.app.kubernetes.io/instance", "a label the stack sets on the pods itself", "team: ml-platform")]
    [InlineData("    placement:\n      podLabels:\n        statefulset.kubernetes.io/pod-name: x\n", "alertmanager.placement.podLabels.statefulset.kubernetes.io/pod-name", "the StatefulSet controller sets", "delete it")]
    [InlineData("    placement:\n      podLabels:\n        team: ml platform\n", "alertmanager.placement.podLabels.team", "'team: ml platform' is not a Kubernetes label", "team: ml-platform")]
    [InlineData("    placement:\n      podAnnotations:\n        bad key!: x\n", "alertmanager.placement.podAnnotations.bad key!", "is not a Kubernetes annotation key", "safe-to-evict")]
    [InlineData("    placement:\n      imagePullSecrets: [Registry_Mirror]\n", "alertmanager.placement.imagePullSecrets", "'Registry_Mirror' is not a Secret name", "dockerconfigjson")]
    [InlineData("    placement:\n      zoneSpeed: soft\n", "alertmanager.placement.zoneSpeed", "is not a known setting", "zoneSpread")]
    public void Each_mistake_is_refused_with_the_key_and_the_fix(string lines, string key, string problem, string fix)
    {
        var error = Single(lines);

        Assert.Equal("Pulumi.test.yaml", error.File);
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_shows_the_volume_the_zone_spread_and_every_placement_setting()
    {
        var settings = Bind("""
                storage:
                  size: 2Gi
                  storageClass: fast-ssd
                placement:
                  zoneSpread: hard
                  nodeSelector:
                    node-pool: monitoring
                  tolerations:
                    - key: dedicated
                      value: monitoring
                      effect: NoSchedule
                  nodeAffinity:
                    required:
                      - key: kubernetes.io/arch
                        operator: In
                        values: [amd64]
                  priorityClassName: alerting-critical
                  podLabels:
                    team: ml-platform
                  podAnnotations:
                    example.com/owner: ml
                  imagePullSecrets: [registry-mirror]
            """ + "\n");
        var review = StackReview.Render(settings, AlertmanagerConfigRenderer.Render(settings));

        Assert.Contains("| `alertmanager.storage` | a 2Gi PersistentVolumeClaim per replica (StorageClass `fast-ssd`)", review, StringComparison.Ordinal);
        var placement = review.Split('\n').Single(l => l.StartsWith("| `alertmanager.placement` |", StringComparison.Ordinal));
        foreach (var shown in new[] { "zone spread **hard**", "`node-pool=monitoring`", "tolerates `dedicated=monitoring`:NoSchedule", "nodes required: `kubernetes.io/arch` In [amd64]", "priority class `alerting-critical`", "pod labels `team=ml-platform`", "pod annotations `example.com/owner=ml`", "image pull secrets `registry-mirror`" })
        {
            Assert.Contains(shown, placement, StringComparison.Ordinal);
        }

        Assert.Contains(DeployNotes.For(settings), n => n.StartsWith("Placement: the PriorityClass `alerting-critical` must exist", StringComparison.Ordinal) && n.Contains("registry-mirror", StringComparison.Ordinal));
        Assert.Contains(DeployNotes.For(settings), n => n.StartsWith("Storage: each replica claims 2Gi from StorageClass `fast-ssd`", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "every `pulumi up` that changes the configuration, and every restart, loses every silence")]
    [InlineData(3, "losing every pod at once (a node-pool upgrade that outpaces the start delay, a zone outage) loses every silence")]
    public void Review_says_what_an_empty_dir_loses(int replicas, string loses)
    {
        var settings = StackFiles.Bind(StackFiles.With($"  mlops-alerting:alertmanager:\n    replicas: {replicas}\n    storage:\n      emptyDir: true\n"));
        var review = StackReview.Render(settings, AlertmanagerConfigRenderer.Render(settings));

        Assert.Contains("| `alertmanager.storage` | emptyDir: ", review, StringComparison.Ordinal);
        Assert.Contains(loses, review, StringComparison.Ordinal);
        Assert.DoesNotContain(PlannedResources.For(settings), r => r.Purpose.Contains("PersistentVolumeClaim", StringComparison.Ordinal));
    }

    [Fact]
    public void Compared_with_main_a_storage_change_replaces_the_statefulset_and_a_placement_change_rolls_the_pods()
    {
        var before = StackFiles.Committed("prod");
        var bigger = before with { Alertmanager = before.Alertmanager with { Storage = before.Alertmanager.Storage with { Size = "5Gi" } } };
        var placed = before with { Alertmanager = before.Alertmanager with { Placement = before.Alertmanager.Placement with { PriorityClassName = "alerting-critical" } } };

        var resized = StackChanges.Render(StackRevision.Of("main", before), StackRevision.Of("work tree", bigger));
        var moved = StackChanges.Render(StackRevision.Of("main", before), StackRevision.Of("work tree", placed));

        Assert.Contains("StatefulSet `monitoring/alertmanager` **replaced** (storage 1Gi → 5Gi", resized, StringComparison.Ordinal);
        Assert.Contains("The existing claims stay and the new pods mount them at their old size and class", resized, StringComparison.Ordinal);
        Assert.Contains("StatefulSet `monitoring/alertmanager` updated: **the pods roll** (placement changed)", moved, StringComparison.Ordinal);
    }
}
