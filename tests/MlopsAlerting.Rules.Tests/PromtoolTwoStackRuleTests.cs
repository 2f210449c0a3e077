using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// Two stacks' rule files in one Prometheus (issue 23), proven with <c>promtool test rules</c> loading both: a staging
/// stack and a prod stack that list the same model record their catalogue and thresholds side by side with no
/// "duplicate sample for timestamp"; each stack's <c>ModelPerformanceDegraded</c> fires only for the series its
/// <c>rules.ownedSeries</c> chooses, labelled with its own <c>mlops_stack</c>; and adding a model with its own
/// criticalFor or warningFor leaves every existing alert rule's name and labels, and so the alert a firing model
/// carries, as they were. Labels are written out in full.
/// </summary>
public class PromtoolTwoStackRuleTests
{
    private const string Housing = "california-housing";
    private const string Fraud = "fraud-detector";

    private const string Staging = """
          mlops-alerting:namespace: ml-staging
          mlops-alerting:rules:
            ownedSeries: 'namespace="ml-staging"'
          mlops-alerting:models:
            - name: california-housing
              version: v1.0
        """;

    private const string Prod = """
          mlops-alerting:namespace: monitoring
          mlops-alerting:rules:
            ownedSeries: 'namespace="ml-prod"'
          mlops-alerting:models:
            - name: california-housing
              version: v1.0
        """;

    private const string StagingHigherThreshold = """
          mlops-alerting:namespace: ml-staging
          mlops-alerting:models:
            - name: california-housing
              version: v1.0
              maeCritical: 0.50
              maeWarning: 0.45
        """;

    private const string ProdFraud = """

            - name: fraud-detector
              version: "2.1"
        """;

    private const string ProdOwnWaits = """

            - name: fraud-detector
              version: "2.1"
              criticalFor: 2m
            - name: demand-eu
              version: v4
              warningFor: 20m
        """;

