using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>Finding 4: the guide's resolved messages look like firing ones. Ours say so in title, colour and status, in the same channels.</summary>
public sealed class ResolvedMessageTests
{
    [Theory(Timeout = 45_000)]
    [InlineData("critical", "ModelPerformanceDegraded", "critical", "warning")]
    [InlineData("warning", "TestAlert", "warning", "critical")]
    public async Task Resolving_sends_a_resolved_message_to_the_channels_that_got_the_alert(string severity, string alertname, string severityWebhook, string otherWebhook)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);
        var alert = severity == "critical" ? GuideAlerts.ModelPerformanceDegraded("critical") : GuideAlerts.TestAlert();

        await stack.Alertmanager.PostAlertsAsync([alert], ct);
        await stack.WaitForAsync("all", a => a.Color != "good", 1, ct);
        await stack.WaitForAsync(severityWebhook, a => a.Color != "good", 1, ct);
        await stack.Alertmanager.PostAlertsAsync([alert.Resolved()], ct);

        foreach (var webhook in new[] { "all", severityWebhook })
        {
            var resolved = Assert.Single(await stack.WaitForAsync(webhook, a => a.Color == "good", 1, ct));
            Assert.Equal($"✅ Resolved: {alertname}", resolved.Title);
            Assert.Contains("*Status:* RESOLVED\n", resolved.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("FIRING", resolved.Text, StringComparison.Ordinal);
            Assert.Contains("back to normal at ", resolved.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n", resolved.Text, StringComparison.Ordinal);
        }

        await stack.AssertNoneArrivesAsync(r => r.WebhookName == otherWebhook, LocalStack.GroupInterval, ct);
        Assert.Equal(4, stack.Slack.Delivered.Count);
    }
}
