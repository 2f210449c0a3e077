using System.Text.RegularExpressions;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Heartbeat;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Rules;

/// <summary>
/// Every alert's text names real things of its stack: each file is one `review --out` writes (or Prometheus's own
/// prometheus.yml), each Kubernetes kind is one the stack declares, each object a kubectl command names is one the stack
/// declares in the namespace it names, each label selector selects the stack's pods, and each `pulumi config` key is a
/// setting. Read on the rendered rules of dev, prod, prod with a heartbeat, prod in Slack app mode and prod with the
/// operator's PrometheusRule target.
/// </summary>
public partial class AlertTextTests
{
    private static readonly string[] Kinds =
        ["Deployment", "StatefulSet", "Service", "ServiceMonitor", "PodMonitor", "PrometheusRule", "ConfigMap", "Secret", "NetworkPolicy", "PodDisruptionBudget", "Ingress"];

    // kubectl's short and plural names of the kinds the texts use.
    private static readonly Dictionary<string, string> KubectlKinds = new(StringComparer.Ordinal)
    {
        ["deployment"] = "Deployment",
        ["statefulset"] = "StatefulSet",
        ["pods"] = "StatefulSet",
        ["svc"] = "Service",
        ["service"] = "Service",
        ["endpoints"] = "Service",
        ["podmonitor"] = "PodMonitor",
        ["configmap"] = "ConfigMap",
        ["secret"] = "Secret",
        ["networkpolicy"] = "NetworkPolicy",
    };

