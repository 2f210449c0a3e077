using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The Prometheus rules that watch each model's MAE, sized by distinct thresholds rather than by models.
/// The models are data: a recording rule <see cref="CatalogueRecord"/> writes one constant series per configured
/// model (<c>model_name</c>, its <c>model_version</c> when set) labelled with the model's thresholds. Models that share
/// a threshold and wait share one critical and one warning <c>ModelPerformanceDegraded</c> rule, which joins the MAE
/// with the catalogue on <c>model_name</c>; one <c>ModelMetricsMissing</c> rule fires for every catalogued model with
/// no MAE series (also one that never reported). Annotations take the model from the alert's labels.
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

    /// <summary>Alerts per model: critical, warning and missing.</summary>
    public const int RulesPerModel = 3;

    /// <summary>The series the rules keep per configured model: value 1, labels <c>model_name</c>, <c>model_version</c> (when set) and the thresholds.</summary>
    public const string CatalogueRecord = "mlops:model_mae:watched";

    /// <summary>Label of a catalogue series: the first and last model of its rule, so that no two catalogue rules look alike to promtool's duplicate lint.</summary>
    public const string ModelsLabel = "mlops_models";

    /// <summary>Label of a catalogue series: the model's critical threshold and wait, e.g. <c>0.40 for 5m</c>.</summary>
    public const string CriticalLabel = "mlops_critical";

    /// <summary>Label of a catalogue series: the model's warning threshold and wait and its critical threshold, e.g. <c>0.30 for 15m, critical at 0.40</c>.</summary>
    public const string WarningLabel = "mlops_warning";

    /// <summary>The helper label of a catalogue entry (reserved: no stored series has a label starting with <c>__</c>).</summary>
    public const string EntryLabel = "__m";

    /// <summary>Rule label that keeps the shared MAE rules apart for promtool's lint; empty after expansion, so no alert carries it.</summary>
    public const string RuleKeyLabel = "mlops_rule";

    /// <summary>The <c>severity</c> label of the rule that needs on-call now.</summary>
    public const string Critical = "critical";

    /// <summary>The <c>severity</c> label of the rule that reports a trend.</summary>
    public const string Warning = "warning";

    /// <summary>The alert's value as the annotations show it: two decimals.</summary>
    public const string ValueTemplate = "{{ $value | printf \"%.2f\" }}";

    /// <summary>The alert's model as the annotations show it.</summary>
    public const string ModelTemplate = "{{ $labels.model_name }}";

    // Model names a note lists before it counts the rest.
    private const int NamesInNotes = 10;

    // A version shared by at least this many models of a threshold group is a label of their catalogue rules.
    private const int SharedVersionModels = 10;

    // A catalogue rule lists at most this many models: `or` copies its left side, so one long chain costs n² per evaluation.
    private const int CatalogueChunk = 100;

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

    /// <summary>Renders the rules of <paramref name="settings"/>' models; no models give a valid file with an empty group.</summary>
    public static RenderedRules Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Rendered.GetValue(settings, RenderNew);
    }

    private static RenderedRules RenderNew(StackSettings settings)
    {
        var rules = new List<PrometheusAlertingRule>();
        var summary = new List<RuleSummary>();
        foreach (var profile in settings.Models.GroupBy(m => (Critical: CriticalProfile(m), Warning: WarningProfile(m))))
        {
            rules.AddRange(CatalogueRules(profile.Key.Critical, profile.Key.Warning, [.. profile]));
        }

        foreach (var group in settings.Models.GroupBy(CriticalProfile))
        {
            var model = group.First();
            AddMae(rules, summary, settings, [.. group], Critical, model.MaeCritical, model.CriticalFor, CriticalLabel, CriticalProfile(model),
                "Its predictions are now too inaccurate to trust. Check the latest input data and the most recent deployment, then roll back to the last good model version or retrain.");
        }

        foreach (var group in settings.Models.GroupBy(WarningProfile))
        {
            var model = group.First();
            AddMae(rules, summary, settings, [.. group], Warning, model.MaeWarning, model.WarningFor, WarningLabel, WarningProfile(model),
                $"Accuracy is degrading (critical at {Threshold(model.MaeCritical)}). Look for data drift or upstream data changes and plan retraining before it turns critical.");
        }

        if (settings.Models.Count > 0)
        {
            var missing = MissingRule(settings);
            rules.Add(missing);
            summary.Add(new RuleSummary(MissingAlertName, settings.Rules.MissingSeverity, ModelsText(settings.Models), missing.Expr, missing.For!));
        }

        IReadOnlyList<PrometheusRuleGroup> groups = [new PrometheusRuleGroup(GroupName, rules)];
        var yaml = Serializer.Serialize(new PrometheusRuleFile(groups));
        return new RenderedRules(FileName, yaml, groups, summary, Notes(settings));
    }

    /// <summary>
    /// The rule file for a review when the whole would be too long to read: the first catalogue rule (the others list
    /// further models the same way) and the first <paramref name="maxAlerts"/> alert rules.
    /// </summary>
    public static string Excerpt(RenderedRules rules, int maxAlerts)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var groups = rules.Groups.Select(g => g with
        {
            Rules = [.. g.Rules.Where(r => r.Record is not null).Take(1), .. g.Rules.Where(r => r.Record is null).Take(maxAlerts)],
        }).ToList();
        return Serializer.Serialize(new PrometheusRuleFile(groups));
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
    /// Fires when a catalogued model has had no MAE series for <c>rules.missingFor</c>: <c>unless</c> keeps the
    /// catalogue series whose <c>model_name</c> no MAE series has, exactly what <c>absent()</c> of the model's selector
    /// returns, so a model that never reported fires too. A failed scrape, a removed target or a series the exporter
    /// stops writing all turn the series stale at once; the <c>for:</c> rides out a restart. The alert keeps the
    /// catalogue's <c>model_name</c> and <c>model_version</c>, so it routes and inhibits like the MAE alerts.
    /// </summary>
    private static PrometheusAlertingRule MissingRule(StackSettings settings)
    {
        var wait = settings.Rules.MissingFor;
        var labels = new Dictionary<string, string> { ["severity"] = settings.Rules.MissingSeverity };
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{ModelTemplate} reports no MAE",
            ["description"] = $"Model {ModelTemplate} has reported no {settings.Rules.Metric} for {wait.Text}, so its accuracy is not watched. Check that the model and its metrics exporter run and that Prometheus scrapes them (Status > Targets).",
        };
        if (RunbookUrl(settings.Slack, MissingAlertName) is { } runbook)
        {
            annotations["runbook_url"] = GoTemplateText.Escape(runbook);
        }

        var expr = $"max without({CriticalLabel}, {WarningLabel}, {ModelsLabel}) ({CatalogueRecord}) unless on(model_name) {settings.Rules.Metric}";
        return new PrometheusAlertingRule(MissingAlertName, expr, wait.Text, labels, annotations);
    }

    /// <summary>
    /// The critical or warning rule(s) of models sharing a threshold and wait: the MAE above the threshold, kept for the
    /// models whose catalogue series carries that threshold. Versioned models take <c>model_version</c> from the
    /// catalogue (<c>group_left</c>, value times 1); unversioned ones keep their series' labels untouched (<c>and</c>).
    /// </summary>
    private static void AddMae(List<PrometheusAlertingRule> rules, List<RuleSummary> summary, StackSettings settings, IReadOnlyList<ModelSettings> models,
        string severity, decimal threshold, AlertmanagerDuration wait, string profileLabel, string profile, string advice)
    {
        var limit = Threshold(threshold);
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{ModelTemplate} MAE above {limit}",
            ["description"] = $"Model {ModelTemplate} MAE is {ValueTemplate}, above the {severity} threshold {limit} for {wait.Text}. {advice}",
        };
        if (RunbookUrl(settings.Slack) is { } runbook)
        {
            annotations["runbook_url"] = GoTemplateText.Escape(runbook);
        }

        annotations["mae_score"] = ValueTemplate;
        annotations["threshold"] = limit;

        var selector = $"{CatalogueRecord}{{{profileLabel}=\"{profile}\"";
        var above = $"{settings.Rules.Metric} > {limit}";
        var versioned = models.Where(m => !string.IsNullOrWhiteSpace(m.Version)).ToList();
        if (versioned.Count > 0)
        {
            var expr = $"({above}) * on(model_name) group_left(model_version) {selector}, model_version!=\"\"}}";
            var labels = new Dictionary<string, string> { ["severity"] = severity, [RuleKeyLabel] = RuleKey($"{severity} above {limit} for {wait.Text}, versioned models") };
            rules.Add(new PrometheusAlertingRule(AlertName, expr, wait.Text, labels, annotations));
            summary.Add(new RuleSummary(AlertName, severity, ModelsText(versioned), expr, wait.Text));
        }

        if (versioned.Count < models.Count)
        {
            var expr = $"{above} and on(model_name) {selector}, model_version=\"\"}}";
            var labels = new Dictionary<string, string> { ["severity"] = severity, [RuleKeyLabel] = RuleKey($"{severity} above {limit} for {wait.Text}, unversioned models") };
            rules.Add(new PrometheusAlertingRule(AlertName, expr, wait.Text, labels, annotations));
            summary.Add(new RuleSummary(AlertName, severity, ModelsText([.. models.Where(m => string.IsNullOrWhiteSpace(m.Version))]), expr, wait.Text));
        }
    }

    /// <summary>
    /// A rule label that tells rules of the same alert and severity apart for <c>promtool check rules</c>' duplicate
    /// lint, and never reaches the alert: its value is a Go template comment, which expands to the empty string, and
    /// Prometheus drops a label whose value expands to nothing.
    /// </summary>
    private static string RuleKey(string text) => $"{{{{/* {text} */}}}}";

    /// <summary>
    /// The catalogue rules of models sharing thresholds, at most <see cref="CatalogueChunk"/> models each. A version
    /// shared by many models is a label of the rule (recording-rule labels are not templates, so it stays as written);
    /// a version of few models is an equality matcher of the model's entry, as PromQL string data.
    /// </summary>
    private static IEnumerable<PrometheusAlertingRule> CatalogueRules(string critical, string warning, IReadOnlyList<ModelSettings> models)
    {
        var byVersion = models.GroupBy(m => string.IsNullOrWhiteSpace(m.Version) ? null : m.Version).ToList();
        var shared = byVersion.Where(g => g.Key is null || g.Count() >= SharedVersionModels).ToList();
        var inline = byVersion.Except(shared).SelectMany(g => g).ToList();
        foreach (var group in shared)
        {
            var labels = new Dictionary<string, string> { [CriticalLabel] = critical, [WarningLabel] = warning };
            if (group.Key is { } version)
            {
                labels["model_version"] = version;
            }

            foreach (var chunk in group.OrderBy(m => m.Name, StringComparer.Ordinal).Chunk(CatalogueChunk))
            {
                yield return new PrometheusAlertingRule(null, CatalogueExpr(chunk, withVersion: false), null, WithModels(labels, chunk), new Dictionary<string, string>(), CatalogueRecord);
            }
        }

        foreach (var chunk in inline.OrderBy(m => m.Name, StringComparer.Ordinal).Chunk(CatalogueChunk))
        {
            var labels = new Dictionary<string, string> { [CriticalLabel] = critical, [WarningLabel] = warning };
            yield return new PrometheusAlertingRule(null, CatalogueExpr(chunk, withVersion: true), null, WithModels(labels, chunk), new Dictionary<string, string>(), CatalogueRecord);
        }
    }

    private static Dictionary<string, string> WithModels(Dictionary<string, string> labels, IReadOnlyList<ModelSettings> chunk) =>
        new(labels) { [ModelsLabel] = chunk.Count == 1 ? chunk[0].Name : $"{chunk[0].Name} to {chunk[^1].Name}" };

    /// <summary>
    /// One constant series per model: <c>absent()</c> of a selector on a label no stored series has (names starting
    /// with <c>__</c> are reserved) is that label set, value 1. The names' common prefix is written once:
    /// <c>label_replace</c> puts it before each entry's rest to make <c>model_name</c>, and the helper label is dropped.
    /// </summary>
    private static string CatalogueExpr(IReadOnlyList<ModelSettings> models, bool withVersion)
    {
        var prefix = CommonPrefix(models.Select(m => m.Name).ToList());
        var entries = string.Join(" or ", models.Select(m => withVersion && !string.IsNullOrWhiteSpace(m.Version)
            ? $"absent({{{EntryLabel}=\"{m.Name[prefix.Length..]}\",model_version=\"{PromQlString(m.Version)}\"}})"
            : $"absent({{{EntryLabel}=\"{m.Name[prefix.Length..]}\"}})"));
        return $"max without({EntryLabel}) (label_replace({entries}, \"model_name\", \"{prefix}$1\", \"{EntryLabel}\", \"(.*)\"))";
    }

    // The longest prefix all names share, kept short of the whole of any name so that no entry is empty.
    private static string CommonPrefix(IReadOnlyList<string> names)
    {
        if (names.Count < 2)
        {
            return string.Empty;
        }

        var prefix = names[0];
        foreach (var name in names)
        {
            var i = 0;
            while (i < prefix.Length && i < name.Length && prefix[i] == name[i])
            {
                i++;
            }

            prefix = prefix[..i];
        }

        return prefix.Length == names.Min(n => n.Length) ? prefix[..^1] : prefix;
    }

    /// <summary>The catalogue's critical label of a model, e.g. <c>0.40 for 5m</c>.</summary>
    private static string CriticalProfile(ModelSettings model) => $"{Threshold(model.MaeCritical)} for {model.CriticalFor.Text}";

    /// <summary>The catalogue's warning label of a model, e.g. <c>0.30 for 15m, critical at 0.40</c> (the warning's message names the critical threshold).</summary>
    private static string WarningProfile(ModelSettings model) => $"{Threshold(model.MaeWarning)} for {model.WarningFor.Text}, critical at {Threshold(model.MaeCritical)}";

    /// <summary>The models of a rule for the review: the first few names and the count.</summary>
    private static string ModelsText(IReadOnlyList<ModelSettings> models) =>
        models.Count <= 3 ? string.Join(", ", models.Select(m => m.Name)) : $"{models.Count} models ({string.Join(", ", models.Take(3).Select(m => m.Name))}, …)";

    /// <summary>Text inside a PromQL double-quoted string (Go escapes): the label value reads back as exactly <paramref name="text"/>.</summary>
    private static string PromQlString(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                '\r' => builder.Append(@"\r"),
                '\t' => builder.Append(@"\t"),
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
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
            var names = unversioned.Count <= NamesInNotes ? string.Join(", ", unversioned) : $"{unversioned.Count} models ({string.Join(", ", unversioned.Take(NamesInNotes))}, …)";
            notes.Add($"No version is set for {names}, so their alerts carry no model_version label.");
        }

        return notes;
    }
}
