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
    [InlineData("dev")]
    [InlineData("prod")]
    public void CommittedStacksHaveTheCatalogueACriticalAWarningAndAMissingRule(string stack)
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Committed(stack));

        var group = Assert.Single(rendered.Groups);
        Assert.Equal("mlops-model-alerts", group.Name);
        Assert.Equal([ModelAlertRules.CatalogueRecord, null, null, null], group.Rules.Select(r => r.Record));
        Assert.Equal([null, "ModelPerformanceDegraded", "ModelPerformanceDegraded", "ModelMetricsMissing"], group.Rules.Select(r => r.Alert));
        Assert.Equal(3, rendered.Summary.Count);
        Assert.Equal("model-alerts.rules.yml", rendered.FileName);
    }

    [Fact]
    public void MissingRuleFiresForEveryCataloguedModelWithoutAnMaeSeriesForTenMinutesAsAWarning()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[3];

        Assert.Equal("ModelMetricsMissing", rule.Alert);
        Assert.Equal("max without(mlops_critical, mlops_warning, mlops_models) (mlops:model_mae:watched) unless on(model_name) model_mae", rule.Expr);
        Assert.Equal("10m", rule.For);
        Assert.Equal(new Dictionary<string, string> { ["severity"] = "warning" }, rule.Labels);
        Assert.Equal("{{ $labels.model_name }} reports no MAE", rule.Annotations["summary"]);
        Assert.StartsWith("Model {{ $labels.model_name }} has reported no model_mae for 10m, so its accuracy is not watched.", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/example-org/ml-runbooks/blob/main/alerts/ModelMetricsMissing", rule.Annotations["runbook_url"]);
        Assert.False(rule.Annotations.ContainsKey("mae_score"));
    }

    [Fact]
    public void MissingRuleWaitAndSeverityFollowTheSettings()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Inline(TwoModels.Replace("metric: ml_model_mae", "metric: ml_model_mae\n    missingFor: 30m\n    missingSeverity: critical", StringComparison.Ordinal))).Groups[0].Rules;

        var missing = Assert.Single(rules, r => r.Alert == "ModelMetricsMissing");
        Assert.Equal("30m", missing.For);
        Assert.Equal("critical", missing.Labels["severity"]);
        Assert.EndsWith("unless on(model_name) ml_model_mae", missing.Expr, StringComparison.Ordinal);
    }

    [Fact]
    public void ProdCriticalRuleHasTheGuidesThresholdWaitLabelsAndAnnotations()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[1];

        Assert.Equal("ModelPerformanceDegraded", rule.Alert);
        Assert.Equal("(model_mae > 0.40) * on(model_name) group_left(model_version) mlops:model_mae:watched{mlops_critical=\"0.40 for 5m\", model_version!=\"\"}", rule.Expr);
        Assert.Equal("5m", rule.For);
        Assert.Equal("critical", rule.Labels["severity"]);
        Assert.StartsWith("{{/*", rule.Labels[ModelAlertRules.RuleKeyLabel], StringComparison.Ordinal);
        Assert.Equal(2, rule.Labels.Count);
        Assert.Equal("{{ $labels.model_name }} MAE above 0.40", rule.Annotations["summary"]);
        Assert.StartsWith($"Model {{{{ $labels.model_name }}}} MAE is {Value}, above the critical threshold 0.40 for 5m. ", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/example-org/ml-runbooks/blob/main/alerts/ModelPerformanceDegraded", rule.Annotations["runbook_url"]);
        Assert.Equal(Value, rule.Annotations["mae_score"]);
        Assert.Equal("0.40", rule.Annotations["threshold"]);
        Assert.Equal(["summary", "description", "runbook_url", "mae_score", "threshold"], rule.Annotations.Keys);
    }

    [Fact]
    public void ProdWarningRuleUsesTheWarningThresholdAndWait()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[2];

        Assert.StartsWith("(model_mae > 0.30) * on(model_name)", rule.Expr, StringComparison.Ordinal);
        Assert.Equal("15m", rule.For);
        Assert.Equal("warning", rule.Labels["severity"]);
        Assert.Equal("{{ $labels.model_name }} MAE above 0.30", rule.Annotations["summary"]);
        Assert.StartsWith($"Model {{{{ $labels.model_name }}}} MAE is {Value}, above the warning threshold 0.30 for 15m. ", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("critical at 0.40", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("0.30", rule.Annotations["threshold"]);
    }

    [Fact]
    public void DevStackWithoutThresholdsGetsTheSchemaDefaults()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Committed("dev")).Groups[0].Rules;

        Assert.Equal(new Dictionary<string, string> { ["mlops_critical"] = "0.40 for 5m", ["mlops_warning"] = "0.30 for 15m, critical at 0.40", ["mlops_models"] = "california-housing" }, rules[0].Labels);
        Assert.Equal([null, "5m", "15m", "10m"], rules.Select(r => r.For));
    }

    [Fact]
    public void ThresholdsWaitsAndMetricAppearAsSet()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Groups[0].Rules.Where(r => r.Alert == ModelAlertRules.AlertName).ToList();

        Assert.Equal(
            [
                "(ml_model_mae > 0.55) * on(model_name) group_left(model_version) mlops:model_mae:watched{mlops_critical=\"0.55 for 2m\", model_version!=\"\"}",
                "ml_model_mae > 1.00 and on(model_name) mlops:model_mae:watched{mlops_critical=\"1.00 for 5m\", model_version=\"\"}",
                "(ml_model_mae > 0.425) * on(model_name) group_left(model_version) mlops:model_mae:watched{mlops_warning=\"0.425 for 1h30m, critical at 0.55\", model_version!=\"\"}",
                "ml_model_mae > 0.50 and on(model_name) mlops:model_mae:watched{mlops_warning=\"0.50 for 15m, critical at 1.00\", model_version=\"\"}",
            ],
            rules.Select(r => r.Expr));
        Assert.Equal(["2m", "5m", "1h30m", "15m"], rules.Select(r => r.For));
        Assert.Equal(["critical", "critical", "warning", "warning"], rules.Select(r => r.Labels["severity"]));
        Assert.Equal(["0.55", "1.00", "0.425", "0.50"], rules.Select(r => r.Annotations["threshold"]));
        Assert.StartsWith($"Model {{{{ $labels.model_name }}}} MAE is {Value}, above the warning threshold 0.425 for 1h30m. ", rules[2].Annotations["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void RunbookUrlJoinsTheBaseUrlWithoutADoubleSlash()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Groups[0].Rules.First(r => r.Alert == ModelAlertRules.AlertName);

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
    public void ModelWithoutVersionHasNoModelVersionInTheCatalogue()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));
        var catalogue = rendered.Groups[0].Rules.Where(r => r.Record is not null).Select(r => r.Expr).ToList();

        Assert.Equal(
            [
                "max without(__m) (label_replace(absent({__m=\"fraud-detector\",model_version=\"2.1\"}), \"model_name\", \"$1\", \"__m\", \"(.*)\"))",
                "max without(__m) (label_replace(absent({__m=\"churn\"}), \"model_name\", \"$1\", \"__m\", \"(.*)\"))",
            ],
            catalogue);
        Assert.Contains(rendered.Notes, n => n.Contains("churn", StringComparison.Ordinal) && n.Contains("model_version", StringComparison.Ordinal));
    }

    [Fact]
    public void AVersionIsPromQlDataNotATemplateNorAnEscapeFromTheString()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline("""
              mlops-alerting:models:
                - name: churn
                  version: "a\\b\"{{ .X }}"
            """));

        Assert.Contains("absent({__m=\"churn\",model_version=\"a\\\\b\\\"{{ .X }}\"})", rendered.Groups[0].Rules[0].Expr, StringComparison.Ordinal);
    }

    [Fact]
    public void ThousandsOfModelsWithTheSameThresholdsShareTheirAlertRules()
    {
        var models = string.Concat(Enumerable.Range(0, 1000).Select(i => $"\n    - name: model-{i:D4}\n      version: v1"));
        var rendered = ModelAlertRules.Render(RuleStacks.Inline("  mlops-alerting:models:" + models + "\n"));

        var rules = rendered.Groups[0].Rules;
        Assert.Equal(3, rules.Count(r => r.Alert is not null));
        var catalogue = rules.Where(r => r.Record is not null).ToList();
        Assert.Equal(10, catalogue.Count);
        Assert.All(catalogue, r => Assert.Equal(100, r.Expr.Split(" or ").Length));
        Assert.All(catalogue, r => Assert.Equal("v1", r.Labels["model_version"]));
        Assert.Equal("model-0900 to model-0999", catalogue[9].Labels["mlops_models"]);
        Assert.Contains("\"model_name\", \"model-09$1\"", catalogue[9].Expr, StringComparison.Ordinal);
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

            Assert.StartsWith("(ml_model_mae > 0.55)", rendered.Groups[0].Rules[2].Expr, StringComparison.Ordinal);
            Assert.Equal("0.425", rendered.Groups[0].Rules[4].Annotations["threshold"]);
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
                if (typed.Record is not null)
                {
                    Assert.Equal(["record", "expr", "labels"], Keys(rule));
                    Assert.Equal(typed.Record, Scalar(rule, "record"));
                    Assert.Equal(typed.Expr, Scalar(rule, "expr"));
                    Assert.Equal(typed.Labels, Map((YamlMappingNode)rule["labels"]));
                    continue;
                }

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

        var annotations = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)LoadYaml(rendered.Yaml)["groups"])[0])["rules"])[1])["annotations"];
        Assert.Equal(Value, Scalar(annotations, "mae_score"));
        Assert.Contains(Value, Scalar(annotations, "description"), StringComparison.Ordinal);
        Assert.Contains("{{ $value | printf \"%.2f\" }}", rendered.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberLikeStringsAreQuotedSoTheyStayText()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));

        var rule = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)LoadYaml(rendered.Yaml)["groups"])[0])["rules"])[2];
        var threshold = (YamlScalarNode)((YamlMappingNode)rule["annotations"])["threshold"];
        Assert.Equal("0.55", threshold.Value);
        Assert.NotEqual(ScalarStyle.Plain, threshold.Style);
    }

    [Fact]
    public void SummaryListsEveryAlertRuleInFileOrder()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));
        var alerts = rendered.Groups[0].Rules.Where(r => r.Alert is not null).ToList();

        Assert.Equal(
            [
                new RuleSummary("ModelPerformanceDegraded", "critical", "fraud-detector", alerts[0].Expr, "2m"),
                new RuleSummary("ModelPerformanceDegraded", "critical", "churn", alerts[1].Expr, "5m"),
                new RuleSummary("ModelPerformanceDegraded", "warning", "fraud-detector", alerts[2].Expr, "1h30m"),
                new RuleSummary("ModelPerformanceDegraded", "warning", "churn", alerts[3].Expr, "15m"),
                new RuleSummary("ModelMetricsMissing", "warning", "fraud-detector, churn", alerts[4].Expr, "10m"),
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
