using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A loopback HTTP server that stands in for Slack incoming webhooks and for Slack's Web API. Each webhook is the path
/// <c>/services/&lt;name&gt;</c>; the Web API is <c>/api/chat.postMessage</c> and <c>/api/chat.update</c> (reached as
/// <c>https://slack.com/api/...</c> through <see cref="SlackApiProxy"/>), answering as Slack does: <c>ok</c>, the
/// channel's ID and the message's <c>ts</c>, or <c>invalid_auth</c>, <c>channel_not_found</c>, <c>not_in_channel</c>,
/// <c>message_not_found</c>. Every request is recorded; answers follow <see cref="SlackStandInOptions"/> (scripted
/// outage, rate limit, otherwise success). All members are thread-safe.
/// </summary>
public sealed class SlackStandIn : IAsyncDisposable
{
    private const string ServicesPrefix = "/services/";
    private const string ApiPrefix = "/api/";
    private const string PostMessage = "chat.postMessage";
    private const string Update = "chat.update";

    private readonly HttpListener _listener;
    private readonly SlackStandInOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<SlackRequest> _requests = [];
    private readonly Dictionary<string, TimeSpan> _lastAcceptedAt = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _inFlight = [];
    private readonly List<IAsyncDisposable> _dependents = [];
    private readonly List<(string ChannelId, string ChannelName, string Ts, List<SlackMessage> Versions)> _messages = [];
    private readonly Dictionary<string, Answer> _broken = new(StringComparer.Ordinal);
    private HashSet<string> _botTokens;
    private long _lastTsMicros;
    private TaskCompletionSource _changed = NewSignal();
    private TimeSpan? _scheduleStartedAt;
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;

    private SlackStandIn(HttpListener listener, int port, SlackStandInOptions options)
    {
        _listener = listener;
        _options = options;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _scheduleStartedAt = options.ScheduleStartsImmediately ? TimeSpan.Zero : null;
        _botTokens = [.. options.WebApi.BotTokens];
    }

    /// <summary>The root URL the stand-in listens on, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The requests answered 2xx, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SlackRequest> Delivered
    {
        get
        {
            lock (_gate)
            {
                return _requests.Where(request => request.IsDelivered).ToArray();
            }
        }
    }

    /// <summary>Every request received, whatever the answer, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SlackRequest> AllRequests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Time elapsed since the stand-in started, on the same clock as <see cref="SlackRequest.Elapsed"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts listening on <c>http://127.0.0.1:&lt;free port&gt;/</c>.</summary>
    /// <param name="options">How to answer; null for the default (always 200 <c>ok</c>).</param>
    /// <returns>The running stand-in; dispose it to stop.</returns>
    public static Task<SlackStandIn> StartAsync(SlackStandInOptions? options = null)
    {
        options ??= new SlackStandInOptions();
        foreach (var phase in options.Schedule)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(phase.Duration, TimeSpan.Zero, nameof(options));
        }

