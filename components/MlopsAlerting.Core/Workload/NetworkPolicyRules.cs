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
            new("DNS lookups (cluster DNS)", [new("UDP", 53), new("TCP", 53)],
                [new TrafficPeer(Namespace("kube-system"), new Dictionary<string, string> { ["k8s-app"] = "kube-dns" })]),
            new("Slack webhooks over HTTPS", [new("TCP", 443)],
                policy.SlackEgressCidrs.Select(c => new TrafficPeer(null, null, c)).ToList()),
        };
        if (settings.Alertmanager.Clustered)
        {
            ingress.Add(new("gossip from the other replicas", gossip, [selfPeer]));
            egress.Add(new("gossip to the other replicas", gossip, [selfPeer]));
        }

        return new NetworkPolicyRules(self, ingress, egress);
    }

    private static Dictionary<string, string> Namespace(string name) => new() { [NamespaceNameLabel] = name };
}
