using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A DNS server for tests on a loopback address, port 53 (a resolv.conf names no port): it answers A and AAAA questions
/// for the names it is given, as a cluster's DNS answers for a headless Service, NOERROR with no answer for a known
/// name asked another type, and NXDOMAIN otherwise. UDP only: its answers are small. Stops on dispose.
/// </summary>
public sealed class LoopbackDnsServer : IAsyncDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeAaaa = 28;

    private readonly UdpClient _udp;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> _records;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _questions;

    private LoopbackDnsServer(UdpClient udp, IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> records)
    {
        _udp = udp;
        _records = records;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The address it listens on (port 53).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>How many questions it has answered.</summary>
    public int Questions => Volatile.Read(ref _questions);

    /// <summary>Starts answering on <paramref name="address"/>:53 (needs root, or the capability to bind port 53).</summary>
    /// <param name="address">A loopback address, e.g. 127.0.1.53.</param>
    /// <param name="records">Each name (without the final dot) and its addresses; IPv4 ones answer A, IPv6 ones AAAA.</param>
    public static LoopbackDnsServer Start(IPAddress address, IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> records)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(records);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("The test DNS server listens on loopback only.", nameof(address));
        }

        var udp = new UdpClient(new IPEndPoint(address, 53));
        var byName = records.ToDictionary(r => r.Key.TrimEnd('.').ToLowerInvariant(), r => r.Value, StringComparer.Ordinal);
        return new LoopbackDnsServer(udp, byName) { Address = address };
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _udp.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var request = await _udp.ReceiveAsync(_stopping.Token).ConfigureAwait(false);
            if (Answer(request.Buffer) is { } answer)
            {
                Interlocked.Increment(ref _questions);
                await _udp.SendAsync(answer, request.RemoteEndPoint, _stopping.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The response to one query (RFC 1035 §4.1), or null for a message that is not a one-question query.</summary>
    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1 || (query[2] & 0x80) != 0)
        {
            return null;
        }

        var name = new StringBuilder();
        var at = 12;
        while (at < query.Length && query[at] != 0)
        {
            int length = query[at];
            if ((length & 0xC0) != 0 || at + 1 + length > query.Length)
            {
                return null;
            }

            name.Append(name.Length == 0 ? string.Empty : ".").Append(Encoding.ASCII.GetString(query, at + 1, length));
            at += 1 + length;
        }

        if (at + 5 > query.Length)
        {
            return null;
        }

        var questionEnd = at + 5;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(at + 1));
        var known = _records.TryGetValue(name.ToString().ToLowerInvariant(), out var addresses);
        var family = type == TypeAaaa ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var answers = known && type is TypeA or TypeAaaa ? addresses!.Where(a => a.AddressFamily == family).ToList() : [];

        using var response = new MemoryStream();
        response.Write(query, 0, 2); // the query's id
        var flags = (ushort)(0x8000 | (query[2] & 0x01) << 8 | 0x0400 | 0x0080 | (known ? 0 : 3)); // QR, RD copied, AA, RA; NXDOMAIN for an unknown name
        WriteUInt16(response, flags);
        WriteUInt16(response, 1);
        WriteUInt16(response, (ushort)answers.Count);
        WriteUInt16(response, 0);
        WriteUInt16(response, 0);
        response.Write(query, 12, questionEnd - 12);
        foreach (var address in answers)
        {
            var data = address.GetAddressBytes();
            WriteUInt16(response, 0xC00C); // the question's name
            WriteUInt16(response, type);
            WriteUInt16(response, 1); // IN
            WriteUInt16(response, 0);
            WriteUInt16(response, 5); // TTL 5 s
            WriteUInt16(response, (ushort)data.Length);
            response.Write(data);
        }

        return response.ToArray();
    }

    private static void WriteUInt16(MemoryStream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }
}
