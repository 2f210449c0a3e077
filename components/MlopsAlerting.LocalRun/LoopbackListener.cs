using System.Globalization;
using System.Net;

namespace MlopsAlerting.LocalRun;

/// <summary>Starts an <see cref="HttpListener"/> on <c>http://127.0.0.1:&lt;free port&gt;/</c>, retrying when another process took the port first.</summary>
internal static class LoopbackListener
{
    private const int MaxBindAttempts = 5;

    public static (HttpListener Listener, int Port) Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < MaxBindAttempts)
            {
                listener.Close();
            }
        }
    }

    /// <summary>The next request, or null once the listener is closed (the server is stopping).</summary>
    public static async Task<HttpListenerContext?> NextContextAsync(HttpListener listener)
    {
        try
        {
            return await listener.GetContextAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            return null;
        }
    }
}
