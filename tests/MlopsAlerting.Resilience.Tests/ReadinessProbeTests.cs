using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// The clustered readiness check and the bracketed advertise address the Deployment gives each replica,
/// run against real Alertmanagers on 127.0.0.1 with the very shell command the pod runs (only the
/// API port differs). Alertmanager's own <c>/-/ready</c> answers 200 while the gossip still settles; the check
/// must not. It asks for no peer: a lone working replica stays ready.
/// </summary>
public sealed class ReadinessProbeTests
{
    [Fact(Timeout = 90_000)]
    public async Task Two_replicas_advertising_bracketed_addresses_form_a_cluster_and_turn_ready_only_once_settled()
    {
        using var deadline = Deadline(TimeSpan.FromSeconds(85), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        int[] ports = [FreePort.NextTcpAndUdp(), FreePort.NextTcpAndUdp()];
        await using var first = await StartAsync(binary, stack.ConfigFile, ports[0], ports[1], deadline.Token);

        // Alertmanager says ready at once; its gossip has not settled (about 8 s with the default interval).
        var early = Cluster(await first.GetStatusAsync(deadline.Token));
        var earlyProbe = await ProbeAsync(first, deadline.Token);
        Assert.True(early.Status == "settling" || earlyProbe.Succeeded, $"cluster status {early.Status}, probe passed: {earlyProbe.Succeeded}");
        Assert.False(early.Status == "settling" && earlyProbe.Succeeded, "the probe passed while the gossip was still settling");

        await using var second = await StartAsync(binary, stack.ConfigFile, ports[1], ports[0], deadline.Token);
        var clock = Stopwatch.StartNew();
        var probe = await ProbeAsync(first, deadline.Token);
        while (!probe.Succeeded)
        {
            await Task.Delay(250, deadline.Token);
            probe = await ProbeAsync(first, deadline.Token);
        }

        var status = Cluster(await first.GetStatusAsync(deadline.Token));
        TestContext.Current.TestOutputHelper?.WriteLine($"ready {clock.Elapsed.TotalSeconds:F1} s after the second replica started; peers {string.Join(", ", status.Addresses)}");
        Assert.Equal("ready", status.Status);

        // The bracketed advertise addresses were parsed: each replica is known by its plain address.
        Assert.Equal(
            ports.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            status.Addresses.Order(StringComparer.Ordinal));
        Assert.True((await ProbeAsync(second, deadline.Token)).Succeeded || Cluster(await second.GetStatusAsync(deadline.Token)).Status == "settling");

        // The basic-auth form (prod) sends the header file's line; Alertmanager without a web config ignores it,
        // so this runs the very quoting of that command.
        using var scratch = new ScratchDirectory();
        var header = Path.Combine(scratch.Path, WebConfig.ProbeHeaderFileName);
        await File.WriteAllTextAsync(header, WebConfig.ProbeHeader("alertmanager", "secret"), deadline.Token);
        var withAuth = await ProbeAsync(first, deadline.Token, basicAuth: true, headerFile: header);
        Assert.True(withAuth.Succeeded, withAuth.StandardOutput + withAuth.StandardError);
    }

    /// <summary>
    /// A replica alone (its peers gone, or its join failed) still notifies and serves the UI and the Silence buttons:
    /// once its gossip settled it is ready, so it stays in the Service and the disruption budget counts it as working.
    /// Lost gossip is the self-alerts' to report, not readiness's.
    /// </summary>
    [Fact(Timeout = 90_000)]
    public async Task A_replica_without_peers_turns_ready_once_its_gossip_settled_and_stays_ready()
    {
        using var deadline = Deadline(TimeSpan.FromSeconds(85), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        var nobody = FreePort.NextTcpAndUdp();
        await using var alone = await StartAsync(binary, stack.ConfigFile, FreePort.NextTcpAndUdp(), nobody, deadline.Token);

        // Wait until Alertmanager itself considers its gossip settled.
        while (Cluster(await alone.GetStatusAsync(deadline.Token)).Status != "ready")
        {
            await Task.Delay(250, deadline.Token);
        }

        for (var i = 0; i < 3; i++)
        {
            var probe = await ProbeAsync(alone, deadline.Token);
            Assert.True(probe.Succeeded, probe.StandardOutput + probe.StandardError);
            Assert.Single(Cluster(await alone.GetStatusAsync(deadline.Token)).Addresses);
            await Task.Delay(500, deadline.Token);
        }
    }

    private static Task<LocalAlertmanager> StartAsync(AlertmanagerBinary binary, string configFile, int port, int peerPort, CancellationToken cancellationToken) =>
        LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions
            {
                ConfigFile = configFile,
                Binary = binary,
                Cluster = new ClusterOptions
                {
                    Port = port,
                    AdvertiseAddress = "[127.0.0.1]:" + port.ToString(CultureInfo.InvariantCulture),
                    Peers = ["127.0.0.1:" + peerPort.ToString(CultureInfo.InvariantCulture)],
                },
            },
            cancellationToken);

    /// <summary>Runs the pod's readiness command against this replica's API port.</summary>
    private static async Task<CliResult> ProbeAsync(LocalAlertmanager replica, CancellationToken cancellationToken, bool basicAuth = false, string? headerFile = null)
    {
        var command = AlertmanagerWorkload.ClusterReadiness(string.Empty, basicAuth, MlopsAlerting.Core.Settings.PrometheusTimings.Default.StartDelay).Command!;
        var script = command[2].Replace($"127.0.0.1:{WorkloadPorts.Http}/", $"127.0.0.1:{replica.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)}/", StringComparison.Ordinal);
        Assert.NotEqual(command[2], script);
        if (headerFile is not null)
        {
            Assert.Contains(WebConfig.ProbeHeaderFilePath, script, StringComparison.Ordinal);
            script = script.Replace(WebConfig.ProbeHeaderFilePath, headerFile, StringComparison.Ordinal);
        }

        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(command[1]);
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }

    private static (string Status, IReadOnlyList<string> Addresses) Cluster(string statusJson)
    {
        var cluster = JsonNode.Parse(statusJson)!["cluster"]!;
        return ((string)cluster["status"]!, [.. ((JsonArray)cluster["peers"]!).Select(p => (string)p!["address"]!)]);
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken testCancellation)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(testCancellation);
        source.CancelAfter(timeout);
        return source;
    }
}