    public static TheoryData<string> Stacks => ["dev", "prod", "prod with a heartbeat", "prod in app mode", "prod with prometheusRule"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_file_named_is_one_review_out_writes(string stack)
    {
        var settings = Settings(stack);
        var rules = StackRules.Render(settings);
        HashSet<string> written =
        [
            .. AlertmanagerConfigRenderer.Render(settings).Files.Keys, rules.FileName, PrometheusAlertingSnippet.FileName, AlertmanagerScrape.FileName,
            "prometheus.yml", StackConfig.FileNameOf(settings.Stack),
        ];
        foreach (var (alert, text) in Texts(rules))
        {
            foreach (Match file in FileName().Matches(text))
            {
                Assert.True(written.Contains(file.Value), $"{stack}: {alert} names {file.Value}, which `review --out` does not write ({string.Join(", ", written)})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_kind_and_object_named_is_one_the_stack_declares(string stack)
    {
        var settings = Settings(stack);
        var planned = PlannedResources.For(settings);
        var texts = Texts(StackRules.Render(settings)).ToList();
        foreach (var (alert, text) in texts)
        {
            foreach (var kind in Kinds.Where(k => Regex.IsMatch(text, $"\\b{k}\\b")))
            {
                Assert.True(planned.Any(p => p.Kind == kind), $"{stack}: {alert} names a {kind}, which the stack does not declare");
            }

            foreach (Match command in Kubectl().Matches(text))
            {
                var ns = command.Groups["ns"].Value;
                Assert.True(ns == settings.Namespace, $"{stack}: {alert} runs `{command.Value}` outside the stack's namespace {settings.Namespace}");
                foreach (Match named in KubectlObject().Matches(command.Value))
                {
                    var kind = KubectlKinds[named.Groups["kind"].Value];
                    var name = named.Groups["name"].Value;
                    Assert.True(planned.Any(p => p.Kind == kind && p.Name == $"{ns}/{name}"), $"{stack}: {alert} runs `{command.Value}`, but the stack declares no {kind} {ns}/{name}");
                }

                foreach (Match selector in LabelSelector().Matches(command.Value))
                {
                    var labels = StandardLabels.Selector(settings.Stack);
                    var pairs = selector.Groups["labels"].Value.Split(',').Select(p => p.Split('='));
                    Assert.All(pairs, p => Assert.True(labels.TryGetValue(p[0], out var value) && value == p[1], $"{stack}: {alert} selects {selector.Value}, not the stack's pods"));
                }
            }
        }

        // The delivery and scrape texts are the ones people act on: check they say something (a test that cannot fail otherwise).
        Assert.Contains(texts, t => t.Text.Contains($"kubectl --namespace {settings.Namespace} ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_pulumi_config_key_named_is_a_setting_and_the_mode_s_secret(string stack)
    {
        var settings = Settings(stack);
        var keys = SettingsSchema.Keys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var texts = Texts(StackRules.Render(settings)).ToList();
        foreach (var (alert, text) in texts)
        {
            foreach (Match command in PulumiConfig().Matches(text))
            {
                var key = command.Groups["key"].Value;
                Assert.True(keys.Contains(key.Split('.')[0]), $"{stack}: {alert} sets {key}, which is not a setting");
                Assert.Contains($"--stack {settings.Stack}", command.Value, StringComparison.Ordinal);
                Assert.False(settings.Slack.Mode == SlackMode.App && key.StartsWith("slackWebhooks", StringComparison.Ordinal), $"{stack}: {alert} tells an app-mode stack to rotate a webhook");
            }
        }

        var delivery = texts.Single(t => t.Alert == $"{SelfAlertRules.ChannelUndeliverable} description").Text;
        Assert.Contains(settings.Slack.Mode == SlackMode.App ? SlackBotToken.Key : "--path slackWebhooks.", delivery, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scrape_advice_follows_the_rule_target()
    {
        string NotScraped(StackSettings s) => Texts(StackRules.Render(s)).Single(t => t.Alert == $"{SelfAlertRules.NotScraped} description").Text;

        Assert.Contains("the prometheus-scrape.yml that `review --out` writes", NotScraped(Settings("prod")), StringComparison.Ordinal);
        Assert.DoesNotContain("PodMonitor", NotScraped(Settings("prod")), StringComparison.Ordinal);
        Assert.Contains("PodMonitor monitoring/alertmanager", NotScraped(Settings("prod with prometheusRule")), StringComparison.Ordinal);
        Assert.DoesNotContain("ServiceMonitor", NotScraped(Settings("prod with prometheusRule")), StringComparison.Ordinal);
    }

    private static StackSettings Settings(string stack)
    {
        var prod = StackFiles.Committed("prod");
        return stack switch
        {
            "dev" => StackFiles.Committed("dev"),
            "prod" => prod,
            "prod with a heartbeat" => HeartbeatStacks.Prod(),
            "prod in app mode" => prod with { Slack = prod.Slack with { Mode = SlackMode.App } },
            "prod with prometheusRule" => prod with { Rules = prod.Rules with { Target = RuleTarget.PrometheusRule } },
            _ => throw new ArgumentOutOfRangeException(nameof(stack)),
        };
    }

    private static IEnumerable<(string Alert, string Text)> Texts(RenderedRules rules) =>
        rules.Groups.SelectMany(g => g.Rules).Where(r => r.Alert is not null)
            .SelectMany(r => r.Annotations.Select(a => ($"{r.Alert} {a.Key}", a.Value)));

    [GeneratedRegex("[A-Za-z0-9_.-]+\\.(?:ya?ml|tmpl)\\b")]
    private static partial Regex FileName();

    [GeneratedRegex("kubectl --namespace (?<ns>[a-z0-9-]+) [^`]*")]
    private static partial Regex Kubectl();

    [GeneratedRegex("(?<kind>deployment|svc|service|endpoints|podmonitor|configmap|secret|networkpolicy)[/ ](?<name>[a-z0-9-]+)")]
    private static partial Regex KubectlObject();

    [GeneratedRegex("-l (?<labels>[^ `]+)")]
    private static partial Regex LabelSelector();

    [GeneratedRegex("pulumi config (?:set|rm) (?:--secret )?(?:--path )?(?<key>[A-Za-z.{}<>$ _\\\"^-]+?) '[^']*' --stack [a-z0-9-]+")]
    private static partial Regex PulumiConfig();
}
