using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// <c>ModelNotListed</c> (with <c>rules.unlistedModels</c> alert or both): a model that has reported MAE for
/// <c>rules.missingFor</c> without being in the stack's <c>models</c>, one alert per model name. The wait lets a team
/// ship a model and add it to the stack in the same change without a message.
/// </summary>
internal static class UnlistedModelRule
{
    public const string AlertName = "ModelNotListed";

    public static (PrometheusAlertingRule Rule, RuleSummary Summary) For(StackSettings settings)
    {
        var defaults = ModelDefaults.Get();
        var metric = settings.Rules.Metric;
        var wait = settings.Rules.MissingFor;
        var watched = settings.Rules.UnlistedModels.Watches()
            ? $"it is watched with the default thresholds (critical above {ModelAlertRules.Threshold(defaults.MaeCritical)} for {defaults.CriticalFor.Text}, warning above {ModelAlertRules.Threshold(defaults.MaeWarning)} for {defaults.WarningFor.Text})"
            : "no rule watches its accuracy";
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{ModelAlertRules.ModelTemplate} is not in the stack's models",
            ["description"] = $"Model {ModelAlertRules.ModelTemplate} has reported {metric} for {wait.Text}, but Pulumi.{settings.Stack}.yaml does not list it under models, so {watched}. Add it to models with its version and thresholds.",
        };
        if (ModelAlertRules.RunbookUrl(settings.Slack, AlertName) is { } runbook)
        {
            annotations["runbook_url"] = Rendering.GoTemplateText.Escape(runbook);
        }

        var labels = new Dictionary<string, string> { ["severity"] = ModelAlertRules.Warning };
        var expr = $"count by(model_name) ({settings.Rules.Series()} unless on(model_name) {StackIdentity.Own(ModelAlertRules.CatalogueRecord, settings)})";
        var rule = new PrometheusAlertingRule(AlertName, expr, wait.Text, labels, annotations);
        return (rule, new RuleSummary(AlertName, ModelAlertRules.Warning, "models the stack does not list", expr, wait.Text));
    }
}
