using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.LocalRun;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Metric → Prometheus → Alertmanager → Slack with the prod stack (see <see cref="ChainStack"/>): what each channel
/// shows, each notification once, and how long after the metric changed it arrived.
/// </summary>
public abstract partial class ChainTests(int replicas)
{
    private const int TestTimeout = 300_000;

    /// <summary>Load on a shared CI machine: added to every upper bound.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    [Fact(Timeout = TestTimeout)]
    public async Task Model_mae_0_20_0_35_0_45_0_20_reaches_each_channel_once_as_its_people_expect()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ChainStack.StartAsync(replicas, ct);
        await AssertBasicAuthRequiredAsync(stack, ct);

        var run = await ChainScenario.RunAsync(stack, ct);
        Report(stack, run);

        // Each state in order, first told once and delivered, and the channel ends resolved. A channel may repeat a
        // state it already left, followed by the current one:
        // - one or three Alertmanagers: Prometheus sends each rule's alerts right after evaluating that rule, so the
        //   critical's resolve and the warning's reach Alertmanager in two posts; a flush between them shows the
        //   warning firing, no longer muted, in #ml-alerts (measured once in 10 runs of one Alertmanager, under load);
        // - three: each replica's group timer starts when Prometheus's post reaches it, milliseconds apart, so a
        //   change can fall between two replicas' flushes and the lagging one sends its older view after the newer
        //   one (prometheus/alertmanager#3551). Such a repeat comes after the state it repeats was delivered (a
        //   replica sends only what the gossiped log lacks) and Slack may refuse it (429: one message a second).
        var delivered = stack.Slack.Delivered;
        foreach (var (channel, expected) in new[] { ("all", new[] { "warning", "critical", "resolved" }), ("critical", ["critical", "resolved"]), ("warning", ["warning", "resolved"]) })
        {
            var told = Steps(delivered, channel);
            Assert.Equal(expected, FirstTellings(told));
            Assert.Equal(expected[^1], told[^1]);
            TestContext.Current.TestOutputHelper?.WriteLine($"chain-repeats replicas={replicas} channel={channel} delivered={told.Count} repeats={told.Count - expected.Length} refused={stack.Slack.AllRequests.Count(r => r.WebhookName == channel && !r.IsDelivered)}");
        }

        var allRequests = stack.Slack.AllRequests;
        foreach (var refused in allRequests.Where(r => !r.IsDelivered))
        {
            Assert.True(replicas > 1 && refused.StatusCode == 429, refused.ToString());
            Assert.Contains(allRequests, r => r.IsDelivered && r.WebhookName == refused.WebhookName && r.Elapsed < refused.Elapsed && Step(r) == Step(refused));
        }

        Assert.DoesNotContain(delivered, r => r.Body.Contains("<no value>", StringComparison.Ordinal));
        Assert.DoesNotContain(delivered, r => SlackMessageModels.Names(r, ChainStack.HealthyModel));

