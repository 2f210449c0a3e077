using System.Globalization;
using MlopsAlerting.LocalRun;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The prod stack's three replicas on three "nodes", drained one node after the other the way <c>kubectl drain</c> does
/// under the stack's PodDisruptionBudget (<c>maxUnavailable: 1</c>): a ready replica is evicted only while all three are
/// Ready, by the <see cref="ReadinessRule"/> given. The evicted replica gets SIGTERM; its replacement starts at once on a
/// node not drained (a new port, empty storage, a new peer name) and joins through the replicas that run, as the headless
/// Service's DNS name lists them, ready or not.
/// </summary>
internal sealed class DrainedCluster : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly AlertmanagerBinary _binary;
    private readonly string _configFile;
    private readonly LocalWebConfig _webConfig;
    private readonly DrainTimings _timings;
    private readonly ReadinessRule _rule;
    private readonly List<DrainedReplica> _all = [];

    private DrainedCluster(AlertmanagerBinary binary, string configFile, LocalWebConfig webConfig, DrainTimings timings, ReadinessRule rule)
    {
        _binary = binary;
        _configFile = configFile;
        _webConfig = webConfig;
        _timings = timings;
        _rule = rule;
    }

    /// <summary>Every replica that ran, evicted ones included, in the order they started.</summary>
    public IReadOnlyList<DrainedReplica> All => _all;

    /// <summary>The replicas not evicted.</summary>
    public IReadOnlyList<DrainedReplica> Running => [.. _all.Where(r => r.EvictedAt is null)];

    /// <summary>
    /// Starts the three replicas and returns once each has formed the cluster and its start delay has passed: replicas
    /// that ran long before the drain.
    /// </summary>
    public static async Task<DrainedCluster> StartAsync(AlertmanagerBinary binary, string configFile, LocalWebConfig webConfig, DrainTimings timings, ReadinessRule rule, CancellationToken cancellationToken)
    {
        var cluster = new DrainedCluster(binary, configFile, webConfig, timings, rule);
        try
        {
            int[] ports = [.. Enumerable.Range(0, DrainTimings.Replicas).Select(_ => FreePort.NextTcpAndUdp())];
            for (var node = 0; node < ports.Length; node++)
            {
                var peers = ports.Where((_, other) => other != node);
                cluster._all.Add(await cluster.StartReplicaAsync($"node-{node + 1}", ports[node], peers, cancellationToken));
            }

            while (!(await Task.WhenAll(cluster._all.Select(r => ThreeReplicaCluster.MemberAsync(r.Process, cancellationToken))))
                .All(m => m is { Status: "ready", PeerNames.Count: DrainTimings.Replicas }))
            {
                await Task.Delay(Poll, cancellationToken);
            }

            var notifying = cluster._all.Max(r => r.Started) + timings.StartDelay - DateTimeOffset.UtcNow;
            if (notifying > TimeSpan.Zero)
            {
                await Task.Delay(notifying, cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Posts the alerts to every replica that runs, ready or not, as Prometheus does.</summary>
    public Task PostAsync(IReadOnlyList<PostableAlert> alerts, CancellationToken cancellationToken) =>
        Task.WhenAll(Running.Select(r => r.Process.PostAlertsAsync(alerts, cancellationToken)));

    /// <summary>
    /// Drains the nodes of the replicas that run now, one after the other: waits until the budget allows an eviction,
    /// evicts the node's replica and starts its replacement. Returns right after the last replacement started.
    /// </summary>
    public async Task DrainEveryNodeAsync(Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var replica in Running)
        {
            var asked = DateTimeOffset.UtcNow;
            await WaitUntilBudgetAllowsAsync(cancellationToken);
            await replica.EvictAsync(cancellationToken);
            var peers = Running.Select(r => r.Process.ClusterPort!.Value);
            var replacement = await StartReplicaAsync(replica.Name + "'", port: null, peers, cancellationToken);
            _all.Add(replacement);
            log($"{Clock(replica.EvictedAt!.Value)} {replica.Name} evicted after the budget held it {(replica.EvictedAt!.Value - asked).TotalSeconds:F1}s; "
                + $"{replacement.Name} started, its start delay ends at {Clock(replacement.Started + _timings.StartDelay)}");
        }
    }

    /// <summary>How many replicas notify at <paramref name="at"/>: they run and their start delay has passed.</summary>
    public int NotifyingAt(DateTimeOffset at) => _all.Count(r => r.NotifiesAt(at, _timings.StartDelay));

    /// <summary>The time of day, for the test's log.</summary>
    public static string Clock(DateTimeOffset at) => at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _all)
        {
            await replica.DisposeAsync();
        }
    }

    /// <summary>
    /// The budget lets a drain evict a ready replica only while every replica the Deployment wants is Ready (healthy 3,
    /// desired 3 − maxUnavailable 1: one disruption allowed). Polled every 200 ms, faster than the kubelet's probe (every
    /// 5 s in prod) and kubectl drain's retry (5 s), so no drain is slower than this one.
    /// </summary>
    private async Task WaitUntilBudgetAllowsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var running = Running;
            var ready = await Task.WhenAll(running.Select(r => IsReadyAsync(r, cancellationToken)));
            if (running.Count == DrainTimings.Replicas && ready.All(x => x))
            {
                return;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>The readiness probe by the rule: not run before its initial delay after the container started, then it passes once the gossip settled.</summary>
    private async Task<bool> IsReadyAsync(DrainedReplica replica, CancellationToken cancellationToken) =>
        DateTimeOffset.UtcNow >= replica.Launched + _timings.ReadinessDelayOf(_rule)
        && (await ThreeReplicaCluster.MemberAsync(replica.Process, cancellationToken)).Status == "ready";

    private Task<DrainedReplica> StartReplicaAsync(string name, int? port, IEnumerable<int> peers, CancellationToken cancellationToken) =>
        DrainedReplica.StartAsync(
            name,
            new LocalAlertmanagerOptions
            {
                ConfigFile = _configFile,
                Binary = _binary,
                WebConfigFile = _webConfig.WebConfigFile,
                BasicAuth = _webConfig.Credentials,
                Cluster = new ClusterOptions
                {
                    Port = port,
                    Peers = [.. peers.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture))],
                    GossipInterval = TimeSpan.FromMilliseconds(100),
                    PushPullInterval = TimeSpan.FromSeconds(1),
                    SettleTimeout = TimeSpan.FromSeconds(2),
                },
                ExtraArgs =
                [
                    "--dispatch.start-delay=" + Milliseconds(_timings.StartDelay),
                    "--cluster.peer-timeout=" + Milliseconds(_timings.PeerTimeout),
                ],
            },
            cancellationToken);

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
}
