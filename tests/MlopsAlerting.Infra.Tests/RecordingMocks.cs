using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// A mock engine that records every resource and answers as the providers would: Kubernetes
/// objects echo their inputs (an object without a name gets one, as auto-naming does), and a
/// RandomPassword returns a result and a bcrypt hash. It marks nothing secret itself, so a secret
/// seen in a test comes from the program.
/// </summary>
internal sealed class RecordingMocks : IMocks
{
    public const string Password = "TestPassword0123456789abcdefghij";
    public const string BcryptHash = "$2a$10$abcdefghijklmnopqrstuuJ0123456789ABCDEFGHIJKLMNOPQRSTU";

    public ConcurrentBag<MockResourceArgs> Registered { get; } = [];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Registered.Add(args);
        ArgumentNullException.ThrowIfNull(args.Type);
        var state = args.Inputs ?? ImmutableDictionary<string, object>.Empty;
        if (args.Type == "random:index/randomPassword:RandomPassword")
        {
            state = state.SetItem("result", Password).SetItem("bcryptHash", BcryptHash);
        }
        else if (args.Type.StartsWith("kubernetes:", StringComparison.Ordinal)
            && state.TryGetValue("metadata", out var meta) && meta is ImmutableDictionary<string, object> metadata
            && !metadata.ContainsKey("name"))
        {
            state = state.SetItem("metadata", metadata.SetItem("name", $"{args.Name}-0a1b2c3d"));
        }

        return Task.FromResult<(string?, object)>(($"{args.Name}_id", state));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);
}
