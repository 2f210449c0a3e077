using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// One Prometheus rule, with the keys Prometheus expects: an alerting rule (<see cref="Alert"/> set) or a
/// recording rule (<see cref="Record"/> set, no <c>for</c> and no annotations).
/// </summary>
/// <param name="Alert">The alert name, which becomes the <c>alertname</c> label; null for a recording rule.</param>
/// <param name="Expr">The PromQL expression; every series it returns is an active alert (or a recorded series).</param>
/// <param name="For">How long the expression must hold before the alert fires (Prometheus duration, e.g. <c>5m</c>); null for a recording rule.</param>
/// <param name="Labels">Labels added to the alert or recorded series (they win over the series' labels).</param>
/// <param name="Annotations">Annotations of the alert; values may hold Go templates such as <c>{{ $value }}</c>; empty for a recording rule.</param>
/// <param name="Record">The name of the recorded series; null for an alerting rule.</param>
public sealed record PrometheusAlertingRule(
    [property: YamlMember(Alias = "alert", Order = 1)] string? Alert,
    [property: YamlMember(Alias = "expr", Order = 2)] string Expr,
    [property: YamlMember(Alias = "for", Order = 3)] string? For,
    [property: YamlMember(Alias = "labels", Order = 4)] IReadOnlyDictionary<string, string> Labels,
    [property: YamlMember(Alias = "annotations", Order = 5)] IReadOnlyDictionary<string, string> Annotations,
    [property: YamlMember(Alias = "record", Order = 0)] string? Record = null);