        var (listener, port) = LoopbackListener.Start();
        var standIn = new SlackStandIn(listener, port, options);
        standIn._acceptLoop = Task.Run(standIn.AcceptLoopAsync);
        return Task.FromResult(standIn);
    }

    /// <summary>The URL of the webhook called <paramref name="name"/>: <c>http://127.0.0.1:&lt;port&gt;/services/&lt;name&gt;</c>.</summary>
    /// <param name="name">The webhook name, for example <c>all</c>, <c>critical</c> or <c>warning</c>.</param>
    public Uri WebhookUrl(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Uri(BaseUrl, ServicesPrefix.TrimStart('/') + name);
    }

    /// <summary>The messages posted through the Web API as the channels show them now, in the order they were posted (a snapshot).</summary>
    public IReadOnlyList<SlackPostedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.Select(m => new SlackPostedMessage(m.ChannelId, m.ChannelName, m.Ts, m.Versions[^1], m.Versions.ToArray())).ToArray();
            }
        }
    }

    /// <summary>The ID Slack gives the channel named <paramref name="channelName"/> (stable for a name, e.g. <c>C1A2B3C4D5</c>).</summary>
    public static string ChannelIdOf(string channelName)
    {
        ArgumentNullException.ThrowIfNull(channelName);
        return "C" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(channelName)))[..10];
    }

    /// <summary>Replaces the bot tokens the Web API accepts, as when a token is revoked or a new one is issued.</summary>
    public void SetBotTokens(params IEnumerable<string> tokens)
    {
        lock (_gate)
        {
            _botTokens = [.. tokens];
        }
    }

    /// <summary>
    /// Makes the webhook <paramref name="webhook"/> answer <paramref name="statusCode"/> with <paramref name="body"/> until
    /// <see cref="Heal"/>, whatever the schedule: e.g. 404 <c>no_service</c> (revoked) or 410 <c>channel_is_archived</c>.
    /// </summary>
    public void Break(string webhook, int statusCode, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhook);
        lock (_gate)
        {
            _broken[webhook] = new Answer(statusCode, null, body);
        }
    }

    /// <summary>Makes every webhook broken by <see cref="Break"/> answer normally again.</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _broken.Clear();
        }
    }

    /// <summary>(Re)starts the scripted outage <see cref="SlackStandInOptions.Schedule"/> now.</summary>
    public void BeginSchedule()
    {
        lock (_gate)
        {
            _scheduleStartedAt = _clock.Elapsed;
        }
    }

    /// <summary>Forgets all recorded requests and the rate-limit history. The schedule is left as it is.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _lastAcceptedAt.Clear();
            _messages.Clear();
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> delivered requests match <paramref name="predicate"/>, and returns them
    /// (in arrival order) as soon as they exist.
    /// </summary>
    /// <param name="predicate">Which delivered requests count.</param>
    /// <param name="count">How many are needed.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">Not enough matched in time; the message lists every request received.</exception>
    public async Task<IReadOnlyList<SlackRequest>> WaitForDeliveredAsync(
        Func<SlackRequest, bool> predicate,
        int count,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            SlackRequest[] all;
            lock (_gate)
            {
                var matching = _requests.Where(request => request.IsDelivered && predicate(request)).ToArray();
                if (matching.Length >= count)
                {
                    return matching;
                }

                changed = _changed.Task;
                all = [.. _requests];
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var received = all.Length == 0 ? "  (none)" : string.Join(Environment.NewLine, all.Select(r => "  " + r));
                throw new TimeoutException(
                    $"Expected {count} matching delivered Slack request(s) within {timeout.TotalSeconds:F1}s; received {all.Length}:{Environment.NewLine}{received}");
            }
        }
    }

    /// <summary>Stops listening and waits for requests being answered.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        IAsyncDisposable[] dependents;
        lock (_gate)
        {
            dependents = [.. _dependents];
        }

        foreach (var dependent in dependents)
        {
            await dependent.DisposeAsync().ConfigureAwait(false);
        }

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

    /// <summary>Stops <paramref name="dependent"/> (e.g. the proxy in front of the stand-in) when the stand-in stops.</summary>
    internal void StopWith(IAsyncDisposable dependent)
    {
        lock (_gate)
        {
            _dependents.Add(dependent);
        }
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

            var handling = Task.Run(() => HandleAsync(context));
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

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            string body;
            using (var reader = new StreamReader(request.InputStream, request.ContentEncoding ?? Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync(_stopping.Token).ConfigureAwait(false);
            }

            var path = request.Url?.AbsolutePath ?? "/";
            var message = SlackMessage.TryParse(body);
            Answer answer;
            if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            {
                answer = DecideApi(request.HttpMethod, path[ApiPrefix.Length..], path, body, message, request.Headers["Authorization"]);
            }
            else
            {
                var webhook = path.StartsWith(ServicesPrefix, StringComparison.Ordinal) ? path[ServicesPrefix.Length..].TrimEnd('/') : string.Empty;
                answer = Decide(request.HttpMethod, webhook, path, body, message);
            }

            var response = context.Response;
            response.StatusCode = answer.StatusCode;
            response.ContentType = answer.ContentType;
            if (answer.RetryAfterSeconds is { } retryAfter)
            {
                response.AddHeader("Retry-After", retryAfter.ToString(CultureInfo.InvariantCulture));
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the stand-in is stopping: drop the connection, never fault the stand-in.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private Answer Decide(string method, string webhook, string path, string body, SlackMessage? message)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            var answer = method != "POST" ? new Answer(405, null, "invalid_method")
                : webhook.Length == 0 ? new Answer(404, null, "no_service")
                : _broken.TryGetValue(webhook, out var broken) ? broken
                : ScheduledAnswer(now) ?? RateLimitAnswer(webhook, now) ?? new Answer(200, null, "ok");

            if (answer.StatusCode is >= 200 and < 300)
            {
                _lastAcceptedAt[webhook] = now;
            }

            Record(new SlackRequest(webhook, now, DateTimeOffset.UtcNow, method, path, body, message, answer.StatusCode, answer.RetryAfterSeconds));
            return answer;
        }
    }

    private void Record(SlackRequest request)
    {
        _requests.Add(request);
        var changed = _changed;
        _changed = NewSignal();
        changed.SetResult();
    }

    private Answer DecideApi(string method, string apiMethod, string path, string body, SlackMessage? message, string? authorization)
    {
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var channel = json?["channel"] is JsonValue c && c.TryGetValue<string>(out var channelText) ? channelText : string.Empty;
        var requestedTs = json?["ts"] is JsonValue t && t.TryGetValue<string>(out var tsText) ? tsText : null;
        lock (_gate)
        {
            var now = _clock.Elapsed;
            var known = _messages.FindIndex(m => m.ChannelId == channel && m.Ts == requestedTs);
            var channelName = channel.StartsWith('#') ? channel : known >= 0 ? _messages[known].ChannelName : channel;
            var channelId = channel.StartsWith('#') ? ChannelIdOf(channel) : channel;
            var token = authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
            var scheduled = ScheduledAnswer(now);
            var error = method != "POST" ? "invalid_method"
                : apiMethod is not (PostMessage or Update) ? "unknown_method"
                : token is null ? "not_authed"
                : !_botTokens.Contains(token) ? "invalid_auth"
                : json is null ? "invalid_json"
                : channel.Length == 0 || _options.WebApi.UnknownChannels.Contains(channelName) ? "channel_not_found"
                : apiMethod == Update && channel.StartsWith('#') ? "channel_not_found"
                : _options.WebApi.ChannelsWithoutApp.Contains(channelName) ? "not_in_channel"
                : apiMethod == Update && known < 0 ? "message_not_found"
                : null;

            Answer answer;
            string? ts = requestedTs;
            if (scheduled is { StatusCode: not (>= 200 and < 300) } outage)
            {
                error = outage.StatusCode == 429 ? "ratelimited" : "internal_error";
                answer = outage with { ContentType = ApiContentType, Body = ApiError(error) };
            }
            else if (error is not null)
            {
                answer = new Answer(200, null, ApiError(error), ApiContentType);
            }
            else if (apiMethod == PostMessage && RateLimitAnswer(channelId, now) is { } limited)
            {
                error = "ratelimited";
                answer = limited with { Body = ApiError(error), ContentType = ApiContentType };
            }
            else if (apiMethod == PostMessage)
            {
                ts = NextTs();
                _lastAcceptedAt[channelId] = now;
                _messages.Add((channelId, channelName, ts, [message!]));
                answer = new Answer(200, null, new JsonObject { ["ok"] = true, ["channel"] = channelId, ["ts"] = ts }.ToJsonString(), ApiContentType);
            }
            else
            {
                _messages[known].Versions.Add(message!);
                answer = new Answer(200, null, new JsonObject { ["ok"] = true, ["channel"] = channelId, ["ts"] = ts, ["text"] = message?.Text ?? string.Empty }.ToJsonString(), ApiContentType);
            }

            Record(new SlackRequest(channelName, now, DateTimeOffset.UtcNow, method, path, body, message, answer.StatusCode, answer.RetryAfterSeconds, apiMethod, channelId, ts, error));
            return answer;
        }
    }

    private const string ApiContentType = "application/json; charset=utf-8";

    private static string ApiError(string error) => new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString();

    /// <summary>A message timestamp as Slack writes it (seconds and microseconds), unique and increasing.</summary>
    private string NextTs()
    {
        var micros = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, _lastTsMicros + 1);
        _lastTsMicros = micros;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    private Answer? ScheduledAnswer(TimeSpan now)
    {
        if (_scheduleStartedAt is not { } startedAt)
        {
            return null;
        }

        var intoSchedule = now - startedAt;
        foreach (var phase in _options.Schedule)
        {
            if (intoSchedule < phase.Duration)
            {
                var body = phase.Body ?? phase.StatusCode switch
                {
                    429 => "rate_limited",
                    >= 200 and < 300 => "ok",
                    _ => "internal_error",
                };
                return new Answer(phase.StatusCode, phase.RetryAfterSeconds, body);
            }

            intoSchedule -= phase.Duration;
        }

        return null;
    }

    private Answer? RateLimitAnswer(string webhook, TimeSpan now)
    {
        if (_options.RateLimitPerWebhook is not { } interval || !_lastAcceptedAt.TryGetValue(webhook, out var last))
        {
            return null;
        }

        var wait = last + interval - now;
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return new Answer(429, retryAfter, "rate_limited");
    }

    /// <summary>What the stand-in answers to one request.</summary>
    private readonly record struct Answer(int StatusCode, int? RetryAfterSeconds, string Body, string ContentType = "text/plain; charset=utf-8");
}
