using System.Globalization;
using System.Runtime.CompilerServices;
using MlopsAlerting.Core.Settings;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The Prometheus rules that watch each model's MAE, sized by distinct waits rather than by models or thresholds. The
/// models are data (<see cref="ModelCatalogue"/>): a catalogue of one constant series per listed model and, from it,
/// each model's critical and warning threshold as a series. One <c>ModelPerformanceDegraded</c> rule per severity and
/// wait compares every MAE series with its model's threshold (<see cref="MaeAlertRules"/>); one
/// <c>ModelMetricsMissing</c> fires for a listed model with no MAE series or a NaN one (<see cref="MissingModelRule"/>);
/// <c>ModelNotListed</c> reports a model the stack does not list when <c>rules.unlistedModels</c> asks for it.
/// Annotations take the model from the alert's labels and its threshold from the threshold series.
/// </summary>
public static class ModelAlertRules
{
    /// <summary>Name of the rule file, also its key in the ConfigMap.</summary>
    public const string FileName = "model-alerts.rules.yml";

    /// <summary>The start of the model rule group's name.</summary>
    public const string GroupName = "mlops-model-alerts";

    /// <summary>
    /// The model rule group's name in a stack: <see cref="GroupName"/>, then the stack's identity
    /// (<c>mlops-model-alerts/monitoring/prod</c>), so that the self-alerts on rule failures find this stack's group in a
    /// Prometheus that loads several stacks' files.
    /// </summary>
    public static string GroupNameOf(StackSettings settings) => $"{GroupName}/{StackIdentity.Value(settings)}";

    /// <summary>The alert name of the critical and warning MAE rules.</summary>
    public const string AlertName = "ModelPerformanceDegraded";

    /// <summary>The alert name of the rule that fires when a model's MAE series is gone or NaN.</summary>
    public const string MissingAlertName = "ModelMetricsMissing";

    /// <summary>The alert name of the rule that reports a model the stack does not list.</summary>
    public const string UnlistedAlertName = UnlistedModelRule.AlertName;

    /// <summary>The series the rules keep per listed model: value 1, labels <c>model_name</c>, <c>model_version</c> (when set) and the threshold profiles.</summary>
    public const string CatalogueRecord = "mlops:model_mae:watched";

    /// <summary>Each listed model's critical threshold as a series (value: the threshold), labelled with its wait.</summary>
    public const string CriticalThresholdRecord = "mlops:model_mae:critical_threshold";

    /// <summary>Each listed model's warning threshold as a series (value: the threshold), labelled with its wait and the critical threshold.</summary>
    public const string WarningThresholdRecord = "mlops:model_mae:warning_threshold";

    /// <summary>Label of a catalogue series: the first and last model of its rule, so that no two catalogue rules look alike to promtool's duplicate lint.</summary>
    public const string ModelsLabel = "mlops_models";

    /// <summary>Label of a catalogue series: the model's critical threshold and wait, e.g. <c>0.40/5m</c>.</summary>
    public const string CriticalLabel = "mlops_critical";

    /// <summary>Label of a catalogue series: the model's warning threshold and wait and its critical threshold, e.g. <c>0.30/15m/0.40</c>.</summary>
    public const string WarningLabel = "mlops_warning";

    /// <summary>Label of a threshold series: the wait of the rule that reads it, e.g. <c>5m</c>.</summary>
    public const string ForLabel = "mlops_for";

    /// <summary>Label of a threshold series: the threshold as the stack writes it, e.g. <c>0.40</c>, for the messages.</summary>
    public const string ThresholdLabel = "mlops_threshold";

    /// <summary>Label of a warning threshold series: the model's critical threshold, for the warning's message.</summary>
    public const string CriticalAtLabel = "mlops_critical_at";

    /// <summary>Alert label set only where one severity has several waits (promtool's duplicate lint): the wait, e.g. <c>2m</c>.</summary>
    public const string WaitLabel = "mae_for";

    /// <summary>The helper label of a catalogue entry (reserved: no stored series has a label starting with <c>__</c>).</summary>
    public const string EntryLabel = "__m";

    /// <summary>The <c>severity</c> label of the rule that needs on-call now.</summary>
    public const string Critical = "critical";

