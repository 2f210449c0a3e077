using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// Everything the Alertmanager StatefulSet and its Services decide that needs no Pulumi type:
/// container arguments, probes, mounts, rollout numbers, peer addresses and URLs. The Pulumi
/// component turns this record into Kubernetes objects one to one.
/// </summary>
public sealed record AlertmanagerWorkload(
    string Namespace,
    string Image,
    int Replicas,
    bool Clustered,
    int Quorum,
    string RoutePrefix,
    IReadOnlyList<string> Args,
    IReadOnlyList<PodEnvironment> Environment,
    IReadOnlyList<VolumeMountSpec> Mounts,
    ProbeSpec Readiness,
    ProbeSpec Liveness,
    RolloutPolicy Rollout,
    ResourceSettings Resources,
    bool BasicAuth,
    string ClusterDomain)
{
    public const string ConfigVolume = "config";
    public const string WebhookVolume = "slack-webhooks";
    public const string WebConfigVolume = "web-config";
    public const string StorageVolume = "storage";

    /// <summary>The user and group of the official image (<c>nobody</c>).</summary>
    public const int RunAsUser = 65534;

    /// <summary>
    /// Seconds Alertmanager gets to flush its state on shutdown. A clustered replica first waits up to 10 s for its leave
    /// broadcast, which every replica of a cluster stopped at once (a node-pool upgrade, a storage change that replaces
    /// the StatefulSet) waits out in full, and only then writes its silences and notification log: 30 s covers both.
    /// </summary>
    public const int TerminationGracePeriodSeconds = 30;

    /// <summary>
    /// <c>--data.maintenance-interval</c>: how often a replica writes its silences and notification log to its volume
    /// (and drops expired entries), instead of Alertmanager's 15 minutes. A graceful stop (SIGTERM: a rollout, a drain,
    /// a node-pool upgrade) writes them as well; a hard loss (SIGKILL, an OOM kill, a node or zone gone) loses only what
    /// changed since the last write, at most this long: a silence created or a group notified in that minute (measured
    /// on 0.33.1). Both files are small, so writing them each minute costs nothing worth counting.
    /// </summary>
    public const string SnapshotInterval = "1m";

    /// <summary>Each replica's storage (<c>alertmanager.storage</c>): the StatefulSet's claim template, or an emptyDir.</summary>
    public StorageSettings Storage { get; init; } = StorageSettings.Default;

    /// <summary>Where the pods run and what they carry (<c>alertmanager.placement</c>).</summary>
    public PlacementSettings Placement { get; init; } = PlacementSettings.Default;

    /// <summary>The selector labels, plus <c>alertmanager.placement.podLabels</c>: the pod template's labels.</summary>
    public IReadOnlyDictionary<string, string> PodLabels(string stack)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Placement.PodLabels)
        {
            labels[key] = value;
        }

        foreach (var (key, value) in StandardLabels.Of(stack, WorkloadNames.App))
        {
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>The DNS name of the ClusterIP Service.</summary>
    public string ServiceHost => $"{WorkloadNames.Service}.{Namespace}.svc.{ClusterDomain}";

    /// <summary>The DNS name of the headless Service: it resolves to the address of every replica.</summary>
    public string ClusterHost => ClusterHostIn(Namespace, ClusterDomain);

    /// <summary>The URL of the API inside the cluster.</summary>
    public string InClusterUrl => $"http://{ServiceHost}:{WorkloadPorts.Http}{RoutePrefix}";

    /// <summary>The <c>--cluster.peer</c> address, or null for one replica.</summary>
    public string? PeerAddress => Clustered ? $"{ClusterHost}:{WorkloadPorts.Cluster}" : null;

    /// <summary>The command that opens the UI on the operator's machine.</summary>
    public string PortForwardCommand =>
        $"kubectl port-forward --namespace {Namespace} svc/{WorkloadNames.Service} {WorkloadPorts.Http}:{WorkloadPorts.Http}";

    /// <summary>Decides the workload of a stack.</summary>
    public static AlertmanagerWorkload From(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var am = settings.Alertmanager;
        var basicAuth = settings.Access.BasicAuth.Enabled;

        // Alertmanager serves under the path of --web.external-url; the probes must follow it.
        var prefix = am.ExternalUrl.AbsolutePath.TrimEnd('/');

        var args = new List<string>
        {
            $"--config.file={ConfigLayout.ConfigFilePath}",
            $"--storage.path={ConfigLayout.StorageDirectory}",
            $"--data.maintenance-interval={SnapshotInterval}",
            $"--web.listen-address=:{WorkloadPorts.Http}",
            $"--web.external-url={am.ExternalUrl.AbsoluteUri}",
        };
        args.AddRange(am.Capabilities.FeatureFlags);
        var environment = new List<PodEnvironment>();
        var domain = settings.Cluster.Domain;
        if (am.Clustered)
        {
            // A DNS name as peer is resolved to every address behind it (all replicas, ready or not);
            // each pod advertises its own IP, which the kubelet expands from the downward API. The
            // brackets make an IPv6 pod address a valid host:port; Go's SplitHostPort accepts them
            // around an IPv4 address too, so one form serves both families.
            environment.Add(new PodEnvironment("POD_IP", "status.podIP"));
            // Every address of the pod's family: an IPv6-only pod has no 0.0.0.0 to gossip on (cluster.ipFamily).
            args.Add($"--cluster.listen-address={settings.Cluster.IpFamily.ListenHost()}:{WorkloadPorts.Cluster}");
            args.Add($"--cluster.advertise-address=[$(POD_IP)]:{WorkloadPorts.Cluster}");
            args.Add($"--cluster.peer={ClusterHostIn(settings.Namespace, domain)}:{WorkloadPorts.Cluster}");
            if (am.Capabilities.DispatchStartDelay)
            {
                // Until every firing alert has reached it again (see PrometheusTimings.StartDelay): a fresh replica that
                // flushed earlier would tell a group "resolved" while one of its alerts still fires.
                args.Add($"--dispatch.start-delay={GoSeconds(settings.Prometheus.StartDelay)}");
            }

            // Explicit rather than Alertmanager's 15s default: see ClusterTiming.PeerTimeout. The
            // settings binder refuses any route whose group_interval is under twice the lag it makes.
            args.Add($"--cluster.peer-timeout={ClusterTiming.PeerTimeout}");
        }
        else
        {
            // One replica: no gossip, no port 9094, no waiting for peers before turning ready.
            args.Add("--cluster.listen-address=");
        }

        var mounts = new List<VolumeMountSpec>
        {
            new(ConfigVolume, ConfigLayout.ConfigDirectory, ReadOnly: true),
            new(WebhookVolume, ConfigLayout.WebhookDirectory, ReadOnly: true),
        };
        if (basicAuth)
        {
            args.Add($"--web.config.file={WebConfig.WebConfigFilePath}");
            mounts.Add(new(WebConfigVolume, ConfigLayout.WebConfigDirectory, ReadOnly: true));
        }

        mounts.Add(new(StorageVolume, ConfigLayout.StorageDirectory, ReadOnly: false));

        return new AlertmanagerWorkload(
            settings.Namespace,
            am.Image,
            am.Replicas,
            am.Clustered,
            am.Quorum,
            prefix,
            args,
            environment,
            mounts,
            am.Clustered
                ? ClusterReadiness(prefix, basicAuth, settings.Prometheus.StartDelay)
                : Probe($"{prefix}/-/ready", basicAuth, initialDelay: 3, period: 10, failureThreshold: 3),
            Probe($"{prefix}/-/healthy", basicAuth, initialDelay: 10, period: 15, failureThreshold: 4),
            RolloutFor(am, settings.Prometheus),
            am.Resources,
            basicAuth,
            domain)
        {
            Storage = am.Storage,
            Placement = am.Placement,
        };
    }

    private static string ClusterHostIn(string ns, string domain) => $"{WorkloadNames.ClusterService}.{ns}.svc.{domain}";

    /// <summary>
    /// Rolling update and disruption budget that keep a majority of replicas ready (one pod down at a time). A clustered replica turns ready
    /// only once its start delay has passed (<see cref="ClusterReadiness"/>), so the rollout and the budget count it only
    /// once it notifies, and <c>minReadySeconds</c> is 0.
    /// </summary>
    public static RolloutPolicy RolloutFor(AlertmanagerSettings alertmanager, PrometheusTimings prometheus)
    {
        ArgumentNullException.ThrowIfNull(alertmanager);
        ArgumentNullException.ThrowIfNull(prometheus);
        if (!alertmanager.Clustered)
        {
            return new RolloutPolicy(PdbMaxUnavailable: null, MinReadySeconds: 0, RevisionHistoryLimit: 0, AwaitSeconds: RolloutPolicy.PulumiDefaultAwaitSeconds);
        }

        var notReady = ReadinessDelay.SecondsAfter(prometheus.StartDelay);

        // The StatefulSet replaces one pod at a time, so a rollout has one wave per replica, and each waits for the old pod
        // to terminate and its successor to turn ready: the readiness delay (start delay + margin; the gossip settled long
        // before). Two minutes a wave for the termination grace, scheduling and pulling the image; never under Pulumi's 10
        // minutes.
        var waves = alertmanager.Replicas / RolloutPolicy.PodsDownAtOnce;
        var awaitSeconds = Math.Max(RolloutPolicy.PulumiDefaultAwaitSeconds, waves * (notReady + 120));
        return new RolloutPolicy(PdbMaxUnavailable: 1, MinReadySeconds: 0, RevisionHistoryLimit: 0, AwaitSeconds: awaitSeconds);
    }

    /// <summary>
    /// The readiness check of a clustered replica. Alertmanager's own <c>/-/ready</c> answers 200 at once, whatever the
    /// gossip; this one reads <c>/api/v2/status</c> and passes once the replica's gossip has settled (cluster status
    /// <c>ready</c>, about 10 s after start, whether or not a peer answered), and the kubelet first runs it the start
    /// delay plus <see cref="ReadinessDelay.StartMargin"/> after the container started (<see cref="ReadinessDelay"/>): a
    /// replica is ready only once it notifies, so a drain that the disruption budget lets evict a ready pod always
    /// leaves replicas that notify (an image older than 0.30 has no start delay but waits as long, and counts only once
    /// Prometheus has re-sent it every alert). It does not ask for a peer: a replica whose peers are gone still notifies and serves the UI and the
    /// Silence buttons, so it stays in the Service and counts as healthy for the disruption budget (a drain then never
    /// takes the last working replica). Lost gossip is reported by the self-alerts, not by readiness. While not ready
    /// a replica still receives alerts: Prometheus finds it through the headless Service, which publishes not-ready
    /// addresses (<see cref="PrometheusAlertingSnippet"/>).
    /// </summary>
    public static ProbeSpec ClusterReadiness(string prefix, bool basicAuth, TimeSpan startDelay)
    {
        var path = $"{prefix}/api/v2/status";
        var script =
            $"s=$({Wget(path, basicAuth, "-")}) || exit 1; " +
            "case \"$s\" in *'\"status\":\"ready\"'*) ;; *) echo 'gossip not settled'; exit 1 ;; esac";
        return new ProbeSpec(path, ["sh", "-c", script], InitialDelaySeconds: ReadinessDelay.SecondsAfter(startDelay), PeriodSeconds: 5, TimeoutSeconds: 4, FailureThreshold: 3);
    }

    /// <summary>Whole seconds as a Go duration (<c>150s</c>), which every Alertmanager flag parser reads.</summary>
    private static string GoSeconds(TimeSpan value) => $"{(long)Math.Ceiling(value.TotalSeconds)}s";

    private static ProbeSpec Probe(string path, bool basicAuth, int initialDelay, int period, int failureThreshold)
    {
        IReadOnlyList<string>? command = basicAuth
            ? ["sh", "-c", $"exec {Wget(path, basicAuth, "/dev/null")}"]
            : null;
        return new ProbeSpec(path, command, initialDelay, period, TimeoutSeconds: 4, failureThreshold);
    }

    private static string Wget(string path, bool basicAuth, string output) =>
        $"wget -q -O {output} -T 3 " + (basicAuth ? $"--header \"$(cat {WebConfig.ProbeHeaderFilePath})\" " : string.Empty) + $"http://127.0.0.1:{WorkloadPorts.Http}{path}";
}
