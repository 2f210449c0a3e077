namespace MlopsAlerting.Core.Workload;

/// <summary>Alertmanager's ports and their names.</summary>
public static class WorkloadPorts
{
    /// <summary>Web UI and API, where Prometheus posts alerts.</summary>
    public const int Http = 9093;

    /// <summary>Gossip between replicas, over TCP and UDP.</summary>
    public const int Cluster = 9094;

    public const string HttpName = "http";

    public const string ClusterTcpName = "cluster-tcp";

    public const string ClusterUdpName = "cluster-udp";
}
