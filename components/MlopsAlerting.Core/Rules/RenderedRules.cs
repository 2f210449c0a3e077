namespace MlopsAlerting.Core.Rules;

/// <summary>The model alert rules of a stack, as a rule file and as typed groups.</summary>
/// <param name="FileName">Name of the rule file (the ConfigMap key), <c>model-alerts.rules.yml</c>.</param>
/// <param name="Text">The rule file's text, as <c>promtool check rules</c> and Prometheus read it, written when first read: the model groups alone are only composed into the stack's whole file, and 10,000 models are worth writing once.</param>
/// <param name="Groups">The same groups, typed, for a PrometheusRule's <c>spec.groups</c>.</param>
/// <param name="Summary">One entry per alert rule, in file order, for a Markdown review.</param>
/// <param name="Notes">What a reviewer should know beyond the rules, e.g. that there are none or that an annotation is left out.</param>
public sealed record RenderedRules(
    string FileName,
    Lazy<string> Text,
    IReadOnlyList<PrometheusRuleGroup> Groups,
    IReadOnlyList<RuleSummary> Summary,
    IReadOnlyList<string> Notes)
{
    /// <summary>The rule file's text.</summary>
    public string Yaml => Text.Value;
}
