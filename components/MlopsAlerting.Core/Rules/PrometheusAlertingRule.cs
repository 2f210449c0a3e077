using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>One Prometheus alerting rule, with the keys Prometheus expects.</summary>
/// <param name="Alert">The alert name, which becomes the <c>alertname</c> label.</param>
/// <param name="Expr">The PromQL expression; every series it returns is an active alert.</param>
/// <param name="For">How long the expression must hold before the alert fires (Prometheus duration, e.g. <c>5m</c>).</param>
/// <param name="Labels">Labels added to the alert (they win over the series' labels).</param>
/// <param name="Annotations">Annotations of the alert; values may hold Go templates such as <c>{{ $value }}</c>.</param>
public sealed record PrometheusAlertingRule(
    [property: YamlMember(Alias = "alert")] string Alert,
    [property: YamlMember(Alias = "expr")] string Expr,
    [property: YamlMember(Alias = "for")] string For,
    [property: YamlMember(Alias = "labels")] IReadOnlyDictionary<string, string> Labels,
    [property: YamlMember(Alias = "annotations")] IReadOnlyDictionary<string, string> Annotations);
