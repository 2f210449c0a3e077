namespace MlopsAlerting.Core.Workload;

/// <summary>A port and protocol (<c>TCP</c> or <c>UDP</c>) of a NetworkPolicy rule.</summary>
public sealed record TrafficPort(string Protocol, int Port);
