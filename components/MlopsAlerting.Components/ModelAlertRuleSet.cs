using System.Collections.Immutable;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using ConfigMap = Pulumi.Kubernetes.Core.V1.ConfigMap;
using CustomResource = Pulumi.Kubernetes.ApiExtensions.CustomResource;

namespace MlopsAlerting.Components;

/// <summary>
/// The model alert rules, from the core's <see cref="ModelAlertRules"/>: a ConfigMap holding the
/// rule file (for a Prometheus that mounts it), or a <c>PrometheusRule</c> for the Prometheus
/// operator, labelled with <c>rules.labels</c> so that its <c>ruleSelector</c> picks it up. The
/// name is fixed (<c>mlops-model-alerts</c>) because Prometheus refers to it.
/// </summary>
public sealed class ModelAlertRuleSet : ComponentResource
{
    public ModelAlertRuleSet(string name, ModelAlertRuleSetArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.ModelAlertRuleSet, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var labels = new SortedDictionary<string, string>(args.Labels.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in args.Settings.Labels)
        {
            labels[key] = value;
        }

        var metadata = ObjectMetadata.Of(WorkloadNames.Rules, args.Namespace, labels);
        var child = new CustomResourceOptions { Parent = this };
        if (args.Settings.Target == RuleTarget.PrometheusRule)
        {
            var rule = new CustomResource(name, new PrometheusRuleArgs
            {
                Metadata = metadata,
                Spec = Spec(args.Rules.Groups),
            }, child);
            Kind = PrometheusRuleArgs.KindName;
            ObjectName = rule.Metadata.Apply(m => m.Name);
        }
        else
        {
            var configMap = new ConfigMap(name, new ConfigMapArgs
            {
                Metadata = metadata,
                Data = { { args.Rules.FileName, args.Rules.Yaml } },
            }, child);
            Kind = "ConfigMap";
            ObjectName = configMap.Metadata.Apply(m => m.Name);
        }

        RegisterOutputs(new Dictionary<string, object?> { ["kind"] = Kind, ["name"] = ObjectName });
    }

    /// <summary><c>ConfigMap</c> or <c>PrometheusRule</c>.</summary>
    public string Kind { get; }

    /// <summary>The object's name.</summary>
    public Output<string> ObjectName { get; }

    /// <summary>The PrometheusRule spec of the typed groups, field for field what the rule file holds.</summary>
    public static ImmutableDictionary<string, object> Spec(IReadOnlyList<PrometheusRuleGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var items = groups.Select(g => (object)ImmutableDictionary<string, object>.Empty
            .Add("name", g.Name)
            .Add("rules", g.Rules.Select(Rule).ToImmutableArray()));
        return ImmutableDictionary<string, object>.Empty.Add("groups", items.ToImmutableArray());
    }

    // A recording rule has record, expr and labels; an alerting rule alert, expr, for, labels and annotations.
    private static object Rule(PrometheusAlertingRule r) => r.Record is { } record
        ? ImmutableDictionary<string, object>.Empty
            .Add("record", record)
            .Add("expr", r.Expr)
            .Add("labels", r.Labels.ToImmutableDictionary(l => l.Key, l => (object)l.Value))
        : ImmutableDictionary<string, object>.Empty
            .Add("alert", r.Alert!)
            .Add("expr", r.Expr)
            .Add("for", r.For!)
            .Add("labels", r.Labels.ToImmutableDictionary(l => l.Key, l => (object)l.Value))
            .Add("annotations", r.Annotations.ToImmutableDictionary(a => a.Key, a => (object)a.Value));
}
