using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// Models that share thresholds share rules, and a model with its own thresholds gets its own: <c>promtool test rules</c>
/// proves each model still alerts on its own thresholds, labels and version, that exactly the threshold never fires,
/// that a model outside the stack is watched with the default thresholds, and that a model that never reported fires
/// <c>ModelMetricsMissing</c>. Labels are written out in full: what Alertmanager routes on. This stack has two waits per
/// severity (fraud-detector's own), so two rules per severity, told apart by <c>mae_for</c>, which every MAE alert
/// carries; every alert also carries the stack's identity <c>mlops_stack</c>.
/// </summary>
public class PromtoolSharedRuleTests
{
    private const string Stack = """
          mlops-alerting:models:
            - name: churn
              version: v3
            - name: demand.eu
            - name: pricing
              version: "{{ .Foo }}"
            - name: fraud-detector
              version: "2.1"
              maeCritical: 0.55
              criticalFor: 2m
              maeWarning: 0.45
              warningFor: 20m
        """;

    private readonly RenderedRules rules = RuleStacks.RenderInline(Stack);

    [Fact]
    public void SharedThresholdsShareRulesAndAnOverrideGetsItsOwn()
    {
        var alerts = rules.Groups.Single().Rules.Where(r => r.Alert == ModelAlertRules.AlertName).ToList();

        // Critical and warning: one rule per wait, the defaults' (5m, 15m) and fraud-detector's own (2m, 20m).
        Assert.Equal(4, alerts.Count);
        Assert.Single(rules.Groups.Single().Rules, r => r.Alert == ModelAlertRules.MissingAlertName);
        Assert.DoesNotContain(rules.Groups.Single().Rules, r => r.Expr.Contains("churn", StringComparison.Ordinal) && r.Record is null);
    }

