using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// The guide's step 5 once, shared by the tests that read its messages: the dev stack on a real
/// Alertmanager, <see cref="GuideAlerts.TestAlert"/> posted to <c>/api/v2/alerts</c>, and the first
/// message of each channel that receives it. Started by the first test that asks (after its skip check).
/// </summary>
public sealed class GuideTestAlertDelivery : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task<Delivered>? _delivered;
    private LocalStack? _stack;

    /// <summary>What the post produced.</summary>
    /// <param name="Stack">The running stack.</param>
    /// <param name="PostedAt">When the post started, on the stand-in's clock.</param>
    /// <param name="PostedWallClock">When the post started, wall clock (UTC).</param>
    /// <param name="All">The message on the all webhook.</param>
    /// <param name="Warning">The message on the warning webhook.</param>
    internal sealed record Delivered(LocalStack Stack, TimeSpan PostedAt, DateTimeOffset PostedWallClock, SlackRequest All, SlackRequest Warning);

    /// <summary>The delivery, started on the first call; <paramref name="cancellationToken"/> bounds only the caller's wait.</summary>
    internal Task<Delivered> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return (_delivered ??= RunAsync()).WaitAsync(cancellationToken);
        }
    }

    private async Task<Delivered> RunAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _stack = await LocalStack.StartDevAsync(deadline.Token);
        var postedAt = _stack.Slack.Elapsed;
        var postedWallClock = DateTimeOffset.UtcNow;
        await _stack.Alertmanager.PostAlertsAsync([GuideAlerts.TestAlert()], deadline.Token);
        var all = await _stack.Slack.WaitForDeliveredAsync(r => r.WebhookName == "all", 1, LocalStack.Delivery, deadline.Token);
        var warning = await _stack.Slack.WaitForDeliveredAsync(r => r.WebhookName == "warning", 1, LocalStack.Delivery, deadline.Token);
        return new Delivered(_stack, postedAt, postedWallClock, all[0], warning[0]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_delivered is not null)
        {
            try
            {
                await _delivered;
            }
            catch (Exception exception) when (exception is TimeoutException or InvalidOperationException or OperationCanceledException or HttpRequestException)
            {
                // The test that asked has reported it; only the cleanup is left.
            }
        }

        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
