using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A loopback stand-in for an outside dead man's switch (healthchecks.io and the like): answers 200 to every POST on
/// <see cref="PingUrl"/> and records each with its time, so a test can see when the pings stop and start again.
/// </summary>
public sealed class HeartbeatStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly List<HeartbeatPing> _pings = [];
    private Task _acceptLoop = Task.CompletedTask;

    private HeartbeatStandIn(HttpListener listener, int port)
    {
        _listener = listener;
        PingUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/ping/local-check");
    }

    /// <summary>The URL the heartbeat receiver posts to (what <c>heartbeatUrl</c> holds in a stack).</summary>
    public Uri PingUrl { get; }

    /// <summary>Time since the stand-in started, on the clock of <see cref="HeartbeatPing.Elapsed"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Every ping so far (a snapshot).</summary>
    public IReadOnlyList<HeartbeatPing> Pings
    {
        get
        {
            lock (_gate)
            {
                return [.. _pings];
            }
        }
    }

    /// <summary>Starts listening on a free loopback port.</summary>
    public static HeartbeatStandIn Start()
    {
        var (listener, port) = LoopbackListener.Start();
        var standIn = new HeartbeatStandIn(listener, port);
        standIn._acceptLoop = Task.Run(standIn.AcceptLoopAsync);
        return standIn;
    }

    /// <summary>The first ping after <paramref name="after"/>, or null when none comes within <paramref name="timeout"/>.</summary>
    public async Task<HeartbeatPing?> WaitForPingAfterAsync(TimeSpan after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            if (Pings.FirstOrDefault(p => p.Elapsed > after) is { } ping)
            {
                return ping;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _acceptLoop.ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (await LoopbackListener.NextContextAsync(_listener).ConfigureAwait(false) is { } context)
        {
            try
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync().ConfigureAwait(false);
                var status = (JsonNode.Parse(body) as JsonObject)?["status"]?.GetValue<string>() ?? string.Empty;
                lock (_gate)
                {
                    _pings.Add(new HeartbeatPing(_clock.Elapsed, status, body));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or System.Text.Json.JsonException or InvalidOperationException)
            {
                context.Response.Abort();
            }
        }
    }
}
