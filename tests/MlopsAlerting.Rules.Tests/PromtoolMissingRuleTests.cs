using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// The prod rules' <c>ModelMetricsMissing</c> (no MAE series from a model for 10m, warning) run by <c>promtool test
/// rules</c>, samples and evaluations every minute. A failed scrape or a series the exporter stops writing ends in a
/// stale marker (<c>stale</c>), after which the series is absent. An alert_rule_test lists every firing alert of the
/// name at that time, so an empty list proves it does not fire.
/// </summary>
public class PromtoolMissingRuleTests
{
    private const string Model = "california-housing";

    private readonly RenderedRules rules = RuleStacks.Render("prod");

    [Fact]
    public async Task A_model_that_stops_reporting_fires_ten_minutes_later_and_not_before()
    {
        // Samples at 0m..10m, stale at 11m: absent from 11m, pending from then, firing at 21m.
        var result = await RunAsync(Case("stops reporting at 11m", [Series(Model, "0.20x10 stale")],
            At("10m"),
            At("11m"),
            At("20m"),
            At("20m59s"),
            At("21m", Missing()),
            At("30m", Missing())));

        AssertPassed(result);
    }

    [Fact]
    public async Task A_model_that_never_reported_fires_after_ten_minutes()
    {
        // Only another model reports: california-housing's series is absent from the start.
        var result = await RunAsync(Case("never reported", [Series("bike-sharing", "0.20x20")],
            At("9m"),
            At("10m", Missing()),
            At("20m", Missing())));

        AssertPassed(result);
    }

    [Fact]
    public async Task A_gap_shorter_than_ten_minutes_never_fires()
    {
        // Stale at 6m, no samples 7m..11m, reporting again from 12m: absent for 6 minutes only.
        var result = await RunAsync(Case("six-minute gap", [Series(Model, "0.20x5 stale _x5 0.20x20")],
            At("8m"),
            At("11m"),
            At("12m"),
            At("20m"),
            At("30m")));

        AssertPassed(result);
    }

    [Fact]
    public async Task A_model_that_keeps_reporting_never_fires_whatever_its_mae()
    {
        var result = await RunAsync(Case("reports every minute", [Series(Model, "0.20x10 0.45x10 0.20x10")],
            At("10m"),
            At("20m"),
            At("30m")));

        AssertPassed(result);
    }

    [Fact]
    public async Task The_missing_alert_routes_as_a_warning_of_the_model_and_says_what_to_check()
    {
        // Written out in full: what Alertmanager routes and inhibits on, and what Slack shows.
        var expected = new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = Model, ["model_version"] = "v1.0", ["mlops_stack"] = "monitoring/prod" },
            new Dictionary<string, string>
            {
                ["summary"] = "california-housing reports no MAE",
                ["description"] = "Model california-housing has reported no model_mae, or only NaN (not a number: the job computing it divided by zero or had no data), for 10m, so its accuracy is not watched. Check that the model and its metrics exporter run, that the MAE job has data, and that Prometheus scrapes them (Status > Targets).",
                ["runbook_url"] = "https://github.com/example-org/mlops-alerting/blob/main/docs/runbooks/ModelMetricsMissing.md",
            });

        var result = await RunAsync(Case("labels and annotations", [Series(Model, "0.20 stale")], At("11m", expected)));

        AssertPassed(result);
    }

    private static InputSeries Series(string model, string values) => new($"model_mae{{model_name=\"{model}\"}}", values);

    private static PromtoolTestCase Case(string name, IReadOnlyList<InputSeries> series, params AlertRuleTest[] tests) => new(name, "1m", series, tests);

    private static AlertRuleTest At(string evalTime, params ExpectedAlert[] alerts) => new(evalTime, ModelAlertRules.MissingAlertName, alerts);

    // The model's routing labels (with the stack's identity) and the shared rule's annotations with the model template
    // expanded (it has no value template).
    private ExpectedAlert Missing()
    {
        var rule = rules.Groups.Single().Rules.Single(r => r.Alert == ModelAlertRules.MissingAlertName);
        return new ExpectedAlert(
            new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = Model, ["model_version"] = "v1.0", [StackIdentity.Label] = "monitoring/prod" },
            AnnotationTemplates.Expand(rule, Model, value: null));
    }

    private Task<CliResult> RunAsync(PromtoolTestCase testCase) => RuleTestWorkspace.RunAsync(rules, testCase);

    private static void AssertPassed(CliResult result) => RuleTestWorkspace.AssertPassed(result);
}
