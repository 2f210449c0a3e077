using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;

namespace MlopsAlerting.Review;

/// <summary>The model rules as a review section.</summary>
internal static class RulesSection
{
    public static ReviewSection From(RenderedRules rules)
    {
        var md = new StringBuilder();
        md.AppendLine("| alert | severity | model | expression | for |").AppendLine("|---|---|---|---|---|");
        foreach (var rule in rules.Summary)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {rule.Alert} | {rule.Severity} | {rule.Model} | `{rule.Expression}` | {rule.For} |");
        }

        foreach (var note in rules.Notes)
        {
            md.AppendLine().AppendLine(note);
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"<details><summary><code>{rules.FileName}</code></summary>").AppendLine();
        md.AppendLine("```yaml").Append(rules.Yaml.TrimEnd()).AppendLine().AppendLine("```").AppendLine().AppendLine("</details>");
        return new ReviewSection("Model alert rules", md.ToString());
    }
}
