namespace MlopsAlerting.Core.Settings;

/// <summary>
/// The IP family of the cluster's pods and Services (<c>cluster.ipFamily</c>). It decides the DNS records Prometheus
/// looks the replicas up by (an IPv6-only headless Service has no A records), the Slack egress the NetworkPolicy opens
/// by default, and the address the replicas' gossip listens on.
/// </summary>
public enum IpFamily
{
    /// <summary>IPv4 only: A records, egress 0.0.0.0/0, gossip on 0.0.0.0.</summary>
    IPv4,

    /// <summary>IPv6 only: AAAA records, egress ::/0, gossip on [::].</summary>
    IPv6,

    /// <summary>Dual stack with IPv4 first (the Services' primary family): A records, egress to both, gossip on [::] (both families).</summary>
    Dual,
}

/// <summary>The setting's words for <see cref="IpFamily"/> and what each family implies.</summary>
public static class IpFamilies
{
    public static readonly IReadOnlyDictionary<string, IpFamily> ByKey = new Dictionary<string, IpFamily>(StringComparer.Ordinal)
    {
        ["IPv4"] = IpFamily.IPv4,
        ["IPv6"] = IpFamily.IPv6,
        ["dual"] = IpFamily.Dual,
    };

    public static string Key(this IpFamily family) => ByKey.Single(p => p.Value == family).Key;

    /// <summary>The <c>dns_sd_configs</c> record type that finds every replica behind the headless Service.</summary>
    public static string DnsRecordType(this IpFamily family) => family == IpFamily.IPv6 ? "AAAA" : "A";

    /// <summary>Where Slack is reachable when the stack sets no <c>access.networkPolicy.slackEgressCidrs</c>: the whole of each family.</summary>
    public static IReadOnlyList<string> DefaultSlackEgress(this IpFamily family) => family switch
    {
        IpFamily.IPv6 => ["::/0"],
        IpFamily.Dual => ["0.0.0.0/0", "::/0"],
        _ => ["0.0.0.0/0"],
    };

    /// <summary>The host part of <c>--cluster.listen-address</c>: every address of the pod's family (or both).</summary>
    public static string ListenHost(this IpFamily family) => family == IpFamily.IPv4 ? "0.0.0.0" : "[::]";
}
