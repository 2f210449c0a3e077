using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>One rule group: rules Prometheus evaluates together, in order.</summary>
/// <param name="Name">Group name, unique within the file.</param>
/// <param name="Rules">The alerting rules of the group; empty is a valid group.</param>
public sealed record PrometheusRuleGroup(
    [property: YamlMember(Alias = "name")] string Name,
    [property: YamlMember(Alias = "rules", DefaultValuesHandling = DefaultValuesHandling.Preserve)] IReadOnlyList<PrometheusAlertingRule> Rules);
