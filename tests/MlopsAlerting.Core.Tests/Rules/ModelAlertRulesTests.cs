using System.Globalization;
using MlopsAlerting.Core.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.Rules;

public class ModelAlertRulesTests
{
    private const string Value = "{{ $value | printf \"%.2f\" }}";

    private const string TwoModels = """
          mlops-alerting:slack:
            runbookBaseUrl: https://runbooks.example.com/alerts/
          mlops-alerting:rules:
            metric: ml_model_mae
          mlops-alerting:models:
            - name: fraud-detector
              version: "2.1"
              maeCritical: 0.55
              criticalFor: 2m
              maeWarning: 0.425
              warningFor: 1h30m
            - name: churn
              maeCritical: 1
              maeWarning: 0.5
        """;

    [Theory]
    [InlineData("dev", 3)]
    [InlineData("prod", 3)]
    public void CommittedStacksHaveACriticalAWarningAndAMissingRulePerModel(string stack, int expected)
    {
        var settings = RuleStacks.Committed(stack);

        var rendered = ModelAlertRules.Render(settings);

        Assert.Equal(expected, settings.Models.Count * ModelAlertRules.RulesPerModel);
        var group = Assert.Single(rendered.Groups);
        Assert.Equal("mlops-model-alerts", group.Name);
        Assert.Equal(expected, group.Rules.Count);
        Assert.Equal(expected, rendered.Summary.Count);
        Assert.Equal(["ModelPerformanceDegraded", "ModelPerformanceDegraded", "ModelMetricsMissing"], group.Rules.Select(r => r.Alert));
        Assert.Equal("model-alerts.rules.yml", rendered.FileName);
    }

    [Fact]
    public void MissingRuleFiresWhenTheModelsSeriesIsAbsentForTenMinutesAsAWarning()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[2];

        Assert.Equal("ModelMetricsMissing", rule.Alert);
        Assert.Equal("absent(model_mae{model_name=\"california-housing\"})", rule.Expr);
        Assert.Equal("10m", rule.For);
        Assert.Equal(
            new Dictionary<string, string> { ["severity"] = "warning", ["model_name"] = "california-housing", ["model_version"] = "v1.0" },
            rule.Labels);
        Assert.Equal("california-housing reports no MAE", rule.Annotations["summary"]);
        Assert.StartsWith("Model california-housing has reported no model_mae for 10m, so its accuracy is not watched.", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/example-org/ml-runbooks/blob/main/alerts/ModelMetricsMissing", rule.Annotations["runbook_url"]);
        Assert.False(rule.Annotations.ContainsKey("mae_score"));
    }

