using System.Globalization;
using System.Text;
using DiffPlex;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// A line diff in the unified format of <c>diff -u</c> and <c>git diff</c> (hunks with three lines of context): the
/// edit script is DiffPlex's (Myers's O((N+M)·D) algorithm; the rendered files differ in a few lines, so D is small),
/// the hunks and their headers are written here, as the review has always printed them.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Lines of unchanged text shown around each change.</summary>
    public const int Context = 3;

    /// <summary>The unified diff of two texts, or the empty string when they are equal.</summary>
    public static string Of(string oldText, string newText, string oldName, string newName)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        if (oldText == newText)
        {
            return string.Empty;
        }

        var script = EditScript(oldText, newText);
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"--- {oldName}\n+++ {newName}\n");
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from Context lines before this change to Context lines after the last change that is
            // at most 2·Context unchanged lines away from the previous one.
            var start = Math.Max(0, i - Context);
            var end = i;
            while (true)
            {
                while (end < script.Count && script[end].Kind != ' ')
                {
                    end++;
                }

                var next = end;
                while (next < script.Count && script[next].Kind == ' ')
                {
                    next++;
                }

                if (next < script.Count && next - end <= 2 * Context)
                {
                    end = next;
                    continue;
                }

                end = Math.Min(script.Count, end + Context);
                break;
            }

            var hunk = script.GetRange(start, end - start);
            var oldStart = script[start].OldLine;
            var newStart = script[start].NewLine;
            var oldCount = hunk.Count(e => e.Kind != '+');
            var newCount = hunk.Count(e => e.Kind != '-');
            output.Append(CultureInfo.InvariantCulture, $"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            foreach (var edit in hunk)
            {
                output.Append(edit.Kind).Append(edit.Text).Append('\n');
            }

            i = end;
        }

        return output.ToString();
    }

    private static string Range(int start, int count) => count switch
    {
        0 => $"{start - 1},0",
        1 => $"{start}",
        _ => $"{start},{count}",
    };

    private static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>One line of the edit script: ' ' kept, '-' removed, '+' added, with its 1-based line numbers.</summary>
    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

    /// <summary>
    /// The shortest edit script from <paramref name="oldText"/> to <paramref name="newText"/>, from DiffPlex's Myers differ (linear
    /// space, so a 74,000-line rule file or two unrelated files need no bound of our own): its blocks are the removed
    /// and added runs, everything between them is kept. Within a block the removed lines come first, as in <c>diff -u</c>.
    /// </summary>
    private static List<Edit> EditScript(string oldText, string newText)
    {
        var result = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, NewlineChunker.Instance);
        var (a, b) = (result.PiecesOld, result.PiecesNew);
        var edits = new List<Edit>(Math.Max(a.Count, b.Count));
        int i = 0, j = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; i < block.DeleteStartA; i++, j++)
            {
                edits.Add(new(' ', a[i], i + 1, j + 1));
            }

            for (; i < block.DeleteStartA + block.DeleteCountA; i++)
            {
                edits.Add(new('-', a[i], i + 1, j + 1));
            }

            for (; j < block.InsertStartB + block.InsertCountB; j++)
            {
                edits.Add(new('+', b[j], i + 1, j + 1));
            }
        }

        for (; i < a.Count; i++, j++)
        {
            edits.Add(new(' ', a[i], i + 1, j + 1));
        }

        return edits;
    }

    /// <summary>Splits as this diff does: on '\n' only, with no empty piece after a final newline.</summary>
    private sealed class NewlineChunker : IChunker
    {
        public static readonly NewlineChunker Instance = new();

        public IReadOnlyList<string> Chunk(string str) => Lines(str);
    }
}