    [Fact]
    public async Task EachSharedModelFiresOnItsOwnSeriesWithItsOwnVersion()
    {
        var result = await RunAsync(Case("shared critical", [Mae("churn", "0.45x20"), Mae("demand.eu", "0.20x20"), Mae("pricing", "0.41x20"), Mae("fraud-detector", "0.20x20")],
            At("4m"),
            At("5m", Alert("critical", "churn", "v3", "0.45", "0.40"), Alert("critical", "pricing", "{{ .Foo }}", "0.41", "0.40"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task AnUnversionedModelKeepsItsSeriesLabelsAndGetsNoVersion()
    {
        var series = new InputSeries("model_mae{model_name=\"demand.eu\",instance=\"exporter:9100\"}", "0.50x20");
        var expected = Alert("critical", "demand.eu", null, "0.50", "0.40");
        var labels = new Dictionary<string, string>(expected.ExpLabels) { ["instance"] = "exporter:9100" };
        var result = await RunAsync(Case("unversioned", [series, Mae("churn", "0.1x20"), Mae("pricing", "0.1x20"), Mae("fraud-detector", "0.1x20")],
            At("5m", expected with { ExpLabels = labels })));

        AssertPassed(result);
    }

    [Fact]
    public async Task TheOverriddenModelFiresOnItsOwnThresholdAndWaitNotOnTheDefault()
    {
        // 0.50 (0m..10m) is above the default 0.40 but below fraud-detector's 0.55: no critical; 0.56 from 11m fires after
        // fraud-detector's 2m, not the default 5m; above its warning 0.45 from 0m, the warning fires at its 20m.
        var result = await RunAsync(Case("override", [Mae("fraud-detector", "0.50x10 0.56x10"), Mae("churn", "0.1x30"), Mae("demand.eu", "0.1x30"), Mae("pricing", "0.1x30")],
            At("5m"),
            At("12m"),
            At("13m", Alert("critical", "fraud-detector", "2.1", "0.56", "0.55")),
            At("20m", Alert("critical", "fraud-detector", "2.1", "0.56", "0.55"), Alert("warning", "fraud-detector", "2.1", "0.56", "0.45"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task ExactlyTheThresholdNeverFiresForASharedOrAnOverriddenModel()
    {
        // churn at 0.40 and fraud-detector at 0.55 sit exactly on their critical thresholds: only their warnings fire
        // (churn's 0.30 after 15m, fraud-detector's 0.45 after 20m); demand.eu at exactly its warning 0.30 fires nothing.
        var result = await RunAsync(Case("exactly the threshold", [Mae("churn", "0.40x40"), Mae("fraud-detector", "0.55x40"), Mae("demand.eu", "0.30x40"), Mae("pricing", "0.1x40")],
            At("10m"),
            At("14m"),
            At("15m", Alert("warning", "churn", "v3", "0.40", "0.30")),
            At("20m", Alert("warning", "fraud-detector", "2.1", "0.55", "0.45"), Alert("warning", "churn", "v3", "0.40", "0.30")),
            At("40m", Alert("warning", "fraud-detector", "2.1", "0.55", "0.45"), Alert("warning", "churn", "v3", "0.40", "0.30"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task AModelOutsideTheStackIsWatchedWithTheDefaultThresholdsAndSaysSo()
    {
        var critical = rules.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.AlertName && r.For == "5m");
        var warning = rules.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.AlertName && r.For == "15m");
        var result = await RunAsync(Case("unlisted model", [Mae("someone-elses", "0.90x30"), Mae("churn", "0.1x30"), Mae("demand.eu", "0.1x30"), Mae("pricing", "0.1x30"), Mae("fraud-detector", "0.1x30")],
            At("4m"),
            At("5m", new ExpectedAlert(Labels("critical", "someone-elses", null), AnnotationTemplates.Expand(critical, "someone-elses", "0.90"))),
            At("15m",
                new ExpectedAlert(Labels("critical", "someone-elses", null), AnnotationTemplates.Expand(critical, "someone-elses", "0.90")),
                new ExpectedAlert(Labels("warning", "someone-elses", null), AnnotationTemplates.Expand(warning, "someone-elses", "0.90")))));

        AssertPassed(result);
        Assert.Contains("0.40 (the stack does not list this model, so it gets the default thresholds; add it to models in Pulumi.test.yaml) for 5m.", AnnotationTemplates.Expand(critical, "x", "0.90")["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheModelThatNeverReportedFiresMissingWithItsVersion()
    {
        var missing = rules.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.MissingAlertName);
        var expected = new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = "pricing", ["model_version"] = "{{ .Foo }}", ["mlops_stack"] = "monitoring/test" },
            missing.Annotations.ToDictionary(a => a.Key, a => a.Value.Replace(ModelAlertRules.ModelTemplate, "pricing", StringComparison.Ordinal)));
        var result = await RunAsync(new PromtoolTestCase("never reported", "1m", [Mae("churn", "0.2x20"), Mae("demand.eu", "0.2x20"), Mae("fraud-detector", "0.2x20")],
            [new AlertRuleTest("9m", ModelAlertRules.MissingAlertName, []), new AlertRuleTest("10m", ModelAlertRules.MissingAlertName, [expected])]));

        AssertPassed(result);
    }

    [Fact]
    public async Task InAStackOfManyModelsEachStillFiresAsItsOwn()
    {
        // 250 models with one version: three catalogue rules of up to 100 models, names sharing a prefix, the version a
        // rule label. tenant-137 degrades, tenant-249 never reports, the other 248 report 0.10.
        var many = RuleStacks.RenderInline("  mlops-alerting:models:\n" + string.Concat(Enumerable.Range(0, 250).Select(i => $"    - name: tenant-{i:D3}\n      version: v7\n")));
        var series = Enumerable.Range(0, 249).Select(i => Mae($"tenant-{i:D3}", i == 137 ? "0.45x20" : "0.10x20")).ToList();
        var missing = many.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.MissingAlertName);
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var workspace = new RuleTestWorkspace(many);

        var result = await workspace.TestAsync(promtool, new PromtoolTestCase("many models", "1m", series,
        [
            new AlertRuleTest("5m", ModelAlertRules.AlertName, [Alert("critical", "tenant-137", "v7", "0.45", "0.40")]),
            new AlertRuleTest("10m", ModelAlertRules.MissingAlertName,
            [
                new ExpectedAlert(
                    new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = "tenant-249", ["model_version"] = "v7", ["mlops_stack"] = "monitoring/test" },
                    missing.Annotations.ToDictionary(a => a.Key, a => a.Value.Replace(ModelAlertRules.ModelTemplate, "tenant-249", StringComparison.Ordinal))),
            ]),
        ]));

        AssertPassed(result);
    }

    private static InputSeries Mae(string model, string values) => new($"model_mae{{model_name=\"{model}\"}}", values);

    private static PromtoolTestCase Case(string name, IReadOnlyList<InputSeries> series, params AlertRuleTest[] tests) => new(name, "1m", series, tests);

    private static AlertRuleTest At(string evalTime, params ExpectedAlert[] alerts) => new(evalTime, ModelAlertRules.AlertName, alerts);

    // Labels and the message written out: the shared rule must read as the model's own rule did.
    // The routing labels, mae_for (every MAE alert carries its rule's wait; a stack of one wait per severity, as the many
    // models one, too) and the stack's identity.
    private static Dictionary<string, string> Labels(string severity, string model, string? version)
    {
        var labels = new Dictionary<string, string> { ["severity"] = severity, ["model_name"] = model, [ModelAlertRules.WaitLabel] = Wait(severity, model), ["mlops_stack"] = "monitoring/test" };
        if (version is not null)
        {
            labels["model_version"] = version;
        }

        return labels;
    }

    private static string Wait(string severity, string model) => (severity, model) switch
    {
        ("critical", "fraud-detector") => "2m",
        ("critical", _) => "5m",
        (_, "fraud-detector") => "20m",
        _ => "15m",
    };

    private static ExpectedAlert Alert(string severity, string model, string? version, string value, string threshold)
    {
        var labels = Labels(severity, model, version);
        return new ExpectedAlert(labels, new Dictionary<string, string>
        {
            ["summary"] = $"{model} MAE above {threshold}",
            ["description"] = severity == "critical"
                ? $"Model {model} MAE is {value}, above the critical threshold {threshold} for {(model == "fraud-detector" ? "2m" : "5m")}. Its predictions are now too inaccurate to trust. Check the latest input data and the most recent deployment, then roll back to the last good model version or retrain."
                : $"Model {model} MAE is {value}, above the warning threshold {threshold} for {(model == "fraud-detector" ? "20m" : "15m")}. Accuracy is degrading (critical at {(model == "fraud-detector" ? "0.55" : "0.40")}). Look for data drift or upstream data changes and plan retraining before it turns critical.",
            ["mae_score"] = value,
            ["threshold"] = threshold,
        });
    }

    private Task<CliResult> RunAsync(PromtoolTestCase testCase) => RuleTestWorkspace.RunAsync(rules, testCase);

    private static void AssertPassed(CliResult result) => RuleTestWorkspace.AssertPassed(result);
}
