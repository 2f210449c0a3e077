using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// The <c>config:</c> block of <c>Pulumi.yaml</c>, written from <see cref="SettingsSchema"/>: every top-level key with
/// its type (scalars), default and description, the description naming each nested key with its default. Pulumi reads
/// it for <c>pulumi config</c> and the defaults a stack file leaves out; a test fails when the committed block differs.
/// </summary>
public static partial class ProjectConfigBlock
{
    /// <summary>The line the block starts with; everything from it to the end of <c>Pulumi.yaml</c> is generated.</summary>
    public const string StartLine = "config:";

    private const int Width = 110;
    private const string DescriptionIndent = "      ";

    /// <summary>The block, from <see cref="StartLine"/> to the end of the file.</summary>
    public static string Yaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine(StartLine);
        foreach (var key in SettingsSchema.Keys)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {key.Name}:");
            if (ScalarType(key) is { } type)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    type: {type}");
            }

            yaml.AppendLine(CultureInfo.InvariantCulture, $"    default: {DefaultYaml(key)}");
            yaml.AppendLine("    description: >-");
            foreach (var line in Wrap(Description(key)))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"{DescriptionIndent}{line}");
            }
        }

        return yaml.ToString();
    }

    /// <summary>The text of <c>Pulumi.yaml</c> with its block replaced by <see cref="Yaml"/>; the lines before it are kept.</summary>
    public static string Replace(string projectFile)
    {
        ArgumentNullException.ThrowIfNull(projectFile);
        var at = projectFile.IndexOf("\n" + StartLine + "\n", StringComparison.Ordinal);
        return at < 0
            ? throw new InvalidOperationException($"Pulumi.yaml has no line `{StartLine}`")
            : projectFile[..(at + 1)] + Yaml();
    }

    private static string Description(SettingSpec key)
    {
        var text = key.Description;
        var leaves = SettingsReference.Leaves(key, key.Name).Where(l => l.Spec != key).ToList();
        if (leaves.Count > 0)
        {
            var parts = leaves.Select(l => l.Spec.Default is null && l.Spec.Kind != SettingKind.ObjectList
                ? l.Path[(key.Name.Length + 1)..]
                : $"{l.Path[(key.Name.Length + 1)..]} (default {SettingsReference.DefaultText(l.Spec).Trim('`')})");
            text += " Keys: " + string.Join(", ", parts) + ".";
        }

        return text + $" Reference: {SettingsReference.PagePath}#{key.Name.ToLowerInvariant()}.";
    }

    private static string? ScalarType(SettingSpec key) => key.Kind switch
    {
        SettingKind.String or SettingKind.Secret or SettingKind.Duration => "string",
        SettingKind.Integer => "integer",
        SettingKind.Boolean => "boolean",
        _ => null,
    };

    private static string DefaultYaml(SettingSpec key) => key.Kind switch
    {
        SettingKind.Object or SettingKind.StringMap => "{}",
        SettingKind.ObjectList or SettingKind.StringList => "[]",
        _ => key.Default switch
        {
            null or "" => "\"\"",
            string text when PlainScalar().IsMatch(text) && !bool.TryParse(text, out _) && text != "null" => text,
            string text => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
            bool flag => flag ? "true" : "false",
            var other => Convert.ToString(other, CultureInfo.InvariantCulture)!,
        },
    };

    private static IEnumerable<string> Wrap(string text)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > Width - DescriptionIndent.Length)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._/:@-]*$")]
    private static partial Regex PlainScalar();
}
