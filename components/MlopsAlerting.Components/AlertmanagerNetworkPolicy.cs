using MlopsAlerting.Core.Workload;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;
using NetworkPolicy = Pulumi.Kubernetes.Networking.V1.NetworkPolicy;

namespace MlopsAlerting.Components;

/// <summary>
/// The NetworkPolicy around the Alertmanager pods (<see cref="NetworkPolicyRules"/>): ingress and
/// egress are both isolated, and only the listed traffic passes. Exec probes run inside the pod and
/// <c>kubectl port-forward</c> enters through the kubelet, so neither needs a rule.
/// </summary>
public sealed class AlertmanagerNetworkPolicy : ComponentResource
{
    public AlertmanagerNetworkPolicy(string name, AlertmanagerNetworkPolicyArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.AlertmanagerNetworkPolicy, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rules = args.Rules;
        var policy = new NetworkPolicy(name, new NetworkPolicyArgs
        {
            Metadata = ObjectMetadata.Of(WorkloadNames.NetworkPolicy, args.Namespace, args.Labels),
            Spec = new NetworkPolicySpecArgs
            {
                PodSelector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(rules.PodSelector) },
                PolicyTypes = { "Ingress", "Egress" },
                Ingress = [.. rules.Ingress.Select(r => new NetworkPolicyIngressRuleArgs { Ports = Ports(r), From = Peers(r) })],
                Egress = [.. rules.Egress.Select(r => new NetworkPolicyEgressRuleArgs { Ports = Ports(r), To = Peers(r) })],
            },
        }, new CustomResourceOptions { Parent = this });

        PolicyName = policy.Metadata.Apply(m => m.Name);
        RegisterOutputs(new Dictionary<string, object?> { ["policyName"] = PolicyName });
    }

    /// <summary>The policy's name.</summary>
    public Output<string> PolicyName { get; }

    private static InputList<NetworkPolicyPortArgs> Ports(TrafficRule rule) =>
        [.. rule.Ports.Select(p => new NetworkPolicyPortArgs { Protocol = p.Protocol, Port = p.Port })];

    private static InputList<NetworkPolicyPeerArgs> Peers(TrafficRule rule) =>
        [.. rule.Peers.Select(Peer)];

    private static NetworkPolicyPeerArgs Peer(TrafficPeer peer)
    {
        if (peer.Cidr is { } cidr)
        {
            return new NetworkPolicyPeerArgs { IpBlock = new IPBlockArgs { Cidr = cidr } };
        }

        var args = new NetworkPolicyPeerArgs();
        if (peer.NamespaceLabels is { } ns)
        {
            args.NamespaceSelector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(ns) };
        }

        // An empty pod selector means every pod of the namespace.
        args.PodSelector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(peer.PodLabels ?? new Dictionary<string, string>()) };
        return args;
    }
}
