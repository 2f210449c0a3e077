namespace MlopsAlerting.Core.Review;

/// <summary>
/// The "Settings" part of <see cref="StackChanges"/>: the rows of the review's Settings and Secrets tables that differ
/// between the two revisions, read from the review itself so the comparison shows each value as the review does
/// (secrets only as set or missing).
/// </summary>
internal static class SettingChanges
{
    /// <summary>A table of the settings that changed (key, before, after); empty when none did.</summary>
    public static List<string> Lines(StackRevision before, StackRevision after)
    {
        var old = SettingRows(before);
        var now = SettingRows(after);
        var lines = new List<string>();
        foreach (var key in old.Keys.Union(now.Keys))
        {
            var was = old.GetValueOrDefault(key);
            var becomes = now.GetValueOrDefault(key);
            if (was != becomes)
            {
                lines.Add($"| `{key}` | {was ?? "(none)"} | {becomes ?? "(none)"} |");
            }
        }

        return lines.Count == 0 ? lines : ["| setting | before | after |", "|---|---|---|", .. lines];
    }

    /// <summary>The rows of the review's Settings and Secrets tables by key, without the models (shown as models and rules).</summary>
    private static Dictionary<string, string> SettingRows(StackRevision r)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        var inTable = false;
        foreach (var line in StackReview.Render(r.Settings, r.Rendered).Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inTable = line is "## Settings" or "## Secrets";
                continue;
            }

            if (!inTable || !line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.IndexOf("` |", 3, StringComparison.Ordinal);
            var key = line[3..close];
            var channel = key.IndexOf(" (", StringComparison.Ordinal);
            key = channel < 0 ? key : key[..channel];
            if (key != "models")
            {
                rows[key] = line[(close + 4)..^2];
            }
        }

        return rows;
    }
}
