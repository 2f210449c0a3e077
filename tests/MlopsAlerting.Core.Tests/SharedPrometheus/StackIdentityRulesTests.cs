using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Heartbeat;

namespace MlopsAlerting.Core.Tests.SharedPrometheus;

/// <summary>
/// Everything a stack puts into a shared Prometheus carries its identity, and everything it reads of its own is
/// selected by it: two stacks' rule files in one Prometheus never write the same series, never read each other's
/// catalogue or thresholds, and never share an <c>ALERTS</c> series (the heartbeat included).
/// </summary>
public partial class StackIdentityRulesTests
{
    [GeneratedRegex(@"mlops:model_mae:[a-z_]+(\{[^}]*\})?")]
    private static partial Regex RecordedSelector();

    [Fact]
    public void Every_rule_of_the_prod_stack_with_a_heartbeat_carries_its_identity()
    {
        var settings = HeartbeatStacks.Prod();
        var rules = StackRules.Render(settings).Groups.SelectMany(g => g.Rules).ToList();

        Assert.Contains(rules, r => r.Alert == HeartbeatRule.AlertName);
        Assert.Contains(rules, r => r.Alert == SelfAlertRules.ChannelUndeliverable);
        Assert.All(rules, r => Assert.Equal("monitoring/prod", r.Labels[StackIdentity.Label]));
        Assert.Equal(["mlops-model-alerts/monitoring/prod", "mlops-alerting-self/monitoring/prod"], StackRules.Render(settings).Groups.Select(g => g.Name));
    }

    [Fact]
    public void Every_read_of_a_recorded_series_in_expressions_and_annotations_selects_the_stacks_own()
    {
        var settings = SharedStacks.Bind("staging", """
              mlops-alerting:namespace: ml-staging
              mlops-alerting:rules:
                unlistedModels: both
              mlops-alerting:models:
                - name: california-housing
                - name: fraud-detector
                  criticalFor: 2m
                  warningFor: 30m
            """);
        var rules = StackRules.Render(settings).Groups.SelectMany(g => g.Rules).ToList();

        var reads = rules.SelectMany(r => new[] { r.Expr }.Concat(r.Annotations.Values))
            .SelectMany(text => RecordedSelector().Matches(text))
            .Select(m => m.Value)
            .ToList();
        Assert.True(reads.Count >= 10, $"only {reads.Count} reads of recorded series");
        Assert.All(reads, read => Assert.Contains("mlops_stack=\"ml-staging/staging\"", read, StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Expr.Contains("rule_group=~\".*;mlops-model-alerts/ml-staging/staging\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stack_name_with_a_dot_is_matched_literally_where_a_regular_expression_selects_it()
    {
        var settings = SharedStacks.Bind("prod.eu", "  mlops-alerting:namespace: ml\n");
        var failures = Assert.Single(StackRules.Render(settings).Groups.SelectMany(g => g.Rules), r => r.Alert == SelfAlertRules.RuleFailures);

        Assert.Contains("rule_group=~\".*;mlops-model-alerts/ml/prod[.]eu\"", failures.Expr, StringComparison.Ordinal);
        Assert.Equal("ml/prod[.]eu", StackIdentity.Literal(StackIdentity.Value(settings)));
    }

    /// <summary>
    /// Prometheus carries a rule's pending and firing alerts over a reload (and restores them after a restart) by the
    /// rule's name and labels. So no catalogue change may alter the name and labels of a rule that existed before and
    /// still covers a model: every alert rule of the old file whose wait some model still has is in the new file as it was.
    /// </summary>
    [Theory]
    [InlineData("add a plain model", "    - name: demand-eu\n")]
    [InlineData("add a model with its own criticalFor", "    - name: demand-eu\n      criticalFor: 2m\n")]
    [InlineData("add a model with its own warningFor", "    - name: demand-eu\n      warningFor: 45m\n")]
    [InlineData("add a model with its own thresholds", "    - name: demand-eu\n      maeCritical: 0.9\n      maeWarning: 0.8\n")]
    public void A_catalogue_change_leaves_every_existing_alert_rule_with_its_name_and_labels(string change, string model)
    {
        var before = Rules(string.Empty);
        var after = Rules(model);

        var lost = before.Except(after).ToList();
        Assert.True(lost.Count == 0, $"{change}: the rules {string.Join("; ", lost)} changed name or labels");
    }

    [Fact]
    public void Re_thresholding_re_versioning_renaming_and_removing_a_model_keep_every_rule_that_still_has_models()
    {
        var before = Identities(Stack(Models("churn", "v3", "0.40")));

        Assert.Equal(before, Identities(Stack(Models("churn", "v3", "0.55"))));
        Assert.Equal(before, Identities(Stack(Models("churn", "v4", "0.40"))));
        Assert.Equal(before, Identities(Stack(Models("churn-v2", "v3", "0.40"))));
        Assert.Equal(before, Identities(Stack("  mlops-alerting:models:\n    - name: california-housing\n      criticalFor: 2m\n")));
    }

    private static string Models(string name, string version, string critical) => $"""
          mlops-alerting:models:
            - name: california-housing
              criticalFor: 2m
            - name: {name}
              version: {version}
              maeCritical: {critical}

        """;

    private static List<string> Rules(string extraModel) => Identities(Stack($"""
          mlops-alerting:models:
            - name: california-housing
              version: v1.0
            - name: fraud-detector
              criticalFor: 2m

        """ + extraModel));

    private static StackSettings Stack(string models) => SharedStacks.Bind("prod", "  mlops-alerting:namespace: monitoring\n" + models);

    private static List<string> Identities(StackSettings settings) =>
        [.. StackRules.Render(settings).Groups.SelectMany(g => g.Rules).Where(r => r.Alert is not null)
            .Select(r => r.Alert + "{" + string.Join(",", r.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}")
            .Order(StringComparer.Ordinal)];
}
