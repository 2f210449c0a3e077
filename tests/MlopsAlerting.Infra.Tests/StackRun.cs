using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace MlopsAlerting.Infra.Tests;

/// <summary>One run of the program against the mocks: what it registered, its outputs, or its failure.</summary>
internal sealed record StackRun(
    string Stack,
    RecordingMocks Mocks,
    ImmutableArray<Resource> Resources,
    IDictionary<string, object?> Outputs,
    IReadOnlyList<CapturedResource> Captured,
    Exception? Failure)
{
    /// <summary>Runs a program for a stack with this configuration, as <c>pulumi up</c> would (not a preview).</summary>
    public static async Task<StackRun> RunAsync(string stack, EngineConfig config)
    {
        var mocks = new RecordingMocks();
        var captured = new List<CapturedResource>();
        var options = new ComponentResourceOptions
        {
            ResourceTransformations =
            {
                args =>
                {
                    lock (captured)
                    {
                        captured.Add(new CapturedResource(
                            args.Resource.GetResourceType(),
                            args.Resource.GetResourceName(),
                            args.Options.Parent?.GetResourceType(),
                            args.Options.Parent?.GetResourceName(),
                            args.Args,
                            args.Options));
                    }

                    return null;
                },
            },
        };
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", config.ConfigJson);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", config.SecretKeysJson);
        try
        {
            var (resources, outputs) = await Deployment.TestAsync(
                mocks,
                new TestOptions { ProjectName = "mlops-alerting", StackName = stack, IsPreview = false },
                () => Task.FromResult(AlertingProgram.Run(options)));
            return new StackRun(stack, mocks, resources, outputs, captured, null);
        }
        catch (Exception e)
        {
            return new StackRun(stack, mocks, [], new Dictionary<string, object?>(), captured, e);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
            Environment.ExitCode = 0;
        }
    }

    public static Task<StackRun> CommittedAsync(string stack) => RunAsync(stack, EngineConfig.Committed(stack));

    /// <summary>The inputs of the one registered resource of this type and name.</summary>
    public ImmutableDictionary<string, object> Inputs(string type, string name) =>
        Assert.Single(Mocks.Registered, r => r.Type == type && r.Name == name).Inputs;

    /// <summary>The declared resource of this type and name.</summary>
    public CapturedResource Declared(string type, string name) =>
        Assert.Single(Captured, r => r.Type == type && r.Name == name);

    public Output<T> Output<T>(string name) => (Output<T>)Outputs[name]!;
}
