using System.Collections.Immutable;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Infra.Tests;

/// <summary>The review's list of resources is what the program really declares.</summary>
public class ReviewParityTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_review_lists_exactly_the_kubernetes_objects_the_program_declares(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        Assert.Null(run.Failure);

        var declared = run.Mocks.Registered
            .Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) || r.Type!.StartsWith("random:", StringComparison.Ordinal))
            .Select(r => $"{r.Type![(r.Type!.LastIndexOf(':') + 1)..]} {ObjectName(r.Type!, r.Name!, r.Inputs)}")
            .Order(StringComparer.Ordinal);

        var settings = SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, stack));
        var reviewed = PlannedResources.For(settings)
            .Select(p => $"{p.Kind} {p.Name.Replace("<suffix>", "0a1b2c3d", StringComparison.Ordinal)}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(reviewed, declared);
    }

    private static string ObjectName(string type, string resourceName, ImmutableDictionary<string, object> inputs)
    {
        if (!type.StartsWith("kubernetes:", StringComparison.Ordinal))
        {
            return resourceName;
        }

        var metadata = (ImmutableDictionary<string, object>)inputs["metadata"];
        var name = metadata.TryGetValue("name", out var n) ? (string)n : $"{resourceName}-0a1b2c3d";
        return metadata.TryGetValue("namespace", out var ns) ? $"{ns}/{name}" : name;
    }
}
