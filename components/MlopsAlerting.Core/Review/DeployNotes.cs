using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// What a stack leaves to the cluster's owners, in words the review prints: what the program cannot
/// check offline and what fails silently or late on a real cluster when it is wrong.
/// </summary>
public static class DeployNotes
{
    /// <summary>The notes of a stack; a line starting with <see cref="Warning"/> asks for a change.</summary>
    public static IReadOnlyList<string> For(StackSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var notes = new List<string>();
        var w = AlertmanagerWorkload.From(s);

        if (s.Models.Count > 0)
        {
            if (s.Rules.Target == RuleTarget.PrometheusRule)
            {
                notes.Add($"Rules: a `PrometheusRule` `{s.Namespace}/{WorkloadNames.Rules}` needs the Prometheus operator's CRD (`prometheusrules.monitoring.coreos.com`); without it `pulumi up` stops at that object with `no matches for kind \"PrometheusRule\"`; install the operator (or use `rules.target: configMap`) and run it again. The operator loads it only when its labels match the Prometheus's `ruleSelector` and `{s.Namespace}` matches its `ruleNamespaceSelector`.");
                if (s.Rules.Labels.Count == 0)
                {
                    notes.Add($"{Warning} `rules.labels` is empty: kube-prometheus-stack's default `ruleSelector` is `release: <helm release>`, which an unlabelled PrometheusRule does not match, so Prometheus would load no model rule. Set it, e.g. `pulumi config set --path rules.labels.release kube-prometheus-stack --stack {s.Stack}` (the release name of `helm list -n <namespace>`), or check the selector with `kubectl get prometheus -A -o jsonpath='{{..ruleSelector}}'`.");
                }
            }
            else
            {
                notes.Add($"Rules: the ConfigMap `{s.Namespace}/{WorkloadNames.Rules}` holds the rule file; nothing loads it by itself. A plain Prometheus must mount it, list it in `rule_files` and reload; a Prometheus operator ignores plain ConfigMaps (use `rules.target: prometheusRule`). See docs/prometheus.md#how-prometheus-loads-the-rules.");
            }
        }

        if (s.Models.Count > 0 || s.Rules.UnlistedModels.Watches())
        {
            var shortest = s.Models.SelectMany(m => new[] { m.CriticalFor, m.WarningFor })
                .Concat(s.Rules.UnlistedModels.Watches() ? [Rules.ModelDefaults.Get().CriticalFor] : [])
                .MinBy(d => d.Value)!;
            notes.Add($"Prometheus restarts: Prometheus 3.5 restores a firing alert's `activeAt` after a restart only for rules whose `for` is at least its `--rules.alert.for-grace-period` (default 10m); the shortest `for` here is {shortest.Text}, so with the default such an alert goes back to pending on every Prometheus restart and Slack gets \"Resolved\" about four resend periods later. Run Prometheus with `--rules.alert.for-grace-period={shortest.Text}` or less (the operator's `spec.rules.alert.forGracePeriod`) and a persistent TSDB.");
        }

        var host = s.Alertmanager.ExternalUrl.Host;
        if (IngressRoute.From(s) is { } route)
        {
            notes.Add($"Ingress: `{route.Host}{route.Path}` goes to `svc/{WorkloadNames.Service}:{WorkloadPorts.Http}` through the {(route.ClassName is null ? "cluster's default" : $"`{route.ClassName}`")} ingress class; point the host's DNS at that controller" +
                (s.Access.NetworkPolicy.Enabled ? $" (the NetworkPolicy lets namespace `{s.Access.Ingress.ControllerNamespace}` reach 9093)." : "."));
        }
        else if (!s.Alertmanager.ExternalUrl.IsLoopback)
        {
            notes.Add($"{Warning} `alertmanager.externalUrl` is {s.Alertmanager.ExternalUrl.AbsoluteUri}: this stack declares no Ingress, so Slack's links and Silence button open a host nothing serves until you route `{host}` to `svc/{WorkloadNames.Service}:{WorkloadPorts.Http}` (`access.ingress.enabled: true`, or a Gateway or route of your cluster)" +
                (s.Access.NetworkPolicy.Enabled ? "; the NetworkPolicy must then let it in (`access.ingress.controllerNamespace`, or your gateway's namespace in `access.networkPolicy.allowFrom`)." : "."));
        }

        if (s.Access.NetworkPolicy.Enabled)
        {
            var dns = NetworkPolicyRules.Dns(s.Cluster);
            var to = dns.Peers.Count == 0 ? "any address" : string.Join(", ", dns.Peers.Select(Describe));
            notes.Add($"DNS: `cluster.dns` is `{s.Cluster.Dns.Key()}`; the NetworkPolicy lets lookups go to {to} on {string.Join(", ", dns.Ports.Select(p => $"{p.Port}/{p.Protocol}"))}. If the pods' resolver is elsewhere (`kubectl exec` into any pod: `cat /etc/resolv.conf`), Alertmanager resolves neither Slack nor its peers and sends nothing while its pods stay ready: set `cluster.dns` or add the address to `cluster.dnsCidrs`.");
        }

        notes.Add(StorageNote(s));
        var placement = s.Alertmanager.Placement;
        if (placement.PriorityClassName is not null || placement.ImagePullSecrets.Count > 0)
        {
            notes.Add("Placement: " + string.Join(" and ", new[]
            {
                placement.PriorityClassName is { } priority ? $"the PriorityClass `{priority}` must exist (`kubectl get priorityclass {priority}`), or no pod is created" : null,
                placement.ImagePullSecrets.Count > 0 ? $"the pull Secret(s) {string.Join(", ", placement.ImagePullSecrets.Select(n => $"`{s.Namespace}/{n}`"))} must exist in the stack's namespace, or the pods stay in ImagePullBackOff" : null,
            }.Where(x => x is not null)) + "; the program does not create them.");
        }

        if (w.Clustered)
        {
            var p = s.Prometheus;
            var delay = w.Args.Any(a => a.StartsWith("--dispatch.start-delay=", StringComparison.Ordinal))
                ? $"each new replica holds its notifications for {Seconds(p.StartDelay)} (`--dispatch.start-delay` = `prometheus.evaluationInterval` {p.EvaluationInterval} + `prometheus.resendDelay` {p.ResendDelay} + {Seconds(PrometheusTimings.DiscoveryRefresh)} DNS discovery refresh: Prometheus re-sends a firing alert only every {Seconds(p.ResendPeriod)}, the first evaluation strictly after the resend delay, and finds a new replica within its refresh, so by then every firing alert has reached it) and"
                : $"{s.Alertmanager.Image} (Alertmanager {s.Alertmanager.Capabilities.VersionText}) predates `--dispatch.start-delay` ({AlertmanagerCapabilities.DispatchStartDelaySince}), so a new replica may notify before Prometheus has re-sent every alert to it; each new replica";
            notes.Add($"Rollout: {delay} turns ready only {w.Readiness.InitialDelaySeconds} s after its container started (the readiness probe's `initialDelaySeconds`: {Seconds(p.StartDelay)} + {Seconds(ReadinessDelay.StartMargin)} for the process to start) and once its gossip settled, so the rollout (the StatefulSet replaces one pod at a time, on its own volume: the old pod stops and writes its silences and notification log, its successor starts on them) takes the next replica down, and the disruption budget lets a drain evict a ready one, only once every new replica notifies (`minReadySeconds` is 0: the budget would ignore it); `pulumi up` waits up to {w.Rollout.AwaitSeconds} s for the rollout. A drain takes one pod at a time and never a ready one while another is not ready, so draining every node in turn leaves at least {w.Replicas - 1} replicas notifying at every moment; a new replica gets alerts while not ready (Prometheus finds it through the headless Service `{WorkloadNames.ClusterService}`, which lists not-ready pods) but is out of the `{WorkloadNames.Service}` Service (UI, port-forward) until ready; a replica whose peers are gone stays ready and in the Service. After a rollout the replicas' group timers run out of phase: in about one rollout in ten the phases they take re-send every change of a group that lives through it, a change in a channel followed within 10 s by the state before it, then within `group_interval` by the current one again (measured with three replicas, durations divided by 6: 14 of 140 resolves, all in 2 of 20 rollouts; prometheus/alertmanager#3551; docs/latency-and-ha.md). Roll back by reverting the change and running `pulumi up` (no revision history is kept: its ConfigMaps are gone).");
        }
        else
        {
            notes.Add(s.Alertmanager.Storage.EmptyDir
                ? "Rollout: one replica on an emptyDir; the old pod stops before its successor starts (a few seconds without Alertmanager; Prometheus re-sends its alerts), and the successor starts with no silences and no notification log, so every silence is gone and a group already notified is notified again. Roll back by reverting the change and running `pulumi up`."
                : "Rollout: one replica; the old pod stops (writing its silences and notification log to its volume) before its successor starts on the same volume, so there are a few seconds without Alertmanager (Prometheus re-sends its alerts) and nothing is notified twice or unsilenced. Roll back by reverting the change and running `pulumi up`.");
        }

        return notes;
    }

