using System.Collections.Immutable;

namespace MlopsAlerting.Infra.Tests;

/// <summary>A registered resource's inputs as plain dictionaries, lists and strings, so a test can search their text.</summary>
internal static class PlainValue
{
    public static object? Of(object? value) => value switch
    {
        ImmutableDictionary<string, object> map => map.ToDictionary(e => e.Key, e => Of(e.Value)),
        ImmutableArray<object> list => list.Select(Of).ToList(),
        _ => value?.ToString(),
    };
}
