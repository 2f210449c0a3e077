using System.Runtime.CompilerServices;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The stack's whole rule file: the model rules' group with the <see cref="HeartbeatRule"/> appended (so whatever stops
/// that group stops the heartbeat), and the <see cref="SelfAlertRules"/> group. One file and one PrometheusRule object,
/// so the self-alerts load wherever the model rules load. Composed here so that <see cref="ModelAlertRules"/> stays
/// about the models.
/// </summary>
public static class StackRules
{
    private static readonly ConditionalWeakTable<StackSettings, RenderedRules> Rendered = [];

    /// <summary>The rule file of <paramref name="settings"/> with the self-alerts' prod timings.</summary>
    public static RenderedRules Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Rendered.GetValue(settings, s => Render(s, SelfAlertTimings.Prod));
    }

    /// <summary>The rule file with the self-alerts' fixed waits given (local runs shorten them).</summary>
    public static RenderedRules Render(StackSettings settings, SelfAlertTimings timings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var models = ModelAlertRules.Render(settings);
        var groups = models.Groups
            .Select(g => g.Name == ModelAlertRules.GroupNameOf(settings) ? g with { Rules = [.. g.Rules, .. HeartbeatRule.For(settings).Select(r => StackIdentity.Labelled(r, settings))] } : g)
            .Append(SelfAlertRules.Group(settings, timings))
            .ToList();
        var yaml = new Lazy<string>(() => ModelAlertRules.Header(settings) + ModelAlertRules.Serialize(new PrometheusRuleFile(groups)));
        return models with { Text = yaml, Groups = groups };
    }
}
