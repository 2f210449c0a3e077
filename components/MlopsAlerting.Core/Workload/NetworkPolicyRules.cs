using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// The NetworkPolicy around the Alertmanager pods, as plain rules: 9093 only from the callers the
/// stack names, 9094 (TCP and UDP) only between replicas, and egress only to DNS, Slack's HTTPS and
/// the peers. Both directions are isolated, so anything not listed is dropped.
/// </summary>
public sealed record NetworkPolicyRules(
    IReadOnlyDictionary<string, string> PodSelector,
    IReadOnlyList<TrafficRule> Ingress,
    IReadOnlyList<TrafficRule> Egress)
{
    /// <summary>The label every namespace carries with its own name (Kubernetes 1.21 and later).</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>The rules of a stack, or null when <c>access.networkPolicy.enabled</c> is false.</summary>
    public static NetworkPolicyRules? From(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var policy = settings.Access.NetworkPolicy;
        if (!policy.Enabled)
        {
            return null;
        }

        var self = StandardLabels.Selector(settings.Stack);
        var selfPeer = new TrafficPeer(null, self);
        TrafficPort[] gossip = [new("TCP", WorkloadPorts.Cluster), new("UDP", WorkloadPorts.Cluster)];

        var ingress = new List<TrafficRule>
        {
            new("alerts and API calls from the allowed callers", [new("TCP", WorkloadPorts.Http)],
                policy.AllowFrom.Select(p => new TrafficPeer(Namespace(p.Namespace), p.PodLabels)).ToList()),
        };
        var egress = new List<TrafficRule>
        {
            Dns(settings.Cluster),
            new("Slack webhooks over HTTPS", [new("TCP", 443)],
                policy.SlackEgressCidrs.Select(c => new TrafficPeer(null, null, c)).ToList()),
        };
        if (settings.Access.Ingress.Enabled)
        {
            ingress.Add(new("UI and API through the ingress controller", [new("TCP", WorkloadPorts.Http)],
                [new TrafficPeer(Namespace(settings.Access.Ingress.ControllerNamespace), new Dictionary<string, string>())]));
        }

        if (settings.Alertmanager.Clustered)
        {
            ingress.Add(new("gossip from the other replicas", gossip, [selfPeer]));
            egress.Add(new("gossip to the other replicas", gossip, [selfPeer]));
        }

        return new NetworkPolicyRules(self, ingress, egress);
    }

    /// <summary>NodeLocal DNSCache's link-local address (its documented default).</summary>
    public const string NodeLocalDnsCacheAddress = "169.254.20.10/32";

    /// <summary>The GCE metadata server, which answers DNS with GKE Cloud DNS.</summary>
    public const string GkeMetadataServerAddress = "169.254.169.254/32";

    /// <summary>
    /// The DNS rule of <c>cluster.dns</c>. Without it Alertmanager resolves neither Slack nor its peers
    /// and sends nothing, while its pods stay ready: so each set-up gets the addresses and ports its
    /// lookups really reach, plus <c>cluster.dnsCidrs</c>.
    /// </summary>
    public static TrafficRule Dns(ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        TrafficPort[] dns53 = [new("UDP", 53), new("TCP", 53)];
        var kubeDns = new TrafficPeer(Namespace("kube-system"), new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });
        var (purpose, ports, peers) = cluster.Dns switch
        {
            ClusterDns.NodeLocalDnsCache => ("DNS lookups (NodeLocal DNSCache, then cluster DNS)", dns53,
                new List<TrafficPeer> { new(null, null, NodeLocalDnsCacheAddress), kubeDns }),
            ClusterDns.GkeCloudDns => ("DNS lookups (GKE Cloud DNS through the metadata server)", dns53,
                new List<TrafficPeer> { new(null, null, GkeMetadataServerAddress) }),
            ClusterDns.OpenShift => ("DNS lookups (OpenShift DNS pods, port 5353)", [new("UDP", 5353), new("TCP", 5353), .. dns53],
                new List<TrafficPeer> { new(Namespace("openshift-dns"), new Dictionary<string, string> { ["dns.operator.openshift.io/daemonset-dns"] = "default" }) }),
            ClusterDns.Any => ("DNS lookups (any address)", [new("UDP", 5353), new("TCP", 5353), .. dns53], new List<TrafficPeer>()),
            _ => ("DNS lookups (cluster DNS)", dns53, new List<TrafficPeer> { kubeDns }),
        };

        // An empty peer list means every destination, so `any` takes no extra addresses.
        if (cluster.Dns != ClusterDns.Any)
        {
            peers.AddRange(cluster.DnsCidrs.Select(c => new TrafficPeer(null, null, c)));
        }

        return new TrafficRule(purpose, ports, peers);
    }

    private static Dictionary<string, string> Namespace(string name) => new() { [NamespaceNameLabel] = name };
}
