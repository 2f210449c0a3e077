using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>cluster</c>: the facts about the cluster that cannot be discovered offline.</summary>
internal static class ClusterSettingsBinder
{
    public static ClusterSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var domain = ctx.String(map?["domain"], "cluster.domain");
        if (domain is not null && (domain.Length > 253 || !domain.Split('.').All(SettingsRules.DnsLabel().IsMatch)))
        {
            ctx.Error("cluster.domain", $"'{domain}' is not a DNS domain", "write the kubelet's clusterDomain without dots around it, e.g. cluster.local", map?["domain"]);
            domain = null;
        }

        var dnsText = ctx.String(map?["dns"], "cluster.dns");
        ClusterDns? dns = dnsText is null ? null
            : ClusterDnsNames.ByKey.TryGetValue(dnsText, out var known) ? known
            : ctx.Invalid<ClusterDns?>("cluster.dns", $"'{dnsText}' is not a DNS set-up this program knows", $"write one of {string.Join(", ", ClusterDnsNames.ByKey.Keys)} (see docs/deploying.md#dns-and-the-networkpolicy), or `any` and list the addresses in cluster.dnsCidrs", map?["dns"]);

        var cidrs = ctx.StringList(map?["dnsCidrs"], "cluster.dnsCidrs");
        foreach (var cidr in cidrs ?? [])
        {
            if (!SettingsRules.Cidr(cidr))
            {
                ctx.Error("cluster.dnsCidrs", $"'{cidr}' is not a CIDR", "write an address range such as 169.254.20.10/32 or fd00:10::a/128", map?["dnsCidrs"]);
                cidrs = null;
                break;
            }
        }

        var familyText = ctx.String(map?["ipFamily"], "cluster.ipFamily");
        IpFamily? family = familyText is null ? null
            : IpFamilies.ByKey.TryGetValue(familyText, out var known2) ? known2
            : ctx.Invalid<IpFamily?>("cluster.ipFamily", $"'{familyText}' is not an IP family", "write IPv4, IPv6 (an IPv6-only cluster) or dual (dual stack, IPv4 first)", map?["ipFamily"]);

        return domain is null || dns is null || cidrs is null || family is null ? null : new ClusterSettings(domain, dns.Value, cidrs, family.Value);
    }
}
