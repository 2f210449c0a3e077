using System.Text.Json.Nodes;
using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// <c>pulumi up</c> with a digest-pinned image: the Deployment's flags follow the release <c>alertmanager.imageVersion</c>
/// declares, and without one nothing is registered.
/// </summary>
public class ImageVersionStackTests
{
    private const string Digest = "quay.io/prometheus/alertmanager@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static EngineConfig ProdOn(string image, string? version)
    {
        var config = EngineConfig.Committed("prod").SetPath("alertmanager", "image", JsonValue.Create(image));
        return version is null ? config : config.SetPath("alertmanager", "imageVersion", JsonValue.Create(version));
    }

    [Theory]
    [InlineData("0.34.0", true, true)]
    [InlineData("0.28.1", true, false)]
    [InlineData("0.26.0", false, false)]
    public async Task A_digest_pinned_deployment_gets_the_flags_of_its_declared_release(string version, bool receiverNames, bool startDelay)
    {
        var run = await StackRun.RunAsync("prod", ProdOn(Digest, version));

        Assert.Null(run.Failure);
        var container = Props.At(run.Inputs(ResourceTypes.StatefulSet, "alertmanager"), "spec.template.spec.containers[0]");
        Assert.Equal(Digest, Props.Text(container, "image"));
        var args = Props.Strings(container, "args");
        Assert.Equal(receiverNames, args.Contains(AlertmanagerCapabilities.ReceiverNameFlag));
        Assert.Equal(startDelay, args.Contains("--dispatch.start-delay=150s"));
    }

    [Fact]
    public async Task A_digest_without_a_declared_release_is_refused_before_anything_is_registered()
    {
        var run = await StackRun.RunAsync("prod", ProdOn(Digest, null));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("Pulumi.prod.yaml", failure.Message, StringComparison.Ordinal);
        Assert.Contains("alertmanager.imageVersion", failure.Message, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --path alertmanager.imageVersion 0.34.0 --stack prod", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    [Fact]
    public async Task A_declared_release_the_tag_contradicts_is_refused_before_anything_is_registered()
    {
        var run = await StackRun.RunAsync("prod", ProdOn("quay.io/prometheus/alertmanager:v0.34.0", "0.26.0"));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("alertmanager.imageVersion", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the image's tag names 0.34.0", failure.Message, StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }
}
