using System.Globalization;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// The real Prometheus server, run as a child process on 127.0.0.1 with its own temporary TSDB folder: it scrapes,
/// evaluates the rule files of its configuration and sends alerts to the Alertmanagers the configuration names.
/// Only flags that Prometheus 2.x and 3.x both know are used. The process is killed on dispose.
/// </summary>
public sealed class LocalPrometheus : IAsyncDisposable
{
    private const int MaxPortAttempts = 3;

    private readonly LocalPrometheusOptions _options;
    private readonly string _storagePath;
    private readonly ServerProcess _server;
    private HttpClient _http;
    private int _disposed;

    private LocalPrometheus(LocalPrometheusOptions options, PrometheusBinary binary)
    {
        _options = options;
        _storagePath = Directory.CreateTempSubdirectory("mlops-prometheus-").FullName;
        _server = new ServerProcess("Prometheus", binary.Path, _storagePath, options.MaxLogLines);
        _http = new HttpClient();
    }

    /// <summary>The HTTP root, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The most recent lines of the server's output (Prometheus logs to stderr), joined by newlines.</summary>
    public string Logs => _server.Logs;

    /// <summary>The arguments the server runs with.</summary>
    public IReadOnlyList<string> Arguments => _server.Arguments;

    /// <summary>Starts Prometheus and waits until <c>GET /-/ready</c> answers 200.</summary>
    /// <param name="options">What to run and how.</param>
    /// <param name="cancellationToken">Cancels the start; the process is then killed.</param>
    /// <returns>The running server; dispose it to kill it and delete its storage.</returns>
    /// <exception cref="InvalidOperationException">No binary was found, or the server exited during start (the message holds its log).</exception>
    public static async Task<LocalPrometheus> StartAsync(LocalPrometheusOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binary = options.Binary ?? PrometheusBinary.Locate()
            ?? throw new InvalidOperationException("Prometheus was not found: " + PrometheusBinary.InstallHint);
        if (!File.Exists(options.ConfigFile))
        {
            throw new FileNotFoundException("Prometheus configuration file not found.", options.ConfigFile);
        }

        var prometheus = new LocalPrometheus(options, binary);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var port = attempt == 1 && options.Port is { } fixedPort ? fixedPort : FreePort.Next();
                prometheus.BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
                prometheus._http.Dispose();
                prometheus._http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = prometheus.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
                try
                {
                    await prometheus._server.LaunchAsync(prometheus.BuildArguments(port), prometheus._http, "-/ready", options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
                    return prometheus;
                }
                catch (InvalidOperationException) when (attempt < MaxPortAttempts && prometheus.Logs.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    prometheus._server.Note("--- port already in use; retrying with another port ---");
                }
            }
        }
        catch
        {
            await prometheus.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reloads the configuration and rule files with <c>POST /-/reload</c> (the server runs with <c>--web.enable-lifecycle</c>).</summary>
    /// <exception cref="HttpRequestException">The server refused the new files (the message holds its answer).</exception>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        using var response = await _http.PostAsync("-/reload", null, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Prometheus answered {(int)response.StatusCode} to POST /-/reload: {text.Trim()}", null, response.StatusCode);
        }
    }

    /// <summary>
    /// Stops the server with SIGTERM (it flushes its TSDB head) and starts it again on the same port with the same
    /// storage folder and arguments, as a pod restart that keeps its volume does; the configuration is read anew.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await _server.StopAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        _server.Note("--- restart with the same storage ---");
        await _server.LaunchAsync(_server.Arguments, _http, "-/ready", _options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An instant query's series (labels, value as Prometheus prints it), from <c>GET /api/v1/query</c>.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string Value)>> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var data = await GetDataAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), cancellationToken).ConfigureAwait(false);
        return [.. ApiJson.Objects(data, "result").Select(series => (
            (IReadOnlyDictionary<string, string>)(series["metric"]?.AsObject() ?? []).ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? string.Empty),
            series["value"]?.AsArray()[1]?.GetValue<string>() ?? string.Empty))];
    }

    /// <summary>Each rule's health (<c>ok</c>, <c>err</c>, <c>unknown</c>) with its name and last error, from <c>GET /api/v1/rules</c>.</summary>
    public async Task<IReadOnlyList<(string Group, string Name, string Health, string LastError)>> GetRuleHealthAsync(CancellationToken cancellationToken = default)
    {
        var data = await GetDataAsync("api/v1/rules", cancellationToken).ConfigureAwait(false);
        return [.. ApiJson.Objects(data, "groups").SelectMany(group => ApiJson.Objects(group, "rules").Select(rule => (
            ApiJson.String(group, "name"),
            ApiJson.String(rule, "name"),
            ApiJson.String(rule, "health"),
            rule["lastError"]?.GetValue<string>() ?? string.Empty)))];
    }

    /// <summary>The sum of every series of one of Prometheus's own counters or gauges, read from its <c>/metrics</c> page.</summary>
    public async Task<double> GetOwnMetricAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var text = await _http.GetStringAsync("metrics", cancellationToken).ConfigureAwait(false);
        return text.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' ')
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>The alerts of the rules, pending and firing, from <c>GET /api/v1/alerts</c>.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetAlertsAsync(CancellationToken cancellationToken = default) =>
        [.. ApiJson.Objects(await GetDataAsync("api/v1/alerts", cancellationToken).ConfigureAwait(false), "alerts")];

    /// <summary>The Alertmanagers Prometheus currently sends to (their <c>/api/v2/alerts</c> URLs), from <c>GET /api/v1/alertmanagers</c>.</summary>
    public async Task<IReadOnlyList<string>> GetActiveAlertmanagersAsync(CancellationToken cancellationToken = default) =>
        [.. ApiJson.Objects(await GetDataAsync("api/v1/alertmanagers", cancellationToken).ConfigureAwait(false), "activeAlertmanagers")
            .Select(am => ApiJson.String(am, "url"))];

    /// <summary>The health of each scrape target (<c>up</c>, <c>down</c> or <c>unknown</c>), from <c>GET /api/v1/targets</c>.</summary>
    public async Task<IReadOnlyList<string>> GetTargetHealthAsync(CancellationToken cancellationToken = default) =>
        [.. ApiJson.Objects(await GetDataAsync("api/v1/targets", cancellationToken).ConfigureAwait(false), "activeTargets")
            .Select(target => ApiJson.String(target, "health"))];

    /// <summary>Kills Prometheus, deletes its storage folder and releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _server.KillAndForgetAsync().ConfigureAwait(false);
        _http.Dispose();
        try
        {
            Directory.Delete(_storagePath, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary directory is not worth failing the caller.
        }
    }

    private List<string> BuildArguments(int port)
    {
        List<string> arguments =
        [
            $"--config.file={Path.GetFullPath(_options.ConfigFile)}",
            $"--storage.tsdb.path={_storagePath}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--web.enable-lifecycle",
        ];
        if (_options.ResendDelay is { } resendDelay)
        {
            arguments.Add($"--rules.alert.resend-delay={GoDuration.Format(resendDelay)}");
        }

        arguments.AddRange(_options.ExtraArgs);
        return arguments;
    }

    private async Task<JsonNode?> GetDataAsync(string relativePath, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        using var response = await _http.GetAsync(relativePath, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Prometheus answered {(int)response.StatusCode} to GET /{relativePath}: {text.Trim()}", null, response.StatusCode);
        }

        return JsonNode.Parse(text)?["data"];
    }
}
