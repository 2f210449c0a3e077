namespace MlopsAlerting.Core.Settings;

/// <summary>Facts about the Kubernetes cluster the stack deploys to, which the program cannot discover offline.</summary>
/// <param name="Domain">The cluster's DNS domain (the kubelet's <c>clusterDomain</c>), <c>cluster.local</c> unless the cluster was built otherwise.</param>
/// <param name="Dns">Where the pods' DNS lookups go, which the NetworkPolicy must let through.</param>
/// <param name="DnsCidrs">More addresses Alertmanager may send DNS lookups to (UDP and TCP 53), e.g. a NodeLocal DNSCache on another address.</param>
/// <param name="IpFamily">The pods' and Services' IP family: DNS record type, default Slack egress, gossip listen address.</param>
public sealed record ClusterSettings(string Domain, ClusterDns Dns, IReadOnlyList<string> DnsCidrs, IpFamily IpFamily = IpFamily.IPv4);

/// <summary>The DNS set-ups the NetworkPolicy knows how to let through.</summary>
public enum ClusterDns
{
    /// <summary>CoreDNS or kube-dns pods labelled <c>k8s-app: kube-dns</c> in <c>kube-system</c> (kubeadm, EKS, AKS, GKE kube-dns, k3s, kind).</summary>
    KubeDns,

    /// <summary>NodeLocal DNSCache on 169.254.20.10, falling back to the kube-dns pods.</summary>
    NodeLocalDnsCache,

    /// <summary>GKE Cloud DNS: lookups go to the metadata server 169.254.169.254.</summary>
    GkeCloudDns,

    /// <summary>OpenShift: the DNS pods of <c>openshift-dns</c>, which listen on 5353.</summary>
    OpenShift,

    /// <summary>DNS (53 and 5353, UDP and TCP) to any address.</summary>
    Any,
}

/// <summary>The setting's words for <see cref="ClusterDns"/>.</summary>
public static class ClusterDnsNames
{
    public static readonly IReadOnlyDictionary<string, ClusterDns> ByKey = new Dictionary<string, ClusterDns>(StringComparer.Ordinal)
    {
        ["kubeDns"] = ClusterDns.KubeDns,
        ["nodeLocalDnsCache"] = ClusterDns.NodeLocalDnsCache,
        ["gkeCloudDns"] = ClusterDns.GkeCloudDns,
        ["openShift"] = ClusterDns.OpenShift,
        ["any"] = ClusterDns.Any,
    };

    public static string Key(this ClusterDns dns) => ByKey.Single(p => p.Value == dns).Key;
}
