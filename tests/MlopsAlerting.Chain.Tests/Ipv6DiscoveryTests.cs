using System.Net;
using System.Security.Cryptography;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// An IPv6-only cluster, as far as one machine can show it: a DNS server on loopback answers the prod stack's headless
/// Service name with an AAAA record only (::1), as an IPv6-only cluster's DNS does; real Prometheus 3.5.3 runs the
/// stack's <c>prometheus-alerting.yml</c> with its DNS discovery kept (only the port and password file local) and a
/// resolv.conf of its own (a mount namespace, so nothing else on the machine sees it); a real Alertmanager with the
/// prod configuration listens on [::1]. With <c>cluster.ipFamily: IPv6</c> Prometheus finds it and a critical reaches
/// Slack; with IPv4's A records, what main rendered before, it finds nothing.
/// </summary>
public sealed class Ipv6DiscoveryTests
{
    private static readonly IPAddress DnsAddress = IPAddress.Parse("127.0.1.53");

    [Fact(Timeout = 180_000)]
    public async Task Prometheus_finds_the_replicas_by_aaaa_records_and_a_critical_reaches_slack_while_a_records_find_none()
    {
        var ct = TestContext.Current.CancellationToken;
        RequireRoot();
        var alertmanagerBinary = RequiredBinaries.AlertmanagerOrSkip();
        var prometheusBinary = RequiredBinaries.PrometheusOrSkip();
        var prod = StackFiles.Committed("prod");
        Assert.True(prod.Alertmanager.Clustered, "prod discovers its replicas through DNS");
        var ipv6 = StandInConfiguration.WithTimings(prod with { Cluster = prod.Cluster with { IpFamily = IpFamily.IPv6 } }, "1s", "2s");
        var workload = AlertmanagerWorkload.From(ipv6);

        using var scratch = new ScratchDirectory();
        await using var dns = LoopbackDnsServer.Start(DnsAddress, new Dictionary<string, IReadOnlyList<IPAddress>> { [workload.ClusterHost] = [IPAddress.IPv6Loopback] });
        var resolvConf = scratch.Write("resolv.conf", $"nameserver {DnsAddress}\noptions attempts:1 timeout:1\n");
        await using var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) });
        var local = await StandInConfiguration.WriteAsync(ipv6, slack, Path.Combine(scratch.Path, "alertmanager"), ct);
        var credentials = new BasicAuthCredentials(ipv6.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 24));
        var webConfig = await LocalWebConfig.WriteAsync(Path.Combine(scratch.Path, "basic-auth"), credentials, ct);
        await using var alertmanager = await LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions { ConfigFile = local.ConfigFile, Binary = alertmanagerBinary, ListenAddress = "::1", WebConfigFile = webConfig.WebConfigFile, BasicAuth = credentials }, ct);
        await using var exporter = await MetricsEndpoint.StartAsync(ipv6.Rules.Metric);
        exporter.Set(ChainStack.Model, 0.20m);
        var rules = RuleFileTimings.Shorten(StackRules.Render(ipv6).Yaml, (_, _, _) => "2s");
        var ruleFile = scratch.Write(ModelAlertRules.FileName, rules);

        // IPv4's rendering asks for A records: the IPv6-only Service has none, so Prometheus knows no Alertmanager.
        var ipv4 = ipv6 with { Cluster = ipv6.Cluster with { IpFamily = IpFamily.IPv4 } };
        var asked = dns.Questions;
        await using (var blind = await StartPrometheusAsync(ipv4, alertmanager, webConfig, ruleFile, exporter, resolvConf, scratch, "prometheus-ipv4", prometheusBinary, ct))
        {
            await WaitAsync(() => dns.Questions > asked, TimeSpan.FromSeconds(20), "Prometheus never asked the test DNS server", ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            Assert.Empty(await blind.GetActiveAlertmanagersAsync(ct));
        }

        await using var prometheus = await StartPrometheusAsync(ipv6, alertmanager, webConfig, ruleFile, exporter, resolvConf, scratch, "prometheus-ipv6", prometheusBinary, ct);
        var expected = $"http://[::1]:{alertmanager.Port}/api/v2/alerts";
        await WaitAsync(async () => (await prometheus.GetActiveAlertmanagersAsync(ct)).SequenceEqual([expected]), TimeSpan.FromSeconds(30), "Prometheus did not discover [::1] by its AAAA record", ct);

        exporter.Set(ChainStack.Model, 0.45m);
        var critical = Assert.Single(await slack.WaitForDeliveredAsync(r => r.WebhookName == "critical", 1, TimeSpan.FromSeconds(60), ct));
        Assert.Contains("*california-housing* v1.0", Assert.Single(critical.Message!.Attachments).Text, StringComparison.Ordinal);
    }

    private static async Task<LocalPrometheus> StartPrometheusAsync(
        StackSettings settings, LocalAlertmanager alertmanager, LocalWebConfig webConfig, string ruleFile, MetricsEndpoint exporter, string resolvConf, ScratchDirectory scratch, string name, PrometheusBinary binary, CancellationToken ct)
    {
        var snippet = PrometheusAlertingSnippet.Render(settings, AlertmanagerWorkload.From(settings));
        Assert.Contains($"type: {settings.Cluster.IpFamily.DnsRecordType()}\n", snippet, StringComparison.Ordinal);
        var config = LocalPrometheusConfig.WriteWithDiscovery(Path.Combine(scratch.Path, name), snippet, alertmanager.Port, webConfig.PasswordFile, ruleFile, exporter.Target, TimeSpan.FromSeconds(1));
        return await LocalPrometheus.StartAsync(new LocalPrometheusOptions { ConfigFile = config, Binary = binary, ResolvConf = resolvConf }, ct);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string failure, CancellationToken ct) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, failure, ct);

    // The test binds port 53 and gives Prometheus a mount namespace: both need root, as CI runs.
    private static void RequireRoot()
    {
        if (Environment.UserName == "root")
        {
            return;
        }

        const string reason = "the IPv6 discovery test needs root (a DNS server on port 53 and a mount namespace for Prometheus's resolv.conf): run it as root, as CI does";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }
}
