using System.Net;
using System.Net.Sockets;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// Finds unused ports on 127.0.0.1 by binding port 0, reading the port the OS chose and releasing it.
/// A port is never handed out twice in the same process, which keeps parallel tests from racing for it.
/// </summary>
public static class FreePort
{
    private const int MaxAttempts = 50;
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    /// <summary>Returns a TCP port on 127.0.0.1 that was free a moment ago and was not returned before by this process.</summary>
    /// <exception cref="InvalidOperationException">No fresh port was found after several attempts.</exception>
    public static int Next()
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (TryClaim(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free TCP port on 127.0.0.1 after {MaxAttempts} attempts.");
    }

    /// <summary>
    /// Returns a port on 127.0.0.1 that is free for both TCP and UDP at the same time,
    /// as Alertmanager's cluster gossip (memberlist) listens on both protocols on one port.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such port was found after several attempts.</exception>
    public static int NextTcpAndUdp()
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            try
            {
                var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
                if (UdpIsFree(port) && TryClaim(port))
                {
                    return port;
                }
            }
            finally
            {
                tcp.Stop();
            }
        }

        throw new InvalidOperationException($"No port free for both TCP and UDP on 127.0.0.1 after {MaxAttempts} attempts.");
    }

    private static bool UdpIsFree(int port)
    {
        try
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool TryClaim(int port)
    {
        lock (Gate)
        {
            return Issued.Add(port);
        }
    }
}
