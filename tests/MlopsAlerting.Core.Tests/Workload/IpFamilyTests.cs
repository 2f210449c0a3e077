using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Workload;

/// <summary>cluster.ipFamily drives what an IPv6-only cluster needs: AAAA discovery, ::/0 Slack egress, gossip on [::].</summary>
public class IpFamilyTests
{
    private static StackSettings Prod(string family) =>
        StackFiles.Bind(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml")).Replace("    dns: kubeDns\n", $"    dns: kubeDns\n    ipFamily: {family}\n", StringComparison.Ordinal));

    [Theory]
    [InlineData("IPv4", "A", "0.0.0.0/0", "--cluster.listen-address=0.0.0.0:9094")]
    [InlineData("IPv6", "AAAA", "::/0", "--cluster.listen-address=[::]:9094")]
    [InlineData("dual", "A", "0.0.0.0/0,::/0", "--cluster.listen-address=[::]:9094")]
    public void The_family_sets_the_record_type_the_default_egress_and_the_gossip_address(string family, string recordType, string egress, string listen)
    {
        var settings = Prod(family);
        var workload = AlertmanagerWorkload.From(settings);

        Assert.Contains($"      type: {recordType}\n", PrometheusAlertingSnippet.Render(settings, workload), StringComparison.Ordinal);
        Assert.Contains($"type: {recordType}\n", AlertmanagerScrape.Render(settings, workload), StringComparison.Ordinal);
        Assert.Equal(egress, string.Join(',', settings.Access.NetworkPolicy.SlackEgressCidrs));
        Assert.Contains(listen, workload.Args);
        Assert.Contains($"| `cluster.ipFamily` | {family}: Prometheus finds the replicas by {recordType} records", StackReview.Render(settings, Core.Rendering.AlertmanagerConfigRenderer.Render(settings)), StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_egress_set_by_the_stack_is_kept_whatever_the_family()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml"))
            .Replace("    dns: kubeDns\n", "    dns: kubeDns\n    ipFamily: IPv6\n", StringComparison.Ordinal)
            .Replace("      enabled: true\n      allowFrom:", "      enabled: true\n      slackEgressCidrs: ['2001:db8::/32']\n      allowFrom:", StringComparison.Ordinal);

        Assert.Equal(["2001:db8::/32"], StackFiles.Bind(text).Access.NetworkPolicy.SlackEgressCidrs);
    }

    [Fact]
    public void An_unknown_family_names_the_key_and_the_words_it_takes()
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With("  mlops-alerting:cluster:\n    ipFamily: ipv6\n")));

        Assert.Equal("cluster.ipFamily", error.Key);
        Assert.Contains("'ipv6' is not an IP family", error.Problem, StringComparison.Ordinal);
        Assert.Contains("IPv4, IPv6 (an IPv6-only cluster) or dual", error.Fix, StringComparison.Ordinal);
    }
}
