namespace MlopsAlerting.Core.Workload;

/// <summary>An environment variable filled by the downward API, e.g. <c>POD_IP</c> from <c>status.podIP</c>.</summary>
public sealed record PodEnvironment(string Name, string FieldPath);
