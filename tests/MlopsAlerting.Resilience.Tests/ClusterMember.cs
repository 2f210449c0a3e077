using System.Text.Json.Nodes;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>The <c>cluster</c> part of one replica's <c>GET /api/v2/status</c>.</summary>
/// <param name="Name">This replica's own peer name (a ULID, new at every start).</param>
/// <param name="Status"><c>ready</c>, <c>settling</c> or <c>disabled</c>.</param>
/// <param name="PeerNames">The names of every member it sees, itself included.</param>
internal sealed record ClusterMember(string Name, string Status, IReadOnlyList<string> PeerNames)
{
    /// <summary>
    /// This replica's place in the notification order: Alertmanager sorts the member names and waits
    /// <c>position × --cluster.peer-timeout</c> before notifying, so position 0 notifies first.
    /// </summary>
    public int Position => PeerNames.Order(StringComparer.Ordinal).ToList().IndexOf(Name);

    public static ClusterMember Parse(string statusJson)
    {
        var cluster = JsonNode.Parse(statusJson)?["cluster"];
        var peers = cluster?["peers"] as JsonArray ?? [];
        return new ClusterMember(
            cluster?["name"]?.GetValue<string>() ?? string.Empty,
            cluster?["status"]?.GetValue<string>() ?? string.Empty,
            peers.Select(peer => peer?["name"]?.GetValue<string>() ?? string.Empty).ToArray());
    }
}
