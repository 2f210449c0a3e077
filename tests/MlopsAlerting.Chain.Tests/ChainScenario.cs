using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The scenario on a <see cref="ChainStack"/>: one model's MAE goes 0.20 → 0.35 → 0.45 → 0.20 while the second
/// model stays at 0.20. Each step waits for the messages it must cause, then the run waits one more group_interval
/// for anything extra. Times are taken on the stand-in's clock from the moment the exporter's value changes.
/// </summary>
internal static class ChainScenario
{
    public const string Warning = "warning";
    public const string Critical = "critical";
    public const string Resolved = "resolved";

    public static async Task<ChainRun> RunAsync(ChainStack stack, CancellationToken cancellationToken)
    {
        var messages = new List<ChainMessage>();
        var slack = stack.Slack;
        var patience = TimeSpan.FromSeconds(30);

        // 0.35: above the warning threshold; the warning fires after warningFor.
        var warningAt = Change(stack, 0.35m);
        messages.AddRange(await WaitAsync(slack, warningAt, Warning, [("all", IsWarning), ("warning", IsWarning)], stack.WarningFor + patience, cancellationToken));

        // 0.45: above the critical threshold; the critical fires after criticalFor and mutes the warning.
        var criticalAt = Change(stack, 0.45m);
        messages.AddRange(await WaitAsync(slack, criticalAt, Critical, [("critical", IsCritical), ("all", IsCritical)], stack.CriticalFor + stack.GroupInterval + patience, cancellationToken));

        // What Prometheus fires, with the labels its scrape adds.
        var firing = (await stack.Prometheus.GetAlertsAsync(cancellationToken))
            .Where(a => a["state"]?.GetValue<string>() == "firing")
            .Select(a => (IReadOnlyDictionary<string, string>)(a["labels"]?.AsObject().ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal) ?? []))
            .ToList();

        // 0.20: both resolve.
        var resolvedAt = Change(stack, 0.20m);
        messages.AddRange(await WaitAsync(slack, resolvedAt, Resolved, [("critical", IsResolved), ("warning", IsResolved), ("all", IsResolved)], stack.GroupInterval + patience, cancellationToken));

        // Anything else would come at the next flush at the latest.
        await Task.Delay(stack.GroupInterval + TimeSpan.FromSeconds(3), cancellationToken);
        return new ChainRun(messages, firing, new Dictionary<string, TimeSpan> { [Warning] = warningAt, [Critical] = criticalAt, [Resolved] = resolvedAt });
    }

    private static TimeSpan Change(ChainStack stack, decimal mae)
    {
        stack.Exporter.Set(ChainStack.Model, mae);
        return stack.Slack.Elapsed;
    }

    private static async Task<IEnumerable<ChainMessage>> WaitAsync(
        SlackStandIn slack,
        TimeSpan changedAt,
        string step,
        IReadOnlyList<(string Channel, Func<SlackAttachment, bool> Matches)> expected,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(expected.Select(async e =>
        {
            var requests = await slack.WaitForDeliveredAsync(
                r => r.WebhookName == e.Channel && r.Elapsed >= changedAt && r.Message?.Attachments is [var a] && e.Matches(a), 1, timeout, cancellationToken);
            var first = requests[0];
            return new ChainMessage(e.Channel, step, first, first.Elapsed - changedAt);
        }));
        return found;
    }

    private static bool IsWarning(SlackAttachment a) => a.Title?.StartsWith("⚠️ Warning: ", StringComparison.Ordinal) == true;

    private static bool IsCritical(SlackAttachment a) => a.Title?.StartsWith("🚨 Critical Alert: ", StringComparison.Ordinal) == true;

    private static bool IsResolved(SlackAttachment a) => a.Title?.StartsWith("✅ Resolved: ", StringComparison.Ordinal) == true;
}
