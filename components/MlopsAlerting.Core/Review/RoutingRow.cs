namespace MlopsAlerting.Core.Review;

/// <summary>One line of the routing table: a kind of alert and the channels it reaches.</summary>
public sealed record RoutingRow(string Alert, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Receivers, IReadOnlyList<string> Channels);
