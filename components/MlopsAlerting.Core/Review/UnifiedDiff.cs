using System.Globalization;
using System.Text;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// A line diff in the unified format of <c>diff -u</c> and <c>git diff</c> (hunks with three lines of
/// context), computed with Myers's O((N+M)·D) algorithm: the rendered files differ in a few lines, so D is small.
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

        var a = Lines(oldText);
        var b = Lines(newText);
        var script = EditScript(a, b);
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

    /// <summary>Trace entries (ints) the search may keep, about 32 MB: beyond it the changed middle is shown as removed and added whole.</summary>
    private const long MaxTrace = 8_000_000;

    /// <summary>
    /// The shortest edit script from <paramref name="a"/> to <paramref name="b"/>: the common first and last lines kept,
    /// the middle by Myers (1986), greedy forward pass keeping for each D only the diagonals it reached.
    /// </summary>
    private static List<Edit> EditScript(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var edits = new List<Edit>();
        for (var i = 0; i < prefix; i++)
        {
            edits.Add(new(' ', a[i], i + 1, i + 1));
        }

        edits.AddRange(Middle(a, b, prefix, a.Length - suffix, b.Length - suffix));
        for (var i = suffix; i > 0; i--)
        {
            edits.Add(new(' ', a[^i], a.Length - i + 1, b.Length - i + 1));
        }

        return edits;
    }

    /// <summary>The edits of a[from..aEnd] into b[from..bEnd], which share no first or last line.</summary>
    private static List<Edit> Middle(string[] a, string[] b, int from, int aEnd, int bEnd)
    {
        int n = aEnd - from, m = bEnd - from, max = n + m;
        if (n == 0 || m == 0)
        {
            return Replaced(a, b, from, aEnd, bEnd); // only added or only removed lines: that is the shortest script
        }

        var v = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        long kept = 0;
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            // The diagonals -d..d of the previous round, enough to walk back from this one.
            trace.Add(v[(max - d)..(max + d + 1)]);
            kept += (2 * d) + 1;
            if (kept > MaxTrace)
            {
                return Replaced(a, b, from, aEnd, bEnd);
            }

            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[from + x] == b[from + y])
                {
                    x++;
                    y++;
                }

                v[max + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        // Walk the trace back from (n, m) to (0, 0).
        var edits = new List<Edit>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var vd = trace[d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && vd[d + k - 1] < vd[d + k + 1]) ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : vd[d + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                edits.Add(new(' ', a[from + cx - 1], from + cx, from + cy));
                cx--;
                cy--;
            }

            if (d > 0)
            {
                if (cx == prevX)
                {
                    edits.Add(new('+', b[from + cy - 1], from + cx + 1, from + cy));
                }
                else
                {
                    edits.Add(new('-', a[from + cx - 1], from + cx, from + cy + 1));
                }
            }

            cx = prevX;
            cy = prevY;
        }

        edits.Reverse();
        return edits;
    }

    /// <summary>The middle removed and added whole: correct, not minimal, for inputs too different to search.</summary>
    private static List<Edit> Replaced(string[] a, string[] b, int from, int aEnd, int bEnd)
    {
        var edits = new List<Edit>();
        for (var i = from; i < aEnd; i++)
        {
            edits.Add(new('-', a[i], i + 1, from + 1));
        }

        for (var j = from; j < bEnd; j++)
        {
            edits.Add(new('+', b[j], aEnd + 1, j + 1));
        }

        return edits;
    }
}
