using System.Globalization;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// One replica of a drain, a pod's life: <see cref="Launched"/> stands for the container's start, from which the kubelet
/// counts the readiness probe's initial delay; <see cref="Started"/> is Alertmanager's own start time, from which it counts
/// its start delay; <see cref="EvictedAt"/> is when the drain evicted it.
/// </summary>
internal sealed class DrainedReplica : IAsyncDisposable
{
    private DrainedReplica(string name, LocalAlertmanager process, DateTimeOffset launched, DateTimeOffset started)
    {
        Name = name;
        Process = process;
        Launched = launched;
        Started = started;
    }

    /// <summary>The node it ran on for an original replica (<c>node-1</c>), or the replica it replaced with a prime (<c>node-1'</c>).</summary>
    public string Name { get; }

    public LocalAlertmanager Process { get; }

    /// <summary>Taken just before the process is started: at or before the process's start, as a container's start time is.</summary>
    public DateTimeOffset Launched { get; }

    /// <summary>
    /// At or after Alertmanager's start time: <c>main</c> takes it between logging "Starting Alertmanager" and "Build
    /// context", so the second line's time (logged in whole milliseconds, so plus one) bounds it from above.
    /// </summary>
    public DateTimeOffset Started { get; }

    /// <summary>When the drain evicted it (it notifies no more from then on), or null while it runs.</summary>
    public DateTimeOffset? EvictedAt { get; private set; }

    /// <summary>Whether its start delay has passed at <paramref name="at"/> and it still runs then: it notifies.</summary>
    public bool NotifiesAt(DateTimeOffset at, TimeSpan startDelay) => Started + startDelay <= at && (EvictedAt is not { } evicted || at < evicted);

    /// <summary>Starts a replica and reads its start time from its log.</summary>
    public static async Task<DrainedReplica> StartAsync(string name, LocalAlertmanagerOptions options, CancellationToken cancellationToken)
    {
        var launched = DateTimeOffset.UtcNow;
        var process = await LocalAlertmanager.StartAsync(options, cancellationToken);
        try
        {
            return new DrainedReplica(name, process, launched, await StartTimeAsync(process, cancellationToken));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Evicts it as a drain does: the pod is deleted, Alertmanager gets SIGTERM and leaves the gossip.</summary>
    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        EvictedAt = DateTimeOffset.UtcNow;
        await Process.StopAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static async Task<DateTimeOffset> StartTimeAsync(LocalAlertmanager process, CancellationToken cancellationToken)
    {
        // Alertmanager has answered /-/ready, so it wrote the line long ago; the reader of its stderr may still be behind.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var line = process.LogLines.FirstOrDefault(l => l.Contains("msg=\"Build context\"", StringComparison.Ordinal));
            if (line is not null)
            {
                var time = line.Split(' ').First(field => field.StartsWith("time=", StringComparison.Ordinal))["time=".Length..];
                return DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) + TimeSpan.FromMilliseconds(1);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), wait.Token);
        }
    }
}
