using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// The real Alertmanager server, run as a child process on 127.0.0.1 with its own temporary storage directory,
/// plus a small client for its v2 API. The process is always killed on dispose, and on process exit as a last resort.
/// </summary>
public sealed class LocalAlertmanager : IAsyncDisposable
{
    private const int MaxPortAttempts = 3;
    /// <summary>
    /// How long a stop waits before it kills: the pod's termination grace period, as the kubelet gives it. On SIGTERM a
    /// clustered Alertmanager first waits up to 10 s for its leave broadcast (0.33.1: "timeout waiting for leave
    /// broadcast" when every replica stops at once and none hears another), and only then writes its silences and
    /// notification log; killed at 10 s, it loses them.
    /// </summary>
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(Core.Workload.AlertmanagerWorkload.TerminationGracePeriodSeconds);

    private readonly LocalAlertmanagerOptions _options;
    private readonly string _storagePath;
    private readonly ServerProcess _server;
    private readonly EffectiveConfigFile _configFile;
    private HttpClient _http;
    private int _disposed;

    private LocalAlertmanager(LocalAlertmanagerOptions options, AlertmanagerBinary binary)
    {
        _options = options;
        _configFile = new EffectiveConfigFile(options.ConfigFile, binary.OwnDefaultTemplate);
        _storagePath = Directory.CreateTempSubdirectory("mlops-alertmanager-").FullName;
        _server = new ServerProcess("Alertmanager", binary.ServerPath, _storagePath, options.MaxLogLines);
        _http = NewHttpClient();
    }

    /// <summary>The HTTP root, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The HTTP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The cluster (gossip) port on 127.0.0.1, or null when clustering is off.</summary>
    public int? ClusterPort { get; private set; }

    /// <summary>The process id of the current (or last) server process.</summary>
    public int ProcessId => _server.ProcessId;

    /// <summary>The storage directory (<c>--storage.path</c>); it is kept across restarts and deleted on dispose.</summary>
    public string StoragePath => _storagePath;

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _server.IsRunning;

    /// <summary>The most recent lines of the server's stdout and stderr (Alertmanager logs to stderr), joined by newlines.</summary>
    public string Logs => _server.Logs;

    /// <summary>The most recent lines of the server's stdout and stderr.</summary>
    public IReadOnlyList<string> LogLines => _server.LogLines;

