using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>
/// <c>alertmanager.imageVersion</c>: an image whose tag names no release must declare it, a declared release must agree
/// with the tag, and the Deployment's flags follow the release so decided.
/// </summary>
public class ImageVersionTests
{
    private const string Digest = "quay.io/prometheus/alertmanager@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string Alertmanager(string image, string? version = null, int replicas = 3) =>
        StackFiles.With($"  mlops-alerting:alertmanager:\n    image: {image}\n    replicas: {replicas}\n" + (version is null ? string.Empty : $"    imageVersion: \"{version}\"\n"));

    [Fact]
    public void A_digest_without_a_declared_version_is_refused_naming_the_file_the_key_and_the_fix()
    {
        var error = Assert.Single(StackFiles.Errors(Alertmanager(Digest)));

        Assert.Equal("Pulumi.test.yaml", error.File);
        Assert.Equal("alertmanager.imageVersion", error.Key);
        Assert.Contains("pinned by digest alone", error.Problem, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --path alertmanager.imageVersion 0.34.0 --stack test", error.Fix, StringComparison.Ordinal);
        Assert.Contains(":v0.34.0@sha256:", error.Fix, StringComparison.Ordinal);
        Assert.StartsWith("Pulumi.test.yaml:4:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.34.0", true, true)]
    [InlineData("0.30.0", true, true)]
    [InlineData("0.27.0", true, false)]
    [InlineData("0.26.0", false, false)]
    public void A_digest_with_a_declared_version_is_accepted_and_the_flags_follow_that_version(string version, bool receiverNames, bool startDelay)
    {
        var settings = StackFiles.Bind(Alertmanager(Digest, version));
        var args = AlertmanagerWorkload.From(settings).Args;

        Assert.Equal(Digest, settings.Alertmanager.Image);
        Assert.True(settings.Alertmanager.Capabilities.Declared);
        Assert.Equal(receiverNames, args.Contains(AlertmanagerCapabilities.ReceiverNameFlag));
        Assert.Equal(startDelay, args.Any(a => a.StartsWith("--dispatch.start-delay=", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_review_shows_the_declared_release_and_what_it_cannot_do_beside_the_image()
    {
        var settings = StackFiles.Bind(Alertmanager(Digest, "0.29.0"));

        var review = StackReview.Render(settings, AlertmanagerConfigRenderer.Render(settings));

        Assert.Contains($"| `alertmanager.image` | {Digest}: Alertmanager 0.29.0 (declared by `alertmanager.imageVersion`): receiver names in metrics; no `--dispatch.start-delay` (needs 0.30); `heartbeatUrl`; no `slack.mode: app` (needs 0.32) |", review, StringComparison.Ordinal);
        Assert.Contains($"Rollout: {Digest} (Alertmanager 0.29.0) predates `--dispatch.start-delay` (0.30)", review, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_that_names_its_release_needs_no_declared_version_even_with_a_digest()
    {
        var settings = StackFiles.Bind(Alertmanager($"quay.io/prometheus/alertmanager:v0.34.0@{Digest.Split('@')[1]}"));

        Assert.Equal(new Version(0, 34, 0), settings.Alertmanager.Capabilities.Version);
        Assert.False(settings.Alertmanager.Capabilities.Declared);
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager:v0.34.0", "0.33.1")]
    [InlineData("quay.io/prometheus/alertmanager:v0.26.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0.34.0")]
    public void A_declared_version_the_tag_contradicts_is_refused(string image, string version)
    {
        var error = Assert.Single(StackFiles.Errors(Alertmanager(image, version)));

        Assert.Equal("alertmanager.imageVersion", error.Key);
        Assert.Contains($"is {version}, but the image's tag names", error.Problem, StringComparison.Ordinal);
        Assert.Contains("make them agree", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_and_a_declared_version_that_agree_are_accepted()
    {
        Assert.Equal(new Version(0, 34, 0), StackFiles.Bind(Alertmanager("quay.io/prometheus/alertmanager:v0.34.0", "0.34.0")).Alertmanager.Capabilities.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0.34.0")]
    public void Latest_is_refused_whatever_version_is_declared(string? version)
    {
        var error = Assert.Single(StackFiles.Errors(Alertmanager("quay.io/prometheus/alertmanager:latest", version)));

        Assert.Equal("alertmanager.image", error.Key);
        Assert.Contains("latest", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_that_names_no_release_needs_a_declared_version()
    {
        var error = Assert.Single(StackFiles.Errors(Alertmanager("quay.io/prometheus/alertmanager:main")));

        Assert.Equal("alertmanager.imageVersion", error.Key);
        Assert.Contains("has the tag 'main', which names no Alertmanager release", error.Problem, StringComparison.Ordinal);
        Assert.Equal(new Version(0, 32, 1), StackFiles.Bind(Alertmanager("quay.io/prometheus/alertmanager:main", "0.32.1")).Alertmanager.Capabilities.Version);
    }

    [Theory]
    [InlineData("0.34")]
    [InlineData("latest")]
    [InlineData("0.34.0.1")]
    public void A_declared_version_that_is_not_major_minor_patch_is_refused(string version)
    {
        var error = Assert.Single(StackFiles.Errors(Alertmanager(Digest, version)));

        Assert.Equal("alertmanager.imageVersion", error.Key);
        Assert.Contains("is not an Alertmanager release version", error.Problem, StringComparison.Ordinal);
        Assert.Contains("imageVersion: \"0.34.0\"", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_version_older_than_0_25_is_refused_at_that_key()
    {
        var error = Assert.Single(StackFiles.Errors(Alertmanager(Digest, "0.24.0")));

        Assert.Equal("alertmanager.imageVersion", error.Key);
        Assert.Contains("older than 0.25", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_declared_version_decides_the_heartbeat_and_app_mode_too()
    {
        var old = $"  mlops-alerting:alertmanager:\n    image: {Digest}\n    imageVersion: \"0.31.0\"\n  mlops-alerting:slack:\n    mode: app\n";
        var error = Assert.Single(StackFiles.Errors(StackFiles.With(old)));
        Assert.Equal("alertmanager.image", error.Key);
        Assert.Contains("is Alertmanager 0.31.0 (alertmanager.imageVersion), whose Slack notifier does not know update_message", error.Problem, StringComparison.Ordinal);

        Assert.Equal(SlackMode.App, StackFiles.Bind(StackFiles.With(old.Replace("0.31.0", "0.32.0", StringComparison.Ordinal))).Slack.Mode);
    }
}