    private static string StorageNote(StackSettings s)
    {
        var am = s.Alertmanager;
        var migration = am.Clustered
            ? "the new pods join the old ones' gossip through the headless Service and take their silences and notification log before the Deployment goes"
            : $"one replica has no gossip, so export the silences before and import them after (`amtool silence query -o json > silences.json`, then `amtool silence import silences.json`; docs/storage-and-placement.md); the firing groups are notified once more";
        var upgrade = $"A stack that still runs the Deployment `{s.Namespace}/{WorkloadNames.FormerDeployment}`: `pulumi up` creates the StatefulSet, waits until it is ready and only then deletes the Deployment; {migration}.";
        if (am.Storage.EmptyDir)
        {
            return $"Storage: emptyDir ({am.Storage.Describe(am.Replicas)}). {upgrade}";
        }

        return $"Storage: each replica claims {am.Storage.Size} from {(am.Storage.StorageClass is { } c ? $"StorageClass `{c}`" : "the cluster's default StorageClass (`kubectl get storageclass`; without one the pods stay Pending: set `alertmanager.storage.storageClass`)")}, as `{WorkloadNames.StorageClaim}-{WorkloadNames.StatefulSet}-<n>`. "
            + "A replica writes its silences and notification log there every minute and when it stops, so they survive every rollout and losing every pod at once (a hard loss, such as an OOM kill or a zone outage, loses at most the last minute). "
            + "A claim is zonal on most clouds: its pod is scheduled only in the claim's zone, so a zone outage keeps that replica Pending until the zone is back while the others go on. "
            + $"The claims outlive the StatefulSet and `pulumi destroy` (delete them with `kubectl delete pvc -n {s.Namespace} -l {StandardLabels.InstanceKey}={s.Stack}`); changing size or class replaces the StatefulSet, and the existing claims keep their old size. {upgrade}";
    }

    private static string Seconds(TimeSpan value) => $"{(long)Math.Ceiling(value.TotalSeconds)} s";

    /// <summary>The prefix of a note that asks for a change.</summary>
    public const string Warning = "**Warning:**";

    private static string Describe(TrafficPeer peer) =>
        peer.Cidr ?? string.Join(" ", new[]
        {
            peer.NamespaceLabels is { } ns ? $"namespace `{string.Join(",", ns.Values)}`" : null,
            peer.PodLabels is { Count: > 0 } pods ? $"pods `{string.Join(",", pods.Select(p => $"{p.Key}={p.Value}"))}`" : null,
        }.Where(x => x is not null));
}
