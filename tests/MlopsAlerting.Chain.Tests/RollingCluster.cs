using System.Diagnostics;
using System.Globalization;
using MlopsAlerting.LocalRun;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Three clustered Alertmanagers on fixed loopback ports (Prometheus's static targets and the peers stay valid), each
/// replaceable the way the StatefulSet's rolling update replaces a pod: the old process gets SIGTERM (and writes its
/// silences and notification log), then a new one starts on the same storage (the replica's volume) with a new peer name
/// and the same flags, joins, and counts once it is ready as the readiness probe says: its gossip settled (here also
/// with three members) and the probe's initial delay (the start delay and a margin) passed since it started.
/// </summary>
internal sealed class RollingCluster : IAsyncDisposable
{
    private readonly AlertmanagerBinary _binary;
    private readonly string _configFile;
    private readonly LocalWebConfig _webConfig;
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly int[] _ports;
    private readonly int[] _clusterPorts;
    private readonly LocalAlertmanager?[] _replicas = new LocalAlertmanager?[3];

    private RollingCluster(AlertmanagerBinary binary, string configFile, LocalWebConfig webConfig, IReadOnlyList<string> extraArgs)
    {
        _binary = binary;
        _configFile = configFile;
        _webConfig = webConfig;
        _extraArgs = extraArgs;
        _ports = [FreePort.Next(), FreePort.Next(), FreePort.Next()];
        _clusterPorts = [FreePort.NextTcpAndUdp(), FreePort.NextTcpAndUdp(), FreePort.NextTcpAndUdp()];
    }

    /// <summary>The API addresses (<c>127.0.0.1:port</c>) Prometheus sends to, one per slot, valid across replacements.</summary>
    public IReadOnlyList<string> Targets => [.. _ports.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The replicas running now, by slot.</summary>
    public IReadOnlyList<LocalAlertmanager> Replicas => [.. _replicas.OfType<LocalAlertmanager>()];

    /// <summary>Starts the three replicas and waits until each has settled and sees three members.</summary>
    public static async Task<RollingCluster> StartAsync(AlertmanagerBinary binary, string configFile, LocalWebConfig webConfig, IReadOnlyList<string> extraArgs, CancellationToken cancellationToken)
    {
        var cluster = new RollingCluster(binary, configFile, webConfig, extraArgs);
        try
        {
            for (var slot = 0; slot < 3; slot++)
            {
                cluster._replicas[slot] = await cluster.StartSlotAsync(slot, cancellationToken);
            }

            foreach (var replica in cluster.Replicas)
            {
                await WaitUntilAsync(replica, m => m is { Status: "ready", PeerNames.Count: 3 }, cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Replaces the replica of <paramref name="slot"/> by a new process on its storage and returns once the rollout would
    /// count it: its gossip settled with three members and <paramref name="readinessDelay"/> passed since it was started.
    /// </summary>
    public async Task ReplaceAsync(int slot, TimeSpan readinessDelay, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        if (_replicas[slot] is { } replica)
        {
            // One pod at a time, the old one stopped before its successor starts on its volume: one writer per volume.
            await replica.StopAsync(cancellationToken);
            started.Restart();
            await replica.RestartAsync(cancellationToken);
        }
        else
        {
            _replicas[slot] = await StartSlotAsync(slot, cancellationToken);
        }

        await WaitUntilAsync(_replicas[slot]!, m => m is { Status: "ready", PeerNames.Count: 3 }, cancellationToken);
        if (readinessDelay - started.Elapsed is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas.OfType<LocalAlertmanager>())
        {
            await replica.DisposeAsync();
        }
    }

    private Task<LocalAlertmanager> StartSlotAsync(int slot, CancellationToken cancellationToken) =>
        LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions
            {
                ConfigFile = _configFile,
                Binary = _binary,
                Port = _ports[slot],
                WebConfigFile = _webConfig.WebConfigFile,
                BasicAuth = _webConfig.Credentials,
                Cluster = new ClusterOptions
                {
                    Port = _clusterPorts[slot],
                    Peers = [.. _clusterPorts.Where((_, other) => other != slot).Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture))],
                    GossipInterval = TimeSpan.FromMilliseconds(100),
                    PushPullInterval = TimeSpan.FromSeconds(1),
                    SettleTimeout = TimeSpan.FromSeconds(2),
                },
                ExtraArgs = _extraArgs,
            },
            cancellationToken);

    private static async Task WaitUntilAsync(LocalAlertmanager replica, Func<ClusterMember, bool> condition, CancellationToken cancellationToken)
    {
        while (!condition(ClusterMember.Parse(await replica.GetStatusAsync(cancellationToken))))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
