using System.Globalization;
using System.Net;
using System.Text;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A loopback metrics exporter that Prometheus scrapes: <c>GET /metrics</c> serves one gauge, one series per model
/// (<c>metric{model_name="..."} value</c>) in the text exposition format, with the values a caller sets. Removing a
/// model stops its series, as when a model or its exporter stops reporting. All members are thread-safe.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    /// <summary>The content type of the text exposition format; Prometheus 3 refuses a scrape without a valid one.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly HttpListener _listener;
    private readonly string _metric;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, decimal> _values = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double> _labelled = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _scraped = NewSignal();
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;

    private MetricsEndpoint(HttpListener listener, int port, string metric)
    {
        _listener = listener;
        _metric = metric;
        Target = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The scrape target, <c>127.0.0.1:&lt;port&gt;</c> (the metrics path is Prometheus's default <c>/metrics</c>).</summary>
    public string Target { get; }

    /// <summary>How many times <c>/metrics</c> was read.</summary>
    public int ScrapeCount { get; private set; }

    /// <summary>Starts serving <paramref name="metric"/> on a free loopback port, with no series yet.</summary>
    public static Task<MetricsEndpoint> StartAsync(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        var (listener, port) = LoopbackListener.Start();
        var endpoint = new MetricsEndpoint(listener, port, metric);
        endpoint._acceptLoop = Task.Run(endpoint.AcceptLoopAsync);
        return Task.FromResult(endpoint);
    }

    /// <summary>Sets the value of <paramref name="model"/>'s series (adding it when absent); later scrapes see it.</summary>
    public void Set(string model, decimal value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        lock (_gate)
        {
            _values[model] = value;
        }
    }

    /// <summary>
    /// Sets a series of <paramref name="model"/> labelled with <paramref name="version"/> (<c>model_version</c>), beside
    /// the one <see cref="Set"/> serves: several versions of one model from one exporter, as a canary or A/B test
    /// reports them. <paramref name="value"/> may be <see cref="double.NaN"/> (written <c>NaN</c>, as Go clients do).
    /// </summary>
    public void SetVersion(string model, string version, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        lock (_gate)
        {
            _labelled[$"model_name=\"{model}\",model_version=\"{version}\""] = value;
        }
    }

    /// <summary>Stops serving the series <see cref="SetVersion"/> set.</summary>
    public void RemoveVersion(string model, string version)
    {
        lock (_gate)
        {
            _labelled.Remove($"model_name=\"{model}\",model_version=\"{version}\"");
        }
    }

    /// <summary>Stops serving <paramref name="model"/>'s series; Prometheus marks it stale at the next scrape.</summary>
    public void Remove(string model)
    {
        lock (_gate)
        {
            _values.Remove(model);
        }
    }

    /// <summary>Waits until Prometheus has read <c>/metrics</c> <paramref name="count"/> more times from now.</summary>
    public async Task WaitForScrapesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        int target;
        lock (_gate)
        {
            target = ScrapeCount + count;
        }

        while (true)
        {
            Task scraped;
            lock (_gate)
            {
                if (ScrapeCount >= target)
                {
                    return;
                }

                scraped = _scraped.Task;
            }

            try
            {
                await scraped.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Prometheus did not scrape {Target} {count} time(s) within {timeout.TotalSeconds:F0}s ({ScrapeCount} scrapes so far).");
            }
        }
    }

    /// <summary>The exposition text as a scrape returns it now.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# HELP {_metric} Mean absolute error of each model's recent predictions.\n");
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {_metric} gauge\n");
        lock (_gate)
        {
            foreach (var (model, value) in _values)
            {
                text.Append(CultureInfo.InvariantCulture, $"{_metric}{{model_name=\"{model}\"}} {value}\n");
            }

            foreach (var (labels, value) in _labelled)
            {
                text.Append(CultureInfo.InvariantCulture, $"{_metric}{{{labels}}} {(double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture))}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The port is released either way.
        }

        await _acceptLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            if (await LoopbackListener.NextContextAsync(_listener).ConfigureAwait(false) is not { } context)
            {
                return;
            }

            try
            {
                var response = context.Response;
                var found = context.Request.Url?.AbsolutePath == "/metrics";
                var body = Encoding.UTF8.GetBytes(found ? Render() : "not found\n");
                response.StatusCode = found ? 200 : 404;
                response.ContentType = found ? ContentType : "text/plain; charset=utf-8";
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body, _stopping.Token).ConfigureAwait(false);
                response.Close();
                if (found)
                {
                    lock (_gate)
                    {
                        ScrapeCount++;
                        var scraped = _scraped;
                        _scraped = NewSignal();
                        scraped.SetResult();
                    }
                }
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
            {
                // Prometheus went away or the endpoint is stopping.
            }
        }
    }
}
