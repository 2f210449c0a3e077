using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// <c>rules.ownedSeries</c>: PromQL label matchers, as written inside a selector's braces (<c>namespace="ml-prod",
/// team=~"fraud|pricing"</c>). Checked here so that a typo is a stack-file error, not a rule file Prometheus refuses.
/// </summary>
internal static partial class OwnedSeriesText
{
    // One matcher: a label name, an operator and a double-quoted string with Go escapes.
    [GeneratedRegex("""\G\s*(?<name>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*"(?<value>(?:[^"\\\n]|\\.)*)"\s*(?:,|$)""", RegexOptions.CultureInvariant)]
    private static partial Regex Matcher();

    /// <summary>What is wrong with <paramref name="text"/>, or null when it is a list of matchers (or empty).</summary>
    public static string? Problem(string text)
    {
        var matchers = Parse(text);
        if (matchers is null)
        {
            return $"'{text}' is not a list of PromQL label matchers";
        }

        foreach (var (name, op, value) in matchers)
        {
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                return $"'{name}' is a reserved label; the metric is rules.metric";
            }

            if (name == Rules.StackIdentity.Label)
            {
                return $"'{name}' is the label the stack's own series carry, not one of the metric's";
            }

            if (op is "=~" or "!~")
            {
                try
                {
                    _ = new Regex(Regex.Unescape(value), RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException)
                {
                    return $"the regular expression of '{name}' does not parse";
                }
            }
        }

        return null;
    }

    /// <summary>The matchers joined as the rules write them (<c>a="b", c=~"d"</c>); empty for none.</summary>
    public static string Normalize(string text) =>
        string.Join(", ", (Parse(text) ?? []).Select(m => $"{m.Name}{m.Op}\"{m.Value}\""));

    private static List<(string Name, string Op, string Value)>? Parse(string text)
    {
        var trimmed = text.Trim().TrimStart('{').TrimEnd('}').Trim();
        var list = new List<(string, string, string)>();
        var at = 0;
        while (at < trimmed.Length)
        {
            var match = Matcher().Match(trimmed, at);
            if (!match.Success || match.Index != at || match.Length == 0)
            {
                return null;
            }

            list.Add((match.Groups["name"].Value, match.Groups["op"].Value, match.Groups["value"].Value));
            at += match.Length;
            while (at < trimmed.Length && char.IsWhiteSpace(trimmed[at]))
            {
                at++;
            }
        }

        return list;
    }
}
