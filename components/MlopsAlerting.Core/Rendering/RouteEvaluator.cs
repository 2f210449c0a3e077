using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// Walks a rendered routing tree the way Alertmanager does (depth first; a matching child stops
/// its siblings unless it continues; a node whose children all miss takes the alert itself), to
/// tell which receivers a label set reaches. Supports the matcher forms this project writes
/// (<c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c> with a quoted value). Tests compare it with
/// <c>amtool config routes test</c>.
/// </summary>
public static partial class RouteEvaluator
{
    [GeneratedRegex("^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MatcherPattern();

    public static IReadOnlyList<string> Receivers(RouteConfig root, IReadOnlyDictionary<string, string> labels)
    {
        var result = new List<string>();
        Walk(root, labels, result);
        return result;
    }

    private static bool Walk(RouteConfig route, IReadOnlyDictionary<string, string> labels, List<string> result)
    {
        if (!(route.Matchers ?? []).All(m => Matches(m, labels)))
        {
            return false;
        }

        var matchedChild = false;
        foreach (var child in route.Routes ?? [])
        {
            if (Walk(child, labels, result))
            {
                matchedChild = true;
                if (child.Continue != true)
                {
                    break;
                }
            }
        }

        if (!matchedChild)
        {
            result.Add(route.Receiver);
        }

        return true;
    }

    /// <summary>Whether a label set satisfies one matcher; a missing label is the empty string.</summary>
    public static bool Matches(string matcher, IReadOnlyDictionary<string, string> labels)
    {
        var match = MatcherPattern().Match(matcher);
        if (!match.Success)
        {
            throw new FormatException($"Unsupported matcher: {matcher}");
        }

        var value = labels.TryGetValue(match.Groups[1].Value, out var v) ? v : string.Empty;
        var expected = Regex.Unescape(match.Groups[3].Value);
        return match.Groups[2].Value switch
        {
            "=" => value == expected,
            "!=" => value != expected,
            "=~" => Regex.IsMatch(value, $"^(?:{expected})$", RegexOptions.CultureInvariant),
            _ => !Regex.IsMatch(value, $"^(?:{expected})$", RegexOptions.CultureInvariant),
        };
    }
}