    /// <summary>The arguments the server runs with (the ports in them stay the same across restarts).</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>
    /// Starts the server and waits until <c>GET /-/ready</c> answers 200.
    /// </summary>
    /// <param name="options">What to run and how.</param>
    /// <param name="cancellationToken">Cancels the start; the process is then killed.</param>
    /// <returns>The running server; dispose it to kill it and delete its storage.</returns>
    /// <exception cref="InvalidOperationException">No binary was found, or the server exited during start (the message holds its log).</exception>
    /// <exception cref="TimeoutException">The server was not ready within <see cref="LocalAlertmanagerOptions.ReadyTimeout"/> (the message holds its log).</exception>
    public static async Task<LocalAlertmanager> StartAsync(LocalAlertmanagerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binary = options.Binary ?? AlertmanagerBinary.Locate()
            ?? throw new InvalidOperationException("Alertmanager was not found: " + AlertmanagerBinary.InstallHint);
        if (!File.Exists(options.ConfigFile))
        {
            throw new FileNotFoundException("Alertmanager configuration file not found.", options.ConfigFile);
        }

        var alertmanager = new LocalAlertmanager(options, binary);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                alertmanager.ChoosePorts();
                try
                {
                    await alertmanager.LaunchAsync(cancellationToken).ConfigureAwait(false);
                    return alertmanager;
                }
                catch (InvalidOperationException) when (attempt < MaxPortAttempts && alertmanager.LostPortRace())
                {
                    alertmanager._server.Note("--- port already in use; retrying with other ports ---");
                }
            }
        }
        catch
        {
            await alertmanager.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Posts alerts to <c>POST /api/v2/alerts</c>.</summary>
    /// <param name="alerts">The alerts; post again with <see cref="PostableAlert.EndsAt"/> now or earlier to resolve.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task PostAlertsAsync(IEnumerable<PostableAlert> alerts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var body = new JsonArray([.. alerts.Select(alert => (JsonNode)alert.ToJson())]);
        await SendAsync(HttpMethod.Post, "api/v2/alerts", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists alerts from <c>GET /api/v2/alerts</c> (active, silenced, inhibited and unprocessed).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<AlertmanagerAlert>> GetAlertsAsync(CancellationToken cancellationToken = default)
    {
        var json = await SendAsync(HttpMethod.Get, "api/v2/alerts", null, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(json) is JsonArray array ? array.OfType<JsonObject>().Select(AlertmanagerAlert.FromJson).ToArray() : [];
    }

    /// <summary>Creates a silence starting now with <c>POST /api/v2/silences</c>.</summary>
    /// <param name="matchers">The matchers; at least one.</param>
    /// <param name="duration">How long it lasts.</param>
    /// <param name="createdBy">Who creates it.</param>
    /// <param name="comment">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new silence's id.</returns>
    public async Task<string> CreateSilenceAsync(
        IReadOnlyList<SilenceMatcher> matchers,
        TimeSpan duration,
        string createdBy,
        string comment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        var startsAt = DateTimeOffset.UtcNow;
        var body = new JsonObject
        {
            ["matchers"] = new JsonArray([.. matchers.Select(matcher => (JsonNode)matcher.ToJson())]),
            ["startsAt"] = PostableAlert.FormatTime(startsAt),
            ["endsAt"] = PostableAlert.FormatTime(startsAt + duration),
            ["createdBy"] = createdBy,
            ["comment"] = comment,
        };
        var json = await SendAsync(HttpMethod.Post, "api/v2/silences", body, cancellationToken).ConfigureAwait(false);
        return ApiJson.String(JsonNode.Parse(json), "silenceID");
    }

    /// <summary>Lists silences from <c>GET /api/v2/silences</c>, expired ones included.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<AlertmanagerSilence>> GetSilencesAsync(CancellationToken cancellationToken = default)
    {
        var json = await SendAsync(HttpMethod.Get, "api/v2/silences", null, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(json) is JsonArray array ? array.OfType<JsonObject>().Select(AlertmanagerSilence.FromJson).ToArray() : [];
    }

    /// <summary>Returns the raw JSON of <c>GET /api/v2/status</c> (configuration, version, cluster status and peers).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<string> GetStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v2/status", null, cancellationToken);

    /// <summary>Reloads the configuration file with <c>POST /-/reload</c>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">The server rejected the configuration (the message holds its answer).</exception>
    public Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        _configFile.Refresh();
        return SendAsync(HttpMethod.Post, "-/reload", null, cancellationToken);
    }

    /// <summary>Kills the server with SIGKILL, as when a pod is lost, and waits for it to exit. Storage and ports are kept for <see cref="RestartAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        await _server.KillAsync(cancellationToken).ConfigureAwait(false);
        ResetHttpClient();
    }

    /// <summary>Stops the server gracefully with SIGTERM (it then writes its silences and notification log), killing it after the pod's termination grace period (30 s).</summary>
    /// <param name="cancellationToken">Cancels the wait; the process is then killed.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _server.StopAsync(GracefulStopTimeout, cancellationToken).ConfigureAwait(false);
        ResetHttpClient();
    }

    /// <summary>Starts the server again, with the same storage directory, ports and arguments; stops it gracefully first if it is running.</summary>
    /// <param name="cancellationToken">Cancels the restart.</param>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await StopAsync(cancellationToken).ConfigureAwait(false);
        _server.Note("--- restart ---");
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the server, deletes its storage directory and releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _server.KillAndForgetAsync().ConfigureAwait(false);
        _http.Dispose();
        _configFile.Delete();
        try
        {
            Directory.Delete(_storagePath, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary directory is not worth failing the caller.
        }
    }

    private void ChoosePorts()
    {
        Port = _options.Port ?? FreePort.Next();
        ClusterPort = _options.Cluster is { } cluster ? cluster.Port ?? FreePort.NextTcpAndUdp() : null;
        BaseUrl = new Uri($"http://{HttpHost}:{Port.ToString(CultureInfo.InvariantCulture)}/");
        Arguments = BuildArguments();
        ResetHttpClient();
    }

    private bool LostPortRace() =>
        (_options.Port is null || (_options.Cluster is not null && _options.Cluster.Port is null))
        && Logs.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    // The web address's host as a URL writes it: an IPv6 address in brackets.
    private string HttpHost => _options.ListenAddress.Contains(':', StringComparison.Ordinal) ? $"[{_options.ListenAddress}]" : _options.ListenAddress;

    private List<string> BuildArguments()
    {
        var address = $"{HttpHost}:{Port.ToString(CultureInfo.InvariantCulture)}";
        var externalUrl = _options.ExternalUrl?.ToString() ?? $"http://{address}";
        List<string> arguments =
        [
            $"--config.file={_configFile.Path}",
            $"--storage.path={_storagePath}",
            $"--web.listen-address={address}",
            $"--web.external-url={externalUrl}",
        ];
        if (_options.Cluster is { } cluster && ClusterPort is { } clusterPort)
        {
            var clusterAddress = $"127.0.0.1:{clusterPort.ToString(CultureInfo.InvariantCulture)}";
            arguments.Add($"--cluster.listen-address={clusterAddress}");
            arguments.Add($"--cluster.advertise-address={cluster.AdvertiseAddress ?? clusterAddress}");
            arguments.AddRange(cluster.Peers.Select(peer => $"--cluster.peer={peer}"));
            AddDuration(arguments, "--cluster.gossip-interval", cluster.GossipInterval);
            AddDuration(arguments, "--cluster.pushpull-interval", cluster.PushPullInterval);
            AddDuration(arguments, "--cluster.settle-timeout", cluster.SettleTimeout);
        }
        else
        {
            arguments.Add("--cluster.listen-address=");
        }

        if (_options.WebConfigFile is { } webConfig)
        {
            arguments.Add($"--web.config.file={Path.GetFullPath(webConfig)}");
        }

        if (_options.DebugLog)
        {
            arguments.Add("--log.level=debug");
        }

        arguments.AddRange(_options.ExtraArgs);
        return arguments;
    }

    private static void AddDuration(List<string> arguments, string flag, TimeSpan? value)
    {
        if (value is { } duration)
        {
            arguments.Add($"{flag}={GoDuration.Format(duration)}");
        }
    }

    private Task LaunchAsync(CancellationToken cancellationToken)
    {
        _configFile.Refresh();
        return _server.LaunchAsync(Arguments, _http, "-/ready", _options.ReadyTimeout, cancellationToken);
    }

    private async Task<string> SendAsync(HttpMethod method, string relativePath, JsonNode? body, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        using var request = new HttpRequestMessage(method, relativePath);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Alertmanager answered {(int)response.StatusCode} {response.ReasonPhrase} to {method} /{relativePath}: {text.Trim()}",
                null,
                response.StatusCode);
        }

        return text;
    }

    private HttpClient NewHttpClient()
    {
        var handler = new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) };
        var client = new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (_options.BasicAuth is { } credentials)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        return client;
    }

    /// <summary>A fresh client after a kill or a port change: pooled connections to the old process are dead.</summary>
    private void ResetHttpClient()
    {
        var old = _http;
        _http = NewHttpClient();
        old?.Dispose();
    }
}
