using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// The prod rules (california-housing, critical above 0.40 for 5m, warning above 0.30 for 15m) run
/// by <c>promtool test rules</c> on series sampled and evaluated every minute. An alert_rule_test
/// lists every firing <c>ModelPerformanceDegraded</c> alert at its time, so a list with only the
/// warning also proves the critical is not firing; pending alerts never appear.
/// </summary>
public class PromtoolRuleUnitTests
{
    private const string Model = "california-housing";

    private readonly RenderedRules rules = RuleStacks.Render("prod");

    [Fact]
    public void ProdUsesTheGuidesThresholds()
    {
        var model = Assert.Single(RuleStacks.Committed("prod").Models);
        Assert.Equal((Model, 0.40m, "5m", 0.30m, "15m"), (model.Name, model.MaeCritical, model.CriticalFor.Text, model.MaeWarning, model.WarningFor.Text));
    }

    [Fact]
    public async Task CriticalFiresExactlyFiveMinutesAfterTheFirstSampleAboveAndNotBefore()
    {
        // Above from t=0: the alert is pending from the evaluation at 0m and fires at the first
        // evaluation where (now - activeAt) >= for, i.e. at exactly 5m; at 4m59s the last evaluation was 4m.
        var result = await RunAsync(Case("critical after 5m above 0.40", "0.45x20",
            At("0m"),
            At("4m"),
            At("4m59s"),
            At("5m", Critical("0.45")),
            At("6m", Critical("0.45")),
            At("14m", Critical("0.45"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task ExactlyTheThresholdNeverFiresTheCritical()
    {
        // 0.40 for 30 minutes: not above 0.40, so no critical ever; it is above 0.30, so the warning fires at 15m.
        var result = await RunAsync(Case("0.40 is not above 0.40", "0.40x30",
            At("5m"),
            At("10m"),
            At("14m"),
            At("15m", Warning("0.40")),
            At("30m", Warning("0.40"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task OneSampleBelowTheThresholdRestartsTheWait()
    {
        // 0m..3m at 0.45, 4m at 0.35, 0.45 again from 5m: the pending alert is dropped at 4m and
        // becomes pending anew at 5m, so the critical fires at 10m, not at 5m.
        var result = await RunAsync(Case("a dip restarts the 5m wait", "0.45x3 0.35 0.45x15",
            At("3m"),
            At("5m"),
            At("9m"),
            At("9m59s"),
            At("10m", Critical("0.45")),
            At("14m", Critical("0.45"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task WarningFiresAfterFifteenMinutesAboveItsThresholdAndTheCriticalNever()
    {
        var result = await RunAsync(Case("warning after 15m at 0.35", "0.35x25",
            At("5m"),
            At("14m"),
            At("14m59s"),
            At("15m", Warning("0.35")),
            At("25m", Warning("0.35"))));

        AssertPassed(result);
    }

    [Fact]
    public async Task AlertsCarryTheRoutingLabelsAndTheSlackAnnotations()
    {
        // Written out in full, not derived from the renderer: this is what Alertmanager and the Slack templates receive.
        // Every MAE alert carries its wait (mae_for) and the stack's identity (mlops_stack), which Prometheus's
        // alert_relabel_configs and the Alertmanager's other-stacks route match.
        var critical = new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = "critical", ["model_name"] = Model, ["model_version"] = "v1.0", ["mae_for"] = "5m", ["mlops_stack"] = "monitoring/prod" },
            new Dictionary<string, string>
            {
                ["summary"] = "california-housing MAE above 0.40",
                ["description"] = "Model california-housing MAE is 0.46, above the critical threshold 0.40 for 5m. Its predictions are now too inaccurate to trust. Check the latest input data and the most recent deployment, then roll back to the last good model version or retrain.",
                ["runbook_url"] = "https://github.com/example-org/mlops-alerting/blob/main/docs/runbooks/ModelPerformanceDegraded.md",
                ["mae_score"] = "0.46",
                ["threshold"] = "0.40",
            });
        var warning = new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = Model, ["model_version"] = "v1.0", ["mae_for"] = "15m", ["mlops_stack"] = "monitoring/prod" },
            new Dictionary<string, string>
            {
                ["summary"] = "california-housing MAE above 0.30",
                ["description"] = "Model california-housing MAE is 0.46, above the warning threshold 0.30 for 15m. Accuracy is degrading (critical at 0.40). Look for data drift or upstream data changes and plan retraining before it turns critical.",
                ["runbook_url"] = "https://github.com/example-org/mlops-alerting/blob/main/docs/runbooks/ModelPerformanceDegraded.md",
                ["mae_score"] = "0.46",
                ["threshold"] = "0.30",
            });

        var result = await RunAsync(Case("labels and annotations", "0.4567x20",
            At("5m", critical),
            At("15m", critical, warning)));

        AssertPassed(result);
    }

    [Fact]
    public async Task AWrongExpectationFailsPromtool()
    {
        // Proves the harness can fail: the critical cannot be firing at 4m.
        var result = await RunAsync(Case("wrong on purpose: critical at 4m", "0.45x20",
            At("4m", Critical("0.45"))));

        Assert.False(result.Succeeded, result.Describe("promtool test rules with a wrong expectation"));
        var output = result.StandardOutput + result.StandardError;
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
        Assert.Contains("time: 4m", output, StringComparison.Ordinal);
    }

    private static InputSeries Series(string values) => new($"model_mae{{model_name=\"{Model}\"}}", values);

    private static PromtoolTestCase Case(string name, string values, params AlertRuleTest[] tests) => new(name, "1m", [Series(values)], tests);

    private static AlertRuleTest At(string evalTime, params ExpectedAlert[] alerts) => new(evalTime, ModelAlertRules.AlertName, alerts);

    private ExpectedAlert Critical(string value) => Expected(ModelAlertRules.Critical, value);

    private ExpectedAlert Warning(string value) => Expected(ModelAlertRules.Warning, value);

    // The model's routing labels (with the rule's wait and the stack's identity), and the shared rule's annotations with
    // the model and value templates expanded as promtool expands them.
    private ExpectedAlert Expected(string severity, string value)
    {
        var rule = rules.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.AlertName && r.Labels["severity"] == severity);
        return new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = severity, ["model_name"] = Model, ["model_version"] = "v1.0", [ModelAlertRules.WaitLabel] = severity == ModelAlertRules.Critical ? "5m" : "15m", [StackIdentity.Label] = "monitoring/prod" },
            AnnotationTemplates.Expand(rule, Model, value, severity == ModelAlertRules.Critical ? "0.40" : "0.30", "0.40"));
    }

    private Task<CliResult> RunAsync(PromtoolTestCase testCase) => RuleTestWorkspace.RunAsync(rules, testCase);

    private static void AssertPassed(CliResult result) => RuleTestWorkspace.AssertPassed(result);
}
