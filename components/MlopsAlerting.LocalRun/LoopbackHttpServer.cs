using System.Net;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// An HTTP server on <c>http://127.0.0.1:&lt;free port&gt;/</c> that answers each request on its own task, so a slow
/// answer never holds up the next request, and that on stopping waits for the answers under way. A client that goes
/// away, or a stop in the middle of an answer, drops that connection and never faults the server.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _inFlight = [];
    private Task _acceptLoop = Task.CompletedTask;

    private LoopbackHttpServer(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
    }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary>Binds a free loopback port; requests wait until <see cref="Serve"/>.</summary>
    public static LoopbackHttpServer Start()
    {
        var (listener, port) = LoopbackListener.Start();
        return new LoopbackHttpServer(listener, port);
    }

    /// <summary>Answers every request with <paramref name="handle"/>, given a token cancelled when the server stops.</summary>
    public void Serve(Func<HttpListenerContext, CancellationToken, Task> handle) => _acceptLoop = Task.Run(() => AcceptLoopAsync(handle));

    /// <summary>Stops listening and waits for the requests being answered.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        // Close only: on Linux, Stop() followed by Close() unregisters the prefix twice, and the second time the
        // managed HttpListener re-binds the port just to release it, which fails if someone took the port meanwhile.
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The port is released either way.
        }

        await _acceptLoop.ConfigureAwait(false);
        Task[] inFlight;
        lock (_gate)
        {
            inFlight = [.. _inFlight];
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Func<HttpListenerContext, CancellationToken, Task> handle)
    {
        while (!_stopping.IsCancellationRequested)
        {
            if (await LoopbackListener.NextContextAsync(_listener).ConfigureAwait(false) is not { } context)
            {
                return;
            }

            var handling = Task.Run(() => HandleAsync(handle, context));
            lock (_gate)
            {
                _inFlight.Add(handling);
            }

            _ = handling.ContinueWith(
                done =>
                {
                    lock (_gate)
                    {
                        _inFlight.Remove(done);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(Func<HttpListenerContext, CancellationToken, Task> handle, HttpListenerContext context)
    {
        try
        {
            await handle(context, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping: drop the connection, never fault the server.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
