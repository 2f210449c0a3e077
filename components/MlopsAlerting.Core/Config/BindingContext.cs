using System.Globalization;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// Reads typed values out of a <see cref="ConfigNode"/> tree by their schema path, applying defaults
/// and collecting every mistake instead of stopping at the first.
/// </summary>
internal sealed class BindingContext(string file, string stack = "<stack>")
{
    /// <summary>The stack, for the commands a fix names.</summary>
    public string Stack { get; } = stack;

    public List<SettingsError> Errors { get; } = [];

    public string File { get; } = file;

    public void Error(string key, string problem, string fix, ConfigNode? node) =>
        Errors.Add(new SettingsError(File, key, problem, fix, node?.Mark));

    /// <summary>Reports keys the schema does not know, with a did-you-mean, and recurses into known objects.</summary>
    public void CheckKeys(MapNode map, IReadOnlyList<SettingSpec> specs, string prefix)
    {
        foreach (var (key, value) in map.Entries)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var spec = specs.FirstOrDefault(s => s.Name == key);
            if (spec is null)
            {
                var guess = KeySuggestion.Closest(key, specs.Select(s => s.Name));
                var fix = guess is null
                    ? $"remove it; the keys here are: {string.Join(", ", specs.Select(s => s.Name))}"
                    : $"did you mean `{(prefix.Length == 0 ? guess : $"{prefix}.{guess}")}`? Rename the key";
                Errors.Add(new SettingsError(File, path, "is not a known setting", fix, map.KeyMark(key)));
                continue;
            }

            if (spec.Kind == SettingKind.Object && value is MapNode child && spec.Children is not null)
            {
                CheckKeys(child, spec.Children, path);
            }
            else if (spec.Kind == SettingKind.ObjectList && value is ListNode list && spec.Children is not null)
            {
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (list.Items[i] is MapNode item)
                    {
                        CheckKeys(item, spec.Children, $"{path}[{i}]");
                    }
                }
            }
        }
    }

    /// <summary>The node at <paramref name="key"/> of <paramref name="map"/>, or null.</summary>
    public static ConfigNode? Child(MapNode? map, string key) => map?[key];

    /// <summary>An object; null (not an error) when absent; an error when of another shape.</summary>
    public MapNode? Object(ConfigNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case MapNode map:
                return map;
            case ScalarNode { Value: "" or "~" or "null", Quoted: false }:
                return null;
            default:
                Error(path, $"must be a map of keys, not {node.Shape}", $"write its keys indented under it: {Keys(path)}", node);
                return null;
        }
    }

    public string? String(ConfigNode? node, string path)
    {
        switch (node)
        {
            case null:
                return Default(path) as string;
            case ScalarNode scalar:
                return Text(scalar, path);
            case SecretNode:
                Error(path, "is stored as a secret but is not a secret setting", $"store it in plain text: pulumi config set --path {path} <value>", node);
                return null;
            default:
                Error(path, $"must be a single value, not {node.Shape}", $"write one value after `{Last(path)}:`", node);
                return null;
        }
    }

    public int? Integer(ConfigNode? node, string path)
    {
        if (node is null)
        {
            return Default(path) as int?;
        }

        var text = String(node, path);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(path, $"'{text}' is not a whole number", $"write a whole number, e.g. `{Last(path)}: {Default(path) ?? 1}`", node);
        return null;
    }

    public decimal? Number(ConfigNode? node, string path)
    {
        if (node is null)
        {
            return Default(path) as decimal?;
        }

        var text = String(node, path);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(path, $"'{text}' is not a number", $"write a decimal number with a point, e.g. `{Last(path)}: {Default(path) ?? 0.4m}`", node);
        return null;
    }

    public bool? Boolean(ConfigNode? node, string path)
    {
        if (node is null)
        {
            return Default(path) as bool?;
        }

        var text = String(node, path);
        return text switch
        {
            null => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => Invalid<bool?>(path, $"'{text}' is not true or false", $"write `{Last(path)}: true` or `{Last(path)}: false`", node),
        };
    }

    public AlertmanagerDuration? Duration(ConfigNode? node, string path)
    {
        var text = node is null ? Default(path) as string : String(node, path);
        if (text is null)
        {
            return null;
        }

        return AlertmanagerDuration.TryParse(text)
            ?? Invalid<AlertmanagerDuration>(path, $"'{text}' is not an Alertmanager duration", $"write {AlertmanagerDuration.SyntaxHelp}", node);
    }

    public IReadOnlyList<string>? StringList(ConfigNode? node, string path)
    {
        switch (node)
        {
            case null:
                return Default(path) as string[] ?? [];
            case ListNode list:
                var items = new List<string>();
                foreach (var item in list.Items)
                {
                    if (item is ScalarNode scalar)
                    {
                        if (Text(scalar, path) is { } text)
                        {
                            items.Add(text);
                        }
                    }
                    else
                    {
                        Error(path, $"items must be single values, not {item.Shape}", "write one value per `- ` line", item);
                    }
                }

                return items;
            default:
                Error(path, $"must be a list, not {node.Shape}", $"write it as a list, e.g. `{Last(path)}: [{string.Join(", ", Default(path) as string[] ?? ["a", "b"])}]`", node);
                return null;
        }
    }

    public IReadOnlyDictionary<string, string>? StringMap(ConfigNode? node, string path)
    {
        switch (node)
        {
            case null:
                return new Dictionary<string, string>();
            case MapNode map:
                var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in map.Entries)
                {
                    if (value is ScalarNode scalar)
                    {
                        if (Text(new ScalarNode(key, true, map.KeyMark(key)), $"{path}.{key}") is not null && Text(scalar, $"{path}.{key}") is { } text)
                        {
                            result[key] = text;
                        }
                    }
                    else
                    {
                        Error($"{path}.{key}", $"must be a single value, not {value.Shape}", "write `key: value` pairs", value);
                    }
                }

                return result;
            case ScalarNode { Value: "" or "~" or "null", Quoted: false }:
                return new Dictionary<string, string>();
            default:
                Error(path, $"must be a map of `key: value` pairs, not {node.Shape}", "write `key: value` pairs indented under it", node);
                return null;
        }
    }

    /// <summary>
    /// The text of a scalar, or null with an error when no setting may hold it: YAML's null (a bare
    /// <c>null</c>, <c>~</c> or nothing; the Pulumi engine hands the program the text <c>null</c>), a
    /// secret (<see cref="SecretShapes"/>, never echoed), characters that are not visible text, or more
    /// than <see cref="ReadLimits.MaxValueLength"/> characters. Every string, list item and map entry passes here.
    /// </summary>
    public string? Text(ScalarNode scalar, string path)
    {
        var value = scalar.Value;
        if (value == "null" || (!scalar.Quoted && value is "" or "~" or "Null" or "NULL"))
        {
            var fallback = Default(path) is { } d && !(d is string s && s.Length == 0) ? $"delete the line to use the default ({Shown(d)}), or write a value" : "delete the line, or write a value";
            if (value.Length == 0)
            {
                fallback += "; quote it if it starts with '#', which YAML reads as a comment";
            }

            return Invalid<string>(path, "is empty: YAML reads a bare `null`, `~` or nothing after the colon as no value", fallback, scalar);
        }

        if (SecretShapes.Detect(value) is { } shape)
        {
            return Invalid<string>(path, SecretShapes.Describe(shape), SecretShapes.Fix(shape, path, Stack), scalar);
        }

        if (value.Length > ReadLimits.MaxValueLength)
        {
            return Invalid<string>(path, $"is {value.Length} characters long, more than the {ReadLimits.MaxValueLength} any setting needs", "write the value itself (a name, URL or mention), not a pasted document", scalar);
        }

        var hidden = value.FirstOrDefault(DisplayText.IsHidden);
        if (value.Any(DisplayText.IsHidden))
        {
            return Invalid<string>(path, $"'{value}' contains the invisible character U+{(int)hidden:X4} (a line break, tab, control or formatting character)", "write the value on one line with visible characters only", scalar);
        }

        return value;
    }

    private static string Shown(object value) => value switch
    {
        string[] list => $"[{string.Join(", ", list)}]",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public T? Invalid<T>(string path, string problem, string fix, ConfigNode? node)
    {
        Error(path, problem, fix, node);
        return default;
    }

    private static object? Default(string path) => SettingsSchema.Find(StripIndexes(path))?.Default;

    private static string Keys(string path) =>
        string.Join(", ", SettingsSchema.Find(StripIndexes(path))?.Children?.Select(c => c.Name) ?? []);

    private static string Last(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string StripIndexes(string path) =>
        string.Concat(path.Split('[').Select((part, i) => i == 0 ? part : part[(part.IndexOf(']', StringComparison.Ordinal) + 1)..]));
}
