using System.Globalization;
using System.Text;

namespace MlopsAlerting.LocalRun;

/// <summary>The request line and headers of one HTTP/1.1 request, read byte by byte so that nothing after them is consumed.</summary>
internal sealed record HttpHead(string RequestLine, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The first header named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Reads a request head; null when the stream ends before one starts.</summary>
    /// <exception cref="IOException">The head is cut off or larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<HttpHead?> ReadAsync(Stream stream, int maxBytes, CancellationToken token)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var read = await stream.ReadAsync(one, token).ConfigureAwait(false);
            if (read == 0)
            {
                return bytes.Count == 0 ? null : throw new IOException("The connection ended inside a request head.");
            }

            bytes.Add(one[0]);
            if (bytes.Count > maxBytes)
            {
                throw new IOException("The request head is too large.");
            }

            if (bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n')
            {
                break;
            }
        }

        var lines = Encoding.ASCII.GetString([.. bytes]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new KeyValuePair<string, string>(parts[0].Trim(), parts[1].Trim()))
            .ToList();
        return new HttpHead(lines[0], headers);
    }

    /// <summary>Reads the body the head announces (<c>Content-Length</c> or chunked); empty when there is none.</summary>
    public async Task<byte[]> ReadBodyAsync(Stream stream, CancellationToken token)
    {
        if (string.Equals(Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(stream, token).ConfigureAwait(false);
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    await ReadLineAsync(stream, token).ConfigureAwait(false);
                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(stream, size, token).ConfigureAwait(false));
                await ReadLineAsync(stream, token).ConfigureAwait(false);
            }
        }

        var length = Header("Content-Length") is { } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return await ReadExactlyAsync(stream, length, token).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int length, CancellationToken token)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, token).ConfigureAwait(false);
        return buffer;
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken token)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 2 && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, token).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException();
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. bytes])[..^2];
    }
}
