using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>Finding 12 and the api_url_file design: a rotated webhook (an updated Secret) takes effect without a restart.</summary>
public sealed class WebhookRotationTests
{
    [Fact(Timeout = 45_000)]
    public async Task A_rewritten_critical_webhook_file_is_used_by_the_next_message_of_the_same_process()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);
        var processId = stack.Alertmanager.ProcessId;

        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.ModelPerformanceDegraded("critical", model: "model-a")], ct);
        await stack.WaitForAsync("critical", a => a.Text?.Contains("model-a", StringComparison.Ordinal) == true, 1, ct);

        stack.RotateWebhook(ChannelRole.Critical, "critical-rotated");
        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.ModelPerformanceDegraded("critical", model: "model-b")], ct);

        var rotated = Assert.Single(await stack.WaitForAsync("critical-rotated", a => a.Text?.Contains("model-b", StringComparison.Ordinal) == true, 1, ct));
        Assert.StartsWith("🚨 Critical Alert: ModelPerformanceDegraded", rotated.Title, StringComparison.Ordinal);
        Assert.Equal(processId, stack.Alertmanager.ProcessId);
        Assert.True(stack.Alertmanager.IsRunning);
        Assert.Single(stack.Slack.Delivered, r => r.WebhookName == "critical");
        await stack.WaitForAsync("all", a => a.Text?.Contains("model-b", StringComparison.Ordinal) == true, 1, ct);
    }
}
