using System.Text.Json.Nodes;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// <c>migration.patchForce</c>: the objects the guide's import adopts carry <c>pulumi.com/patchForce</c>, so
/// pulumi-kubernetes' server-side apply takes over the fields <c>kubectl apply</c> wrote; nothing else carries it.
/// </summary>
public sealed class AdoptionStackTests
{
    private const string PatchForce = "pulumi.com/patchForce";

    [Fact]
    public async Task With_patch_force_the_namespace_deployment_and_service_take_over_the_guides_fields()
    {
        var config = EngineConfig.Committed("prod").SetPath("migration", "patchForce", JsonValue.Create(true)!);
        var run = await StackRun.RunAsync("prod", config);
        Assert.Null(run.Failure);

        Assert.Equal("true", Annotation(run.Inputs(ResourceTypes.Namespace, "monitoring-namespace"), PatchForce));
        Assert.Null(Annotation(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), PatchForce)); // new, not adopted: the guide's Deployment is deleted
        Assert.Equal("true", Annotation(run.Inputs(ResourceTypes.Service, "alertmanager"), PatchForce));

        // Only the adopted objects that stay: the headless Service, the budget and the Secrets are Pulumi's own from the start.
        Assert.Null(Annotation(run.Inputs(ResourceTypes.Service, "alertmanager-cluster"), PatchForce));
        Assert.Null(Annotation(run.Inputs(ResourceTypes.Pdb, "alertmanager"), PatchForce));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public async Task Without_it_no_object_carries_patch_force_and_the_namespace_and_service_no_annotations(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        Assert.Null(run.Failure);
        Assert.Null(Props.At(run.Inputs(ResourceTypes.Namespace, "monitoring-namespace"), "metadata.annotations"));
        Assert.Null(Props.At(run.Inputs(ResourceTypes.Service, "alertmanager"), "metadata.annotations"));
        Assert.Null(Annotation(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), PatchForce));
    }

    [Fact]
    public async Task Prod_service_selects_only_the_programs_pod_labels_so_a_forced_apply_replaces_the_guides_selector()
    {
        var run = await StackRun.CommittedAsync("prod");
        var selector = Assert.IsType<IDictionary<string, object>>(Props.At(run.Inputs(ResourceTypes.Service, "alertmanager"), "spec.selector"), exactMatch: false);
        Assert.DoesNotContain("app", selector.Keys);
        var podLabels = Assert.IsType<IDictionary<string, object>>(Props.At(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.metadata.labels"), exactMatch: false);
        Assert.All(selector, pair => Assert.Equal(pair.Value, podLabels[pair.Key]));

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine("service selector: " + string.Join(", ", selector.Select(p => $"{p.Key}={p.Value}")));
        foreach (var resource in run.Captured)
        {
            output?.WriteLine($"{resource.Type} {resource.Name} (parent {resource.ParentType} {resource.ParentName})");
        }
    }

    private static string? Annotation(object? inputs, string key) =>
        Props.At(inputs, "metadata.annotations") is IDictionary<string, object> annotations && annotations.TryGetValue(key, out var value) ? value as string : null;
}
