using System.Text.RegularExpressions;
using MlopsAlerting.Core.Review;

namespace MlopsAlerting.Core.Tests.Review;

public partial class UnifiedDiffTests
{
    [Fact]
    public void One_changed_line_is_one_hunk_with_three_lines_of_context_as_diff_u_prints_it()
    {
        var old = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        var now = old.Replace("line 5\n", "line five\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Of(old, now, "a/f", "b/f");

        Assert.Equal("--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n", diff);
    }

    [Fact]
    public void Equal_texts_give_no_diff_and_far_apart_changes_give_two_hunks()
    {
        var old = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}")) + "\n";
        Assert.Equal(string.Empty, UnifiedDiff.Of(old, old, "a", "b"));

        var now = old.Replace("line 2\n", "", StringComparison.Ordinal).Replace("line 25\n", "line 25\nline 25b\n", StringComparison.Ordinal);
        var diff = UnifiedDiff.Of(old, now, "a", "b");

        Assert.Equal(["@@ -1,5 +1,4 @@", "@@ -23,6 +22,7 @@"], HunkHeader().Matches(diff).Select(m => m.Value));
    }

    [Fact]
    public void Random_edits_replay_to_the_new_text_with_the_fewest_changed_lines()
    {
        var random = new Random(10);
        for (var run = 0; run < 300; run++)
        {
            var old = RandomLines(random);
            var now = RandomLines(random);
            var diff = UnifiedDiff.Of(Text(old), Text(now), "a", "b");

            Assert.Equal(now, Replay(old, diff));
            var changed = diff.Split('\n').Count(l => l.Length > 0 && (l[0] == '+' || l[0] == '-') && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
            Assert.Equal(old.Length + now.Length - (2 * LongestCommonSubsequence(old, now)), changed);
        }
    }

    [Fact]
    public void Large_rule_files_diff_in_bounded_memory_and_still_replay()
    {
        // 2,000 models appended (a rule file of ~74,000 lines), then two unrelated 6,000-line files: the differ works in
        // linear space, so neither needs more than a bounded amount of memory.
        var old = Enumerable.Range(0, 1_000).Select(i => $"rule {i}").ToArray();
        var grown = old.Concat(Enumerable.Range(0, 74_000).Select(i => $"new rule {i}")).ToArray();
        var appended = UnifiedDiff.Of(Text(old), Text(grown), "a", "b");
        Assert.Equal(grown, Replay(old, appended));
        Assert.Contains("@@ -998,3 +998,74003 @@", appended, StringComparison.Ordinal);

        var left = Enumerable.Range(0, 6_000).Select(i => $"left {i % 7}").ToArray();
        var right = Enumerable.Range(0, 6_000).Select(i => $"right {i % 5}").ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var unrelated = UnifiedDiff.Of(Text(left), Text(right), "a", "b");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 512L * 1024 * 1024, "the diff of two 6,000-line files allocated more than 512 MiB");
        Assert.Equal(right, Replay(left, unrelated));
    }

    private static string[] RandomLines(Random random) =>
        Enumerable.Range(0, random.Next(0, 25)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToArray();

    private static string Text(string[] lines) => lines.Length == 0 ? string.Empty : string.Join('\n', lines) + "\n";

    /// <summary>Applies the hunks to <paramref name="old"/>, checking every context and removed line against it.</summary>
    private static string[] Replay(string[] old, string diff)
    {
        var result = new List<string>();
        var at = 0;
        var lines = diff.Split('\n');
        for (var i = 2; i < lines.Length && lines[i].Length > 0; i++)
        {
            var header = HunkHeader().Match(lines[i]);
            if (header.Success)
            {
                var start = int.Parse(header.Groups["start"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var count = header.Groups["count"].Success ? int.Parse(header.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
                var from = count == 0 ? start : start - 1;
                result.AddRange(old[at..from]);
                at = from;
                continue;
            }

            switch (lines[i][0])
            {
                case ' ':
                    Assert.Equal(old[at], lines[i][1..]);
                    result.Add(old[at++]);
                    break;
                case '-':
                    Assert.Equal(old[at++], lines[i][1..]);
                    break;
                default:
                    result.Add(lines[i][1..]);
                    break;
            }
        }

        result.AddRange(old[at..]);
        return [.. result];
    }

    private static int LongestCommonSubsequence(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }

    [GeneratedRegex(@"^@@ -(?<start>\d+)(,(?<count>\d+))? \+\d+(,\d+)? @@$", RegexOptions.Multiline)]
    private static partial Regex HunkHeader();
}
