using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A request to the stand-in's Web API with what Slack reads from it: the method, the bot token of
/// <c>Authorization: Bearer</c>, and the JSON body's <c>channel</c> and <c>ts</c>.
/// </summary>
/// <param name="Request">The request as received.</param>
/// <param name="ApiMethod">The Web API method, e.g. <c>chat.postMessage</c>.</param>
/// <param name="IsJsonObject">Whether the body is a JSON object (else Slack answers <c>invalid_json</c>).</param>
/// <param name="Channel">The body's <c>channel</c>: a name (<c>#name</c>) or an ID; empty when missing.</param>
/// <param name="Ts">The body's <c>ts</c>, naming the message to update; null when missing.</param>
/// <param name="Token">The bearer token; null when there is no <c>Authorization: Bearer</c> header.</param>
internal sealed record SlackApiCall(SlackHttpRequest Request, string ApiMethod, bool IsJsonObject, string Channel, string? Ts, string? Token)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Reads the call <paramref name="apiMethod"/> out of <paramref name="request"/>; a body that is not JSON is no error here.</summary>
    public static SlackApiCall Parse(SlackHttpRequest request, string apiMethod)
    {
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var channel = json?["channel"] is JsonValue c && c.TryGetValue<string>(out var channelText) ? channelText : string.Empty;
        var ts = json?["ts"] is JsonValue t && t.TryGetValue<string>(out var tsText) ? tsText : null;
        var token = request.Authorization is { } header && header.StartsWith(BearerPrefix, StringComparison.Ordinal)
            ? header[BearerPrefix.Length..].Trim()
            : null;
        return new SlackApiCall(request, apiMethod, json is not null, channel, ts, token);
    }
}
