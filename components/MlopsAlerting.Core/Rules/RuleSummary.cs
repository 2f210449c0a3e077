namespace MlopsAlerting.Core.Rules;

/// <summary>One rendered rule, as a line of a Markdown review.</summary>
/// <param name="Alert">The alert name.</param>
/// <param name="Severity">The <c>severity</c> label: <c>critical</c> or <c>warning</c>.</param>
/// <param name="Model">The <c>model_name</c> label.</param>
/// <param name="Expression">The PromQL expression.</param>
/// <param name="For">The wait before firing, as written in the rule.</param>
public sealed record RuleSummary(string Alert, string Severity, string Model, string Expression, string For);
