using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The <c>ModelPerformanceDegraded</c> rules: one per severity and distinct wait (<c>for:</c>), whatever the number of
/// models or thresholds. Each compares every MAE series with its model's threshold series, matched on
/// <c>model_name</c> only (<c>group_left()</c> on the left, the thresholds reduced to one series per model with
/// <c>min by(model_name)</c>), so no series a model reports can make the expression fail for the others: several
/// versions, several exporters, a catalogue series that lingers after a change. A series keeps its own
/// <c>model_version</c>; a series without one takes the catalogue's (<c>topk by(model_name) (1, …)</c>: again one
/// series per model). Models the stack does not list are compared with the default thresholds when
/// <c>rules.unlistedModels</c> says so. NaN is never above a threshold; <c>ModelMetricsMissing</c> reports it.
/// </summary>
internal static class MaeAlertRules
{
    private const string CriticalAdvice = "Its predictions are now too inaccurate to trust. Check the latest input data and the most recent deployment, then roll back to the last good model version or retrain.";

    private const string WarningAdvice = "Look for data drift or upstream data changes and plan retraining before it turns critical.";

    /// <summary>The critical rules, then the warning rules, with one review line each.</summary>
    public static IEnumerable<(PrometheusAlertingRule Rule, RuleSummary Summary)> For(StackSettings settings)
    {
        var defaults = ModelDefaults.Get();
        var watchUnlisted = settings.Rules.UnlistedModels.Watches();
        foreach (var severity in new[] { ModelAlertRules.Critical, ModelAlertRules.Warning })
        {
            var critical = severity == ModelAlertRules.Critical;
            var defaultWait = critical ? defaults.CriticalFor : defaults.WarningFor;
            var waits = settings.Models.GroupBy(m => (critical ? m.CriticalFor : m.WarningFor).Text)
                .Select(g => (Wait: g.Key, Models: g.ToList()))
                .ToList();
            if (watchUnlisted && waits.All(w => w.Wait != defaultWait.Text))
            {
                waits.Add((defaultWait.Text, []));
            }

            foreach (var (wait, models) in waits)
            {
                var unlisted = watchUnlisted && wait == defaultWait.Text;
                yield return Rule(settings, severity, wait, models, unlisted, defaults);
            }
        }
    }

    private static (PrometheusAlertingRule, RuleSummary) Rule(StackSettings settings, string severity, string wait, IReadOnlyList<ModelSettings> models, bool unlisted, ModelDefaults defaults)
    {
        var critical = severity == ModelAlertRules.Critical;
        var rules = settings.Rules;
        var own = StackIdentity.Matcher(settings);
        var catalogue = StackIdentity.Own(ModelAlertRules.CatalogueRecord, settings);
        var record = critical ? ModelAlertRules.CriticalThresholdRecord : ModelAlertRules.WarningThresholdRecord;
        var thresholds = $"min by(model_name) ({StackIdentity.Own(record, settings, $"{ModelAlertRules.ForLabel}=\"{wait}\"")})";
        var branches = new List<string>();
        if (models.Count > 0)
        {
            branches.Add($"({rules.Series("model_version!=\"\"")} > on(model_name) group_left() {thresholds})");
            branches.Add($"(({rules.Series("model_version=\"\"")} > on(model_name) group_left() {thresholds}) * on(model_name) group_left(model_version) topk by(model_name) (1, {catalogue}))");
        }

        var defaultThreshold = ModelAlertRules.Threshold(critical ? defaults.MaeCritical : defaults.MaeWarning);
        if (unlisted)
        {
            branches.Add($"(({rules.Series()} unless on(model_name) {catalogue}) > {defaultThreshold})");
        }

        var expr = string.Join(" or ", branches);

        // Every rule carries its wait, whether or not the severity has other waits today: Prometheus carries a rule's
        // pending and firing alerts over a reload (and restores them after a restart) by the rule's name and labels, so a
        // label that appeared only once a second wait exists would reset every firing alert of the severity the day a
        // model with its own criticalFor or warningFor is added. (It also keeps promtool's duplicate-rule lint quiet.)
        var labels = new Dictionary<string, string> { ["severity"] = severity, [ModelAlertRules.WaitLabel] = wait };

        // The threshold the expression compared with: the lowest of the model's threshold series (several only while an
        // old one lingers after a change), with its labels, so the message shows the threshold as the stack writes it.
        var lookup = $"{{{{ with printf `bottomk(1, {record}{{{own},model_name=%q,{ModelAlertRules.ForLabel}=\"{wait}\"}})` {ModelAlertRules.ModelLabelTemplate} | query }}}}";
        var threshold = $"{lookup}{{{{ . | first | label \"{ModelAlertRules.ThresholdLabel}\" }}}}{{{{ else }}}}{defaultThreshold}{{{{ end }}}}";
        var notListed = $"the stack does not list this model, so it gets the default thresholds; add it to models in Pulumi.{settings.Stack}.yaml";
        var description = critical
            ? $"Model {ModelAlertRules.ModelTemplate} MAE is {ModelAlertRules.ValueTemplate}, above the critical threshold {lookup}{{{{ . | first | label \"{ModelAlertRules.ThresholdLabel}\" }}}}{{{{ else }}}}{defaultThreshold} ({notListed}){{{{ end }}}} for {wait}. {CriticalAdvice}"
            : $"Model {ModelAlertRules.ModelTemplate} MAE is {ModelAlertRules.ValueTemplate}, above the warning threshold {lookup}{{{{ . | first | label \"{ModelAlertRules.ThresholdLabel}\" }}}} for {wait}. Accuracy is degrading (critical at {{{{ . | first | label \"{ModelAlertRules.CriticalAtLabel}\" }}}}){{{{ else }}}}{defaultThreshold} for {wait}. Accuracy is degrading (critical at {ModelAlertRules.Threshold(defaults.MaeCritical)}; {notListed}){{{{ end }}}}. {WarningAdvice}";
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{ModelAlertRules.ModelTemplate} MAE above {threshold}",
            ["description"] = description,
        };
        if (ModelAlertRules.RunbookUrl(settings.Slack) is { } runbook)
        {
            annotations["runbook_url"] = GoTemplateText.Escape(runbook);
        }

        annotations["mae_score"] = ModelAlertRules.ValueTemplate;
        annotations["threshold"] = threshold;

        var rule = new PrometheusAlertingRule(ModelAlertRules.AlertName, expr, wait, labels, annotations);
        var who = models.Count == 0 ? "models the stack does not list" : ModelAlertRules.ModelsText(models) + (unlisted ? ", and models the stack does not list" : string.Empty);
        return (rule, new RuleSummary(ModelAlertRules.AlertName, severity, who, expr, wait));
    }
}
