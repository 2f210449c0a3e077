using System.Text.Json;
using MlopsAlerting.Infra.Tests;
using Pulumi;
using Pulumi.Testing;

namespace ConsumerProgram;

/// <summary>Runs <see cref="AlertingStack"/> under Pulumi's test engine and writes what it registered as JSON.</summary>
internal static class MockRun
{
    public static async Task RunAsync(string mode, string file)
    {
        var mocks = new RecordingMocks();
        var (resources, outputs) = await Pulumi.Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = "mlops-alerting", StackName = "prod", IsPreview = false },
            () => Task.FromResult(AlertingStack.Declare(mode)));
        var urns = new List<string>();
        foreach (var resource in resources)
        {
            urns.Add(await RegisteredResources.UrnAsync(resource));
        }

        var result = new RegisteredResources(urns, RegisteredResources.Inputs(mocks.Registered), [.. outputs.Keys]);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result));
    }
}
