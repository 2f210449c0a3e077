namespace MlopsAlerting.Core.Settings;

/// <summary>The size of one object the stack applies, against what Kubernetes stores of that kind.</summary>
/// <param name="Kind">ConfigMap, Secret or PrometheusRule.</param>
/// <param name="Name">namespace/name as <c>kubectl</c> shows it.</param>
/// <param name="Bytes">What counts against the limit: the data of a ConfigMap or Secret, the whole object of a PrometheusRule.</param>
/// <param name="LimitBytes">The most Kubernetes accepts for it.</param>
/// <param name="Limit">The limit in words, for an error.</param>
public sealed record RenderedObjectSize(string Kind, string Name, long Bytes, long LimitBytes, string Limit)
{
    /// <summary>Whether the API server (or etcd) would refuse it.</summary>
    public bool TooLarge => Bytes > LimitBytes;
}
