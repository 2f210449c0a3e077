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

    /// <summary>The shortest edit script from <paramref name="a"/> to <paramref name="b"/> (Myers 1986, greedy forward pass with a trace).</summary>
    private static List<Edit> EditScript(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var v = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
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
            var prevK = k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : vd[max + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                edits.Add(new(' ', a[cx - 1], cx, cy));
                cx--;
                cy--;
            }

            if (d > 0)
            {
                if (cx == prevX)
                {
                    edits.Add(new('+', b[cy - 1], cx + 1, cy));
                }
                else
                {
                    edits.Add(new('-', a[cx - 1], cx, cy + 1));
                }
            }

            cx = prevX;
            cy = prevY;
        }

        edits.Reverse();
        return edits;
    }
}
