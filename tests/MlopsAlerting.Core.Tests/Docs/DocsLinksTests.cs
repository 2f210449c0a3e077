using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Tests.Docs;

/// <summary>
/// The README a newcomer reads in five minutes, and the pages it points to: the README stays short, links every page of
/// <c>docs/</c>, and every relative link of the README and the docs (with its <c>#anchor</c>) reaches a file and a heading.
/// </summary>
public partial class DocsLinksTests
{
    private const int ReadmeMaxLines = 250;

    private static string Docs => Path.Combine(RepositoryRoot.Path, "docs");

    [Fact]
    public void The_readme_stays_short()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md")).Length;

        Assert.True(lines <= ReadmeMaxLines, $"README.md has {lines} lines; keep it at most {ReadmeMaxLines} and move the topic to a page of docs/");
    }

    [Fact]
    public void The_readme_links_every_page_of_docs()
    {
        var linked = Links(Path.Combine(RepositoryRoot.Path, "README.md")).Select(l => Path.GetFullPath(Path.Combine(RepositoryRoot.Path, l.File))).ToHashSet();
        var pages = Directory.GetFiles(Docs, "*.md").Append(Path.Combine(Docs, "runbooks", "README.md"));

        Assert.All(pages, page => Assert.True(linked.Contains(page), $"README.md does not link {Path.GetRelativePath(RepositoryRoot.Path, page)}"));
    }

    [Fact]
    public void Every_relative_link_reaches_a_file_and_its_heading()
    {
        var files = Directory.GetFiles(Docs, "*.md", SearchOption.AllDirectories).Append(Path.Combine(RepositoryRoot.Path, "README.md")).ToList();
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var file in files)
        {
            foreach (var (target, anchor) in Links(file))
            {
                checkedLinks++;
                var path = target.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
                var where = $"{Path.GetRelativePath(RepositoryRoot.Path, file)} → {target}{(anchor is null ? string.Empty : "#" + anchor)}";
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add($"{where}: no such file");
                }
                else if (anchor is not null && File.Exists(path) && !Anchors(path).Contains(anchor))
                {
                    broken.Add($"{where}: no such heading");
                }
            }
        }

        Assert.True(checkedLinks > 100, $"only {checkedLinks} links found: the link pattern no longer matches the pages");
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void The_anchor_of_a_heading_is_githubs()
    {
        Assert.Contains("the-guides-defects-and-how-they-are-avoided", Anchors(Path.Combine(Docs, "guide-defects.md")));
        Assert.Contains("what-changes-prod-from-main-to-the-work-tree", AnchorsOf("## What changes: `prod` from `main` to the work tree"));
    }

    /// <summary>The relative links of a Markdown file (outside code), as the file part and the anchor.</summary>
    private static IEnumerable<(string File, string? Anchor)> Links(string path)
    {
        foreach (var line in OutsideCode(File.ReadAllLines(path)).Select(l => InlineCode().Replace(l, string.Empty)))
        {
            foreach (Match m in MarkdownLink().Matches(line))
            {
                var target = m.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                yield return hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
            }
        }
    }

    private static HashSet<string> Anchors(string path) => AnchorsOf(OutsideCode(File.ReadAllLines(path)).ToArray());

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, a repeated one numbered.</summary>
    private static HashSet<string> AnchorsOf(params string[] lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = NotSlug().Replace(heading.Groups["text"].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    private static IEnumerable<string> OutsideCode(string[] lines)
    {
        string? fence = null;
        foreach (var line in lines)
        {
            var opening = Fence().Match(line);
            if (opening.Success)
            {
                if (fence is null)
                {
                    fence = opening.Groups["fence"].Value;
                }
                else if (line.Trim() == fence)
                {
                    fence = null;
                }

                continue;
            }

            if (fence is null)
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,6} (?<text>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\- _]")]
    private static partial Regex NotSlug();

    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();
}
