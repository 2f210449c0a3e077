namespace MlopsAlerting.LocalRun;

/// <summary>
/// Slack's incoming webhooks as <see cref="SlackStandIn"/> plays them: a POST to <c>/services/&lt;name&gt;</c> gets
/// 200 <c>ok</c>, unless the webhook is broken, the scripted outage applies or the webhook's rate limit is reached.
/// Not thread-safe: the stand-in calls it under its lock.
/// </summary>
internal sealed class SlackWebhooks(SlackFaults faults, SlackRateLimit rateLimit)
{
    /// <summary>The answer to <paramref name="request"/> at <paramref name="now"/>, and the request as the stand-in records it.</summary>
    public (SlackAnswer Answer, SlackRequest Record) Respond(SlackHttpRequest request, TimeSpan now)
    {
        var webhook = request.WebhookName;
        var answer = request.Method != "POST" ? new SlackAnswer(405, null, "invalid_method")
            : webhook.Length == 0 ? new SlackAnswer(404, null, "no_service")
            : faults.TryGetBroken(webhook, out var broken) ? broken
            : faults.ScheduledAnswer(now) ?? rateLimit.Check(webhook, now) ?? new SlackAnswer(200, null, "ok");

        if (answer.IsSuccess)
        {
            rateLimit.Accepted(webhook, now);
        }

        var record = new SlackRequest(
            webhook, now, DateTimeOffset.UtcNow, request.Method, request.Path, request.Body, request.Message, answer.StatusCode, answer.RetryAfterSeconds);
        return (answer, record);
    }
}
