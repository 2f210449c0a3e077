using System.Net;
using System.Text;

namespace MlopsAlerting.LocalRun.Tests;

public sealed class SlackStandInTests : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    [Fact(Timeout = 10_000)]
    public async Task RateLimit_answers_429_with_Retry_After_within_a_second_and_200_after_it()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
        await using var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) });

        using var first = await PostAsync(slack, "all", deadline.Token);
        using var tooSoon = await PostAsync(slack, "all", deadline.Token);
        using var otherWebhook = await PostAsync(slack, "critical", deadline.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal("1", Assert.Single(tooSoon.Headers.GetValues("Retry-After")));
        Assert.Equal("rate_limited", await tooSoon.Content.ReadAsStringAsync(deadline.Token));
        Assert.Equal(HttpStatusCode.OK, otherWebhook.StatusCode);

        // A little over the interval: timers may wake a millisecond early against the stand-in's clock.
        await Task.Delay(TimeSpan.FromSeconds(1.1), deadline.Token);
        using var afterRetry = await PostAsync(slack, "all", deadline.Token);

        Assert.Equal(HttpStatusCode.OK, afterRetry.StatusCode);
        Assert.Equal(["all", "critical", "all"], slack.Delivered.Select(request => request.WebhookName));
        Assert.Equal([200, 429, 200, 200], slack.AllRequests.Select(request => request.StatusCode));
        Assert.Equal(1, slack.AllRequests[1].RetryAfterSeconds);
    }

    [Fact(Timeout = 10_000)]
    public async Task Schedule_applies_each_phase_in_turn_from_BeginSchedule_then_answers_ok()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
        var phase = TimeSpan.FromMilliseconds(400);
        await using var slack = await SlackStandIn.StartAsync(new SlackStandInOptions
        {
            Schedule = [new SlackOutagePhase(phase, 503), new SlackOutagePhase(phase, 429, RetryAfterSeconds: 2)],
            ScheduleStartsImmediately = false,
        });

        using var beforeSchedule = await PostAsync(slack, "all", deadline.Token);
        Assert.Equal(HttpStatusCode.OK, beforeSchedule.StatusCode);
        slack.Reset();

        // The schedule starts at a clock read inside BeginSchedule, between these two reads: a 503 was decided less than
        // a phase after the start, so less than a phase after the later read; the 200 came at least two phases after the earlier.
        var begunAt = slack.Elapsed;
        slack.BeginSchedule();
        var afterBegin = slack.Elapsed;
        HttpStatusCode status;
        do
        {
            using var response = await PostAsync(slack, "all", deadline.Token);
            status = response.StatusCode;
            await Task.Delay(TimeSpan.FromMilliseconds(40), deadline.Token);
        }
        while (status != HttpStatusCode.OK);

        var requests = slack.AllRequests;
        var statuses = requests.Select(request => request.StatusCode).ToArray();
        Assert.Equal([503, 429, 200], statuses.Where((code, i) => i == 0 || statuses[i - 1] != code));
        Assert.All(requests.Where(r => r.StatusCode == 503), r => Assert.True(r.Elapsed - afterBegin < phase, r.ToString()));
        Assert.All(requests.Where(r => r.StatusCode == 429), r => Assert.Equal(2, r.RetryAfterSeconds));
        Assert.True(requests[^1].Elapsed - begunAt >= 2 * phase, $"200 came too early: {requests[^1]}");
        Assert.Equal(requests[^1], Assert.Single(slack.Delivered));
    }

    [Fact(Timeout = 10_000)]
    public async Task WaitForDelivered_returns_matches_at_once_and_times_out_listing_what_arrived()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
        await using var slack = await SlackStandIn.StartAsync();
        using var unknown = await _client.PostAsync(new Uri(slack.BaseUrl, "hooks/nope"), new StringContent("{}"), deadline.Token);
        var waiting = slack.WaitForDeliveredAsync(r => r.WebhookName == "warning", 1, TimeSpan.FromSeconds(5), deadline.Token);

        using var warning = await PostAsync(slack, "warning", deadline.Token);
        var delivered = await waiting;

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("warning", Assert.Single(delivered).WebhookName);
        Assert.Equal("#test", delivered[0].Message?.Channel);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(
            () => slack.WaitForDeliveredAsync(r => r.WebhookName == "critical", 1, TimeSpan.FromMilliseconds(200), deadline.Token));
        Assert.Contains("/services/warning -> 200", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("/hooks/nope -> 404", timeout.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();

    private Task<HttpResponseMessage> PostAsync(SlackStandIn slack, string webhook, CancellationToken cancellationToken) =>
        _client.PostAsync(
            slack.WebhookUrl(webhook),
            new StringContent("""{"channel":"#test","attachments":[{"title":"t"}]}""", Encoding.UTF8, "application/json"),
            cancellationToken);
}
