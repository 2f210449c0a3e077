namespace MlopsAlerting.Core.Workload;

/// <summary>One ingress or egress rule: these ports, to or from these peers.</summary>
/// <param name="Purpose">Why the rule exists, for reviews and tests.</param>
/// <param name="Ports">The ports it opens.</param>
/// <param name="Peers">Who is on the other end; an empty list means nobody.</param>
public sealed record TrafficRule(string Purpose, IReadOnlyList<TrafficPort> Ports, IReadOnlyList<TrafficPeer> Peers);
