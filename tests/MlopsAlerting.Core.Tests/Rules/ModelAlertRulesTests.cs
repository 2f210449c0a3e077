using System.Globalization;
using MlopsAlerting.Core.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.Rules;

public class ModelAlertRulesTests
{
    private const string Value = "{{ $value | printf \"%.2f\" }}";

    // The stack identity of RuleStacks.Inline's stack (namespace monitoring, stack test) and of the committed prod stack.
    private const string TestStack = "mlops_stack=\"monitoring/test\"";
    private const string ProdStack = "mlops_stack=\"monitoring/prod\"";

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
    [InlineData("dev", "monitoring-dev/dev")]
    [InlineData("prod", "monitoring/prod")]
    public void CommittedStacksHaveTheCatalogueItsThresholdsACriticalAWarningAndAMissingRuleInTheStacksOwnGroup(string stack, string identity)
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Committed(stack));

        var group = Assert.Single(rendered.Groups);
        Assert.Equal($"mlops-model-alerts/{identity}", group.Name);
        Assert.Equal(ModelAlertRules.GroupNameOf(RuleStacks.Committed(stack)), group.Name);
        Assert.All(group.Rules, r => Assert.Equal(identity, r.Labels[StackIdentity.Label]));
        Assert.Equal([ModelAlertRules.CatalogueRecord, ModelAlertRules.CriticalThresholdRecord, ModelAlertRules.WarningThresholdRecord, null, null, null], group.Rules.Select(r => r.Record));
        Assert.Equal([null, null, null, "ModelPerformanceDegraded", "ModelPerformanceDegraded", "ModelMetricsMissing"], group.Rules.Select(r => r.Alert));
        Assert.Equal(3, rendered.Summary.Count);
        Assert.Equal("model-alerts.rules.yml", rendered.FileName);
    }

    [Fact]
    public void MissingRuleFiresForEveryCataloguedModelWithoutAnMaeSeriesOrWithANaNOneForTenMinutesAsAWarning()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[5];

        Assert.Equal("ModelMetricsMissing", rule.Alert);
        Assert.Equal($"(max without(mlops_critical, mlops_warning, mlops_models) (mlops:model_mae:watched{{{ProdStack}}}) unless on(model_name) model_mae) or (model_mae != model_mae)", rule.Expr);
        Assert.Equal("10m", rule.For);
        Assert.Equal(new Dictionary<string, string> { ["severity"] = "warning", ["mlops_stack"] = "monitoring/prod" }, rule.Labels);
        Assert.Equal("{{ $labels.model_name }} reports no MAE", rule.Annotations["summary"]);
        Assert.StartsWith("Model {{ $labels.model_name }} has reported no model_mae, or only NaN (not a number: the job computing it divided by zero or had no data), for 10m, so its accuracy is not watched.", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/example-org/mlops-alerting/blob/main/docs/runbooks/ModelMetricsMissing.md", rule.Annotations["runbook_url"]);
        Assert.False(rule.Annotations.ContainsKey("mae_score"));
    }

    [Fact]
    public void MissingRuleWaitAndSeverityFollowTheSettings()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Inline(TwoModels.Replace("metric: ml_model_mae", "metric: ml_model_mae\n    missingFor: 30m\n    missingSeverity: critical", StringComparison.Ordinal))).Groups[0].Rules;

        var missing = Assert.Single(rules, r => r.Alert == "ModelMetricsMissing");
        Assert.Equal("30m", missing.For);
        Assert.Equal("critical", missing.Labels["severity"]);
        Assert.Contains("unless on(model_name) ml_model_mae) or (ml_model_mae != ml_model_mae)", missing.Expr, StringComparison.Ordinal);
    }

    [Fact]
    public void ProdCriticalRuleComparesEverySeriesWithItsModelsThresholdAndCarriesSeverityWaitAndStack()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[3];
        const string Thresholds = $"min by(model_name) (mlops:model_mae:critical_threshold{{{ProdStack}, mlops_for=\"5m\"}})";

        Assert.Equal("ModelPerformanceDegraded", rule.Alert);
        Assert.Equal(
            $"(model_mae{{model_version!=\"\"}} > on(model_name) group_left() {Thresholds})"
            + $" or ((model_mae{{model_version=\"\"}} > on(model_name) group_left() {Thresholds}) * on(model_name) group_left(model_version) topk by(model_name) (1, mlops:model_mae:watched{{{ProdStack}}}))"
            + $" or ((model_mae unless on(model_name) mlops:model_mae:watched{{{ProdStack}}}) > 0.40)",
            rule.Expr);
        Assert.Equal("5m", rule.For);
        Assert.Equal(new Dictionary<string, string> { ["severity"] = "critical", ["mae_for"] = "5m", ["mlops_stack"] = "monitoring/prod" }, rule.Labels);
        Assert.Equal($"{{{{ $labels.model_name }}}} MAE above {Lookup("critical", "5m")}{{{{ . | first | label \"mlops_threshold\" }}}}{{{{ else }}}}0.40{{{{ end }}}}", rule.Annotations["summary"]);
        Assert.StartsWith($"Model {{{{ $labels.model_name }}}} MAE is {Value}, above the critical threshold {Lookup("critical", "5m")}", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("{{ else }}0.40 (the stack does not list this model, so it gets the default thresholds; add it to models in Pulumi.prod.yaml){{ end }} for 5m. ", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/example-org/mlops-alerting/blob/main/docs/runbooks/ModelPerformanceDegraded.md", rule.Annotations["runbook_url"]);
        Assert.Equal(Value, rule.Annotations["mae_score"]);
        Assert.Equal(rule.Annotations["summary"][$"{{{{ $labels.model_name }}}} MAE above ".Length..], rule.Annotations["threshold"]);
        Assert.Equal(["summary", "description", "runbook_url", "mae_score", "threshold"], rule.Annotations.Keys);
    }

    [Fact]
    public void ProdWarningRuleUsesTheWarningThresholdsAndWait()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules[4];

        Assert.StartsWith($"(model_mae{{model_version!=\"\"}} > on(model_name) group_left() min by(model_name) (mlops:model_mae:warning_threshold{{{ProdStack}, mlops_for=\"15m\"}}))", rule.Expr, StringComparison.Ordinal);
        Assert.EndsWith($"((model_mae unless on(model_name) mlops:model_mae:watched{{{ProdStack}}}) > 0.30)", rule.Expr, StringComparison.Ordinal);
        Assert.Equal("15m", rule.For);
        Assert.Equal("warning", rule.Labels["severity"]);
        Assert.Equal("15m", rule.Labels[ModelAlertRules.WaitLabel]);
        Assert.EndsWith("{{ else }}0.30{{ end }}", rule.Annotations["summary"], StringComparison.Ordinal);
        Assert.Contains("label \"mlops_critical_at\"", rule.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("critical at 0.40; the stack does not list this model", rule.Annotations["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdRecordsCarryEachProfilesThresholdAsValueAndItsWaitAndTextAsLabels()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Groups[0].Rules.Where(r => r.Record is not null and not ModelAlertRules.CatalogueRecord).ToList();

        Assert.Equal(
            [
                $"0.55 * max without(mlops_critical, mlops_warning, mlops_models) (mlops:model_mae:watched{{{TestStack}, mlops_critical=\"0.55/2m\"}})",
                $"1.00 * max without(mlops_critical, mlops_warning, mlops_models) (mlops:model_mae:watched{{{TestStack}, mlops_critical=\"1.00/5m\"}})",
                $"0.425 * max without(mlops_critical, mlops_warning, mlops_models) (mlops:model_mae:watched{{{TestStack}, mlops_warning=\"0.425/1h30m/0.55\"}})",
                $"0.50 * max without(mlops_critical, mlops_warning, mlops_models) (mlops:model_mae:watched{{{TestStack}, mlops_warning=\"0.50/15m/1.00\"}})",
            ],
            rules.Select(r => r.Expr));
        Assert.All(rules, r => Assert.Equal("monitoring/test", r.Labels[StackIdentity.Label]));
        Assert.Equal(["2m", "5m", "1h30m", "15m"], rules.Select(r => r.Labels["mlops_for"]));
        Assert.Equal(["0.55", "1.00", "0.425", "0.50"], rules.Select(r => r.Labels["mlops_threshold"]));
        Assert.Equal("0.55", rules[2].Labels["mlops_critical_at"]);
    }

    [Fact]
    public void DevStackWithoutThresholdsGetsTheSchemaDefaults()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Committed("dev")).Groups[0].Rules;

        Assert.Equal(new Dictionary<string, string> { ["mlops_critical"] = "0.40/5m", ["mlops_warning"] = "0.30/15m/0.40", ["mlops_models"] = "california-housing", ["mlops_stack"] = "monitoring-dev/dev" }, rules[0].Labels);
        Assert.Equal([null, null, null, "5m", "15m", "10m"], rules.Select(r => r.For));
    }

    [Fact]
    public void OneRulePerSeverityAndWaitEachCarryingItsWait()
    {
        var rules = ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Groups[0].Rules.Where(r => r.Alert == ModelAlertRules.AlertName).ToList();

        Assert.Equal(["2m", "5m", "1h30m", "15m"], rules.Select(r => r.For));
        Assert.Equal(["critical", "critical", "warning", "warning"], rules.Select(r => r.Labels["severity"]));
        Assert.Equal(["2m", "5m", "1h30m", "15m"], rules.Select(r => r.Labels[ModelAlertRules.WaitLabel]));
        Assert.All(rules, r => Assert.Contains($"_threshold{{{TestStack}, mlops_for=\"{r.For}\"}}", r.Expr, StringComparison.Ordinal));
        Assert.All(rules, r => Assert.StartsWith("(ml_model_mae{model_version!=\"\"} > on(model_name) group_left()", r.Expr, StringComparison.Ordinal));

        // Unlisted models get the defaults' waits (5m, 15m): only those rules carry the unlisted branch.
        Assert.Equal([false, true, false, true], rules.Select(r => r.Expr.Contains($"unless on(model_name) mlops:model_mae:watched{{{TestStack}}}", StringComparison.Ordinal)));

        // A severity with a single wait carries it too (the committed prod stack has one per severity), so adding a model
        // with its own wait later never changes an existing rule's labels, which would reset its alerts over the reload.
        var prod = ModelAlertRules.Render(RuleStacks.Committed("prod")).Groups[0].Rules.Where(r => r.Alert == ModelAlertRules.AlertName).ToList();
        Assert.Equal(["critical", "warning"], prod.Select(r => r.Labels["severity"]));
        Assert.All(prod, r => Assert.Equal(r.For, r.Labels[ModelAlertRules.WaitLabel]));
        Assert.All(ModelAlertRules.Render(RuleStacks.Committed("dev")).Groups[0].Rules.Where(r => r.Alert == ModelAlertRules.AlertName), r => Assert.Equal(r.For, r.Labels[ModelAlertRules.WaitLabel]));
    }

    [Theory]
    [InlineData("watch", 6, false)]
    [InlineData("alert", 7, true)]
    [InlineData("both", 7, true)]
    [InlineData("ignore", 6, false)]
    public void UnlistedModelsAreWatchedAlertedOrIgnoredAsTheSettingSays(string mode, int count, bool alerted)
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline($"  mlops-alerting:rules:\n    unlistedModels: {mode}\n  mlops-alerting:models:\n    - name: churn\n"));
        var rules = rendered.Groups[0].Rules;

        Assert.Equal(count, rules.Count);
        Assert.Equal(alerted, rules.Any(r => r.Alert == ModelAlertRules.UnlistedAlertName));
        var watched = mode is "watch" or "both";
        Assert.All(rules.Where(r => r.Alert == ModelAlertRules.AlertName), r => Assert.Equal(watched, r.Expr.Contains("unless on(model_name)", StringComparison.Ordinal)));
        Assert.Contains(rendered.Notes, n => n.Contains($"`rules.unlistedModels: {mode}`", StringComparison.Ordinal));
        var missing = rules.Single(r => r.Alert == ModelAlertRules.MissingAlertName);
        Assert.Equal(mode == "ignore", missing.Expr.EndsWith($"and on(model_name) mlops:model_mae:watched{{{TestStack}}})", StringComparison.Ordinal));
    }

    [Fact]
    public void UnlistedModelAlertNamesTheStackFileAndWhatHappensToTheModel()
    {
        var rule = ModelAlertRules.Render(RuleStacks.Inline("  mlops-alerting:rules:\n    unlistedModels: alert\n")).Groups[0].Rules.Single(r => r.Alert == ModelAlertRules.UnlistedAlertName);

        Assert.Equal($"count by(model_name) (model_mae unless on(model_name) mlops:model_mae:watched{{{TestStack}}})", rule.Expr);
        Assert.Equal("10m", rule.For);
        Assert.Equal("warning", rule.Labels["severity"]);
        Assert.Equal("Model {{ $labels.model_name }} has reported model_mae for 10m, but Pulumi.test.yaml does not list it under models, so no rule watches its accuracy. Add it to models with its version and thresholds.", rule.Annotations["description"]);
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
        var catalogue = rendered.Groups[0].Rules.Where(r => r.Record == ModelAlertRules.CatalogueRecord).Select(r => r.Expr).ToList();

        Assert.Equal(
            [
                "max without(__m) (label_replace(absent({__m=\"fraud-detector\",model_version=\"2.1\"}), \"model_name\", \"$1\", \"__m\", \"(.*)\"))",
                "max without(__m) (label_replace(absent({__m=\"churn\"}), \"model_name\", \"$1\", \"__m\", \"(.*)\"))",
            ],
            catalogue);
        Assert.Contains(rendered.Notes, n => n.Contains("churn", StringComparison.Ordinal) && n.Contains("model_version", StringComparison.Ordinal));
        Assert.Contains(rendered.Notes, n => n.StartsWith("A series' own `model_version` label wins", StringComparison.Ordinal));
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
        Assert.Equal(2, rules.Count(r => r.Record is not null and not ModelAlertRules.CatalogueRecord));
        var catalogue = rules.Where(r => r.Record == ModelAlertRules.CatalogueRecord).ToList();
        Assert.Equal(10, catalogue.Count);
        Assert.All(catalogue, r => Assert.Equal(100, r.Expr.Split(")or absent(").Length));
        Assert.All(catalogue, r => Assert.DoesNotContain(" or ", r.Expr, StringComparison.Ordinal));
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

            Assert.StartsWith("0.55 * max", rendered.Groups[0].Rules[2].Expr, StringComparison.Ordinal);
            Assert.Equal("0.425", rendered.Groups[0].Rules[4].Labels["mlops_threshold"]);
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
    public void NoModelsStillWatchEveryReportingModelWithTheDefaultsAndSaySo()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline("  mlops-alerting:models: []\n"));

        var group = Assert.Single(rendered.Groups);
        Assert.Equal("mlops-model-alerts/monitoring/test", group.Name);
        Assert.Equal([null, null, null], group.Rules.Select(r => r.Record));
        Assert.Equal([$"((model_mae unless on(model_name) mlops:model_mae:watched{{{TestStack}}}) > 0.40)", $"((model_mae unless on(model_name) mlops:model_mae:watched{{{TestStack}}}) > 0.30)"], group.Rules.Take(2).Select(r => r.Expr));
        Assert.Contains(rendered.Notes, n => n.StartsWith("No models are listed", StringComparison.Ordinal) && n.Contains("default thresholds", StringComparison.Ordinal));

        var ignored = ModelAlertRules.Render(RuleStacks.Inline("  mlops-alerting:rules:\n    unlistedModels: ignore\n  mlops-alerting:models: []\n"));
        Assert.Equal([ModelAlertRules.MissingAlertName], ignored.Groups[0].Rules.Select(r => r.Alert));
        Assert.Contains(ignored.Notes, n => n.Contains("no MAE alert can fire", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFileOpensWithThreeCommentLinesThatExplainTheCatalogue()
    {
        var lines = ModelAlertRules.Render(RuleStacks.Committed("prod")).Yaml.Split('\n');

        Assert.All(lines.Take(3), l => Assert.StartsWith("# ", l, StringComparison.Ordinal));
        Assert.StartsWith("# mlops:model_mae:watched: one series (value 1) per model in Pulumi.prod.yaml", lines[0], StringComparison.Ordinal);
        Assert.Equal("groups:", lines[3]);
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

        var annotations = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)LoadYaml(rendered.Yaml)["groups"])[0])["rules"])[3])["annotations"];
        Assert.Equal(Value, Scalar(annotations, "mae_score"));
        Assert.Contains(Value, Scalar(annotations, "description"), StringComparison.Ordinal);
        Assert.Contains("{{ $value | printf \"%.2f\" }}", rendered.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberLikeStringsAreQuotedSoTheyStayText()
    {
        var rendered = ModelAlertRules.Render(RuleStacks.Inline(TwoModels));

        var rule = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)LoadYaml(rendered.Yaml)["groups"])[0])["rules"])[2];
        var threshold = (YamlScalarNode)((YamlMappingNode)rule["labels"])["mlops_threshold"];
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
                new RuleSummary("ModelPerformanceDegraded", "critical", "churn, and models the stack does not list", alerts[1].Expr, "5m"),
                new RuleSummary("ModelPerformanceDegraded", "warning", "fraud-detector", alerts[2].Expr, "1h30m"),
                new RuleSummary("ModelPerformanceDegraded", "warning", "churn, and models the stack does not list", alerts[3].Expr, "15m"),
                new RuleSummary("ModelMetricsMissing", "warning", "fraud-detector, churn", alerts[4].Expr, "10m"),
            ],
            rendered.Summary);
    }

    [Fact]
    public void RenderingIsDeterministic() =>
        Assert.Equal(ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Yaml, ModelAlertRules.Render(RuleStacks.Inline(TwoModels)).Yaml);

    private static string Lookup(string severity, string wait) =>
        $"{{{{ with printf `bottomk(1, mlops:model_mae:{severity}_threshold{{{ProdStack},model_name=%q,mlops_for=\"{wait}\"}})` $labels.model_name | query }}}}";

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
