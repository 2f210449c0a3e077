using System.Diagnostics;
using System.Globalization;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// Three Alertmanagers on 127.0.0.1 in one gossip cluster, as the prod stack's three replicas: each has its own
/// cluster port and names the other two as peers. Alerts are posted to every running replica, as Prometheus does.
/// Every process is killed on dispose.
/// </summary>
internal sealed class ThreeReplicaCluster : IAsyncDisposable
{
    /// <summary><c>--cluster.peer-timeout</c>: the replica at position p waits p times this before notifying.</summary>
    public static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private ThreeReplicaCluster(IReadOnlyList<LocalAlertmanager> replicas, TimeSpan peerTimeout)
    {
        Replicas = replicas;
        ReplicaPeerTimeout = peerTimeout;
    }

    public IReadOnlyList<LocalAlertmanager> Replicas { get; }

    /// <summary>The <c>--cluster.peer-timeout</c> these replicas run with (<see cref="PeerTimeout"/> unless the caller chose another).</summary>
    public TimeSpan ReplicaPeerTimeout { get; }

    /// <summary>How long it took from the first start until every replica saw three members and was ready.</summary>
    public TimeSpan FormedAfter { get; private set; }

    /// <summary>Starts the three replicas one after the other (each later one joins the running ones) and waits until the cluster has formed.</summary>
    /// <param name="binary">The Alertmanager to run.</param>
    /// <param name="configFile">The configuration every replica runs.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="webConfig">Basic auth on every replica (and the credentials this harness then sends), or null for none.</param>
    /// <param name="peerTimeout">Each replica's <c>--cluster.peer-timeout</c>; null for <see cref="PeerTimeout"/>.</param>
    public static async Task<ThreeReplicaCluster> StartAsync(
        AlertmanagerBinary binary, string configFile, CancellationToken cancellationToken, LocalWebConfig? webConfig = null, TimeSpan? peerTimeout = null)
    {
        var timeout = peerTimeout ?? PeerTimeout;
        var clock = Stopwatch.StartNew();
        int[] clusterPorts = [FreePort.NextTcpAndUdp(), FreePort.NextTcpAndUdp(), FreePort.NextTcpAndUdp()];
        var replicas = new List<LocalAlertmanager>();
        try
        {
            foreach (var port in clusterPorts)
            {
                var cluster = new ClusterOptions
                {
                    Port = port,
                    Peers = [.. clusterPorts.Where(other => other != port).Select(other => "127.0.0.1:" + other.ToString(CultureInfo.InvariantCulture))],
                    GossipInterval = TimeSpan.FromMilliseconds(100),
                    PushPullInterval = TimeSpan.FromSeconds(1),
                    SettleTimeout = TimeSpan.FromSeconds(2),
                };
                replicas.Add(await LocalAlertmanager.StartAsync(
                    new LocalAlertmanagerOptions
                    {
                        ConfigFile = configFile,
                        Binary = binary,
                        Cluster = cluster,
                        WebConfigFile = webConfig?.WebConfigFile,
                        BasicAuth = webConfig?.Credentials,
                        ExtraArgs = ["--cluster.peer-timeout=" + timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms"],
                    },
                    cancellationToken));
            }
        }
        catch
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }

            throw;
        }

        var result = new ThreeReplicaCluster(replicas, timeout);
        try
        {
            await result.WaitUntilFormedAsync(cancellationToken);
        }
        catch
        {
            await result.DisposeAsync();
            throw;
        }

        result.FormedAfter = clock.Elapsed;
        return result;
    }

    /// <summary>The replicas whose process runs.</summary>
    public IEnumerable<LocalAlertmanager> Running => Replicas.Where(replica => replica.IsRunning);

    /// <summary>Posts the alerts to every running replica at once.</summary>
    public Task PostToRunningAsync(IReadOnlyList<PostableAlert> alerts, CancellationToken cancellationToken) =>
        Task.WhenAll(Running.Select(replica => replica.PostAlertsAsync(alerts, cancellationToken)));

    /// <summary>Polls <c>/api/v2/status</c> until every running replica is ready and sees three members.</summary>
    public async Task WaitUntilFormedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var members = await Task.WhenAll(Running.Select(MemberAsync));
            if (members.All(member => member is { Status: "ready", PeerNames.Count: 3 }))
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        async Task<ClusterMember> MemberAsync(LocalAlertmanager replica) =>
            ClusterMember.Parse(await replica.GetStatusAsync(cancellationToken));
    }

    /// <summary>One replica's view of the cluster.</summary>
    public static async Task<ClusterMember> MemberAsync(LocalAlertmanager replica, CancellationToken cancellationToken) =>
        ClusterMember.Parse(await replica.GetStatusAsync(cancellationToken));

    /// <summary>The replica whose web port the URL names (the Slack message's title link and buttons point at its sender).</summary>
    public string Describe(string? url)
    {
        var sender = Replicas.Select((replica, index) => (replica, index))
            .FirstOrDefault(pair => url?.StartsWith(pair.replica.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal) == true);
        return sender.replica is null ? "unknown replica" : $"replica {sender.index}";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
