using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="ModelAlertRuleSet"/>.</summary>
public sealed class ModelAlertRuleSetArgs
{
    /// <summary>The namespace (an output of <see cref="MonitoringNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The rules the core rendered.</summary>
    public required RenderedRules Rules { get; init; }

    /// <summary>Where the rules go, and the extra labels of the rule object.</summary>
    public required RuleSettings Settings { get; init; }

    /// <summary>The standard labels; <see cref="RuleSettings.Labels"/> are added over them.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
