using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>An alert as <c>GET /api/v2/alerts</c> returns it, reduced to what tests and reviews look at.</summary>
/// <param name="Fingerprint">Alertmanager's identity of the label set.</param>
/// <param name="Labels">The labels.</param>
/// <param name="Annotations">The annotations.</param>
/// <param name="State"><c>status.state</c>: <c>active</c>, <c>suppressed</c> or <c>unprocessed</c>.</param>
/// <param name="InhibitedBy"><c>status.inhibitedBy</c>: fingerprints of the alerts inhibiting this one.</param>
/// <param name="SilencedBy"><c>status.silencedBy</c>: ids of the silences muting this one.</param>
/// <param name="Receivers">The names of the receivers the alert routes to.</param>
/// <param name="StartsAt">When it started, if given.</param>
/// <param name="EndsAt">When it ends, if given.</param>
public sealed record AlertmanagerAlert(
    string Fingerprint,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string State,
    IReadOnlyList<string> InhibitedBy,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string> Receivers,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt)
{
    internal static AlertmanagerAlert FromJson(JsonObject json)
    {
        var status = json["status"];
        return new AlertmanagerAlert(
            ApiJson.String(json, "fingerprint"),
            ApiJson.StringMap(json, "labels"),
            ApiJson.StringMap(json, "annotations"),
            ApiJson.String(status, "state"),
            ApiJson.StringList(status, "inhibitedBy"),
            ApiJson.StringList(status, "silencedBy"),
            ApiJson.Objects(json, "receivers").Select(receiver => ApiJson.String(receiver, "name")).ToArray(),
            ApiJson.Time(json, "startsAt"),
            ApiJson.Time(json, "endsAt"));
    }
}
