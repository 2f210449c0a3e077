using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// Everything the Alertmanager Deployment and its Services decide that needs no Pulumi type:
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
    bool BasicAuth)
{
    public const string ConfigVolume = "config";
    public const string WebhookVolume = "slack-webhooks";
    public const string WebConfigVolume = "web-config";
    public const string StorageVolume = "storage";

    /// <summary>The user and group of the official image (<c>nobody</c>).</summary>
    public const int RunAsUser = 65534;

    /// <summary>Seconds Alertmanager gets to flush its state on shutdown.</summary>
    public const int TerminationGracePeriodSeconds = 30;

    /// <summary>The DNS name of the ClusterIP Service.</summary>
    public string ServiceHost => $"{WorkloadNames.Service}.{Namespace}.svc.cluster.local";

    /// <summary>The DNS name of the headless Service: it resolves to the address of every replica.</summary>
    public string ClusterHost => ClusterHostIn(Namespace);

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
            $"--web.listen-address=:{WorkloadPorts.Http}",
            $"--web.external-url={am.ExternalUrl.AbsoluteUri}",
        };
        var environment = new List<PodEnvironment>();
        if (am.Clustered)
        {
            // A DNS name as peer is resolved to every address behind it (all replicas, ready or not);
            // each pod advertises its own IP, which the kubelet expands from the downward API.
            environment.Add(new PodEnvironment("POD_IP", "status.podIP"));
            args.Add($"--cluster.listen-address=0.0.0.0:{WorkloadPorts.Cluster}");
            args.Add($"--cluster.advertise-address=$(POD_IP):{WorkloadPorts.Cluster}");
            args.Add($"--cluster.peer={ClusterHostIn(settings.Namespace)}:{WorkloadPorts.Cluster}");

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
            Probe($"{prefix}/-/ready", basicAuth, initialDelay: 3, period: 10, failureThreshold: 3),
            Probe($"{prefix}/-/healthy", basicAuth, initialDelay: 10, period: 15, failureThreshold: 4),
            RolloutFor(am),
            am.Resources,
            basicAuth);
    }

    private static string ClusterHostIn(string ns) => $"{WorkloadNames.ClusterService}.{ns}.svc.cluster.local";

    /// <summary>Rolling update and disruption budget that keep a majority of replicas ready.</summary>
    public static RolloutPolicy RolloutFor(AlertmanagerSettings alertmanager)
    {
        ArgumentNullException.ThrowIfNull(alertmanager);
        return alertmanager.Clustered
            ? new RolloutPolicy(alertmanager.Replicas - alertmanager.Quorum, 1, alertmanager.Quorum)
            : new RolloutPolicy(0, 1, null);
    }

    private static ProbeSpec Probe(string path, bool basicAuth, int initialDelay, int period, int failureThreshold)
    {
        IReadOnlyList<string>? command = basicAuth
            ? ["sh", "-c", $"exec wget -q -O /dev/null -T 3 --header \"$(cat {WebConfig.ProbeHeaderFilePath})\" http://127.0.0.1:{WorkloadPorts.Http}{path}"]
            : null;
        return new ProbeSpec(path, command, initialDelay, period, TimeoutSeconds: 4, failureThreshold);
    }
}
