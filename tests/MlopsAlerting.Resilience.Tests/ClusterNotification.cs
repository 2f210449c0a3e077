using System.Text.RegularExpressions;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// What one delivered Slack message tells, read from its bullets as a person reads them: which
/// (model, severity) alerts it lists as firing and which as resolved (a leading ✅).
/// </summary>
internal sealed partial record ClusterNotification(string Webhook, TimeSpan At, IReadOnlySet<string> Firing, IReadOnlySet<string> Resolved, string Sender)
{
    [GeneratedRegex(@"^• (?:\[(?<tag>[A-Z ]+)\] )?(?<resolved>✅ )?\*(?<model>[\w.-]+)\*", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\*Severity:\* (?<severity>[A-Z]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SeverityLine();

    /// <summary>The state a message carries, e.g. <c>firing [model-a/critical, model-b/warning] resolved [model-c/critical]</c>.</summary>
    public string State => $"firing [{string.Join(", ", Firing.Order(StringComparer.Ordinal))}] resolved [{string.Join(", ", Resolved.Order(StringComparer.Ordinal))}]";

    public static ClusterNotification From(SlackRequest request, TimeSpan since, ThreeReplicaCluster cluster)
    {
        var attachment = request.Message?.Attachments.FirstOrDefault();
        var text = attachment?.Text ?? string.Empty;
        var common = SeverityLine().Match(text).Groups["severity"].Value.ToLowerInvariant();
        var firing = new HashSet<string>(StringComparer.Ordinal);
        var resolved = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match bullet in Bullet().Matches(text))
        {
            var severity = bullet.Groups["tag"].Success ? bullet.Groups["tag"].Value.ToLowerInvariant() : common;
            (bullet.Groups["resolved"].Success ? resolved : firing).Add($"{bullet.Groups["model"].Value}/{severity}");
        }

        return new ClusterNotification(request.WebhookName, request.Elapsed - since, firing, resolved, cluster.Describe(attachment?.TitleLink));
    }

    public override string ToString() => $"+{At.TotalSeconds,6:F2}s {Webhook,-8} from {Sender}: {State}";
}
