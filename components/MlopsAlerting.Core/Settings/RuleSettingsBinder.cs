using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>rules</c>: where the model rules go and how they treat missing and unlisted models.</summary>
internal static class RuleSettingsBinder
{
    public static RuleSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var targetText = ctx.String(map?["target"], "rules.target");
        RuleTarget? target = targetText switch
        {
            null => null,
            "configMap" => RuleTarget.ConfigMap,
            "prometheusRule" => RuleTarget.PrometheusRule,
            _ => ctx.Invalid<RuleTarget?>("rules.target", $"'{targetText}' is not a rule target", "write configMap (a rule file) or prometheusRule (the cluster runs the Prometheus operator)", map?["target"]),
        };

        var metric = ctx.String(map?["metric"], "rules.metric");
        if (metric is not null && !SettingsRules.MetricName().IsMatch(metric))
        {
            ctx.Error("rules.metric", $"'{metric}' is not a Prometheus metric name", "use letters, digits, '_' and ':', e.g. model_mae", map?["metric"]);
            metric = null;
        }

        var labels = ctx.StringMap(map?["labels"], "rules.labels");
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (!SettingsRules.KubernetesLabelKey().IsMatch(key) || key.Length > 316 || value.Length > 63 || !SettingsRules.KubernetesLabelValue().IsMatch(value))
            {
                ctx.Error($"rules.labels.{key}", $"'{key}: {value}' is not a Kubernetes label", "use a label the operator's ruleSelector matches, e.g. `release: prometheus` (letters, digits, '-', '_', '.'; an optional DNS prefix and '/')", map?["labels"]);
                labels = null;
            }
        }

        var missingFor = ctx.Duration(map?["missingFor"], "rules.missingFor");
        if (missingFor is { Value.Ticks: 0 })
        {
            ctx.Error("rules.missingFor", "is zero, so a model would count as missing between two scrapes", "set how long a model may report nothing, e.g. 10m", map?["missingFor"]);
            missingFor = null;
        }

        var missingSeverity = ctx.String(map?["missingSeverity"], "rules.missingSeverity");
        if (missingSeverity is not null && missingSeverity is not ("critical" or "warning" or "info"))
        {
            ctx.Error("rules.missingSeverity", $"'{missingSeverity}' is not a severity the channels route", "write critical (on-call), warning or info", map?["missingSeverity"]);
            missingSeverity = null;
        }

        var unlistedText = ctx.String(map?["unlistedModels"], "rules.unlistedModels");
        UnlistedModels? unlisted = unlistedText is null ? null
            : UnlistedModelsNames.ByKey.TryGetValue(unlistedText, out var mode) ? mode
            : ctx.Invalid<UnlistedModels?>("rules.unlistedModels", $"'{unlistedText}' is not a way to treat models the stack does not list", "write watch (default thresholds), alert (ModelNotListed), both, or ignore", map?["unlistedModels"]);

        var owned = ctx.String(map?["ownedSeries"], "rules.ownedSeries");
        if (owned is not null && OwnedSeriesText.Problem(owned) is { } ownedProblem)
        {
            ctx.Error("rules.ownedSeries", ownedProblem, "write PromQL label matchers as inside braces, e.g. namespace=\"ml-prod\" or team=~\"fraud|pricing\", model_name!~\"test-.*\"", map?["ownedSeries"]);
            owned = null;
        }

        return target is null || metric is null || labels is null || missingFor is null || missingSeverity is null || unlisted is null || owned is null
            ? null
            : new RuleSettings(target.Value, metric, labels, missingFor, missingSeverity, unlisted.Value, OwnedSeriesText.Normalize(owned));
    }
}
