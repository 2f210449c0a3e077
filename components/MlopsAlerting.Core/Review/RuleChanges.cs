using MlopsAlerting.Core.Rules;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The rule rows of <see cref="ModelChanges"/>: each alerting rule added, changed or removed between two rule files,
/// keyed by alert, severity and models.
/// </summary>
internal static class RuleChanges
{
    /// <summary>
    /// The rows (rule, alert, severity, model, expression, for) of the rules that changed, without the table's
    /// header; empty when none did.
    /// </summary>
    public static List<string> Rows(RenderedRules before, RenderedRules after)
    {
        var oldRules = before.Summary.ToDictionary(r => (r.Alert, r.Severity, r.Model));
        var newRules = after.Summary.ToDictionary(r => (r.Alert, r.Severity, r.Model));
        var ruleLines = new List<string>();
        foreach (var rule in after.Summary)
        {
            if (!oldRules.TryGetValue((rule.Alert, rule.Severity, rule.Model), out var was))
            {
                ruleLines.Add($"| added | {rule.Alert} | {rule.Severity} | {rule.Model} | `{rule.Expression}` | {rule.For} |");
            }
            else if (was.Expression != rule.Expression || was.For != rule.For)
            {
                ruleLines.Add($"| changed | {rule.Alert} | {rule.Severity} | {rule.Model} | {Change($"`{was.Expression}`", $"`{rule.Expression}`")} | {Change(was.For, rule.For)} |");
            }
        }

        foreach (var rule in before.Summary.Where(r => !newRules.ContainsKey((r.Alert, r.Severity, r.Model))))
        {
            ruleLines.Add($"| **removed** | {rule.Alert} | {rule.Severity} | {rule.Model} | `{rule.Expression}` | {rule.For} |");
        }

        PairSharedRules(ruleLines);
        return ruleLines;
    }

    private static string Change(string was, string now) => was == now ? now : $"{was} → {now}";

    /// <summary>
    /// Models share a rule per distinct threshold and wait, so a model added to or removed from a shared rule
    /// shows as that rule removed with its old models and added with its new ones. Such a pair (same alert,
    /// severity, expression and wait) becomes one row: the rule's models changed.
    /// </summary>
    private static void PairSharedRules(List<string> ruleLines)
    {
        static string[] Cells(string line) => [.. line.Split(" | ").Select(c => c.Trim('|', ' '))];
        for (var i = 0; i < ruleLines.Count; i++)
        {
            var added = Cells(ruleLines[i]);
            if (added[0] != "added")
            {
                continue;
            }

            var j = ruleLines.FindIndex(line =>
            {
                var c = Cells(line);
                return c[0] == "**removed**" && c[1] == added[1] && c[2] == added[2] && c[4] == added[4] && c[5] == added[5];
            });
            if (j < 0)
            {
                continue;
            }

            ruleLines[i] = $"| models changed | {added[1]} | {added[2]} | {Cells(ruleLines[j])[3]} → {added[3]} | {added[4]} | {added[5]} |";
            ruleLines.RemoveAt(j);
            if (j < i)
            {
                i--;
            }
        }
    }
}
