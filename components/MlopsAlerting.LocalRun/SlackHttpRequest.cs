using System.Net;
using System.Text;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// One HTTP request to <see cref="SlackStandIn"/> as read off the connection, before it is answered; once answered it
/// is recorded as a <see cref="SlackRequest"/>. The path says what it is for: a webhook (<c>/services/&lt;name&gt;</c>)
/// or a Web API method (<c>/api/&lt;method&gt;</c>).
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="Body">The raw request body.</param>
/// <param name="Message">The body parsed as a Slack message, or null when it is not one.</param>
/// <param name="Authorization">The <c>Authorization</c> header, if any (the Web API's bot token).</param>
internal sealed record SlackHttpRequest(string Method, string Path, string Body, SlackMessage? Message, string? Authorization)
{
    /// <summary>Where the webhooks live: <c>/services/&lt;name&gt;</c>, as on <c>hooks.slack.com</c>.</summary>
    public const string ServicesPrefix = "/services/";

    private const string ApiPrefix = "/api/";

    /// <summary>The Web API method named by the path (e.g. <c>chat.postMessage</c>), or null when the path is not under <c>/api/</c>.</summary>
    public string? ApiMethod => Path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? Path[ApiPrefix.Length..] : null;

    /// <summary>The webhook named by the path; empty when the path is not under <c>/services/</c>.</summary>
    public string WebhookName =>
        Path.StartsWith(ServicesPrefix, StringComparison.Ordinal) ? Path[ServicesPrefix.Length..].TrimEnd('/') : string.Empty;

    /// <summary>Reads <paramref name="request"/>'s body to the end.</summary>
    public static async Task<SlackHttpRequest> ReadAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        string body;
        using (var reader = new StreamReader(request.InputStream, request.ContentEncoding ?? Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SlackHttpRequest(
            request.HttpMethod,
            request.Url?.AbsolutePath ?? "/",
            body,
            SlackMessage.TryParse(body),
            request.Headers["Authorization"]);
    }
}
