namespace MlopsAlerting.Core.Settings;

/// <summary>Where the model alert rules go and which metric they watch.</summary>
/// <param name="Target">A plain rule-file ConfigMap, or a PrometheusRule for the Prometheus operator.</param>
/// <param name="Metric">The gauge holding each model's MAE, labelled with <c>model_name</c>.</param>
/// <param name="Labels">Extra labels on the rule object (for the operator's <c>ruleSelector</c>).</param>
/// <param name="MissingFor">How long a model may report no MAE series before <c>ModelMetricsMissing</c> fires.</param>
/// <param name="MissingSeverity">The <c>severity</c> of <c>ModelMetricsMissing</c>: critical, warning or info.</param>
/// <param name="UnlistedModels">What the rules do with a model that reports MAE but is not in <c>models</c>.</param>
/// <param name="OwnedSeries">
/// Label matchers on <paramref name="Metric"/> choosing the series this stack owns, as PromQL writes them inside braces
/// (e.g. <c>namespace="ml-prod"</c>); empty: every series. Every rule that reads the metric reads only these.
/// </param>
public sealed record RuleSettings(RuleTarget Target, string Metric, IReadOnlyDictionary<string, string> Labels, AlertmanagerDuration MissingFor, string MissingSeverity, UnlistedModels UnlistedModels = UnlistedModels.Watch, string OwnedSeries = "")
{
    /// <summary>The metric's selector of the owned series with <paramref name="matchers"/> added, e.g. <c>model_mae{namespace="ml-prod",model_version!=""}</c>.</summary>
    public string Series(params string[] matchers)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        var all = (OwnedSeries.Length > 0 ? [OwnedSeries] : Array.Empty<string>()).Concat(matchers).ToList();
        return all.Count == 0 ? Metric : $"{Metric}{{{string.Join(", ", all)}}}";
    }
}

/// <summary>How rules are emitted.</summary>
public enum RuleTarget
{
    /// <summary>A ConfigMap with a Prometheus rule file.</summary>
    ConfigMap,

    /// <summary>A <c>monitoring.coreos.com/v1</c> PrometheusRule.</summary>
    PrometheusRule,
}

/// <summary>One model the rules watch.</summary>
public sealed record ModelSettings(
    string Name,
    string? Version,
    decimal MaeCritical,
    AlertmanagerDuration CriticalFor,
    decimal MaeWarning,
    AlertmanagerDuration WarningFor);
