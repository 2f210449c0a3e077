using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>A Prometheus rule file: <c>groups:</c> of rules, as <c>promtool check rules</c> reads it.</summary>
/// <param name="Groups">The rule groups; the same list goes into a PrometheusRule's <c>spec.groups</c>.</param>
public sealed record PrometheusRuleFile(
    [property: YamlMember(Alias = "groups")] IReadOnlyList<PrometheusRuleGroup> Groups);
