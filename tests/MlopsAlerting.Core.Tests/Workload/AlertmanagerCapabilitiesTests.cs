using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.Workload;

/// <summary>One answer to "what can this image do": every version-dependent feature at the releases where it starts.</summary>
public class AlertmanagerCapabilitiesTests
{
    [Theory]
    [InlineData("0.24.0", false)]
    [InlineData("0.25.0", true)]
    [InlineData("0.34.0", true)]
    public void Releases_older_than_0_25_are_not_supported(string version, bool supported)
    {
        Assert.Equal(supported, Of(version).Supported);
    }

    [Theory]
    [InlineData("0.26.9", false)]
    [InlineData("0.27.0", true)]
    [InlineData("1.0.0", true)]
    public void Receiver_names_in_metrics_and_their_flag_come_with_0_27(string version, bool has)
    {
        var capabilities = Of(version);

        Assert.Equal(has, capabilities.ReceiverNameInMetrics);
        Assert.Equal(has ? ["--enable-feature=receiver-name-in-metrics"] : [], capabilities.FeatureFlags);
    }

    [Theory]
    [InlineData("0.29.9", false)]
    [InlineData("0.30.0", true)]
    public void The_dispatch_start_delay_comes_with_0_30(string version, bool has)
    {
        Assert.Equal(has, Of(version).DispatchStartDelay);
    }

    [Theory]
    [InlineData("0.26.0", false)]
    [InlineData("0.27.0", true)]
    public void The_heartbeats_url_file_comes_with_the_heartbeat_minimum(string version, bool has)
    {
        Assert.Equal(has, Of(version).HeartbeatUrlFile);
        Assert.Equal(new Version(0, 27), AlertmanagerCapabilities.HeartbeatUrlFileSince);
    }

    [Theory]
    [InlineData("0.31.1", false)]
    [InlineData("0.32.0", true)]
    public void Slack_app_mode_comes_with_0_32(string version, bool has)
    {
        Assert.Equal(has, Of(version).SlackAppMode);
        Assert.Equal(new Version(0, 32), AlertmanagerCapabilities.SlackAppModeSince);
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager:v0.34.0", "0.34.0")]
    [InlineData("quay.io/prometheus/alertmanager:0.27.1", "0.27.1")]
    [InlineData("quay.io/prometheus/alertmanager:v0.30", "0.30")]
    [InlineData("localhost:5000/alertmanager:v0.28.0-rc.0", "0.28.0")]
    [InlineData("quay.io/prometheus/alertmanager:v0.34.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0.34.0")]
    [InlineData("quay.io/prometheus/alertmanager@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("quay.io/prometheus/alertmanager:main", null)]
    [InlineData("quay.io/prometheus/alertmanager:latest", null)]
    [InlineData("localhost:5000/alertmanager", null)]
    public void The_tag_names_the_release_or_nothing(string image, string? version)
    {
        Assert.Equal(version, AlertmanagerCapabilities.TagVersion(image)?.ToString());
    }

    [Fact]
    public void A_tag_and_a_declared_version_decide_together_and_a_digest_alone_decides_nothing()
    {
        const string Digest = "quay.io/prometheus/alertmanager@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        Assert.Null(AlertmanagerCapabilities.From(Digest, null));
        Assert.Equal(new AlertmanagerCapabilities(new Version(0, 26, 0), Declared: true), AlertmanagerCapabilities.From(Digest, "0.26.0"));
        Assert.False(AlertmanagerCapabilities.From(Digest, "0.26.0")!.ReceiverNameInMetrics);
        Assert.Equal(new AlertmanagerCapabilities(new Version(0, 34, 0)), AlertmanagerCapabilities.From("quay.io/prometheus/alertmanager:v0.34.0", null));
        Assert.NotNull(AlertmanagerCapabilities.From("quay.io/prometheus/alertmanager:v0.34", "0.34.1"));
        Assert.Null(AlertmanagerCapabilities.From("quay.io/prometheus/alertmanager:v0.34.0", "0.33.1"));
        Assert.Null(AlertmanagerCapabilities.From(Digest, "0.3"));
    }

    private static AlertmanagerCapabilities Of(string version) => AlertmanagerCapabilities.Of(Version.Parse(version));
}
