using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// The <c>environment:</c> list of a stack file: the Pulumi ESC environments the stack imports, e.g.
/// <c>- ml-platform/alerting-prod</c>. Their values are in Pulumi Cloud, so an offline review names them
/// instead of reading them.
/// </summary>
public static partial class EscEnvironments
{
    /// <summary>The names in a stack file's <c>environment:</c> node; an empty list when there is none.</summary>
    public static IReadOnlyList<string> Read(ConfigNode? node, string fileName)
    {
        const string Fix = "list the environments one per line, e.g. `environment:` then `  - my-project/alerting-prod` (Pulumi ESC's `project/environment`, optionally `@version`)";
        switch (node)
        {
            case null:
            case ScalarNode { Value: "" or "~" or "null", Quoted: false }:
                return [];
            case ListNode list:
                var names = new List<string>();
                var errors = new List<SettingsError>();
                foreach (var item in list.Items)
                {
                    if (item is ScalarNode { Value: var name } && NamePattern().IsMatch(name))
                    {
                        names.Add(name);
                    }
                    else
                    {
                        errors.Add(new SettingsError(fileName, "environment", $"holds {(item is ScalarNode ? "a name that is not an ESC environment's" : item.Shape)}", Fix, item.Mark));
                    }
                }

                return errors.Count > 0 ? throw new SettingsException(errors) : names;
            default:
                throw new SettingsException([new SettingsError(fileName, "environment", $"must be a list of Pulumi ESC environment names, not {node.Shape}", Fix, node.Mark)]);
        }
    }

    /// <summary>How a review names where a secret that the stack file lacks may come from.</summary>
    public static string Source(IReadOnlyList<string> environments)
    {
        ArgumentNullException.ThrowIfNull(environments);
        return environments.Count == 1
            ? $"from ESC environment `{environments[0]}` (not readable offline)"
            : $"from ESC environments {string.Join(", ", environments.Select(e => $"`{e}`"))} (not readable offline; a later one wins)";
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?(@[A-Za-z0-9._-]+)?$")]
    private static partial Regex NamePattern();
}
