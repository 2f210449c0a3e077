using System.Text.RegularExpressions;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Heartbeat;

namespace MlopsAlerting.Core.Tests.Review;

/// <summary>The review's "What watches what" promises only alerts the stack's rendered rules have, as they have them.</summary>
public partial class WatchTableRulesTests
{
    private const string Digest = "quay.io/prometheus/alertmanager@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string> Stacks => ["dev", "prod", "prod with a heartbeat", "prod on a digest declared 0.26.0"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_alert_the_table_names_is_in_the_rendered_rules_with_the_severity_it_states(string stack)
    {
        var settings = Stack(stack);
        var rules = Alerts(StackRules.Render(settings, SelfAlertTimings.Prod));
        var table = WatchTable.Render(settings);

        var named = AlertName().Matches(table).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.True(rules.ContainsKey(name), $"the table names {name}, which the rendered rules of {stack} do not have"));
        foreach (Match m in NamedWithSeverity().Matches(table))
        {
            Assert.Equal(rules[m.Groups["name"].Value].Labels["severity"], m.Groups["severity"].Value);
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_self_alert_of_the_rendered_rules_is_in_the_table(string stack)
    {
        var settings = Stack(stack);
        var self = StackRules.Render(settings, SelfAlertTimings.Prod).Groups.Single(g => g.Name == SelfAlertRules.GroupNameOf(settings));
        var table = WatchTable.Render(settings);

        Assert.All(self.Rules, r => Assert.Contains($"`{r.Alert}` ({r.Labels["severity"]})", table, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_receiver_names_in_the_metrics_no_channel_is_promised_its_own_alert()
    {
        var old = WatchTable.Render(Stack("prod on a digest declared 0.26.0"));
        var current = WatchTable.Render(Stack("prod"));

        Assert.Contains("| Alertmanager → #ml-alerts-critical | `AlertmanagerChannelUndeliverable` (critical), `AlertmanagerNotificationsFailing` (warning), after the first notification to it fails |", current, StringComparison.Ordinal);
        Assert.DoesNotContain("| Alertmanager → #ml-alerts-critical |", old, StringComparison.Ordinal);
        Assert.Contains("| Alertmanager → one Slack channel (a revoked webhook, an archived channel) | nothing while another channel delivers: Alertmanager 0.26.0 puts no receiver name on its notification counters (0.27 or newer)", old, StringComparison.Ordinal);
        Assert.Contains("| nobody | never |", old.Split('\n').Single(l => l.StartsWith("| Alertmanager → one Slack channel", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_severities_and_waits_follow_the_rules_not_constants()
    {
        var settings = Stack("prod");
        var rendered = StackRules.Render(settings, SelfAlertTimings.Prod);

        // The rules change: the members alert loses its window and waits 2m, and a new self-alert appears.
        var changed = rendered with
        {
            Groups = [.. rendered.Groups.Select(g => g.Name != SelfAlertRules.GroupNameOf(settings) ? g : g with
            {
                Rules =
                [
                    .. g.Rules.Select(r => r.Alert == SelfAlertRules.MembersInconsistent ? r with { Expr = "alertmanager_cluster_members < 3", For = "2m" } : r)
                        .Where(r => r.Alert != SelfAlertRules.ConfigInconsistent && r.Alert != SelfAlertRules.ConfigReloadFailed),
                    new PrometheusAlertingRule("AlertmanagerSomethingNew", "vector(1)", "7m", new Dictionary<string, string> { ["severity"] = "critical" }, new Dictionary<string, string> { ["summary"] = "Alertmanager {{ $labels.instance }} cannot do something new" }),
                ],
            })],
        };
        var table = WatchTable.Render(settings, changed);

        // 2m for + 1m scrape + 1m evaluation + the all channel's 30s: no 5m window any more.
        Assert.Contains("| replicas' gossip | `AlertmanagerMembersInconsistent` (warning) | `#ml-alerts`, `#ml-alerts-warning` | 4m30s |", table, StringComparison.Ordinal);
        Assert.DoesNotContain(SelfAlertRules.ConfigReloadFailed, table, StringComparison.Ordinal);
        Assert.Contains("| what `AlertmanagerSomethingNew` watches: Alertmanager cannot do something new | `AlertmanagerSomethingNew` (critical) | `#ml-alerts`, `#ml-alerts-critical` | 9m30s |", table, StringComparison.Ordinal);
    }

    private static StackSettings Stack(string name) => name switch
    {
        "dev" or "prod" => StackFiles.Committed(name),
        "prod with a heartbeat" => HeartbeatStacks.Prod(),
        "prod on a digest declared 0.26.0" => SettingsBinder.Bind(StackFileReader.Parse("prod", "Pulumi.prod.yaml", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml"))
            .Replace("image: quay.io/prometheus/alertmanager:v0.34.0", $"image: {Digest}\n    imageVersion: \"0.26.0\"", StringComparison.Ordinal))),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Dictionary<string, PrometheusAlertingRule> Alerts(RenderedRules rules) =>
        rules.Groups.SelectMany(g => g.Rules).Where(r => r.Alert is not null).GroupBy(r => r.Alert!).ToDictionary(g => g.Key, g => g.First());

    // An alert name in backquotes: CamelCase, unlike channels (#...), settings (camelCase) and receivers (lower case).
    [GeneratedRegex("`(?<name>[A-Z][A-Za-z0-9]+)`", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AlertName();

    [GeneratedRegex("`(?<name>[A-Z][A-Za-z0-9]+)` \\((?<severity>[a-z]+)\\)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NamedWithSeverity();
}
