using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Samples one alert of Prometheus's <c>/api/v1/alerts</c> every 200ms in the background, on the caller's clock: its
/// state (<c>firing</c>, <c>pending</c>, <c>absent</c>, or <c>unreachable</c> while Prometheus does not answer) and its
/// <c>activeAt</c>. Prometheus changes an alert only at an evaluation, a second apart here, so no change goes unseen.
/// </summary>
internal sealed class AlertStateWatch : IAsyncDisposable
{
    private readonly LocalPrometheus _prometheus;
    private readonly Func<IReadOnlyDictionary<string, string>, bool> _which;
    private readonly Func<TimeSpan> _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Sample> _samples = [];
    private Task _loop = Task.CompletedTask;

    private AlertStateWatch(LocalPrometheus prometheus, Func<IReadOnlyDictionary<string, string>, bool> which, Func<TimeSpan> clock)
    {
        _prometheus = prometheus;
        _which = which;
        _clock = clock;
    }

    /// <summary>One observation.</summary>
    /// <param name="At">When, on the caller's clock.</param>
    /// <param name="State"><c>firing</c>, <c>pending</c>, <c>absent</c> or <c>unreachable</c>.</param>
    /// <param name="ActiveAt">The alert's <c>activeAt</c> as Prometheus prints it; null unless pending or firing.</param>
    public sealed record Sample(TimeSpan At, string State, string? ActiveAt)
    {
        public override string ToString() => $"+{At.TotalSeconds:0.0}s {State} {ActiveAt}";
    }

    /// <summary>Every sample so far (a snapshot).</summary>
    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Starts sampling the alert whose labels <paramref name="which"/> accepts.</summary>
    public static AlertStateWatch Start(LocalPrometheus prometheus, Func<IReadOnlyDictionary<string, string>, bool> which, Func<TimeSpan> clock)
    {
        var watch = new AlertStateWatch(prometheus, which, clock);
        watch._loop = Task.Run(watch.LoopAsync);
        return watch;
    }

    /// <summary>The samples taken at or after <paramref name="from"/>.</summary>
    public IReadOnlyList<Sample> Since(TimeSpan from) => [.. Samples.Where(s => s.At >= from)];

    /// <summary>The samples, one a line, for a failure message.</summary>
    public string Describe(TimeSpan from) => string.Join(Environment.NewLine, Since(from).Select(s => s.ToString()));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var at = _clock();
            Sample sample;
            try
            {
                var alert = (await _prometheus.GetAlertsAsync(_stop.Token)).FirstOrDefault(a => _which(SharedPrometheusStack.Labels(a)));
                sample = alert is null
                    ? new Sample(at, "absent", null)
                    : new Sample(at, alert["state"]?.GetValue<string>() ?? string.Empty, alert["activeAt"]?.GetValue<string>());
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or ObjectDisposedException)
            {
                sample = new Sample(at, "unreachable", null);
            }

            lock (_samples)
            {
                _samples.Add(sample);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
