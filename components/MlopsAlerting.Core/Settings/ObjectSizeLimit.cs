using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Keeps what a stack renders within what Kubernetes stores: the Alertmanager configuration and the
/// rule file each go into a ConfigMap, which holds at most 1 MiB of data (a PrometheusRule ends up
/// in the operator's ConfigMap too). Checked by the binder, so the review and <c>pulumi up</c> agree.
/// </summary>
internal static class ObjectSizeLimit
{
    public static IReadOnlyList<SettingsError> Check(StackSettings settings, StackConfig config)
    {
        var errors = new List<SettingsError>();
        var configBytes = AlertmanagerConfigRenderer.Render(settings).Files.Values.Sum(Encoding.UTF8.GetByteCount);
        if (configBytes > AlertmanagerLimits.ConfigMapMaxBytes)
        {
            var key = Largest(config);
            errors.Add(new SettingsError(config.FileName, key, $"makes the Alertmanager configuration {Size(configBytes)}, more than the 1 MiB a Kubernetes ConfigMap holds",
                $"shorten the values of `{key}`", MarkOf(config, key)));
        }

        var rulesBytes = Encoding.UTF8.GetByteCount(ModelAlertRules.Render(settings).Yaml);
        if (rulesBytes > AlertmanagerLimits.ConfigMapMaxBytes)
        {
            var perModel = rulesBytes / Math.Max(1, settings.Models.Count);
            errors.Add(new SettingsError(config.FileName, "models", $"{settings.Models.Count} models make the rule file {Size(rulesBytes)}, more than the 1 MiB a Kubernetes ConfigMap holds (about {perModel} bytes a model)",
                $"watch at most {AlertmanagerLimits.ConfigMapMaxBytes / Math.Max(1, perModel)} models in one stack, e.g. split them across stacks", MarkOf(config, "models")));
        }

        return errors;
    }

    private static string Size(int bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

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
