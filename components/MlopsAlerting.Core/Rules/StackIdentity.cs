using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// What a stack puts into a Prometheus it may share with other stacks carries the stack's identity: the label
/// <c>mlops_stack</c>, valued <c>&lt;namespace&gt;/&lt;stack&gt;</c> (e.g. <c>monitoring/prod</c>). Every recorded series
/// and every alert of the stack's rule file has it, every selector of a recorded series matches it, the Prometheus
/// snippet sends only alerts with it to the stack's Alertmanagers, and the Alertmanager refuses alerts carrying another
/// stack's. The namespace tells two stacks (or two components of one program) in one cluster apart, since each stack's
/// objects have fixed names in its namespace; the stack name tells apart two clusters whose stacks use the same namespace
/// and report to one Prometheus.
/// </summary>
public static class StackIdentity
{
    /// <summary>The label.</summary>
    public const string Label = "mlops_stack";

    /// <summary>The label's value for <paramref name="settings"/>: <c>&lt;namespace&gt;/&lt;stack&gt;</c>.</summary>
    public static string Value(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"{settings.Namespace}/{settings.Stack}";
    }

    /// <summary>The PromQL matcher of the stack's own series, e.g. <c>mlops_stack="monitoring/prod"</c>.</summary>
    public static string Matcher(StackSettings settings) => $"{Label}=\"{Value(settings)}\"";

    /// <summary>
    /// The selector of the stack's own series of a recorded <paramref name="record"/>, with <paramref name="matchers"/>
    /// after the identity, e.g. <c>mlops:model_mae:watched{mlops_stack="monitoring/prod"}</c>: how every rule reads what
    /// the stack records, so that a Prometheus shared with other stacks never hands it theirs.
    /// </summary>
    public static string Own(string record, StackSettings settings, params string[] matchers) =>
        $"{record}{{{string.Join(", ", [Matcher(settings), .. matchers])}}}";

    /// <summary>The rule's labels with the stack's identity added.</summary>
    public static PrometheusAlertingRule Labelled(PrometheusAlertingRule rule, StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule with { Labels = new Dictionary<string, string>(rule.Labels) { [Label] = Value(settings) } };
    }

    /// <summary>
    /// A regular expression matching exactly <paramref name="text"/>, with no backslash: a special character is written as a
    /// one-character class (<c>prod.eu</c> becomes <c>prod[.]eu</c>), which RE2, .NET, PromQL strings, YAML and
    /// Alertmanager's matcher syntax all read alike. (An identity holds letters, digits, '-', '_', '.' and '/'.)
    /// </summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' or '[' or ']' or '^' => builder.Append('\\').Append(c),
                _ when ".+*?()|{}$".Contains(c, StringComparison.Ordinal) => builder.Append('[').Append(c).Append(']'),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
