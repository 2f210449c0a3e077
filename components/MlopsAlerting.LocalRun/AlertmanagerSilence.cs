using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>A silence as <c>GET /api/v2/silences</c> returns it.</summary>
/// <param name="Id">The silence id.</param>
/// <param name="State"><c>status.state</c>: <c>active</c>, <c>pending</c> or <c>expired</c>.</param>
/// <param name="Matchers">The matchers.</param>
/// <param name="StartsAt">When it starts.</param>
/// <param name="EndsAt">When it ends.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="Comment">Why.</param>
public sealed record AlertmanagerSilence(
    string Id,
    string State,
    IReadOnlyList<SilenceMatcher> Matchers,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string CreatedBy,
    string Comment)
{
    internal static AlertmanagerSilence FromJson(JsonObject json) =>
        new(
            ApiJson.String(json, "id"),
            ApiJson.String(json["status"], "state"),
            ApiJson.Objects(json, "matchers").Select(SilenceMatcher.FromJson).ToArray(),
            ApiJson.Time(json, "startsAt"),
            ApiJson.Time(json, "endsAt"),
            ApiJson.String(json, "createdBy"),
            ApiJson.String(json, "comment"));
}