    [Fact]
    public async Task Both_stacks_files_load_together_and_each_fires_only_for_the_series_it_owns()
    {
        var staging = Bind("staging", Staging);
        var prod = Bind("prod", Prod + ProdFraud);

        // california-housing degrades in staging's namespace only; fraud-detector degrades in prod's and, a second time,
        // in a namespace neither stack owns.
        var result = await RunAsync([staging, prod], new PromtoolTestCase("two stacks", "1m",
            [
                Mae(Housing, "ml-staging", "0.45x10"),
                Mae(Housing, "ml-prod", "0.20x10"),
                Mae(Fraud, "ml-prod", "0.60x10"),
                Mae(Fraud, "ml-other", "0.90x10"),
            ],
            [
                At("4m"),
                At("5m", Critical(staging, Housing, "v1.0", "ml-staging", "0.45"), Critical(prod, Fraud, "2.1", "ml-prod", "0.60")),
            ]));

        RuleTestWorkspace.AssertPassed(result);
        Assert.DoesNotContain("duplicate sample", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_stacks_watching_the_same_series_each_compare_it_with_their_own_thresholds()
    {
        // Neither stack chooses its series, so both own every series; both list california-housing, staging with a
        // higher critical threshold (0.50) than prod (the default 0.40). At 0.45 only prod fires; at 0.55 both do, each
        // naming its own threshold: neither stack reads the other's threshold series.
        var staging = Bind("staging", StagingHigherThreshold);
        var prod = Bind("prod", Prod.Replace("'namespace=\"ml-prod\"'", "''", StringComparison.Ordinal));
        Assert.Equal(string.Empty, staging.Rules.OwnedSeries);
        Assert.Equal(string.Empty, prod.Rules.OwnedSeries);

        var result = await RunAsync([staging, prod], new PromtoolTestCase("same series", "1m",
            [Mae(Housing, "ml-prod", "0.45x5 0.55x10")],
            [
                At("5m", Critical(prod, Housing, "v1.0", "ml-prod", "0.45")),
                At("10m", Critical(prod, Housing, "v1.0", "ml-prod", "0.55")),
                At("11m", Critical(staging, Housing, "v1.0", "ml-prod", "0.55", "0.50"), Critical(prod, Housing, "v1.0", "ml-prod", "0.55")),
            ]));

        RuleTestWorkspace.AssertPassed(result);
    }

    [Fact]
    public async Task Adding_models_with_their_own_criticalFor_and_warningFor_keeps_every_existing_alert_rule_and_alert()
    {
        var before = Bind("prod", Prod);
        var after = Bind("prod", Prod + ProdOwnWaits);

        // Prometheus carries a rule's pending and firing alerts over a reload by the rule's name and labels.
        var kept = AlertRules(before);
        Assert.Subset(AlertRules(after).ToHashSet(), kept.ToHashSet());
        Assert.Equal(kept.Count + 2, AlertRules(after).Count);

        // The same degraded series fires the same alert, labels and all, under either file.
        foreach (var settings in new[] { before, after })
        {
            var result = await RunAsync([settings], new PromtoolTestCase("own waits", "1m",
                [Mae(Housing, "ml-prod", "0.45x10"), Mae(Fraud, "ml-prod", "0.10x10"), Mae("demand-eu", "ml-prod", "0.10x10")],
                [At("5m", Critical(settings, Housing, "v1.0", "ml-prod", "0.45"))]));
            RuleTestWorkspace.AssertPassed(result);
        }
    }

    private static StackSettings Bind(string stack, string config) =>
        SettingsBinder.Bind(StackFileReader.Parse(stack, $"Pulumi.{stack}.yaml", "config:\n" + config));

    /// <summary>Every alert rule of the stack's file as Prometheus identifies it: name and labels.</summary>
    private static List<string> AlertRules(StackSettings settings) =>
        [.. StackRules.Render(settings).Groups.SelectMany(g => g.Rules).Where(r => r.Alert is not null)
            .Select(r => r.Alert + string.Concat(r.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $" {l.Key}={l.Value}")))];

    private static InputSeries Mae(string model, string ns, string values) => new($"model_mae{{model_name=\"{model}\",namespace=\"{ns}\"}}", values);

    private static AlertRuleTest At(string evalTime, params ExpectedAlert[] alerts) => new(evalTime, ModelAlertRules.AlertName, alerts);

    // The alert of the stack's critical rule of the default wait, labels written out, message expanded for a listed model.
    private static ExpectedAlert Critical(StackSettings settings, string model, string version, string ns, string value, string threshold = "0.40")
    {
        var rule = StackRules.Render(settings).Groups.SelectMany(g => g.Rules)
            .Single(r => r.Alert == ModelAlertRules.AlertName && r.Labels["severity"] == "critical" && r.For == "5m");
        var labels = new Dictionary<string, string>
        {
            ["severity"] = "critical",
            [ModelAlertRules.WaitLabel] = "5m",
            [StackIdentity.Label] = $"{settings.Namespace}/{settings.Stack}",
            ["model_name"] = model,
            ["model_version"] = version,
            ["namespace"] = ns,
        };
        return new ExpectedAlert(labels, AnnotationTemplates.Expand(rule, model, value, threshold));
    }

    /// <summary>Writes each stack's whole rule file side by side and runs <c>promtool test rules</c> loading them all.</summary>
    private static async Task<CliResult> RunAsync(IReadOnlyList<StackSettings> stacks, PromtoolTestCase testCase)
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        var directory = Directory.CreateTempSubdirectory("mlops-two-stack-rules-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var settings in stacks)
            {
                var file = $"{settings.Stack}-{ModelAlertRules.FileName}";
                await File.WriteAllTextAsync(Path.Combine(directory, file), StackRules.Render(settings).Yaml, TestContext.Current.CancellationToken);
                files.Add(file);
            }

            var testFile = Path.Combine(directory, "two-stacks.test.yml");
            await File.WriteAllTextAsync(testFile, new PromtoolTestFile(files, "1m", [testCase]).ToYaml(), TestContext.Current.CancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(1));
            return await promtool.TestRulesAsync(testFile, deadline.Token);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
