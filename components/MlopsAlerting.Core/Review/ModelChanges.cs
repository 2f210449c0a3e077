using System.Globalization;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The "Models and rules" part of <see cref="StackChanges"/>: the models added, removed or with changed thresholds,
/// waits or version, then the table of <see cref="RuleChanges"/>.
/// </summary>
internal static class ModelChanges
{
    /// <summary>One bullet per model that changed, then the rule table; empty when neither changed.</summary>
    public static List<string> Lines(StackRevision before, StackRevision after)
    {
        var lines = new List<string>();
        var old = before.Settings.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var now = after.Settings.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var model in after.Settings.Models.Where(m => !old.ContainsKey(m.Name)))
        {
            lines.Add($"- Model `{model.Name}` added: {Thresholds(model)}.");
        }

        foreach (var model in before.Settings.Models.Where(m => !now.ContainsKey(m.Name)))
        {
            lines.Add($"- **Model `{model.Name}` removed**: nothing alerts on it any more.");
        }

        foreach (var model in after.Settings.Models.Where(m => old.ContainsKey(m.Name)))
        {
            var was = old[model.Name];
            var changes = new List<string>();
            if (was.MaeCritical != model.MaeCritical)
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"critical MAE > {was.MaeCritical:0.00} → > {model.MaeCritical:0.00}"));
            }

            if (was.CriticalFor != model.CriticalFor)
            {
                changes.Add($"critical `for` {was.CriticalFor} → {model.CriticalFor}");
            }

            if (was.MaeWarning != model.MaeWarning)
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"warning MAE > {was.MaeWarning:0.00} → > {model.MaeWarning:0.00}"));
            }

            if (was.WarningFor != model.WarningFor)
            {
                changes.Add($"warning `for` {was.WarningFor} → {model.WarningFor}");
            }

            if (was.Version != model.Version)
            {
                changes.Add($"version {was.Version ?? "(none)"} → {model.Version ?? "(none)"}");
            }

            if (changes.Count > 0)
            {
                lines.Add($"- Model `{model.Name}`: {string.Join("; ", changes)}.");
            }
        }

        var ruleLines = RuleChanges.Rows(before.Rules, after.Rules);
        if (ruleLines.Count > 0)
        {
            lines.Add(string.Empty);
            lines.AddRange(["| rule | alert | severity | model | expression | for |", "|---|---|---|---|---|---|", .. ruleLines]);
        }

        return lines;
    }

    private static string Thresholds(ModelSettings m) =>
        string.Create(CultureInfo.InvariantCulture, $"critical > {m.MaeCritical:0.00} for {m.CriticalFor}, warning > {m.MaeWarning:0.00} for {m.WarningFor}");
}
