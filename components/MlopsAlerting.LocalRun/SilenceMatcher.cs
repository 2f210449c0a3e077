using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>One matcher of a silence.</summary>
/// <param name="Name">The label name.</param>
/// <param name="Value">The value, or the regular expression when <paramref name="IsRegex"/>.</param>
/// <param name="IsEqual">True for <c>=</c>/<c>=~</c>, false for <c>!=</c>/<c>!~</c>.</param>
/// <param name="IsRegex">Whether <paramref name="Value"/> is a regular expression.</param>
public sealed record SilenceMatcher(string Name, string Value, bool IsEqual = true, bool IsRegex = false)
{
    internal JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["value"] = Value,
        ["isEqual"] = IsEqual,
        ["isRegex"] = IsRegex,
    };

    internal static SilenceMatcher FromJson(JsonObject json) =>
        new(
            ApiJson.String(json, "name"),
            ApiJson.String(json, "value"),
            json["isEqual"] is null || ApiJson.Bool(json, "isEqual"),
            ApiJson.Bool(json, "isRegex"));
}
