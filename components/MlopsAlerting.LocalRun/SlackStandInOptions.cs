namespace MlopsAlerting.LocalRun;

/// <summary>How the Slack stand-in answers. The default answers every webhook with 200 <c>ok</c>.</summary>
public sealed record SlackStandInOptions
{
    /// <summary>
    /// Minimum spacing between accepted messages on one webhook, like Slack's limit of about one message per second.
    /// A request that comes sooner after the previous accepted one on the same webhook gets 429,
    /// <c>Retry-After</c> (whole seconds, at least 1) and body <c>rate_limited</c>. Null (the default) disables the limit.
    /// </summary>
    public TimeSpan? RateLimitPerWebhook { get; init; }

    /// <summary>
    /// How the Web API answers (<c>chat.postMessage</c>, <c>chat.update</c>). The rate limit above then applies per
    /// channel to new messages, as Slack's one message per second per channel; the answer above it is 429 with
    /// <c>Retry-After</c> and <c>{"ok":false,"error":"ratelimited"}</c>.
    /// </summary>
    public SlackWebApiOptions WebApi { get; init; } = new();

    /// <summary>
    /// A scripted outage: phases applied one after the other from the start of the schedule, after which the stand-in
    /// answers normally again. While a phase applies, it wins over the rate limit. Empty (the default) means no outage.
    /// </summary>
    public IReadOnlyList<SlackOutagePhase> Schedule { get; init; } = [];

    /// <summary>
    /// Whether the schedule starts when the stand-in starts (the default), or only at <see cref="SlackStandIn.BeginSchedule"/>.
    /// </summary>
    public bool ScheduleStartsImmediately { get; init; } = true;
}
