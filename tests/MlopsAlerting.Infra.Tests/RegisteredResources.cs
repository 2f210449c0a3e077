using System.Collections.Immutable;
using System.Text.Json;
using Pulumi;
using Pulumi.Testing;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// What a program registered with the mock engine, in a form two processes can compare: every URN
/// (type, name and the parent's type chain), every resource's inputs as JSON, and the output names.
/// Also compiled into the consumer program (tests/ConsumerProgram), with <see cref="OutputValue"/>, so both sides write it alike.
/// </summary>
internal sealed record RegisteredResources(IReadOnlyList<string> Urns, IReadOnlyDictionary<string, string> InputsByResource, IReadOnlyList<string> Outputs)
{
    public static Task<string> UrnAsync(Resource resource) => OutputValue.Of(resource.Urn);

    /// <summary>Each registered resource's inputs as JSON, by <c>type/name</c>.</summary>
    public static IReadOnlyDictionary<string, string> Inputs(IEnumerable<MockResourceArgs> registered) =>
        registered.ToDictionary(r => $"{r.Type}/{r.Name}", r => JsonSerializer.Serialize(Sorted(r.Inputs)), StringComparer.Ordinal);

    private static object? Sorted(object? value) => value switch
    {
        ImmutableDictionary<string, object> map => new SortedDictionary<string, object?>(map.ToDictionary(p => p.Key, p => Sorted(p.Value)), StringComparer.Ordinal),
        ImmutableArray<object> list => list.Select(Sorted).ToList(),
        _ => value,
    };
}