    /// <summary>The <c>severity</c> label of the rule that reports a trend.</summary>
    public const string Warning = "warning";

    /// <summary>The alert's value as the annotations show it: two decimals.</summary>
    public const string ValueTemplate = "{{ $value | printf \"%.2f\" }}";

    /// <summary>The alert's model as the annotations show it.</summary>
    public const string ModelTemplate = "{{ $labels.model_name }}";

    /// <summary>The alert's model as a template argument.</summary>
    public const string ModelLabelTemplate = "$labels.model_name";

    // Model names a note lists before it counts the rest.
    private const int NamesInNotes = 10;

    // At least two decimals (0.4 reads 0.40), never fewer than the threshold has: 0.425 stays 0.425.
    private const string ThresholdFormat = "0.00##########################";

    // Quotes every string a YAML 1.1 or 1.2 reader would take for a number, boolean or null (threshold: "0.40",
    // a version such as 1.0 or on), so Prometheus and Kubernetes tooling read each label and annotation as text.
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .DisableAliases()
        .Build();

    // The binder's size check, the review and the program render the same settings object: once is enough for 10,000 models.
    private static readonly ConditionalWeakTable<StackSettings, RenderedRules> Rendered = [];

    /// <summary>Renders the rules of <paramref name="settings"/>' models; no models still watch unlisted ones (<c>rules.unlistedModels</c>).</summary>
    public static RenderedRules Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Rendered.GetValue(settings, RenderNew);
    }

    private static RenderedRules RenderNew(StackSettings settings)
    {
        var rules = new List<PrometheusAlertingRule>(ModelCatalogue.Records(settings));
        var summary = new List<RuleSummary>();
        var alerts = MaeAlertRules.For(settings).ToList();
        alerts.Add(MissingModelRule.For(settings));
        if (settings.Rules.UnlistedModels.Alerts())
        {
            alerts.Add(UnlistedModelRule.For(settings));
        }

        foreach (var (rule, line) in alerts)
        {
            rules.Add(rule);
            summary.Add(line);
        }

        IReadOnlyList<PrometheusRuleGroup> groups = [new PrometheusRuleGroup(GroupNameOf(settings), [.. rules.Select(r => StackIdentity.Labelled(r, settings))])];
        var yaml = new Lazy<string>(() => Header(settings) + Serializer.Serialize(new PrometheusRuleFile(groups)));
        return new RenderedRules(FileName, yaml, groups, summary, Notes(settings));
    }

    /// <summary>A rule file as Prometheus reads it, with the quoting and omissions every rendered rule file shares.</summary>
    internal static string Serialize(PrometheusRuleFile file) => Serializer.Serialize(file);

    /// <summary>Three comment lines that tell an SRE reading the file how the catalogue works; the file opens with them.</summary>
    public static string Header(StackSettings settings) =>
        $"# {CatalogueRecord}: one series (value 1) per model in Pulumi.{settings.Stack}.yaml, with its version and thresholds as labels ({CriticalLabel}: threshold/wait, {WarningLabel}: threshold/wait/critical).\n"
        + $"# {CriticalThresholdRecord} and {WarningThresholdRecord}: each model's threshold as its value, per wait (mlops_for).\n"
        + $"# {AlertName}: one rule per severity and wait compares every {settings.Rules.Metric} series with its model's threshold; a series keeps its own model_version.\n";

    /// <summary>
    /// The rule file for a review when the whole would be too long to read: the first catalogue rule (the others list
    /// further models the same way), the threshold rules and the first <paramref name="maxAlerts"/> alert rules.
    /// </summary>
    public static string Excerpt(RenderedRules rules, int maxAlerts)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var groups = rules.Groups.Select(g => g with
        {
            Rules =
            [
                .. g.Rules.Where(r => r.Record == CatalogueRecord).Take(1),
                .. g.Rules.Where(r => r.Record is not null && r.Record != CatalogueRecord),
                .. g.Rules.Where(r => r.Record is null).Take(maxAlerts),
            ],
        }).ToList();
        return Serializer.Serialize(new PrometheusRuleFile(groups));
    }

    /// <summary>A threshold as rules and messages write it: invariant culture, at least two decimals (<c>0.40</c>).</summary>
    public static string Threshold(decimal value) => value.ToString(ThresholdFormat, CultureInfo.InvariantCulture);

    /// <summary>The runbook of the alert, or null when the stack sets no <c>slack.runbookBaseUrl</c>.</summary>
    public static string? RunbookUrl(SlackSettings slack) => RunbookUrl(slack, AlertName);

    /// <summary>
    /// The runbook of <paramref name="alertName"/>: under <c>slack.runbookBaseUrl</c> when the stack sets it, else this
    /// project's page for the alert (<c>docs/runbooks/&lt;AlertName&gt;.md</c> under <c>docsUrl</c>); null when neither is known.
    /// </summary>
    public static string? RunbookUrl(SlackSettings slack, string alertName)
    {
        ArgumentNullException.ThrowIfNull(slack);
        return slack.RunbookBaseUrl is { } baseUrl ? $"{baseUrl.AbsoluteUri.TrimEnd('/')}/{alertName}"
            : slack.RunbookPages is { } pages ? $"{pages.AbsoluteUri.TrimEnd('/')}/{alertName}.md"
            : null;
    }

    /// <summary>The models of a rule for the review: the first few names and the count.</summary>
    internal static string ModelsText(IReadOnlyList<ModelSettings> models) =>
        models.Count <= 3 ? string.Join(", ", models.Select(m => m.Name)) : $"{models.Count} models ({string.Join(", ", models.Take(3).Select(m => m.Name))}, …)";

    private static List<string> Notes(StackSettings settings)
    {
        var notes = new List<string>();
        var defaults = ModelDefaults.Get();
        var unlisted = settings.Rules.UnlistedModels switch
        {
            UnlistedModels.Watch => $"Models the stack does not list are watched with the default thresholds (critical above {Threshold(defaults.MaeCritical)} for {defaults.CriticalFor.Text}, warning above {Threshold(defaults.MaeWarning)} for {defaults.WarningFor.Text}); their messages say they are not listed (`rules.unlistedModels: watch`).",
            UnlistedModels.Alert => $"Models the stack does not list are not watched; {UnlistedAlertName} (warning) names each one after it has reported for {settings.Rules.MissingFor.Text} (`rules.unlistedModels: alert`).",
            UnlistedModels.Both => $"Models the stack does not list are watched with the default thresholds, and {UnlistedAlertName} (warning) names each one after it has reported for {settings.Rules.MissingFor.Text} (`rules.unlistedModels: both`).",
            _ => "Models the stack does not list are ignored: no rule watches them (`rules.unlistedModels: ignore`).",
        };
        if (settings.Models.Count == 0)
        {
            notes.Add(settings.Rules.UnlistedModels.Watches()
                ? $"No models are listed (`models` is empty), so every model reporting {settings.Rules.Metric} gets the default thresholds; list models to give them their own."
                : $"No models are listed (`models` is empty) and `rules.unlistedModels` is {settings.Rules.UnlistedModels.Key()}, so no MAE alert can fire; add a model to `models` to watch it.");
            notes.Add(unlisted);
            return notes;
        }

        if (settings.Slack.RunbookBaseUrl is null && settings.Slack.RunbookPages is null)
        {
            notes.Add("Neither `slack.runbookBaseUrl` nor `docsUrl` is set and the repository's git remote `origin` names no known host, so the rules carry no runbook_url annotation; set `docsUrl` to where this repository's docs/ folder is browsable.");
        }

        notes.Add(unlisted);
        notes.Add("A series' own `model_version` label wins: each version of a model (a canary, a shadow, an A/B test) alerts on its own. The stack's `version` labels only series that carry none.");
        var unversioned = settings.Models.Where(m => string.IsNullOrWhiteSpace(m.Version)).Select(m => m.Name).ToList();
        if (unversioned.Count > 0)
        {
            var names = unversioned.Count <= NamesInNotes ? string.Join(", ", unversioned) : $"{unversioned.Count} models ({string.Join(", ", unversioned.Take(NamesInNotes))}, …)";
            notes.Add($"No version is set for {names}, so their alerts carry a model_version label only where their series has one.");
        }

        return notes;
    }
}
