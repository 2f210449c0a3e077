using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Heartbeat;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.Docs;

/// <summary>
/// Every alert the rules can fire has a runbook page under docs/runbooks, and no page is left for an alert they cannot:
/// the alert names and severities are read from the rule files rendered for stack variants that together render every
/// rule (dev's one replica, prod, prod with a heartbeat URL, app mode, the operator's PrometheusRule target, each
/// <c>rules.unlistedModels</c> mode that raises ModelNotListed, each <c>rules.missingSeverity</c>). Each page has the
/// sections a person on call reads in order, a severity line naming exactly the severities the rules give the alert,
/// an entry in the index, and only relative links that resolve.
/// </summary>
public partial class RunbookPagesTests
{
    private static readonly string[] Sections = ["## Meaning", "## Impact", "## Diagnosis", "## Mitigation", "## Escalate", "## Related"];

    private static readonly string[] Severities = ["critical", "warning", "info", "none"];

    private static string Folder => Path.Combine(RepositoryRoot.Path, "docs", "runbooks");

    private const string Index = "README.md";

    [Fact]
    public void The_variants_render_every_alert_of_the_code()
    {
        var alerts = RenderedAlerts();
        string[] expected =
        [
            ModelAlertRules.AlertName, ModelAlertRules.MissingAlertName, ModelAlertRules.UnlistedAlertName, HeartbeatRule.AlertName,
            SelfAlertRules.NotificationsFailing, SelfAlertRules.ChannelUndeliverable, SelfAlertRules.TargetDown, SelfAlertRules.NotScraped,
            SelfAlertRules.MembersInconsistent, SelfAlertRules.ConfigInconsistent, SelfAlertRules.ConfigReloadFailed, SelfAlertRules.SendErrors,
            SelfAlertRules.TooFewAlertmanagers, SelfAlertRules.Dropped, SelfAlertRules.HeartbeatUndeliverable, SelfAlertRules.RuleFailures,
            SelfAlertRules.MissedIterations, SelfAlertRules.SelfMetricsMissing,
        ];
        Assert.All(expected, name => Assert.True(alerts.ContainsKey(name), $"no variant renders {name}: add a stack variant that does"));
    }

    [Fact]
    public void Every_alert_of_the_committed_stacks_links_its_page_in_this_repository()
    {
        foreach (var settings in Variants())
        {
            var docs = settings.Slack.RunbookPages!.AbsoluteUri.TrimEnd('/');
            foreach (var rule in StackRules.Render(settings).Groups.SelectMany(g => g.Rules).Where(r => r.Alert is not null && r.Alert != HeartbeatRule.AlertName))
            {
                var link = rule.Annotations["runbook_url"];
                Assert.Equal($"{docs}/{rule.Alert}.md", link);
                Assert.True(File.Exists(Path.Combine(Folder, rule.Alert + ".md")), $"{rule.Alert} links {link}, which is no page of docs/runbooks");
            }
        }
    }

    [Fact]
    public void Every_alert_the_rules_can_fire_has_a_page_with_every_section_filled()
    {
        foreach (var alert in RenderedAlerts().Keys)
        {
            var path = Path.Combine(Folder, alert + ".md");
            Assert.True(File.Exists(path), $"{alert} can fire but docs/runbooks/{alert}.md does not exist: write its runbook page");
            var lines = File.ReadAllLines(path);
            Assert.True(lines.Length > 0 && lines[0] == $"# {alert}", $"docs/runbooks/{alert}.md must open with the title '# {alert}'");
            foreach (var section in Sections)
            {
                var start = Array.FindIndex(lines, l => l.TrimEnd() == section || l.StartsWith(section + " ", StringComparison.Ordinal));
                Assert.True(start >= 0, $"docs/runbooks/{alert}.md has no '{section}' section");
                var body = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
                Assert.True(body.Any(l => !string.IsNullOrWhiteSpace(l)), $"docs/runbooks/{alert}.md: '{section}' is empty");
            }
        }
    }