    [Fact]
    public void MissingRuleWaitAndSeverityFollowTheSettings()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Inline(TwoModels.Replace("metric: ml_model_mae", "metric: ml_model_mae\n    missingFor: 30m\n    missingSeverity: critical", StringComparison.Ordinal))).Groups[0].Rules;

        var missing = rules.Where(r => r.Alert == "ModelMetricsMissing").ToList();
        Assert.Equal(["fraud-detector", "churn"], missing.Select(r => r.Labels["model_name"]));
        Assert.All(missing, r => Assert.Equal("30m", r.For));
        Assert.All(missing, r => Assert.Equal("critical", r.Labels["severity"]));
        Assert.Equal("absent(ml_model_mae{model_name=\"churn\"})", missing[1].Expr);
    }

    [Fact]
    public void ProdCriticalRuleHasTheGuidesThresholdWaitLabelsAndAnnotations()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[0];

        Assert.Equal("ModelPerformanceDegraded", rule.Alert);
        Assert.Equal("model_mae{model_name=\"california-housing\"} > 0.40", rule.Expr);
        Assert.Equal("5m", rule.For);
        Assert.Equal(
            new Dictionary<string, string> { ["severity"] = "critical", ["model_name"] = "california-housing", ["model_version"] = "v1.0" },
            rule.Labels);
        Assert.Equal("california-housing MAE above 0.40", rule.Annotations["summary"]);
        Assert.StartsWith($"Model california-housing MAE is {Value}, above the critical threshold 0.40 for 5m. ", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/example-org/ml-runbooks/blob/main/alerts/ModelPerformanceDegraded", rule.Annotations["runbook_url"]);
        Assert.Equal(Value, rule.Annotations["mae_score"]);
        Assert.Equal("0.40", rule.Annotations["threshold"]);
        Assert.Equal(["summary", "description", "runbook_url", "mae_score", "threshold"], rule.Annotations.Keys);
    }

    [Fact]
    public void ProdWarningRuleUsesTheWarningThresholdAndWait()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[1];

        Assert.Equal("model_mae{model_name=\"california-housing\"} > 0.30", rule.Expr);
        Assert.Equal("15m", rule.For);
        Assert.Equal("warning", rule.Labels["severity"]);
        Assert.Equal("california-housing", rule.Labels["model_name"]);
        Assert.Equal("california-housing MAE above 0.30", rule.Annotations["summary"]);
        Assert.StartsWith($"Model california-housing MAE is {Value}, above the warning threshold 0.30 for 15m. ", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("critical at 0.40", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("0.30", rule.Annotations["threshold"]);
    }

    [Fact]
    public void DevStackWithoutThresholdsGetsTheSchemaDefaults()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Committed("dev")).Groups[0].Rules;

        Assert.Equal(["model_mae{model_name=\"california-housing\"} > 0.40", "model_mae{model_name=\"california-housing\"} > 0.30", "absent(model_mae{model_name=\"california-housing\"})"], rules.Select(r => r.Expr));
        Assert.Equal(["5m", "15m", "10m"], rules.Select(r => r.For));
    }

    [Fact]
    public void ThresholdsWaitsAndMetricAppearAsSet()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Groups[0].Rules.Where(r => r.Alert == ModelAlertRules.AlertName).ToList();

        Assert.Equal(
            [
                "ml_model_mae{model_name=\"fraud-detector\"} > 0.55",
                "ml_model_mae{model_name=\"fraud-detector\"} > 0.425",
                "ml_model_mae{model_name=\"churn\"} > 1.00",
                "ml_model_mae{model_name=\"churn\"} > 0.50",
            ],
            rules.Select(r => r.Expr));
        Assert.Equal(["2m", "1h30m", "5m", "15m"], rules.Select(r => r.For));
        Assert.Equal(["critical", "warning", "critical", "warning"], rules.Select(r => r.Labels["severity"]));
        Assert.Equal(["0.55", "0.425", "1.00", "0.50"], rules.Select(r => r.Annotations["threshold"]));
        Assert.StartsWith($"Model fraud-detector MAE is {Value}, above the warning threshold 0.425 for 1h30m. ", rules[1].Annotations["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void RunbookUrlJoinsTheBaseUrlWithoutADoubleSlash()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Groups[0].Rules[0];

        Assert.Equal("https://runbooks.example.com/alerts/ModelPerformanceDegraded", rule.Annotations["runbook_url"]);
    }

    [Fact]
    public void NoRunbookBaseUrlLeavesOutTheAnnotationAndSaysSo()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline("""
              mlops-alerting:models:
                - name: california-housing
                  version: v1.0
            """));

        Assert.All(rendered.Groups[0].Rules, r => Assert.False(r.Annotations.ContainsKey("runbook_url")));
        Assert.DoesNotContain("runbook_url", rendered.Yaml, StringComparison.Ordinal);
        Assert.Contains(rendered.Notes, n => n.Contains("runbookBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelWithoutVersionHasNoModelVersionLabel()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));
        var churn = rendered.Groups[0].Rules.Where(r => r.Labels["model_name"] == "churn").ToList();

        Assert.Equal(3, churn.Count);
        Assert.All(churn, r => Assert.Equal(["severity", "model_name"], r.Labels.Keys));
        Assert.Contains(rendered.Notes, n => n.Contains("churn", StringComparison.Ordinal) && n.Contains("model_version", StringComparison.Ordinal));
    }

    [Fact]
    public void NumbersAreInvariantUnderACommaDecimalCulture()
    {
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = comma;
        try
        {
            Assert.Equal("0,4", 0.4m.ToString(CultureInfo.CurrentCulture));
            var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));

            Assert.Equal("ml_model_mae{model_name=\"fraud-detector\"} > 0.55", rendered.Groups[0].Rules[0].Expr);
            Assert.Equal("0.425", rendered.Groups[0].Rules[1].Annotations["threshold"]);
            Assert.Equal("1.00", ModelAlertRules.Threshold(1m));
            Assert.DoesNotContain("0,", rendered.Yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("1,00", rendered.Yaml, StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Theory]
    [InlineData("0.4", "0.40")]
    [InlineData("0.40", "0.40")]
    [InlineData("0.425", "0.425")]
    [InlineData("2", "2.00")]
    [InlineData("12.5", "12.50")]
    public void ThresholdHasAtLeastTwoDecimalsAndNeverRoundsAway(string written, string expected) =>
        Assert.Equal(expected, ModelAlertRules.Threshold(decimal.Parse(written, CultureInfo.InvariantCulture)));

    [Fact]
    public void NoModelsRenderAValidFileWithAnEmptyRuleListAndSaySo()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline("  mlops-alerting:models: []\n"));

        var group = Assert.Single(rendered.Groups);
        Assert.Equal("mlops-model-alerts", group.Name);
        Assert.Empty(group.Rules);
        Assert.Empty(rendered.Summary);
        var note = Assert.Single(rendered.Notes);
        Assert.Contains("No models", note, StringComparison.Ordinal);

        var root = LoadYaml(rendered.Yaml);
        var parsedGroup = (YamlMappingNode)((YamlSequenceNode)root["groups"])[0];
        Assert.Equal("mlops-model-alerts", ((YamlScalarNode)parsedGroup["name"]).Value);
        Assert.Empty(((YamlSequenceNode)parsedGroup["rules"]).Children);
    }

    [Fact]
    public void YamlHasPrometheusKeysAndTheSameContentAsTheTypedGroups()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Committed("prod"));

        var root = LoadYaml(rendered.Yaml);
        Assert.Equal(["groups"], Keys(root));
        var groups = (YamlSequenceNode)root["groups"];
        Assert.Equal(rendered.Groups.Count, groups.Children.Count);
        for (var g = 0; g < rendered.Groups.Count; g++)
        {
            var group = (YamlMappingNode)groups[g];
            Assert.Equal(["name", "rules"], Keys(group));
            Assert.Equal(rendered.Groups[g].Name, Scalar(group, "name"));
            var rules = (YamlSequenceNode)group["rules"];
            Assert.Equal(rendered.Groups[g].Rules.Count, rules.Children.Count);
            for (var r = 0; r < rules.Children.Count; r++)
            {
                var typed = rendered.Groups[g].Rules[r];
                var rule = (YamlMappingNode)rules[r];
                Assert.Equal(["alert", "expr", "for", "labels", "annotations"], Keys(rule));
                Assert.Equal(typed.Alert, Scalar(rule, "alert"));
                Assert.Equal(typed.Expr, Scalar(rule, "expr"));
                Assert.Equal(typed.For, Scalar(rule, "for"));
                Assert.Equal(typed.Labels, Map((YamlMappingNode)rule["labels"]));
                Assert.Equal(typed.Annotations, Map((YamlMappingNode)rule["annotations"]));
            }
        }
    }

    [Fact]
    public void TemplatesSurviveTheYamlAsWritten()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Committed("prod"));

        var annotations = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)LoadYaml(rendered.Yaml)["groups"])[0])["rules"])[0])["annotations"];
        Assert.Equal(Value, Scalar(annotations, "mae_score"));
        Assert.Contains(Value, Scalar(annotations, "description"), StringComparison.Ordinal);
        Assert.Contains("{{ $value | printf \"%.2f\" }}", rendered.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberLikeStringsAreQuotedSoTheyStayText()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));

        var rule = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)LoadYaml(rendered.Yaml)["groups"])[0])["rules"])[0];
        var version = (YamlScalarNode)((YamlMappingNode)rule["labels"])["model_version"];
        var threshold = (YamlScalarNode)((YamlMappingNode)rule["annotations"])["threshold"];
        Assert.Equal("2.1", version.Value);
        Assert.NotEqual(ScalarStyle.Plain, version.Style);
        Assert.Equal("0.55", threshold.Value);
        Assert.NotEqual(ScalarStyle.Plain, threshold.Style);
    }

    [Fact]
    public void SummaryListsEveryRuleInFileOrder()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));

        Assert.Equal(
            [
                new RuleSummary("ModelPerformanceDegraded", "critical", "fraud-detector", "ml_model_mae{model_name=\"fraud-detector\"} > 0.55", "2m"),
                new RuleSummary("ModelPerformanceDegraded", "warning", "fraud-detector", "ml_model_mae{model_name=\"fraud-detector\"} > 0.425", "1h30m"),
                new RuleSummary("ModelMetricsMissing", "warning", "fraud-detector", "absent(ml_model_mae{model_name=\"fraud-detector\"})", "10m"),
                new RuleSummary("ModelPerformanceDegraded", "critical", "churn", "ml_model_mae{model_name=\"churn\"} > 1.00", "5m"),
                new RuleSummary("ModelPerformanceDegraded", "warning", "churn", "ml_model_mae{model_name=\"churn\"} > 0.50", "15m"),
                new RuleSummary("ModelMetricsMissing", "warning", "churn", "absent(ml_model_mae{model_name=\"churn\"})", "10m"),
            ],
            rendered.Summary);
    }

    [Fact]
    public void RenderingIsDeterministic() =>
        Assert.Equal(ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Yaml, ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Yaml);

    private static YamlMappingNode LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<string?> Keys(YamlMappingNode map) => map.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();

    private static string? Scalar(YamlMappingNode map, string key) => ((YamlScalarNode)map[key]).Value;

    private static Dictionary<string, string> Map(YamlMappingNode map) =>
        map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);
}
