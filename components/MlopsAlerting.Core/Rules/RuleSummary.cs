namespace MlopsAlerting.Core.Rules;

/// <summary>One rendered alert rule, as a line of a Markdown review.</summary>
/// <param name="Alert">The alert name.</param>
/// <param name="Severity">The <c>severity</c> label: <c>critical</c> or <c>warning</c>.</param>
/// <param name="Model">The models the rule watches: their names, or for many the count and the first names.</param>
/// <param name="Expression">The PromQL expression.</param>
/// <param name="For">The wait before firing, as written in the rule.</param>
public sealed record RuleSummary(string Alert, string Severity, string Model, string Expression, string For);