    [Fact]
    public void Each_pages_severity_line_names_exactly_the_severities_the_rules_give_the_alert()
    {
        foreach (var (alert, severities) in RenderedAlerts())
        {
            var path = Path.Combine(Folder, alert + ".md");
            Assert.True(File.Exists(path), $"docs/runbooks/{alert}.md does not exist");
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("**Severity:**", StringComparison.Ordinal));
            Assert.True(line is not null, $"docs/runbooks/{alert}.md has no line starting with **Severity:**");
            Assert.Equal(severities.Order(StringComparer.Ordinal), SeveritiesIn(line).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_index_lists_every_page_with_its_severities()
    {
        var index = File.ReadAllLines(Path.Combine(Folder, Index));
        foreach (var (alert, severities) in RenderedAlerts())
        {
            var line = index.FirstOrDefault(l => l.Contains($"[{alert}]({alert}.md)", StringComparison.Ordinal));
            Assert.True(line is not null, $"docs/runbooks/{Index} does not link [{alert}]({alert}.md)");
            Assert.Equal(severities.Order(StringComparer.Ordinal), SeveritiesIn(line).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void No_page_is_left_for_an_alert_the_rules_cannot_fire()
    {
        var alerts = RenderedAlerts();
        var pages = Directory.GetFiles(Folder, "*.md").Select(Path.GetFileNameWithoutExtension).Where(p => p + ".md" != Index);
        Assert.All(pages, page => Assert.True(alerts.ContainsKey(page!), $"docs/runbooks/{page}.md is for an alert no rule renders: remove it or rename it"));
    }

    [Fact]
    public void Every_relative_link_in_the_runbooks_resolves()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.md"))
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var target = link.Groups["target"].Value;
                if (target.StartsWith('#') || Uri.TryCreate(target, UriKind.Absolute, out _))
                {
                    continue;
                }

                var relative = target.Split('#')[0];
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, relative));
                Assert.True(File.Exists(resolved) || Directory.Exists(resolved), $"{Path.GetFileName(file)} links {target}, which does not exist");
            }
        }
    }

    /// <summary>Every alert name in the rendered rule files of the variants, with the severities they give it.</summary>
    private static Dictionary<string, HashSet<string>> RenderedAlerts()
    {
        var alerts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var settings in Variants())
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(StackRules.Render(settings).Yaml));
            var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
            foreach (var rule in groups.Cast<YamlMappingNode>().SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()))
            {
                if (!rule.Children.TryGetValue(new YamlScalarNode("alert"), out var name))
                {
                    continue;
                }

                var severity = ((YamlMappingNode)rule["labels"])["severity"].ToString();
                if (!alerts.TryGetValue(name.ToString(), out var severities))
                {
                    alerts[name.ToString()] = severities = new HashSet<string>(StringComparer.Ordinal);
                }

                severities.Add(severity);
            }
        }

        return alerts;
    }

    private static IEnumerable<StackSettings> Variants()
    {
        var prod = StackFiles.Committed("prod");
        yield return StackFiles.Committed("dev");
        yield return prod;
        yield return HeartbeatStacks.Prod();
        yield return prod with { Slack = prod.Slack with { Mode = SlackMode.App } };
        yield return prod with { Rules = prod.Rules with { Target = RuleTarget.PrometheusRule } };
        foreach (var unlisted in new[] { UnlistedModels.Alert, UnlistedModels.Both, UnlistedModels.Ignore })
        {
            yield return prod with { Rules = prod.Rules with { UnlistedModels = unlisted } };
        }

        foreach (var severity in new[] { "critical", "info" })
        {
            yield return prod with { Rules = prod.Rules with { MissingSeverity = severity } };
        }
    }

    /// <summary>The severities a line names, each in backticks.</summary>
    private static IEnumerable<string> SeveritiesIn(string line) =>
        Severities.Where(s => line.Contains($"`{s}`", StringComparison.Ordinal));

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
