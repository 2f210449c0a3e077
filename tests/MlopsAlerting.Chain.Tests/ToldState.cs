using System.Text.RegularExpressions;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// What one delivered Slack message tells about its group, read from its bullets as a person reads them: the models
/// shown firing and the models shown resolved (✅), and whether the whole group is told resolved (the title).
/// </summary>
/// <param name="Channel">The webhook (channel role).</param>
/// <param name="At">When the stand-in received it.</param>
/// <param name="Firing">Models shown firing, sorted.</param>
/// <param name="Resolved">Models shown resolved, sorted.</param>
/// <param name="GroupResolved">The title says "Resolved": every alert of the group is told as over.</param>
internal sealed partial record ToldState(string Channel, TimeSpan At, IReadOnlyList<string> Firing, IReadOnlyList<string> Resolved, bool GroupResolved)
{
    /// <summary>The firing set as one key, to compare states.</summary>
    public string Key => string.Join('+', Firing);

    [GeneratedRegex(@"^• (?:\[[A-Z ]+\] )?(✅ )?\*([^*]+)\*", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex Bullet();

    public static ToldState From(SlackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attachment = request.Message?.Attachments.FirstOrDefault();
        var bullets = Bullet().Matches(attachment?.Text ?? string.Empty);
        return new ToldState(
            request.WebhookName,
            request.Elapsed,
            [.. bullets.Where(b => !b.Groups[1].Success).Select(b => b.Groups[2].Value).Distinct().Order(StringComparer.Ordinal)],
            [.. bullets.Where(b => b.Groups[1].Success).Select(b => b.Groups[2].Value).Distinct().Order(StringComparer.Ordinal)],
            attachment?.Title?.StartsWith("✅ Resolved", StringComparison.Ordinal) == true);
    }

    public override string ToString() =>
        $"+{At.TotalSeconds,7:F2}s {Channel,-8} firing [{Key}]" + (Resolved.Count > 0 ? $" resolved [{string.Join('+', Resolved)}]" : string.Empty) + (GroupResolved ? " RESOLVED" : string.Empty);
}
