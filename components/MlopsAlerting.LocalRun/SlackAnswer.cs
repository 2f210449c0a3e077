using System.Globalization;
using System.Net;
using System.Text;

namespace MlopsAlerting.LocalRun;

/// <summary>What <see cref="SlackStandIn"/> answers to one request.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header, or null for none.</param>
/// <param name="Body">The body: plain text for a webhook (<c>ok</c>, <c>rate_limited</c>, ...), JSON for the Web API.</param>
/// <param name="ContentType">The body's content type.</param>
internal readonly record struct SlackAnswer(int StatusCode, int? RetryAfterSeconds, string Body, string ContentType = "text/plain; charset=utf-8")
{
    /// <summary>Whether the status is 2xx (a Web API answer may still carry an error in its body).</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Sends the answer and closes the response.</summary>
    public async Task WriteToAsync(HttpListenerResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        if (RetryAfterSeconds is { } retryAfter)
        {
            response.AddHeader("Retry-After", retryAfter.ToString(CultureInfo.InvariantCulture));
        }

        var bytes = Encoding.UTF8.GetBytes(Body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        response.Close();
    }
}
