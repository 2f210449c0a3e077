using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Heartbeat;

/// <summary>
/// A heartbeat URL the NetworkPolicy would block (it lets Alertmanager out on TCP 443 only) is refused before anything
/// is created, with the fix, instead of an outside check that pages from the first interval with no hint why.
/// </summary>
public class HeartbeatEgressTests
{
    [Fact]
    public void An_http_url_is_refused_as_a_secret_in_clear_text_without_showing_it()
    {
        var error = Assert.Single(Assert.Throws<SettingsException>(() => HeartbeatStacks.Prod("http://hc-ping.com/SENTINEL")).Errors);

        Assert.Equal(HeartbeatUrl.Key, error.Key);
        Assert.Contains("http://", error.Problem, StringComparison.Ordinal);
        Assert.Contains("TCP 443 only", error.Problem, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --secret heartbeatUrl", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_other_than_443_is_refused_while_the_network_policy_is_on()
    {
        var error = Assert.Single(Assert.Throws<SettingsException>(() => HeartbeatStacks.Prod("https://checks.example.com:8443/ping/SENTINEL")).Errors);

        Assert.Equal(HeartbeatUrl.Key, error.Key);
        Assert.Contains("names port 8443", error.Problem, StringComparison.Ordinal);
        Assert.Contains("the outside check would page", error.Problem, StringComparison.Ordinal);
        Assert.Contains("port 443", error.Fix, StringComparison.Ordinal);
        Assert.Contains("access.networkPolicy.enabled: false", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("checks.example.com", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hc-ping.com/0f0e0d0c-SENTINEL")]
    [InlineData("https://hc-ping.com:443/0f0e0d0c-SENTINEL")]
    public void A_url_on_443_is_accepted(string url) =>
        Assert.Equal(WebhookState.Provided, HeartbeatStacks.Prod(url).HeartbeatUrl.State);

    [Fact]
    public void Another_port_is_accepted_where_the_stack_turns_the_network_policy_off()
    {
        var settings = HeartbeatStacks.Prod("https://checks.example.com:8443/ping/SENTINEL", networkPolicy: false);

        Assert.False(settings.Access.NetworkPolicy.Enabled);
        Assert.Equal(WebhookState.Provided, settings.HeartbeatUrl.State);
    }
}
