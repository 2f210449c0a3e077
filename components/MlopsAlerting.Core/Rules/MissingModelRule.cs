using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// <c>ModelMetricsMissing</c>: a listed model with no MAE series at all (<c>unless on(model_name)</c> keeps the
/// catalogue series no MAE series matches, exactly what <c>absent()</c> of the model's selector would, so a model that
/// never reported fires too), or a MAE series whose value is NaN (<c>x != x</c> holds only for NaN: an evaluation job
/// that divided by zero would otherwise look healthy, since NaN is never above a threshold). A failed scrape, a
/// removed target or a series the exporter stops writing all turn the series stale at once; the <c>for:</c> rides out
/// a restart. The catalogue branch keeps the catalogue's <c>model_name</c> and <c>model_version</c>, the NaN branch
/// the series' own labels, so both route and inhibit like the MAE alerts.
/// </summary>
internal static class MissingModelRule
{
    public static (PrometheusAlertingRule Rule, RuleSummary Summary) For(StackSettings settings)
    {
        var metric = settings.Rules.Metric;
        var series = settings.Rules.Series();
        var catalogue = StackIdentity.Own(ModelAlertRules.CatalogueRecord, settings);
        var wait = settings.Rules.MissingFor;
        var labels = new Dictionary<string, string> { ["severity"] = settings.Rules.MissingSeverity };
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{ModelAlertRules.ModelTemplate} reports no MAE",
            ["description"] = $"Model {ModelAlertRules.ModelTemplate} has reported no {metric}, or only NaN (not a number: the job computing it divided by zero or had no data), for {wait.Text}, so its accuracy is not watched. Check that the model and its metrics exporter run, that the MAE job has data, and that Prometheus scrapes them (Status > Targets).",
        };
        if (ModelAlertRules.RunbookUrl(settings.Slack, ModelAlertRules.MissingAlertName) is { } runbook)
        {
            annotations["runbook_url"] = Rendering.GoTemplateText.Escape(runbook);
        }

        var nan = $"({series} != {series})";
        if (settings.Rules.UnlistedModels == UnlistedModels.Ignore)
        {
            nan = $"({nan} and on(model_name) {catalogue})";
        }

        var expr = $"(max without({ModelCatalogue.HelperLabels}) ({catalogue}) unless on(model_name) {series}) or {nan}";
        var rule = new PrometheusAlertingRule(ModelAlertRules.MissingAlertName, expr, wait.Text, labels, annotations);
        var who = settings.Models.Count == 0 ? "any model reporting NaN" : ModelAlertRules.ModelsText(settings.Models);
        return (rule, new RuleSummary(ModelAlertRules.MissingAlertName, settings.Rules.MissingSeverity, who, expr, wait.Text));
    }
}
