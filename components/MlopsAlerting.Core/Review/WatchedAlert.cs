using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// One alert rule of the stack's rendered rule file as the review's "What watches what" uses it: read from the rule,
/// never from a constant, so the table names only alerts the rules have, with their severity and wait.
/// </summary>
/// <param name="Name">The alert name.</param>
/// <param name="Severity">Its <c>severity</c> label.</param>
/// <param name="For">Its <c>for</c> (zero without one).</param>
/// <param name="HeldWindow">How long its expression keeps the last good value after a break: the range of a <c>max_over_time</c> it reads, else zero.</param>
/// <param name="Channels">The channels its labels reach, by the rendered routes.</param>
/// <param name="Summary">Its <c>summary</c> annotation.</param>
/// <param name="SelfAlert">True for an alert of the self-alert group.</param>
public sealed partial record WatchedAlert(string Name, string Severity, TimeSpan For, TimeSpan HeldWindow, IReadOnlyList<ChannelRole> Channels, string Summary, bool SelfAlert)
{
    /// <summary>From a break to the alert firing, before a scrape, an evaluation and the route: its held window and its <c>for</c>.</summary>
    public TimeSpan Wait => HeldWindow + For;

    [GeneratedRegex("max_over_time\\([^\\[\\]]*\\[(?<range>[0-9a-z]+)\\]\\)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex MaxOverTime();

    /// <summary>Every alerting rule of <paramref name="rules"/> by name (the first of a name wins: a model alert repeats per threshold).</summary>
    public static IReadOnlyDictionary<string, WatchedAlert> Of(StackSettings settings, RenderedRules rules)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rules);
        var route = AlertmanagerConfigBuilder.Build(settings, ConfigLayout.WebhookDirectory).Route;
        var roleOf = ChannelRoles.Every.ToDictionary(r => r.Receiver(), r => r);
        var selfGroup = SelfAlertRules.GroupNameOf(settings);
        var alerts = new Dictionary<string, WatchedAlert>(StringComparer.Ordinal);
        foreach (var group in rules.Groups)
        {
            foreach (var rule in group.Rules)
            {
                if (rule.Alert is not { } name || alerts.ContainsKey(name))
                {
                    continue;
                }

                var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal) { ["alertname"] = name };
                var channels = RouteEvaluator.Receivers(route, labels).Where(roleOf.ContainsKey).Select(r => roleOf[r]).Distinct().Order().ToList();
                var held = MaxOverTime().Matches(rule.Expr).Select(m => AlertmanagerDuration.Parse(m.Groups["range"].Value).Value).DefaultIfEmpty(TimeSpan.Zero).Max();
                alerts[name] = new WatchedAlert(
                    name,
                    rule.Labels.GetValueOrDefault("severity", "none"),
                    rule.For is { } wait ? AlertmanagerDuration.Parse(wait).Value : TimeSpan.Zero,
                    held,
                    channels,
                    rule.Annotations.GetValueOrDefault("summary", name),
                    group.Name == selfGroup);
            }
        }

        return alerts;
    }
}