        foreach (var message in run.Messages)
        {
            var a = message.Attachment;
            var text = a.Text ?? string.Empty;
            Assert.Contains("*Environment:* Production\n", text, StringComparison.Ordinal);
            Assert.Contains("*california-housing* v1.0", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n", text, StringComparison.Ordinal);
            AssertSilenceButtonUsesStableLabels(a, message);
            switch (message.Step)
            {
                case ChainScenario.Warning:
                    Assert.Equal("warning", a.Color);
                    Assert.Contains("MAE is 0.35, above the warning threshold 0.30 for 15m", text, StringComparison.Ordinal);
                    Assert.Equal([new SlackField("MAE Score", "0.35", true), new SlackField("Threshold", "0.30", true)], a.Fields);
                    break;
                case ChainScenario.Critical:
                    Assert.Equal("danger", a.Color);
                    Assert.Contains("MAE is 0.45, above the critical threshold 0.40 for 5m", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("warning threshold", text, StringComparison.Ordinal);
                    Assert.Equal([new SlackField("MAE Score", "0.45", true), new SlackField("Threshold", "0.40", true)], a.Fields);
                    break;
                default:
                    Assert.Equal("good", a.Color);
                    Assert.Contains("*Status:* RESOLVED\n", text, StringComparison.Ordinal);
                    Assert.DoesNotContain(a.Fields, f => f.Title == "MAE Score");
                    var last = Assert.Single(a.Fields, f => f.Title == "Last MAE while firing");
                    Assert.Contains("0.45", last.Value, StringComparison.Ordinal);
                    AssertFiringDurations(message, run);
                    break;
            }
        }

        // The scrape adds instance and job to every alert; the Silence button left them out above.
        Assert.NotEmpty(run.FiringAlerts);
        Assert.All(run.FiringAlerts, labels => Assert.True(labels.ContainsKey("instance") && labels.ContainsKey("job"), string.Join(", ", labels)));

        // Metric change to message: for + up to a scrape and an evaluation + group_wait, or the group's next
        // group_interval when the channel already shows the group (the all channel at 0.45, everything at resolve).
        var steps = ChainStack.Interval * 2;
        AssertLatency(run, "all", ChainScenario.Warning, stack.WarningFor, stack.WarningFor + steps + stack.GroupWait);
        AssertLatency(run, "warning", ChainScenario.Warning, stack.WarningFor, stack.WarningFor + steps + stack.GroupWait);
        AssertLatency(run, "critical", ChainScenario.Critical, stack.CriticalFor, stack.CriticalFor + steps + stack.GroupWait);
        AssertLatency(run, "all", ChainScenario.Critical, stack.CriticalFor, stack.CriticalFor + steps + stack.GroupInterval);
        foreach (var channel in new[] { "all", "critical", "warning" })
        {
            AssertLatency(run, channel, ChainScenario.Resolved, TimeSpan.Zero, steps + stack.GroupInterval);
        }
    }

    [GeneratedRegex(@"after firing for (?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)? \(", RegexOptions.CultureInvariant)]
    private static partial Regex FiredFor();

    [GeneratedRegex(@"filter=([^&]*)", RegexOptions.CultureInvariant)]
    private static partial Regex SilenceFilter();

    [GeneratedRegex("^(alertname|model_name|severity)=\"[^\"]*\"$", RegexOptions.CultureInvariant)]
    private static partial Regex StableMatcher();

    private static List<string> Steps(IEnumerable<SlackRequest> delivered, string channel) =>
        [.. delivered.Where(r => r.WebhookName == channel).Select(Step)];

    private static string Step(SlackRequest request) => request.Message?.Attachments.FirstOrDefault()?.Color switch
    {
        "good" => ChainScenario.Resolved,
        "danger" => ChainScenario.Critical,
        "warning" => ChainScenario.Warning,
        var other => other ?? "none",
    };

    /// <summary>The steps in the order each was first told, repeats left out.</summary>
    private static List<string> FirstTellings(IEnumerable<string> steps)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. steps.Where(seen.Add)];
    }

    private static void AssertSilenceButtonUsesStableLabels(SlackAttachment attachment, ChainMessage message)
    {
        var url = Assert.Single(attachment.Actions, a => a.Text == "Silence Alert").Url ?? string.Empty;
        var filter = WebUtility.UrlDecode(SilenceFilter().Match(url).Groups[1].Value);
        Assert.StartsWith("{", filter, StringComparison.Ordinal);
        Assert.EndsWith("}", filter, StringComparison.Ordinal);
        var matchers = filter[1..^1].Split(',');
        Assert.All(matchers, m => Assert.Matches(StableMatcher(), m));
        Assert.Contains("model_name=\"california-housing\"", matchers);
        Assert.Contains("alertname=\"ModelPerformanceDegraded\"", matchers);
        if (message.Channel != "all" || message.Step != ChainScenario.Resolved)
        {
            Assert.Contains($"severity=\"{(message.Step == ChainScenario.Resolved ? message.Channel : message.Step)}\"", matchers);
        }

        Assert.Equal(matchers.Length, SlackTemplates.SilenceLabels.Count(l => matchers.Any(m => m.StartsWith(l + "=", StringComparison.Ordinal))));
    }

    /// <summary>"after firing for D": the alert fired after its step's change and ended before the message.</summary>
    private static void AssertFiringDurations(ChainMessage message, ChainRun run)
    {
        var text = message.Attachment.Text ?? string.Empty;
        var matches = FiredFor().Matches(text);
        Assert.NotEmpty(matches);
        foreach (Match match in matches)
        {
            var stated = TimeSpan.FromHours(Number(match, 1)) + TimeSpan.FromMinutes(Number(match, 2)) + TimeSpan.FromSeconds(Number(match, 3));
            var precision = stated >= TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);

            // Fired at the earliest when its MAE rose (0.35 for the warning), ended at the latest when this message came.
            var longest = message.Request.Elapsed - run.ChangedAt[ChainScenario.Warning];

            // The critical fired at the latest when its message came and ended at the earliest at the change to 0.20.
            var critical = run.Messages.Where(m => m.Step == ChainScenario.Critical).Min(m => m.Request.Elapsed);
            var shortest = run.ChangedAt[ChainScenario.Resolved] - critical;
            Assert.InRange(stated, shortest - precision, longest);
        }
    }

    private static int Number(Match match, int group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private static void AssertLatency(ChainRun run, string channel, string step, TimeSpan atLeast, TimeSpan atMost)
    {
        var message = Assert.Single(run.Messages, m => m.Channel == channel && m.Step == step);
        Assert.InRange(message.Latency, atLeast, atMost + Slack);
    }

    private static async Task AssertBasicAuthRequiredAsync(ChainStack stack, CancellationToken cancellationToken)
    {
        using var anonymous = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        foreach (var alertmanager in stack.Alertmanagers)
        {
            using var response = await anonymous.GetAsync(new Uri(alertmanager.BaseUrl, "api/v2/status"), cancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private void Report(ChainStack stack, ChainRun run)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{replicas} Alertmanager(s); for {stack.CriticalFor.TotalSeconds}s/{stack.WarningFor.TotalSeconds}s, interval {ChainStack.Interval.TotalSeconds}s, group_wait {stack.GroupWait.TotalSeconds}s, group_interval {stack.GroupInterval.TotalSeconds}s"));
        foreach (var m in run.Messages.OrderBy(m => m.Request.Elapsed))
        {
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chain-latency replicas={replicas} step={m.Step} channel={m.Channel} seconds={m.Latency.TotalSeconds:F2}"));
        }
    }
}

/// <summary>The chain with one Alertmanager, as the dev stack runs it.</summary>
public sealed class OneAlertmanagerChainTests() : ChainTests(1);

/// <summary>The chain with three clustered Alertmanagers, as the prod stack runs them: Prometheus sends to each.</summary>
public sealed class ThreeAlertmanagerChainTests() : ChainTests(3);
