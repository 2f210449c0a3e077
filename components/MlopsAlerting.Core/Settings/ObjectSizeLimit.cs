using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Keeps every object a stack applies within what Kubernetes stores: the Alertmanager configuration's ConfigMap and
/// the rule ConfigMap hold at most 1 MiB of data, the webhook Secret 1 MiB, and a PrometheusRule (a custom resource)
/// must pass etcd's 1.5 MiB object limit. Checked by the binder, so the review and <c>pulumi up</c> refuse the same
/// stack, before anything is applied, naming the object, its size and the fix.
/// </summary>
public static class ObjectSizeLimit
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Every object with rendered data the stack applies, with its size and limit.</summary>
    public static IReadOnlyList<RenderedObjectSize> Sizes(StackSettings settings) => Sizes(settings, StackRules.Render(settings));

    /// <summary>Every object with rendered data the stack applies, with its size and limit, for rules already rendered.</summary>
    public static IReadOnlyList<RenderedObjectSize> Sizes(StackSettings settings, RenderedRules rules)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rules);
        var ns = settings.Namespace;
        var configMap = $"{AlertmanagerLimits.ConfigMapMaxBytes / 1024 / 1024} MiB a Kubernetes ConfigMap holds";
        var files = AlertmanagerConfigRenderer.Render(settings).Files;
        var sizes = new List<RenderedObjectSize>
        {
            new("ConfigMap", $"{ns}/{WorkloadNames.ConfigMapPrefix}<suffix>", files.Sum(f => Encoding.UTF8.GetByteCount(f.Key) + Encoding.UTF8.GetByteCount(f.Value)), AlertmanagerLimits.ConfigMapMaxBytes, configMap),
        };

        if (settings.Models.Count > 0)
        {
            sizes.Add(settings.Rules.Target == RuleTarget.PrometheusRule
                ? new("PrometheusRule", $"{ns}/{WorkloadNames.Rules}", PrometheusRuleBytes(settings, rules), AlertmanagerLimits.EtcdObjectMaxBytes, "1.5 MiB etcd stores of one object")
                : new("ConfigMap", $"{ns}/{WorkloadNames.Rules}", Encoding.UTF8.GetByteCount(rules.FileName) + Encoding.UTF8.GetByteCount(rules.Yaml), AlertmanagerLimits.ConfigMapMaxBytes, configMap));
        }

        // A webhook is at most one value long; an encrypted or pending one's length is unknown here, so it counts at that bound.
        var webhooks = settings.SlackWebhooks.ByRole.Sum(w => w.Key.Key().Length + (w.Value.Value is { IsPending: false } v ? v.Reveal().Length : ReadLimits.MaxValueLength));
        sizes.Add(new("Secret", $"{ns}/{WorkloadNames.WebhookSecret}", webhooks, AlertmanagerLimits.SecretMaxBytes, $"{AlertmanagerLimits.SecretMaxBytes / 1024 / 1024} MiB a Kubernetes Secret holds"));
        return sizes;
    }

    public static IReadOnlyList<SettingsError> Check(StackSettings settings, StackConfig config, RenderedRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<SettingsError>();
        foreach (var size in Sizes(settings, rules ?? StackRules.Render(settings)).Where(s => s.TooLarge))
        {
            var problem = $"makes the {size.Kind} {size.Name} {Size(size.Bytes)}, more than the {size.Limit}";
            if (size.Name.EndsWith(WorkloadNames.Rules, StringComparison.Ordinal))
            {
                var perModel = size.Bytes / Math.Max(1, settings.Models.Count);
                errors.Add(new SettingsError(config.FileName, "models", $"{settings.Models.Count} models make the {size.Kind} {size.Name} {Size(size.Bytes)}, more than the {size.Limit} (about {perModel} bytes a model)",
                    $"watch at most {size.LimitBytes / Math.Max(1, perModel)} models in one stack, e.g. split them across stacks", MarkOf(config, "models")));
            }
            else if (size.Kind == "Secret")
            {
                errors.Add(new SettingsError(config.FileName, "slackWebhooks", problem, "set each webhook to its Slack URL only", MarkOf(config, "slackWebhooks")));
            }
            else
            {
                var key = Largest(config);
                errors.Add(new SettingsError(config.FileName, key, $"{problem} (the Alertmanager configuration)", $"shorten the values of `{key}`", MarkOf(config, key)));
            }
        }

        return errors;
    }

    // The PrometheusRule as the API server stores it: its spec as JSON, plus metadata (name, namespace, labels).
    private static long PrometheusRuleBytes(StackSettings settings, RenderedRules rules) =>
        Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new { groups = rules.Groups }, Json))
        + 256 + settings.Rules.Labels.Sum(l => l.Key.Length + l.Value.Length + 6);

    private static string Size(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private static SourceMark? MarkOf(StackConfig config, string key) =>
        config.KeyMarks is not null && config.KeyMarks.TryGetValue(key, out var mark) ? mark : null;

    /// <summary>The top-level key holding the most text, the likeliest cause.</summary>
    private static string Largest(StackConfig config) =>
        config.Values.Where(v => v.Key != "models").OrderByDescending(v => TextLength(v.Value)).Select(v => v.Key).FirstOrDefault() ?? "routing";

    private static long TextLength(ConfigNode node) => node switch
    {
        ScalarNode s => s.Value.Length,
        MapNode m => m.Entries.Sum(e => e.Key.Length + TextLength(e.Value)),
        ListNode l => l.Items.Sum(TextLength),
        _ => 0,
    };
}
