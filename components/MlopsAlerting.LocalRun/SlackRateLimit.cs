namespace MlopsAlerting.LocalRun;

/// <summary>
/// Slack's limit of about one message per second, per webhook and (for the Web API's new messages) per channel:
/// remembers when each last accepted a message and answers 429 to one that comes sooner (see
/// <see cref="SlackStandInOptions.RateLimitPerWebhook"/>). Not thread-safe: <see cref="SlackStandIn"/> calls it under
/// its lock, so a check and the acceptance that follows it are one step.
/// </summary>
/// <param name="interval">The minimum spacing between accepted messages on one key; null disables the limit.</param>
internal sealed class SlackRateLimit(TimeSpan? interval)
{
    private readonly Dictionary<string, TimeSpan> _lastAcceptedAt = new(StringComparer.Ordinal);

    /// <summary>
    /// The 429 (with <c>Retry-After</c> in whole seconds, at least 1) for a message on <paramref name="key"/> at
    /// <paramref name="now"/>, or null when it may go through.
    /// </summary>
    public SlackAnswer? Check(string key, TimeSpan now)
    {
        if (interval is not { } spacing || !_lastAcceptedAt.TryGetValue(key, out var last))
        {
            return null;
        }

        var wait = last + spacing - now;
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return new SlackAnswer(429, retryAfter, "rate_limited");
    }

    /// <summary>Notes that a message on <paramref name="key"/> was accepted at <paramref name="now"/>.</summary>
    public void Accepted(string key, TimeSpan now) => _lastAcceptedAt[key] = now;

    /// <summary>Forgets every accepted message.</summary>
    public void Clear() => _lastAcceptedAt.Clear();
}
