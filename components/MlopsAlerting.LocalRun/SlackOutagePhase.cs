namespace MlopsAlerting.LocalRun;

/// <summary>One phase of a scripted Slack outage: for <paramref name="Duration"/>, every webhook answers <paramref name="StatusCode"/>.</summary>
/// <param name="Duration">How long the phase lasts.</param>
/// <param name="StatusCode">The HTTP status to answer, for example 500, 503 or 429.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header to send, or null for none.</param>
/// <param name="Body">The body to send; null picks Slack's usual text for the status (<c>rate_limited</c> for 429, otherwise <c>internal_error</c> or <c>ok</c>).</param>
public sealed record SlackOutagePhase(TimeSpan Duration, int StatusCode, int? RetryAfterSeconds = null, string? Body = null);
