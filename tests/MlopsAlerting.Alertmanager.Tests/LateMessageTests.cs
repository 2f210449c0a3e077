using System.Globalization;
using System.Text.RegularExpressions;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Issue 24: with three replicas a channel can get a model's critical again after its resolved message, the state a
/// lagging replica held (prometheus/alertmanager#3551, #4008). Every alert line says when its state began, taken from
/// the alert itself: a firing line its start, a resolved line its end and start. So a firing message whose start is
/// the one the resolved message above it already closed reads as late, and a new fire reads as new. Real
/// Alertmanager and the Slack stand-in, the prod stack's templates.
/// </summary>
public sealed partial class LateMessageTests
{
    private const string Stamp = "yyyy-MM-dd HH:mm:ss";

    [GeneratedRegex(@"since (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC", RegexOptions.CultureInvariant)]
    private static partial Regex FiringSince();

    [GeneratedRegex(@"back to normal at (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC after firing for [0-9hms]+ \(was: .*, since (\d{2}:\d{2}:\d{2}) UTC\)", RegexOptions.CultureInvariant)]
    private static partial Regex ResolvedLine();

    [GeneratedRegex(@"^• (✅ )?\*(?<model>[\w-]+)\*.* · (?:since|back to normal at) (?<time>\d{2}:\d{2}:\d{2}) UTC$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex ShortLine();

    [Fact(Timeout = 60_000)]
    public async Task A_critical_told_again_after_its_resolve_shows_the_start_the_resolve_closed_and_a_new_fire_shows_a_later_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartAsync(StackFiles.Committed("prod"), ct);
        var now = DateTimeOffset.UtcNow;
        var startedAt = Whole(now.AddMinutes(-9)).AddMilliseconds(730);
        var endedAt = startedAt.AddMinutes(4).AddSeconds(21);
        var firedAgainAt = endedAt.AddMinutes(3).AddSeconds(7);
        var alert = GuideAlerts.ModelPerformanceDegraded("critical") with { StartsAt = startedAt };

        // Firing, then resolved: as every replica tells it.
        await stack.Alertmanager.PostAlertsAsync([alert], ct);
        var firing = await NextAsync(stack, "danger", 1, ct);
        await stack.Alertmanager.PostAlertsAsync([alert.Resolved(endedAt)], ct);
        var resolved = await NextAsync(stack, "good", 1, ct);

        // The state before the resolve, as a replica that flushed just before it arrived sends it a peer timeout later.
        await stack.Alertmanager.PostAlertsAsync([alert], ct);
        var late = await NextAsync(stack, "danger", 2, ct);
        await stack.Alertmanager.PostAlertsAsync([alert.Resolved(endedAt)], ct);
        await NextAsync(stack, "good", 2, ct);

        // A real fire after the resolve: a new start.
        await stack.Alertmanager.PostAlertsAsync([alert with { StartsAt = firedAgainAt }], ct);
        var again = await NextAsync(stack, "danger", 3, ct);

        Assert.Equal(startedAt.ToString(Stamp, CultureInfo.InvariantCulture), Since(firing));
        var line = ResolvedLine().Match(resolved);
        Assert.True(line.Success, resolved);
        Assert.Equal(endedAt.ToString(Stamp, CultureInfo.InvariantCulture), line.Groups[1].Value);
        Assert.Equal(startedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture), line.Groups[2].Value);

        // Late: the same start as the first message, before the end the resolved message told.
        Assert.Equal(Since(firing), Since(late));
        Assert.True(Parse(Since(late)) < Parse(line.Groups[1].Value), $"late: {late}\nresolved: {resolved}");

        // New: a start after that end.
        Assert.Equal(firedAgainAt.ToString(Stamp, CultureInfo.InvariantCulture), Since(again));
        Assert.True(Parse(Since(again)) > Parse(line.Groups[1].Value), $"again: {again}\nresolved: {resolved}");
    }

    [Fact(Timeout = 60_000)]
    public async Task In_a_storm_message_each_short_line_shows_its_own_alerts_start_or_end()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartAsync(StackFiles.Committed("prod"), ct);
        var now = Whole(DateTimeOffset.UtcNow);
        var alerts = Enumerable.Range(0, SlackTemplatesShortFrom)
            .Select(i => GuideAlerts.ModelPerformanceDegraded("critical", model: $"storm-{i}") with { StartsAt = now.AddMinutes(-20 + i).AddSeconds(i * 7) })
            .ToList();
        var endedAt = now.AddMinutes(-2).AddSeconds(-13);

        await stack.Alertmanager.PostAlertsAsync(alerts, ct);
        // The message that tells the whole storm: every alert on its short line.
        var firing = (await stack.WaitForAsync("critical", a => a.Color == "danger" && ShortLine().Matches(a.Text ?? string.Empty).Count == alerts.Count, 1, ct))[0].Text!;
        await stack.Alertmanager.PostAlertsAsync([alerts[0].Resolved(endedAt)], ct);
        var withResolved = (await stack.WaitForAsync("critical", a => ShortLine().Matches(a.Text ?? string.Empty).Any(m => m.Groups[1].Success), 1, ct))[0].Text!;

        var shown = Lines(firing);
        Assert.True(alerts.Count == shown.Count, firing);
        Assert.All(alerts, a => Assert.Equal(a.StartsAt!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture), shown[a.Labels["model_name"]]));
        var after = Lines(withResolved);
        Assert.Equal(endedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture), after["storm-0"]);
        Assert.Equal(shown["storm-1"], after["storm-1"]);
    }

    /// <summary>More alerts than <c>SlackTemplates.FullLinesUpTo</c> (5): each on one short line.</summary>
    private const int SlackTemplatesShortFrom = 6;

    /// <summary>The text of the <paramref name="count"/>-th critical-channel message of this colour.</summary>
    private static async Task<string> NextAsync(LocalStack stack, string color, int count, CancellationToken ct) =>
        (await stack.WaitForAsync("critical", a => a.Color == color, count, ct))[count - 1].Text!;

    private static string Since(string text)
    {
        var match = FiringSince().Match(text);
        Assert.True(match.Success, text);
        return match.Groups[1].Value;
    }

    /// <summary>Model → the time its short line shows.</summary>
    private static Dictionary<string, string> Lines(string text) =>
        ShortLine().Matches(text).ToDictionary(m => m.Groups["model"].Value, m => m.Groups["time"].Value, StringComparer.Ordinal);

    private static DateTimeOffset Whole(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, TimeSpan.Zero);

    private static DateTime Parse(string stamp) =>
        DateTime.ParseExact(stamp, Stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
