using System.Runtime.CompilerServices;
using MlopsAlerting.Core.Settings;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rules;

/// <summary>
/// The stack's whole rule file: the model rules' group with the <see cref="HeartbeatRule"/> appended (so whatever stops
/// that group stops the heartbeat), and the <see cref="SelfAlertRules"/> group. One file and one PrometheusRule object,
/// so the self-alerts load wherever the model rules load. Composed here so that <see cref="ModelAlertRules"/> stays
/// about the models.
/// </summary>
public static class StackRules
{
    // The same YAML as ModelAlertRules writes: strings a YAML 1.1 reader would take for numbers stay quoted.
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .DisableAliases()
        .Build();

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
            .Select(g => g.Name == ModelAlertRules.GroupName ? g with { Rules = [.. g.Rules, .. HeartbeatRule.For(settings)] } : g)
            .Append(SelfAlertRules.Group(settings, timings))
            .ToList();
        var yaml = ModelAlertRules.Header(settings) + Serializer.Serialize(new PrometheusRuleFile(groups));
        return models with { Yaml = yaml, Groups = groups };
    }
}
