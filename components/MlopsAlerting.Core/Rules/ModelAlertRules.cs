using System.Globalization;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The Prometheus alerting rules that watch each model's MAE: per model a critical and a warning
/// <c>ModelPerformanceDegraded</c> rule and a <c>ModelMetricsMissing</c> rule (the model reports no MAE,
/// so it must not look healthy), with the labels Alertmanager routes on and the annotations the Slack
/// templates show.
/// </summary>
public static class ModelAlertRules
{
    /// <summary>Name of the rule file, also its key in the ConfigMap.</summary>
    public const string FileName = "model-alerts.rules.yml";

    /// <summary>The one rule group.</summary>
    public const string GroupName = "mlops-model-alerts";

    /// <summary>The alert name of both rules of a model.</summary>
    public const string AlertName = "ModelPerformanceDegraded";

    /// <summary>The alert name of the rule that fires when a model's MAE series is gone.</summary>
    public const string MissingAlertName = "ModelMetricsMissing";

    /// <summary>Rules per model: critical, warning and missing.</summary>
    public const int RulesPerModel = 3;

    /// <summary>The <c>severity</c> label of the rule that needs on-call now.</summary>
    public const string Critical = "critical";

    /// <summary>The <c>severity</c> label of the rule that reports a trend.</summary>
    public const string Warning = "warning";

    /// <summary>The alert's value as the annotations show it: two decimals.</summary>
    public const string ValueTemplate = "{{ $value | printf \"%.2f\" }}";

    // At least two decimals (0.4 reads 0.40), never fewer than the threshold has: 0.425 stays 0.425.
    private const string ThresholdFormat = "0.00##########################";

    // Quotes every string a YAML 1.1 or 1.2 reader would take for a number, boolean or null (threshold: "0.40",
    // a version such as 1.0 or on), so Prometheus and Kubernetes tooling read each label and annotation as text.
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .DisableAliases()
        .Build();

    /// <summary>Renders the rules of <paramref name="settings"/>' models; no models give a valid file with an empty group.</summary>
    public static RenderedRules Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var rules = new List<PrometheusAlertingRule>();
        foreach (var model in settings.Models)
        {
            rules.Add(Rule(settings, model, Critical, model.MaeCritical, model.CriticalFor,
                "Its predictions are now too inaccurate to trust. Check the latest input data and the most recent deployment, then roll back to the last good model version or retrain."));
            rules.Add(Rule(settings, model, Warning, model.MaeWarning, model.WarningFor,
                $"Accuracy is degrading (critical at {Threshold(model.MaeCritical)}). Look for data drift or upstream data changes and plan retraining before it turns critical."));
            rules.Add(MissingRule(settings, model));
        }

        IReadOnlyList<PrometheusRuleGroup> groups = [new PrometheusRuleGroup(GroupName, rules)];
        var yaml = Serializer.Serialize(new PrometheusRuleFile(groups));
        var summary = rules.Select(r => new RuleSummary(r.Alert, r.Labels["severity"], r.Labels["model_name"], r.Expr, r.For)).ToList();
        return new RenderedRules(FileName, yaml, groups, summary, Notes(settings));
    }

    /// <summary>A threshold as rules and messages write it: invariant culture, at least two decimals (<c>0.40</c>).</summary>
    public static string Threshold(decimal value) => value.ToString(ThresholdFormat, CultureInfo.InvariantCulture);

    /// <summary>The runbook of the alert, or null when the stack sets no <c>slack.runbookBaseUrl</c>.</summary>
    public static string? RunbookUrl(SlackSettings slack) => RunbookUrl(slack, AlertName);

    /// <summary>The runbook of <paramref name="alertName"/>, or null when the stack sets no <c>slack.runbookBaseUrl</c>.</summary>
    public static string? RunbookUrl(SlackSettings slack, string alertName)
    {
        ArgumentNullException.ThrowIfNull(slack);
        return slack.RunbookBaseUrl is { } baseUrl ? $"{baseUrl.AbsoluteUri.TrimEnd('/')}/{alertName}" : null;
    }

    /// <summary>
    /// Fires when the model has reported no MAE series for <c>rules.missingFor</c>. A failed scrape, a
    /// removed target or a series the exporter stops writing all turn the series stale at once, so
    /// <c>absent()</c> sees it; the <c>for:</c> rides out a restart. <c>absent()</c> keeps the
    /// <c>model_name</c> of its selector, so the alert routes and inhibits like the MAE alerts.
    /// </summary>
    private static PrometheusAlertingRule MissingRule(StackSettings settings, ModelSettings model)
    {
        var wait = settings.Rules.MissingFor;
        var labels = ModelLabels(model, settings.Rules.MissingSeverity);
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{model.Name} reports no MAE",
            ["description"] = $"Model {model.Name} has reported no {settings.Rules.Metric} for {wait.Text}, so its accuracy is not watched. Check that the model and its metrics exporter run and that Prometheus scrapes them (Status > Targets).",
        };
        if (RunbookUrl(settings.Slack, MissingAlertName) is { } runbook)
        {
            annotations["runbook_url"] = runbook;
        }

        var expr = $"absent({settings.Rules.Metric}{{model_name=\"{model.Name}\"}})";
        return new PrometheusAlertingRule(MissingAlertName, expr, wait.Text, labels, annotations);
    }

    private static Dictionary<string, string> ModelLabels(ModelSettings model, string severity)
    {
        var labels = new Dictionary<string, string>
        {
            ["severity"] = severity,
            ["model_name"] = model.Name,
        };
        if (!string.IsNullOrWhiteSpace(model.Version))
        {
            labels["model_version"] = GoTemplateText.Escape(model.Version); // Prometheus expands templates in rule labels.
        }

        return labels;
    }

    private static PrometheusAlertingRule Rule(StackSettings settings, ModelSettings model, string severity, decimal threshold, AlertmanagerDuration wait, string advice)
    {
        var limit = Threshold(threshold);
        var labels = ModelLabels(model, severity);

        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{model.Name} MAE above {limit}",
            ["description"] = $"Model {model.Name} MAE is {ValueTemplate}, above the {severity} threshold {limit} for {wait.Text}. {advice}",
        };
        if (RunbookUrl(settings.Slack) is { } runbook)
        {
            annotations["runbook_url"] = GoTemplateText.Escape(runbook);
        }

        annotations["mae_score"] = ValueTemplate;
        annotations["threshold"] = limit;

        var expr = $"{settings.Rules.Metric}{{model_name=\"{model.Name}\"}} > {limit}";
        return new PrometheusAlertingRule(AlertName, expr, wait.Text, labels, annotations);
    }

    private static List<string> Notes(StackSettings settings)
    {
        var notes = new List<string>();
        if (settings.Models.Count == 0)
        {
            notes.Add($"No models are configured (`models` is empty), so {FileName} has an empty rule group and no alert can fire; add a model to `models` to watch it.");
            return notes;
        }

        if (settings.Slack.RunbookBaseUrl is null)
        {
            notes.Add("`slack.runbookBaseUrl` is not set, so the rules carry no runbook_url annotation.");
        }

        var unversioned = settings.Models.Where(m => string.IsNullOrWhiteSpace(m.Version)).Select(m => m.Name).ToList();
        if (unversioned.Count > 0)
        {
            notes.Add($"No version is set for {string.Join(", ", unversioned)}, so their alerts carry no model_version label.");
        }

        return notes;
    }
}
