using System.Collections.Concurrent;
using System.Diagnostics;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Polls Prometheus's alerts every 250 ms in the background and keeps every firing alert of <see cref="_names"/> it
/// sees, with when: a self-alert that fires for a moment between two Slack messages is caught too. Prometheus being
/// restarted (no answer) is skipped over.
/// </summary>
internal sealed class SelfAlertLog : IAsyncDisposable
{
    private readonly HashSet<string> _names;
    private readonly Func<LocalPrometheus?> _prometheus;
    private readonly ConcurrentQueue<(TimeSpan At, string Alert, string Labels)> _firing = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    public SelfAlertLog(IEnumerable<string> names, Func<LocalPrometheus?> prometheus)
    {
        _names = [.. names];
        _prometheus = prometheus;
        _loop = Task.Run(LoopAsync);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Every self-alert seen firing after <paramref name="since"/>, one line per alert with when it was first and last seen.</summary>
    public IReadOnlyList<string> FiringSince(TimeSpan since) =>
        [.. _firing.Where(f => f.At >= since).GroupBy(f => f.Labels).Select(g => $"{g.First().At.TotalSeconds:0.0}s to {g.Last().At.TotalSeconds:0.0}s {g.First().Alert} {g.Key}")];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (_prometheus() is { } prometheus)
                {
                    foreach (var alert in await prometheus.GetAlertsAsync(_stop.Token))
                    {
                        var name = alert["labels"]?["alertname"]?.GetValue<string>() ?? string.Empty;
                        if (alert["state"]?.GetValue<string>() == "firing" && _names.Contains(name))
                        {
                            _firing.Enqueue((_clock.Elapsed, name, alert["labels"]!.ToJsonString()));
                        }
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or ObjectDisposedException or TaskCanceledException or InvalidOperationException && !_stop.IsCancellationRequested)
            {
                // Prometheus is being restarted.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), _stop.Token);
        }
    }
}
