using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>The parts of a Slack incoming-webhook payload that alerting cares about.</summary>
/// <param name="Channel">The <c>channel</c> override, or null/empty when the webhook's default channel is used.</param>
/// <param name="Username">The <c>username</c> override.</param>
/// <param name="Text">The top-level <c>text</c>, if any.</param>
/// <param name="Attachments">The <c>attachments</c>; empty when absent or null.</param>
public sealed record SlackMessage(string? Channel, string? Username, string? Text, IReadOnlyList<SlackAttachment> Attachments)
{
    /// <summary>
    /// Parses a webhook body leniently: JSON (as Alertmanager sends) or a form-encoded <c>payload=</c> JSON.
    /// Unknown properties are ignored, and values of an unexpected type are read as null.
    /// </summary>
    /// <param name="body">The raw request body.</param>
    /// <returns>The message, or null when the body is not a JSON object.</returns>
    public static SlackMessage? TryParse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = body.TrimStart();
        if (json.StartsWith("payload=", StringComparison.Ordinal))
        {
            json = Uri.UnescapeDataString(json["payload=".Length..].Replace('+', ' '));
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        return root is null
            ? null
            : new SlackMessage(
                StringOf(root, "channel"),
                StringOf(root, "username"),
                StringOf(root, "text"),
                ObjectsOf(root, "attachments").Select(ParseAttachment).ToArray());
    }

    private static SlackAttachment ParseAttachment(JsonObject attachment) =>
        new(
            StringOf(attachment, "title"),
            StringOf(attachment, "title_link"),
            StringOf(attachment, "pretext"),
            StringOf(attachment, "text"),
            StringOf(attachment, "fallback"),
            StringOf(attachment, "color"),
            StringOf(attachment, "footer"),
            ObjectsOf(attachment, "fields")
                .Select(field => new SlackField(StringOf(field, "title"), StringOf(field, "value"), BoolOf(field, "short")))
                .ToArray(),
            ObjectsOf(attachment, "actions")
                .Select(action => new SlackAction(StringOf(action, "type"), StringOf(action, "text"), StringOf(action, "url")))
                .ToArray());

    private static IEnumerable<JsonObject> ObjectsOf(JsonObject parent, string name) =>
        parent[name] is JsonArray array ? array.OfType<JsonObject>() : [];

    private static string? StringOf(JsonObject parent, string name) =>
        parent[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool BoolOf(JsonObject parent, string name) =>
        parent[name] is JsonValue value && value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => bool.TryParse(value.GetValue<string>(), out var parsed) && parsed,
            _ => false,
        };
}
