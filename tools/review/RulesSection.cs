using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Review;

/// <summary>
/// The model rules as a review section: every alert rule (each shared by the models of one threshold group), the size
/// of every object against its Kubernetes limit, and the rule file, in full while it is short, else an excerpt (the
/// whole file is what <c>--out</c> writes), so a review of thousands of models stays well under GitHub's 1 MiB summary.
/// </summary>
internal static class RulesSection
{
    /// <summary>Rule-table rows shown; more are counted.</summary>
    public const int MaxRows = 40;

    /// <summary>A rule file up to this size is shown whole.</summary>
    public const int MaxYamlBytes = 64 * 1024;

    public static ReviewSection From(RenderedRules rules) => From(rules, []);

    public static ReviewSection From(RenderedRules rules, IReadOnlyList<RenderedObjectSize> sizes)
    {
        var md = new StringBuilder();
        md.AppendLine("| alert | severity | models | expression | for |").AppendLine("|---|---|---|---|---|");
        foreach (var rule in rules.Summary.Take(MaxRows))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {rule.Alert} | {rule.Severity} | {rule.Model} | `{rule.Expression}` | {rule.For} |");
        }

        if (rules.Summary.Count > MaxRows)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"… and {rules.Summary.Count - MaxRows} more alert rules (one per further threshold group), all in the rule file.");
        }

        var catalogue = rules.Groups.Sum(g => g.Rules.Count(r => r.Record is not null));
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{rules.Summary.Count} alert rules and {catalogue} catalogue rule(s) (`{ModelAlertRules.CatalogueRecord}`, one series per model, at most 100 models a rule).");

        foreach (var note in rules.Notes)
        {
            md.AppendLine().AppendLine(note);
        }

        if (sizes.Count > 0)
        {
            md.AppendLine().AppendLine("| object | size | limit |").AppendLine("|---|---|---|");
            foreach (var size in sizes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {size.Kind} `{size.Name}` | {Kib(size.Bytes)}{(size.Kind == "Secret" ? " at most" : "")} | {Kib(size.LimitBytes)} ({100.0 * size.Bytes / size.LimitBytes:0}% used) |");
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(rules.Yaml);
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"<details><summary><code>{rules.FileName}</code>{(bytes > MaxYamlBytes ? $" ({Kib(bytes)}; excerpt: the first catalogue rule and the alert rules; `--out` writes it whole)" : string.Empty)}</summary>").AppendLine();
        var yaml = bytes > MaxYamlBytes ? ModelAlertRules.Excerpt(rules, MaxRows) : rules.Yaml;
        md.AppendLine("```yaml").Append(yaml.TrimEnd()).AppendLine().AppendLine("```").AppendLine().AppendLine("</details>");
        return new ReviewSection("Model alert rules", md.ToString());
    }

    private static string Kib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB");
}
