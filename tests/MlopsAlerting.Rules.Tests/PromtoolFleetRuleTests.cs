using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// Model fleets as they run: several versions of one model at once (canary, shadow, A/B) from one exporter or several,
/// a running version unlike the stack's, a series with and one without a version, a threshold series that lingers
/// after a change, a NaN MAE, a model the stack does not list. <c>promtool test rules</c> proves each version alerts
/// on its own with its own <c>model_version</c>, that nothing one model reports stops another model's alert, and that
/// NaN counts as missing. The stack mixes a shared versioned model, a shared unversioned one and one with its own
/// thresholds (same waits, so one rule per severity; its alerts still carry <c>mae_for</c>, as every MAE alert does, and
/// every alert carries the stack's identity <c>mlops_stack</c>).
/// </summary>
public class PromtoolFleetRuleTests
{
    private const string Stack = """
          mlops-alerting:models:
            - name: recommender
              version: v1.0
            - name: churn
            - name: fraud-detector
              version: "2.1"
              maeCritical: 0.55
              maeWarning: 0.45
        """;

    private readonly RenderedRules rules = RuleStacks.RenderInline(Stack);

    [Fact]
    public async Task Two_versions_from_one_exporter_both_bad_alert_each_with_its_own_version_and_the_other_models_still_alert()
    {
        var result = await RunAsync(Case("two versions, one exporter",
            [Mae("recommender", "v1.0", "0.45x10"), Mae("recommender", "v1.1", "0.50x10"), Mae("churn", null, "0.47x10"), Mae("fraud-detector", null, "0.60x10")],
            At("5m",
                Critical("recommender", "v1.0", "0.45", "0.40"),
                Critical("recommender", "v1.1", "0.50", "0.40"),
                Critical("churn", null, "0.47", "0.40"),
                Critical("fraud-detector", "2.1", "0.60", "0.55"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task Two_versions_from_two_exporters_both_bad_alert_each_with_its_exporters_labels()
    {
        var result = await RunAsync(Case("two versions, two exporters",
            [Mae("recommender", "v1.0", "0.45x10", "exporter-a:9100"), Mae("recommender", "v1.1", "0.60x10", "exporter-b:9100"), Mae("churn", null, "0.1x10"), Mae("fraud-detector", null, "0.1x10")],
            At("5m",
                Critical("recommender", "v1.0", "0.45", "0.40", "exporter-a:9100"),
                Critical("recommender", "v1.1", "0.60", "0.40", "exporter-b:9100"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task Only_the_bad_canary_alerts_while_the_stable_version_stays_quiet()
    {
        var result = await RunAsync(Case("canary bad",
            [Mae("recommender", "v1.0", "0.10x10"), Mae("recommender", "v1.1", "0.45x10"), Mae("churn", null, "0.1x10"), Mae("fraud-detector", null, "0.1x10")],
            At("4m"),
            At("5m", Critical("recommender", "v1.1", "0.45", "0.40"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task A_running_version_unlike_the_stacks_is_the_version_the_alert_names()
    {
        var result = await RunAsync(Case("running 2.2, stack says 2.1",
            [Mae("fraud-detector", "2.2", "0.60x10"), Mae("recommender", null, "0.1x10"), Mae("churn", null, "0.1x10")],
            At("5m", Critical("fraud-detector", "2.2", "0.60", "0.55"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task A_series_without_a_version_takes_the_stacks_and_one_with_and_one_without_from_one_exporter_make_one_alert()
    {
        // fraud-detector is reported twice by one exporter, once labelled 2.1 and once bare: both read as 2.1, one alert.
        var result = await RunAsync(Case("bare and versioned series",
            [Mae("recommender", null, "0.45x10"), Mae("fraud-detector", "2.1", "0.60x10"), Mae("fraud-detector", null, "0.60x10"), Mae("churn", null, "0.1x10")],
            At("5m",
                Critical("recommender", "v1.0", "0.45", "0.40"),
                Critical("fraud-detector", "2.1", "0.60", "0.55"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task A_threshold_series_left_over_from_a_change_neither_breaks_the_rule_nor_hides_the_lower_threshold()
    {
        // The old threshold 0.50 of recommender lingers beside the new 0.40 (after a reload, or for the lookback after a
        // restart): the rule compares with the lower one and its message names it. It is this stack's own old series, so
        // it carries the stack's identity, which the rule's threshold selector matches.
        var lingering = new InputSeries("mlops:model_mae:critical_threshold{mlops_stack=\"monitoring/test\",model_name=\"recommender\",model_version=\"v1.0\",mlops_for=\"5m\",mlops_threshold=\"0.50\"}", "0.50x10");
        var result = await RunAsync(Case("lingering threshold",
            [lingering, Mae("recommender", "v1.0", "0.45x10"), Mae("churn", null, "0.47x10"), Mae("fraud-detector", null, "0.1x10")],
            At("5m",
                Critical("recommender", "v1.0", "0.45", "0.40"),
                Critical("churn", null, "0.47", "0.40"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task A_nan_mae_never_fires_the_mae_alert_and_fires_missing_after_missing_for()
    {
        var nan = string.Join(' ', Enumerable.Repeat("NaN", 16));
        var missing = rules.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.MissingAlertName);
        var expected = new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = "churn", ["mlops_stack"] = "monitoring/test" },
            AnnotationTemplates.Expand(missing, "churn", value: null));
        var result = await RunAsync(new PromtoolTestCase("NaN", "1m",
            [Mae("churn", null, nan), Mae("recommender", "v1.0", "0.1x15"), Mae("fraud-detector", null, "0.1x15")],
            [
                new AlertRuleTest("15m", ModelAlertRules.AlertName, []),
                new AlertRuleTest("9m", ModelAlertRules.MissingAlertName, []),
                new AlertRuleTest("10m", ModelAlertRules.MissingAlertName, [expected]),
            ]));

        AssertPassed(result);
        Assert.Contains("or only NaN (not a number", expected.ExpAnnotations["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_unlisted_models_set_to_alert_a_model_the_stack_does_not_list_is_named_not_watched()
    {
        var alerting = RuleStacks.RenderInline("  mlops-alerting:rules:\n    unlistedModels: alert\n" + Stack);
        var rule = alerting.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.UnlistedAlertName);
        var expected = new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = "shadow-ranker", ["mlops_stack"] = "monitoring/test" },
            AnnotationTemplates.Expand(rule, "shadow-ranker", value: null));
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var workspace = new RuleTestWorkspace(alerting);

        var result = await workspace.TestAsync(promtool, new PromtoolTestCase("unlisted, alert", "1m",
            [Mae("shadow-ranker", "v0.1", "0.90x15"), Mae("recommender", "v1.0", "0.1x15"), Mae("churn", null, "0.1x15"), Mae("fraud-detector", null, "0.1x15")],
            [
                new AlertRuleTest("15m", ModelAlertRules.AlertName, []),
                new AlertRuleTest("9m", ModelAlertRules.UnlistedAlertName, []),
                new AlertRuleTest("10m", ModelAlertRules.UnlistedAlertName, [expected]),
            ]));

        AssertPassed(result);
        Assert.Equal("Model shadow-ranker has reported model_mae for 10m, but Pulumi.test.yaml does not list it under models, so no rule watches its accuracy. Add it to models with its version and thresholds.", expected.ExpAnnotations["description"]);
    }

    private static InputSeries Mae(string model, string? version, string values, string? instance = null)
    {
        var labels = $"model_name=\"{model}\"" + (version is null ? string.Empty : $",model_version=\"{version}\"") + (instance is null ? string.Empty : $",instance=\"{instance}\"");
        return new InputSeries($"model_mae{{{labels}}}", values);
    }

    private static PromtoolTestCase Case(string name, IReadOnlyList<InputSeries> series, params AlertRuleTest[] tests) => new(name, "1m", series, tests);

    private static AlertRuleTest At(string evalTime, params ExpectedAlert[] alerts) => new(evalTime, ModelAlertRules.AlertName, alerts);

    // Labels written out; the message is the rule's, expanded for a listed model with its threshold.
    private ExpectedAlert Critical(string model, string? version, string value, string threshold, string? instance = null)
    {
        var labels = new Dictionary<string, string> { ["severity"] = "critical", ["model_name"] = model, ["mae_for"] = "5m", ["mlops_stack"] = "monitoring/test" };
        if (version is not null)
        {
            labels["model_version"] = version;
        }

        if (instance is not null)
        {
            labels["instance"] = instance;
        }

        var rule = rules.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.AlertName && r.Labels["severity"] == "critical");
        var annotations = AnnotationTemplates.Expand(rule, model, value, threshold);
        Assert.StartsWith($"Model {model} MAE is {value}, above the critical threshold {threshold} for 5m. ", annotations["description"], StringComparison.Ordinal);
        return new ExpectedAlert(labels, annotations);
    }

    private Task<CliResult> RunAsync(PromtoolTestCase testCase) => RuleTestWorkspace.RunAsync(rules, testCase);

    private static void AssertPassed(CliResult result) => RuleTestWorkspace.AssertPassed(result);
}
