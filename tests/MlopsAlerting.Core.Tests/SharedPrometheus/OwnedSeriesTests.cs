using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rules;

namespace MlopsAlerting.Core.Tests.SharedPrometheus;

/// <summary>
/// <c>rules.ownedSeries</c> decides which MAE series a stack watches: every rule that reads the metric (the thresholds,
/// unlisted models, <c>ModelMetricsMissing</c>, <c>ModelNotListed</c>) reads only those, and a matcher list that
/// Prometheus would refuse is a stack-file error that names the key and the fix.
/// </summary>
public partial class OwnedSeriesTests
{
    private const string Owned = """
          mlops-alerting:namespace: ml-staging
          mlops-alerting:rules:
            unlistedModels: both
            ownedSeries: 'namespace="models-staging",team!~"shadow|test"'
          mlops-alerting:models:
            - name: california-housing
              version: v1.0
            - name: fraud-detector
              criticalFor: 2m
        """;

    [GeneratedRegex(@"(?<![:\w])model_mae(?![:\w])(\{[^}]*\})?")]
    private static partial Regex MetricSelector();

    [Fact]
    public void Every_selector_of_the_metric_in_every_rule_carries_the_owned_matchers()
    {
        var settings = SharedStacks.Bind("staging", Owned);
        var rules = StackRules.Render(settings).Groups.SelectMany(g => g.Rules).ToList();

        var selectors = rules.SelectMany(r => MetricSelector().Matches(r.Expr)).Select(m => m.Value).ToList();
        Assert.True(selectors.Count >= 8, $"only {selectors.Count} selectors of the metric");
        Assert.All(selectors, s => Assert.StartsWith("model_mae{namespace=\"models-staging\", team!~\"shadow|test\"", s, StringComparison.Ordinal));
        Assert.Equal("namespace=\"models-staging\", team!~\"shadow|test\"", settings.Rules.OwnedSeries);
    }

    [Fact]
    public void Unset_it_watches_every_series_as_before()
    {
        var settings = StackFiles.Committed("prod");

        Assert.Equal(string.Empty, settings.Rules.OwnedSeries);
        Assert.Equal("model_mae", settings.Rules.Series());
        Assert.Equal("model_mae{model_version!=\"\"}", settings.Rules.Series("model_version!=\"\""));
    }

    [Theory]
    [InlineData("namespace=models", "is not a list of PromQL label matchers")]
    [InlineData("namespace==\"models\"", "is not a list of PromQL label matchers")]
    [InlineData("__name__=\"other\"", "reserved label")]
    [InlineData("mlops_stack=\"a/b\"", "the label the stack's own series carry")]
    [InlineData("team=~\"(fraud\"", "does not parse")]
    public void A_matcher_list_prometheus_would_refuse_is_an_error_naming_the_key_and_the_fix(string owned, string problem)
    {
        var yaml = StackFiles.With($"  mlops-alerting:rules:\n    ownedSeries: '{owned.Replace("'", "''", StringComparison.Ordinal)}'\n");

        var error = Assert.Single(StackFiles.Errors(yaml));

        Assert.Equal("Pulumi.test.yaml", error.File);
        Assert.Equal("rules.ownedSeries", error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains("namespace=\"ml-prod\"", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{namespace=\"a\"}", "namespace=\"a\"")]
    [InlineData(" namespace = \"a\" , team=~\"x|y\", ", "namespace=\"a\", team=~\"x|y\"")]
    [InlineData("model_name!~\"test-.*\"", "model_name!~\"test-.*\"")]
    [InlineData("", "")]
    public void Matchers_are_written_the_way_the_rules_use_them(string owned, string written)
    {
        var settings = StackFiles.Bind(StackFiles.With($"  mlops-alerting:rules:\n    ownedSeries: '{owned}'\n"));

        Assert.Equal(written, settings.Rules.OwnedSeries);
    }
}
