using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The models of a stack as Prometheus data. <see cref="ModelAlertRules.CatalogueRecord"/> holds one constant series
/// (value 1) per listed model: <c>model_name</c>, its <c>model_version</c> when set, and its threshold profiles as
/// labels. <see cref="ModelAlertRules.CriticalThresholdRecord"/> and <see cref="ModelAlertRules.WarningThresholdRecord"/>
/// turn each profile into one series per model whose value is the model's threshold, labelled with its wait
/// (<c>mlops_for</c>) and the threshold as written (<c>mlops_threshold</c>). Thresholds are data, not rules: changing
/// one, adding or removing a model leaves the alert rules as they were, so Prometheus keeps their pending and firing
/// state across a reload.
/// </summary>
internal static class ModelCatalogue
{
    // A version shared by at least this many models of a threshold group is a label of their catalogue rules.
    private const int SharedVersionModels = 10;

    // A catalogue rule lists at most this many models: `or` copies its left side, so one long chain costs n² per evaluation.
    private const int CatalogueChunk = 100;

    /// <summary>Labels of the catalogue series that are not the model's own; dropped wherever the catalogue is read.</summary>
    public static string HelperLabels => $"{ModelAlertRules.CriticalLabel}, {ModelAlertRules.WarningLabel}, {ModelAlertRules.ModelsLabel}";

    // The profiles are short: the catalogue repeats them once per 100 models, and a 10,000-model file must stay under
    // 256 KiB beside the self-alert group.

    /// <summary>The catalogue's critical label of a model: threshold/wait, e.g. <c>0.40/5m</c>.</summary>
    public static string CriticalProfile(ModelSettings model) => $"{ModelAlertRules.Threshold(model.MaeCritical)}/{model.CriticalFor.Text}";

    /// <summary>The catalogue's warning label of a model: threshold/wait/critical threshold, e.g. <c>0.30/15m/0.40</c> (the warning's message names the critical threshold).</summary>
    public static string WarningProfile(ModelSettings model) => $"{ModelAlertRules.Threshold(model.MaeWarning)}/{model.WarningFor.Text}/{ModelAlertRules.Threshold(model.MaeCritical)}";

    /// <summary>Every catalogue rule, then one threshold rule per distinct critical and warning profile; a threshold reads only its own stack's catalogue (<see cref="StackIdentity.Own"/>).</summary>
    public static IEnumerable<PrometheusAlertingRule> Records(StackSettings settings)
    {
        var models = settings.Models;
        foreach (var profile in models.GroupBy(m => (Critical: CriticalProfile(m), Warning: WarningProfile(m))))
        {
            foreach (var rule in CatalogueRules(profile.Key.Critical, profile.Key.Warning, [.. profile]))
            {
                yield return rule;
            }
        }

        foreach (var model in models.GroupBy(CriticalProfile).Select(g => g.First()))
        {
            var threshold = ModelAlertRules.Threshold(model.MaeCritical);
            var labels = new Dictionary<string, string> { [ModelAlertRules.ForLabel] = model.CriticalFor.Text, [ModelAlertRules.ThresholdLabel] = threshold };
            yield return Record(ModelAlertRules.CriticalThresholdRecord, $"{threshold} * max without({HelperLabels}) ({StackIdentity.Own(ModelAlertRules.CatalogueRecord, settings, $"{ModelAlertRules.CriticalLabel}=\"{CriticalProfile(model)}\"")})", labels);
        }

        foreach (var model in models.GroupBy(WarningProfile).Select(g => g.First()))
        {
            var threshold = ModelAlertRules.Threshold(model.MaeWarning);
            var labels = new Dictionary<string, string>
            {
                [ModelAlertRules.ForLabel] = model.WarningFor.Text,
                [ModelAlertRules.ThresholdLabel] = threshold,
                [ModelAlertRules.CriticalAtLabel] = ModelAlertRules.Threshold(model.MaeCritical),
            };
            yield return Record(ModelAlertRules.WarningThresholdRecord, $"{threshold} * max without({HelperLabels}) ({StackIdentity.Own(ModelAlertRules.CatalogueRecord, settings, $"{ModelAlertRules.WarningLabel}=\"{WarningProfile(model)}\"")})", labels);
        }
    }

    private static PrometheusAlertingRule Record(string name, string expr, Dictionary<string, string> labels) =>
        new(null, expr, null, labels, new Dictionary<string, string>(), name);

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
            var labels = new Dictionary<string, string> { [ModelAlertRules.CriticalLabel] = critical, [ModelAlertRules.WarningLabel] = warning };
            if (group.Key is { } version)
            {
                labels["model_version"] = version;
            }

            foreach (var chunk in group.OrderBy(m => m.Name, StringComparer.Ordinal).Chunk(CatalogueChunk))
            {
                yield return Record(ModelAlertRules.CatalogueRecord, CatalogueExpr(chunk, withVersion: false), WithModels(labels, chunk));
            }
        }

        foreach (var chunk in inline.OrderBy(m => m.Name, StringComparer.Ordinal).Chunk(CatalogueChunk))
        {
            var labels = new Dictionary<string, string> { [ModelAlertRules.CriticalLabel] = critical, [ModelAlertRules.WarningLabel] = warning };
            yield return Record(ModelAlertRules.CatalogueRecord, CatalogueExpr(chunk, withVersion: true), WithModels(labels, chunk));
        }
    }

    private static Dictionary<string, string> WithModels(Dictionary<string, string> labels, IReadOnlyList<ModelSettings> chunk) =>
        new(labels) { [ModelAlertRules.ModelsLabel] = chunk.Count == 1 ? chunk[0].Name : $"{chunk[0].Name} to {chunk[^1].Name}" };

    /// <summary>
    /// One constant series per model: <c>absent()</c> of a selector on a label no stored series has (names starting
    /// with <c>__</c> are reserved) is that label set, value 1. The names' common prefix is written once:
    /// <c>label_replace</c> puts it before each entry's rest to make <c>model_name</c>, and the helper label is dropped.
    /// </summary>
    private static string CatalogueExpr(IReadOnlyList<ModelSettings> models, bool withVersion)
    {
        var prefix = CommonPrefix(models.Select(m => m.Name).ToList());
        // `)or absent(`: PromQL needs no space after a closing parenthesis, and 10,000 entries save 10,000 bytes of a file
        // that must stay under 256 KiB.
        var entries = string.Join("or ", models.Select(m => withVersion && !string.IsNullOrWhiteSpace(m.Version)
            ? $"absent({{{ModelAlertRules.EntryLabel}=\"{m.Name[prefix.Length..]}\",model_version=\"{PromQlString(m.Version)}\"}})"
            : $"absent({{{ModelAlertRules.EntryLabel}=\"{m.Name[prefix.Length..]}\"}})"));
        return $"max without({ModelAlertRules.EntryLabel}) (label_replace({entries}, \"model_name\", \"{prefix}$1\", \"{ModelAlertRules.EntryLabel}\", \"(.*)\"))";
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
}
