namespace MlopsAlerting.LocalRun;

/// <summary>One HTTP request the Slack stand-in received, and how it answered.</summary>
/// <param name="WebhookName">The part of the path after <c>/services/</c>; empty when the path had no such prefix.</param>
/// <param name="Elapsed">When it arrived, measured with a monotonic stopwatch from the stand-in's start.</param>
/// <param name="ReceivedAt">When it arrived, as wall-clock time.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="Body">The raw request body.</param>
/// <param name="Message">The body parsed as a Slack message, or null when it is not one.</param>
/// <param name="StatusCode">The HTTP status the stand-in answered.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header value the stand-in answered, if any.</param>
/// <param name="ApiMethod">For a Web API call, the method (<c>chat.postMessage</c> or <c>chat.update</c>); null for a webhook.</param>
/// <param name="ChannelId">For a Web API call, the channel's ID (known or answered); null otherwise.</param>
/// <param name="Ts">For a Web API call, the message's timestamp (answered by a post, named by an update); null otherwise.</param>
/// <param name="Error">For a Web API call that failed, Slack's error code (e.g. <c>invalid_auth</c>).</param>
public sealed record SlackRequest(
    string WebhookName,
    TimeSpan Elapsed,
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string Body,
    SlackMessage? Message,
    int StatusCode,
    int? RetryAfterSeconds,
    string? ApiMethod = null,
    string? ChannelId = null,
    string? Ts = null,
    string? Error = null)
{
    /// <summary>Whether the stand-in accepted the message (answered 2xx and, for the Web API, <c>ok</c>).</summary>
    public bool IsDelivered => StatusCode is >= 200 and < 300 && Error is null;

    /// <summary>A one-line description for diagnostics: time, webhook, status and first attachment title.</summary>
    public override string ToString()
    {
        var title = Message?.Attachments.FirstOrDefault()?.Title ?? Message?.Text ?? Body;
        if (title.Length > 120)
        {
            title = title[..120] + "…";
        }

        var api = ApiMethod is null ? string.Empty : $" channel={WebhookName} ts={Ts}{(Error is null ? string.Empty : " error=" + Error)}";
        return $"+{Elapsed.TotalMilliseconds:F0}ms {Method} {Path} -> {StatusCode}{api} \"{title}\"";
    }
}
