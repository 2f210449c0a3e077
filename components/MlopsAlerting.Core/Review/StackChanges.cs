using System.Globalization;
using System.Text;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The "What changes" section of <c>review &lt;stack&gt; --compare &lt;ref&gt;</c>: what a pull request changes for
/// alerting, in the words on-call uses (which alert reaches which channel, how long a message waits, which model
/// lost or gained rules), then the unified diff of the rendered files. Secrets appear only as set or missing.
/// </summary>
public static class StackChanges
{
    /// <summary>The line that says the rendered artefacts are identical.</summary>
    public const string NoChange = "No change for alerting";

    /// <summary>The section comparing <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static string Render(StackRevision before, StackRevision after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## What changes: `{after.Settings.Stack}` from `{before.Label}` to {after.Label}").AppendLine();

        var artefactsEqual = ArtefactsOf(before).SequenceEqual(ArtefactsOf(after));
        var parts = new List<(string Title, List<string> Lines)>
        {
            ("Settings", SettingChanges.Lines(before, after)),
            ("Routing", RoutingChanges.Lines(before.Settings, after.Settings)),
            ("Inhibition and timing", TimingChanges.Lines(before.Settings, after.Settings)),
            ("Models and rules", ModelChanges.Lines(before, after)),
            ("Kubernetes objects", ObjectChanges.Lines(before, after)),
        };

        if (artefactsEqual)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**{NoChange}**: `{string.Join("`, `", ArtefactsOf(after).Select(f => f.Name))}` are identical at both revisions.").AppendLine();
        }

        if (parts.All(p => p.Lines.Count == 0))
        {
            if (!artefactsEqual)
            {
                md.AppendLine("The rendered files differ only as the diff below shows.").AppendLine();
            }
        }

        foreach (var (title, lines) in parts.Where(p => p.Lines.Count > 0))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine();
            foreach (var line in lines)
            {
                md.AppendLine(line);
            }

            md.AppendLine();
        }

        if (!artefactsEqual)
        {
            md.AppendLine("### Rendered files").AppendLine();
            foreach (var ((name, oldText), (_, newText)) in ArtefactsOf(before).Zip(ArtefactsOf(after)))
            {
                var diff = UnifiedDiff.Of(oldText, newText, $"a/{name} ({before.Label})", $"b/{name} ({after.Label})");
                if (diff.Length == 0)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"`{name}`: unchanged.").AppendLine();
                    continue;
                }

                var changed = diff.Split('\n').Count(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
                md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary><code>{name}</code>: {changed} line(s) changed</summary>").AppendLine();
                md.AppendLine("```diff").Append(diff).AppendLine("```").AppendLine().AppendLine("</details>").AppendLine();
            }
        }

        return md.ToString();
    }

    /// <summary>The section when one side cannot be read: the usual error lines for that side.</summary>
    public static string Invalid(string stack, string label, IEnumerable<string> errorLines)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## What changes: `{stack}` at `{label}` is invalid").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The stack cannot be compared: at `{label}` it has these mistakes.").AppendLine();
        md.AppendLine("```text");
        foreach (var line in errorLines)
        {
            md.AppendLine(line);
        }

        md.AppendLine("```").AppendLine();
        return md.ToString();
    }

    /// <summary>The section when the stack file does not exist at the base revision: the whole stack is new.</summary>
    public static string New(string stack, string fileName, string label) =>
        $"## What changes: `{stack}` is new\n\n`{fileName}` does not exist at `{label}`: `pulumi up` creates everything the review below lists.\n\n";

    private static IReadOnlyList<(string Name, string Text)> ArtefactsOf(StackRevision r) =>
        [.. r.Rendered.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)), (r.Rules.FileName, r.Rules.Yaml)];
}
