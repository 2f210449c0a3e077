using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rules;

namespace MlopsAlerting.Testing;

/// <summary>
/// A rule's annotations as promtool expands them for one alert: the model and value templates, and the threshold
/// look-up (<c>{{ with … | query }}…{{ else }}…{{ end }}</c>) taken on its found branch for a listed model, with the
/// threshold series' labels, or on its else branch for a model the stack does not list.
/// </summary>
internal static partial class AnnotationTemplates
{
    [GeneratedRegex(@"\{\{ with printf `[^`]*` \$labels\.model_name \| query \}\}(?<found>.*?)\{\{ else \}\}(?<missing>.*?)\{\{ end \}\}", RegexOptions.Singleline)]
    private static partial Regex Lookup();

    /// <summary>Expands <paramref name="rule"/>'s annotations; <paramref name="threshold"/> null means the model is not listed.</summary>
    public static Dictionary<string, string> Expand(PrometheusAlertingRule rule, string model, string? value, string? threshold = null, string? criticalAt = null) =>
        rule.Annotations.ToDictionary(a => a.Key, a => Expand(a.Value, model, value, threshold, criticalAt));

    private static string Expand(string template, string model, string? value, string? threshold, string? criticalAt)
    {
        var text = Lookup().Replace(template, m => threshold is null
            ? m.Groups["missing"].Value
            : m.Groups["found"].Value
                .Replace($"{{{{ . | first | label \"{ModelAlertRules.ThresholdLabel}\" }}}}", threshold, StringComparison.Ordinal)
                .Replace($"{{{{ . | first | label \"{ModelAlertRules.CriticalAtLabel}\" }}}}", criticalAt ?? string.Empty, StringComparison.Ordinal));
        text = text.Replace(ModelAlertRules.ModelTemplate, model, StringComparison.Ordinal);
        return value is null ? text : text.Replace(ModelAlertRules.ValueTemplate, value, StringComparison.Ordinal);
    }
}
