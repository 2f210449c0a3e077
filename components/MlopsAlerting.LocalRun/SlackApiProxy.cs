using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A loopback HTTP proxy that lets a local Alertmanager keep <c>api_url: https://slack.com/api/chat.postMessage</c>
/// (the only URL it accepts with <c>update_message</c>) while nothing leaves the machine: it accepts only
/// <c>CONNECT slack.com:443</c>, answers TLS with a certificate for slack.com signed by a CA generated for this run
/// (<see cref="CaFile"/>, for <c>http_config.tls_config.ca_file</c>), and hands each HTTP/1.1 request to the
/// <see cref="SlackStandIn"/>'s Web API on loopback. Any other CONNECT target gets 403 and is recorded in
/// <see cref="RefusedTargets"/>.
/// </summary>
public sealed class SlackApiProxy : IAsyncDisposable
{
    /// <summary>The only host the proxy answers for.</summary>
    public const string SlackHost = "slack.com";

    private const int MaxHeaderBytes = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly HttpClient _standIn;
    private readonly string _directory;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<string> _refused = [];
    private readonly HashSet<Task> _connections = [];
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;

    private SlackApiProxy(TcpListener listener, X509Certificate2 certificate, Uri standIn, string directory, string caFile)
    {
        _listener = listener;
        _certificate = certificate;
        _directory = directory;
        CaFile = caFile;
        ProxyUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}");
        _standIn = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = standIn, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The proxy, <c>http://127.0.0.1:&lt;port&gt;</c>, for <c>http_config.proxy_url</c>.</summary>
    public Uri ProxyUrl { get; }

    /// <summary>PEM file of the CA that signed the proxy's slack.com certificate, for <c>http_config.tls_config.ca_file</c>.</summary>
    public string CaFile { get; }

    /// <summary>CONNECT targets other than slack.com:443 that the proxy refused (a snapshot).</summary>
    public IReadOnlyList<string> RefusedTargets
    {
        get
        {
            lock (_gate)
            {
                return _refused.ToArray();
            }
        }
    }

    /// <summary>Starts the proxy in front of <paramref name="slack"/>'s Web API, with a CA and certificate made now. It stops when it is disposed or when the stand-in stops.</summary>
    public static Task<SlackApiProxy> StartAsync(SlackStandIn slack)
    {
        ArgumentNullException.ThrowIfNull(slack);
        var directory = Directory.CreateTempSubdirectory("mlops-slack-api-proxy-").FullName;
        var (ca, leaf) = IssueCertificates();
        var caFile = Path.Combine(directory, "test-ca.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem() + "\n");
        ca.Dispose();

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var proxy = new SlackApiProxy(listener, leaf, slack.BaseUrl, directory, caFile);
        proxy._acceptLoop = Task.Run(proxy.AcceptLoopAsync);
        slack.StopWith(proxy);
        return Task.FromResult(proxy);
    }

    /// <summary>Stops listening, closes open tunnels and deletes the CA file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).ConfigureAwait(false);
        _standIn.Dispose();
        _certificate.Dispose();
        _stopping.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static (X509Certificate2 Ca, X509Certificate2 Leaf) IssueCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=mlops-alerting test CA (local runs only)", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={SlackHost}", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(SlackHost);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = leafRequest.Create(ca, now.AddMinutes(-5), now.AddHours(23), serial);
        using var withKey = signed.CopyWithPrivateKey(leafKey);

        // A certificate whose key lives only in memory is not usable by SslStream everywhere; a PKCS#12 round trip is.
        var leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (ca, leaf);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var connection = Task.Run(() => ServeAsync(client));
            lock (_gate)
            {
                _connections.Add(connection);
            }

            _ = connection.ContinueWith(
                done =>
                {
                    lock (_gate)
                    {
                        _connections.Remove(done);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var token = _stopping.Token;
        try
        {
            var network = client.GetStream();
            var head = await HttpHead.ReadAsync(network, MaxHeaderBytes, token).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            var target = head.RequestLine.Split(' ') is ["CONNECT", var authority, ..] ? authority : head.RequestLine;
            if (!string.Equals(target, $"{SlackHost}:443", StringComparison.OrdinalIgnoreCase))
            {
                lock (_gate)
                {
                    _refused.Add(target);
                }

                await WriteAsync(network, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token).ConfigureAwait(false);
                return;
            }

            await WriteAsync(network, "HTTP/1.1 200 Connection established\r\n\r\n", token).ConfigureAwait(false);
            await using var tls = new SslStream(network, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    ClientCertificateRequired = false,
                },
                token).ConfigureAwait(false);

            while (!token.IsCancellationRequested)
            {
                var request = await HttpHead.ReadAsync(tls, MaxHeaderBytes, token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                var body = await request.ReadBodyAsync(tls, token).ConfigureAwait(false);
                var response = await ForwardAsync(request, body, token).ConfigureAwait(false);
                await tls.WriteAsync(response, token).ConfigureAwait(false);
                await tls.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException or HttpRequestException)
        {
            // The client went away, failed the handshake, or the proxy is stopping.
        }
    }

    private async Task<byte[]> ForwardAsync(HttpHead request, byte[] body, CancellationToken token)
    {
        var parts = request.RequestLine.Split(' ');
        var method = parts.Length > 0 ? parts[0] : "GET";
        var path = parts.Length > 1 ? parts[1] : "/";
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            path = absolute.PathAndQuery;
        }

        using var message = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (request.Header("Authorization") is { } authorization)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        message.Content = new ByteArrayContent(body);
        if (request.Header("Content-Type") is { } contentType)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var answer = await _standIn.SendAsync(message, token).ConfigureAwait(false);
        var answerBody = await answer.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)answer.StatusCode} {answer.ReasonPhrase}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {answer.Content.Headers.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {answerBody.Length}\r\n");
        if (answer.Headers.RetryAfter?.Delta is { } retryAfter)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {(int)retryAfter.TotalSeconds}\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. answerBody];
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken token)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
    }
}
