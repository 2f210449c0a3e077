using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// A stack's rendered configuration on the real Alertmanager, each channel's webhook a file pointing at
/// the loopback Slack stand-in (as the mounted Secret does in the pod). Timing is shortened to
/// group_wait 1s / group_interval 2s; everything else is the stack's own. Disposing stops both.
/// </summary>
internal sealed class LocalStack : IAsyncDisposable
{
    public static readonly TimeSpan GroupWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan GroupInterval = TimeSpan.FromSeconds(2);

    /// <summary>Generous bound for a message that is due at a flush; latency itself is asserted apart.</summary>
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(10);

    private readonly ScratchDirectory _scratch;

    private LocalStack(StackSettings settings, ScratchDirectory scratch, SlackStandIn slack, string secretsDirectory)
    {
        Settings = settings;
        _scratch = scratch;
        Slack = slack;
        SecretsDirectory = secretsDirectory;
    }

    public StackSettings Settings { get; }

    public SlackStandIn Slack { get; }

    public LocalAlertmanager Alertmanager { get; private set; } = null!;

    public string SecretsDirectory { get; }

    /// <summary>The URL Alertmanager runs with: the one the Deployment passes as <c>--web.external-url</c>.</summary>
    public Uri ExternalUrl { get; private set; } = null!;

    /// <summary>The committed dev stack, shortened timing.</summary>
    public static Task<LocalStack> StartDevAsync(CancellationToken cancellationToken) =>
        StartAsync(StackFiles.Committed("dev"), cancellationToken);

    public static async Task<LocalStack> StartAsync(StackSettings stack, CancellationToken cancellationToken)
    {
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        var settings = StandInConfiguration.WithTimings(stack, "1s", "2s");
        var scratch = new ScratchDirectory();
        var slack = await SlackStandIn.StartAsync();
        var running = new LocalStack(settings, scratch, slack, Path.Combine(scratch.Path, "secrets"));
        try
        {
            var local = await StandInConfiguration.WriteAsync(settings, slack, scratch.Path, cancellationToken);
            const string Flag = "--web.external-url=";
            running.ExternalUrl = new Uri(AlertmanagerWorkload.From(settings).Args.Single(a => a.StartsWith(Flag, StringComparison.Ordinal))[Flag.Length..]);
            running.Alertmanager = await LocalAlertmanager.StartAsync(
                new LocalAlertmanagerOptions
                {
                    ConfigFile = local.ConfigFile,
                    Binary = binary,
                    ExternalUrl = running.ExternalUrl,
                },
                cancellationToken);
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <summary>Points a role's webhook file at the stand-in webhook <paramref name="webhookName"/>, replacing the file in one step as a Secret update does.</summary>
    public void RotateWebhook(ChannelRole role, string webhookName)
    {
        var target = Path.Combine(SecretsDirectory, role.Key());
        var next = target + ".next";
        File.WriteAllText(next, Slack.WebhookUrl(webhookName).ToString());
        File.Move(next, target, overwrite: true);
    }

    /// <summary>Waits for <paramref name="count"/> delivered messages on one webhook whose only attachment matches.</summary>
    public async Task<IReadOnlyList<SlackAttachment>> WaitForAsync(string webhook, Func<SlackAttachment, bool> predicate, int count, CancellationToken cancellationToken)
    {
        var requests = await Slack.WaitForDeliveredAsync(r => r.WebhookName == webhook && Only(r) is { } a && predicate(a), count, Delivery, cancellationToken);
        return requests.Select(r => Only(r)!).ToList();
    }

    /// <summary>Asserts that no delivered message matching <paramref name="predicate"/> arrives within <paramref name="window"/>.</summary>
    public async Task AssertNoneArrivesAsync(Func<SlackRequest, bool> predicate, TimeSpan window, CancellationToken cancellationToken)
    {
        await Assert.ThrowsAsync<TimeoutException>(() => Slack.WaitForDeliveredAsync(predicate, 1, window, cancellationToken));
    }

    /// <summary>Polls <c>GET /api/v2/alerts</c> until an alert satisfies <paramref name="predicate"/>.</summary>
    public async Task<AlertmanagerAlert> WaitForAlertAsync(Func<AlertmanagerAlert, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        IReadOnlyList<AlertmanagerAlert> last = [];
        try
        {
            while (true)
            {
                last = await Alertmanager.GetAlertsAsync(deadline.Token);
                if (last.FirstOrDefault(predicate) is { } found)
                {
                    return found;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No alert matched within {timeout.TotalSeconds:F0}s; Alertmanager holds: {string.Join("; ", last.Select(a => $"{string.Join(",", a.Labels.Select(l => $"{l.Key}={l.Value}"))} [{a.State}]"))}");
        }
    }

    /// <summary>The single attachment of a delivered message, or null.</summary>
    public static SlackAttachment? Only(SlackRequest request) =>
        request.Message?.Attachments is [var attachment] ? attachment : null;

    public async ValueTask DisposeAsync()
    {
        if (Alertmanager is not null)
        {
            await Alertmanager.DisposeAsync();
        }

        await Slack.DisposeAsync();
        _scratch.Dispose();
    }
}
