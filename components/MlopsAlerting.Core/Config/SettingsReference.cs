using System.Globalization;
using System.Text;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// The settings reference page (<c>docs/settings.md</c>), written from <see cref="SettingsSchema"/>: one section per
/// top-level key, one row per setting with its type, default and meaning. A test fails when the committed page differs;
/// <c>dotnet run --project tools/review -- settings-docs --write</c> writes it again.
/// </summary>
public static class SettingsReference
{
    /// <summary>Where the page lives in the repository.</summary>
    public const string PagePath = "docs/settings.md";

    /// <summary>The whole page.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Settings reference").AppendLine();
        md.AppendLine(GeneratedNotice).AppendLine();
        md.AppendLine("A stack sets only what differs from the defaults. Every key lives under the project namespace");
        md.AppendLine($"(`{SettingsSchema.Project}:`) in `Pulumi.<stack>.yaml`; set nested keys with `--path`, e.g.");
        md.AppendLine("`pulumi config set --path routing.groupWait 30s`, and secrets with `--secret` (or in a Pulumi ESC");
        md.AppendLine("environment the stack file imports: [setting the secrets](secrets.md)). `dotnet run --project tools/review -- <stack>`");
        md.AppendLine("prints every effective value; a mistake is refused with the file, the key and the fix before anything is created.").AppendLine();
        md.AppendLine("Keys: " + string.Join(", ", SettingsSchema.Keys.Select(k => $"[`{k.Name}`](#{Anchor(k.Name)})")) + ".").AppendLine();
        foreach (var key in SettingsSchema.Keys)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {key.Name}").AppendLine();
            if (key.Children is not null)
            {
                md.AppendLine(key.Description).AppendLine();
            }

            md.AppendLine("| key | type | default | meaning |").AppendLine("|---|---|---|---|");
            foreach (var (path, spec) in Leaves(key, key.Name))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{path}` | {TypeName(spec)} | {Cell(DefaultText(spec))} | {Cell(spec.Description)} |");
            }

            md.AppendLine();
        }

        return md.ToString().TrimEnd() + "\n";
    }

    /// <summary>The line both generated texts start with.</summary>
    public const string GeneratedNotice = "Written from the schema in `components/MlopsAlerting.Core/Config/SettingsSchema.cs` by `dotnet run --project tools/review -- settings-docs --write`; edit the schema, not this text.";

    /// <summary>Every setting under <paramref name="spec"/> that holds a value (itself when it has no children), with its dotted path.</summary>
    public static IEnumerable<(string Path, SettingSpec Spec)> Leaves(SettingSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Children is null || spec.Kind == SettingKind.ObjectList)
        {
            yield return (path, spec);
            if (spec.Kind != SettingKind.ObjectList)
            {
                yield break;
            }
        }

        foreach (var child in spec.Children ?? [])
        {
            var childPath = spec.Kind == SettingKind.ObjectList ? $"{path}[].{child.Name}" : $"{path}.{child.Name}";
            foreach (var leaf in Leaves(child, childPath))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>A value's shape in words.</summary>
    public static string TypeName(SettingSpec spec) => spec.Kind switch
    {
        SettingKind.String => "string",
        SettingKind.Integer => "integer",
        SettingKind.Boolean => "boolean",
        SettingKind.Number => "number",
        SettingKind.Duration => "duration",
        SettingKind.StringList => "list of strings",
        SettingKind.StringMap => "map of strings",
        SettingKind.Object => "map",
        SettingKind.ObjectList => "list of maps",
        SettingKind.Secret => "**secret**",
        _ => spec.Kind.ToString(),
    };

    /// <summary>The default as YAML writes it, or <c>none</c>.</summary>
    public static string DefaultText(SettingSpec spec) => spec.Default switch
    {
        null when spec.Kind == SettingKind.ObjectList => "`[]`",
        null => "none",
        "" => "empty",
        string text => $"`{text}`",
        bool flag => flag ? "`true`" : "`false`",
        decimal number => $"`{number.ToString("0.00", CultureInfo.InvariantCulture)}`",
        IReadOnlyDictionary<string, string> map => "`{" + string.Join(", ", map.Select(e => $"{e.Key}: {YamlScalar(e.Value)}")) + "}`",
        IEnumerable<string> list => "`[" + string.Join(", ", list) + "]`",
        var other => $"`{Convert.ToString(other, CultureInfo.InvariantCulture)}`",
    };

    /// <summary>A map value as YAML writes it: quoted where it would read as a number or boolean.</summary>
    private static string YamlScalar(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || bool.TryParse(value, out _) ? $"\"{value}\"" : value;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Anchor(string heading) => heading.ToLowerInvariant();
}
