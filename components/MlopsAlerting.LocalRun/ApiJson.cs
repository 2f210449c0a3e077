using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>Lenient readers for the JSON of the Alertmanager v2 and Prometheus v1 APIs.</summary>
internal static class ApiJson
{
    public static string String(JsonNode? parent, string name) =>
        parent?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;

    public static DateTimeOffset? Time(JsonNode? parent, string name) =>
        DateTimeOffset.TryParse(String(parent, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    public static bool Bool(JsonNode? parent, string name) =>
        parent?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? parent, string name) =>
        parent?[name] is JsonObject map
            ? map.Where(pair => pair.Value is JsonValue).ToDictionary(pair => pair.Key, pair => pair.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyList<string> StringList(JsonNode? parent, string name) =>
        parent?[name] is JsonArray array ? array.OfType<JsonValue>().Select(value => value.ToString()).ToArray() : [];

    public static IEnumerable<JsonObject> Objects(JsonNode? parent, string name) =>
        parent?[name] is JsonArray array ? array.OfType<JsonObject>() : [];
}
