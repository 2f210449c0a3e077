using System.Globalization;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>An alert as posted to <c>POST /api/v2/alerts</c>. To resolve it, post it again with <paramref name="EndsAt"/> now or in the past.</summary>
/// <param name="Labels">The labels, which identify the alert (<c>alertname</c>, <c>severity</c>, ...).</param>
/// <param name="Annotations">The annotations (<c>summary</c>, <c>description</c>, <c>runbook_url</c>, ...).</param>
/// <param name="StartsAt">When it started; null lets Alertmanager use the time of receipt.</param>
/// <param name="EndsAt">When it ends; null lets Alertmanager apply <c>resolve_timeout</c>.</param>
/// <param name="GeneratorUrl">The link back to the source of the alert, or null.</param>
public sealed record PostableAlert(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    string? GeneratorUrl = null)
{
    /// <summary>This alert, resolved at <paramref name="at"/> (now when null).</summary>
    public PostableAlert Resolved(DateTimeOffset? at = null) => this with { EndsAt = at ?? DateTimeOffset.UtcNow };

    internal JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["labels"] = ToJsonObject(Labels),
            ["annotations"] = ToJsonObject(Annotations),
        };
        if (StartsAt is { } startsAt)
        {
            json["startsAt"] = FormatTime(startsAt);
        }

        if (EndsAt is { } endsAt)
        {
            json["endsAt"] = FormatTime(endsAt);
        }

        if (GeneratorUrl is not null)
        {
            json["generatorURL"] = GeneratorUrl;
        }

        return json;
    }

    internal static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static JsonObject ToJsonObject(IReadOnlyDictionary<string, string> pairs)
    {
        var json = new JsonObject();
        foreach (var (name, value) in pairs)
        {
            json[name] = value;
        }

        return json;
    }
}
