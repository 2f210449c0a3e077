using System.Globalization;
using System.Text;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// Slack answers 500 for 15 s, then 429 with <c>Retry-After</c> for 15 s, then recovers, while the prod stack's
/// configuration runs on a real Alertmanager: nothing posted before or during the outage may be lost.
/// </summary>
public sealed class SlackOutageTests
{
    private static readonly TimeSpan ServerErrorPhase = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RateLimitedPhase = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan OutageEnd = ServerErrorPhase + RateLimitedPhase;
    private const int RetryAfterSeconds = 10;

    [Fact(Timeout = 75_000)]
    public async Task Every_alert_posted_before_or_during_a_30_second_Slack_outage_arrives_in_every_channel_within_one_group_interval_of_recovery()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(70));
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync(new SlackStandInOptions
        {
            ScheduleStartsImmediately = false,
            Schedule =
            [
                new SlackOutagePhase(ServerErrorPhase, 500),
                new SlackOutagePhase(RateLimitedPhase, 429, RetryAfterSeconds),
            ],
        });
        using var stack = await RenderedProdStack.WriteAsync(slack, "1s", "3s");
        await using var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = stack.ConfigFile, Binary = binary }, deadline.Token);

        // (model, severity, when it is posted, counted from the start of the outage)
        (string Model, string Severity, TimeSpan At)[] posts =
        [
            ("outage-alpha", "critical", TimeSpan.Zero),
            ("outage-bravo", "warning", TimeSpan.Zero),
            ("outage-charlie", "critical", TimeSpan.FromSeconds(7)),
            ("outage-delta", "warning", TimeSpan.FromSeconds(22)),
        ];
        slack.BeginSchedule();
        var outageStart = slack.Elapsed;
        var postedAt = new Dictionary<string, TimeSpan>();
        foreach (var (model, severity, at) in posts)
        {
            var wait = outageStart + at - slack.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, deadline.Token);
            }

            postedAt[model] = slack.Elapsed;
            await alertmanager.PostAlertsAsync([GuideAlerts.ModelPerformanceDegraded(severity, model)], deadline.Token);
        }

        var expected = posts.SelectMany(p => new[] { ("all", p.Model), (p.Severity, p.Model) }).ToArray();
        var recoveredWithin = stack.GroupInterval + TimeSpan.FromSeconds(3);
        foreach (var (webhook, model) in expected)
        {
            await slack.WaitForDeliveredAsync(
                r => r.WebhookName == webhook && SlackMessageModels.Names(r, model),
                1,
                OutageEnd + recoveredWithin + TimeSpan.FromSeconds(5) - (slack.Elapsed - outageStart),
                deadline.Token);
        }

        var delivered = slack.Delivered;
        var arrivals = expected
            .Select(e => (e.Item1, e.Item2, At: SlackMessageModels.Naming(delivered, e.Item1, e.Item2)[0].Elapsed))
            .ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(Report(slack, outageStart, postedAt, arrivals, stack));

        Assert.All(arrivals, a => Assert.InRange(a.At - outageStart, OutageEnd, OutageEnd + recoveredWithin));
        Assert.DoesNotContain(delivered, r => r.WebhookName == "critical" && posts.Any(p => p.Severity == "warning" && SlackMessageModels.Names(r, p.Model)));
        Assert.DoesNotContain(delivered, r => r.WebhookName == "warning" && posts.Any(p => p.Severity == "critical" && SlackMessageModels.Names(r, p.Model)));
    }

    private static string Report(
        SlackStandIn slack,
        TimeSpan outageStart,
        Dictionary<string, TimeSpan> postedAt,
        IEnumerable<(string Webhook, string Model, TimeSpan At)> arrivals,
        RenderedProdStack stack)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"outage: 500 for {ServerErrorPhase.TotalSeconds:F0}s, then 429 Retry-After: {RetryAfterSeconds} for {RateLimitedPhase.TotalSeconds:F0}s; group_wait {stack.GroupWait.TotalSeconds:F0}s, group_interval {stack.GroupInterval.TotalSeconds:F0}s");
        text.AppendLine("post -> first accepted delivery (times from the start of the outage):");
        foreach (var (webhook, model, at) in arrivals)
        {
            var posted = postedAt[model] - outageStart;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {model,-15} {webhook,-8} posted +{posted.TotalSeconds,5:F1}s delivered +{(at - outageStart).TotalSeconds,5:F1}s took {(at - outageStart - posted).TotalSeconds,5:F1}s");
        }

        text.AppendLine("requests per webhook and phase (count; gaps between consecutive requests in seconds):");
        var phases = new (string Name, TimeSpan From, TimeSpan To)[]
        {
            ("500", TimeSpan.Zero, ServerErrorPhase),
            ("429", ServerErrorPhase, OutageEnd),
            ("200", OutageEnd, TimeSpan.MaxValue),
        };
        foreach (var webhook in new[] { "all", "critical", "warning" })
        {
            foreach (var (name, from, to) in phases)
            {
                var times = slack.AllRequests
                    .Where(r => r.WebhookName == webhook && r.Elapsed - outageStart >= from && r.Elapsed - outageStart < to)
                    .Select(r => (r.Elapsed - outageStart).TotalSeconds)
                    .ToArray();
                var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).ToString("F1", CultureInfo.InvariantCulture));
                text.AppendLine(CultureInfo.InvariantCulture, $"  {webhook,-8} {name}: {times.Length,2} requests; gaps [{string.Join(", ", gaps)}]");
            }
        }

        text.AppendLine("every request:");
        foreach (var request in slack.AllRequests)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  +{(request.Elapsed - outageStart).TotalSeconds,5:F1}s {request.WebhookName,-8} {request.StatusCode} {request.Message?.Attachments.FirstOrDefault()?.Title}");
        }

        return text.ToString();
    }
}
