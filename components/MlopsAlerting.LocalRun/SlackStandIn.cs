using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A loopback HTTP server that stands in for Slack incoming webhooks and for Slack's Web API. Each webhook is the path
/// <c>/services/&lt;name&gt;</c>; the Web API is <c>/api/chat.postMessage</c> and <c>/api/chat.update</c> (reached as
/// <c>https://slack.com/api/...</c> through <see cref="SlackApiProxy"/>), answering as Slack does: <c>ok</c>, the
/// channel's ID and the message's <c>ts</c>, or <c>invalid_auth</c>, <c>channel_not_found</c>, <c>not_in_channel</c>,
/// <c>message_not_found</c>. Every request is recorded; answers follow <see cref="SlackStandInOptions"/> (scripted
/// outage, rate limit, otherwise success). All members are thread-safe.
/// </summary>
/// <remarks>
/// This class holds the public surface. <see cref="LoopbackHttpServer"/> serves the requests; the answers come from
/// <see cref="SlackWebhooks"/> and <see cref="SlackWebApi"/>, which share the faults (<see cref="SlackFaults"/>) and
/// the rate limit (<see cref="SlackRateLimit"/>); every request goes to the <see cref="SlackRequestLog"/>.
/// </remarks>
public sealed class SlackStandIn : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    // Guards the answering state (faults, rate limit, Web API) and the dependents. Each request is answered and
    // recorded in one step, so the log's order is the order the rate limit and the Web API saw the requests in.
    private readonly Lock _gate = new();
    private readonly SlackFaults _faults;
    private readonly SlackRateLimit _rateLimit;
    private readonly SlackWebhooks _webhooks;
    private readonly SlackWebApi _webApi;
    private readonly SlackRequestLog _log = new();
    private readonly List<IAsyncDisposable> _dependents = [];
    private int _disposed;

    private SlackStandIn(LoopbackHttpServer server, SlackStandInOptions options)
    {
        _server = server;
        BaseUrl = new Uri($"http://127.0.0.1:{server.Port.ToString(CultureInfo.InvariantCulture)}/");
        _faults = new SlackFaults(options.Schedule, options.ScheduleStartsImmediately);
        _rateLimit = new SlackRateLimit(options.RateLimitPerWebhook);
        _webhooks = new SlackWebhooks(_faults, _rateLimit);
        _webApi = new SlackWebApi(options.WebApi, _faults, _rateLimit);
    }

    /// <summary>The root URL the stand-in listens on, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The requests answered 2xx, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SlackRequest> Delivered => _log.Delivered();

    /// <summary>Every request received, whatever the answer, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SlackRequest> AllRequests => _log.All();

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

        var standIn = new SlackStandIn(LoopbackHttpServer.Start(), options);
        standIn._server.Serve(standIn.HandleAsync);
        return Task.FromResult(standIn);
    }

    /// <summary>The URL of the webhook called <paramref name="name"/>: <c>http://127.0.0.1:&lt;port&gt;/services/&lt;name&gt;</c>.</summary>
    /// <param name="name">The webhook name, for example <c>all</c>, <c>critical</c> or <c>warning</c>.</param>
    public Uri WebhookUrl(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Uri(BaseUrl, SlackHttpRequest.ServicesPrefix.TrimStart('/') + name);
    }

    /// <summary>The messages posted through the Web API as the channels show them now, in the order they were posted (a snapshot).</summary>
    public IReadOnlyList<SlackPostedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _webApi.Messages.Snapshot();
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
            _webApi.SetBotTokens(tokens);
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
            _faults.Break(webhook, new SlackAnswer(statusCode, null, body));
        }
    }

    /// <summary>Makes every webhook broken by <see cref="Break"/> answer normally again.</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _faults.Heal();
        }
    }

    /// <summary>(Re)starts the scripted outage <see cref="SlackStandInOptions.Schedule"/> now.</summary>
    public void BeginSchedule()
    {
        lock (_gate)
        {
            _faults.BeginSchedule(_clock.Elapsed);
        }
    }

    /// <summary>Forgets all recorded requests and the rate-limit history. The schedule is left as it is.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _log.Clear();
            _rateLimit.Clear();
            _webApi.Messages.Clear();
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
    public Task<IReadOnlyList<SlackRequest>> WaitForDeliveredAsync(
        Func<SlackRequest, bool> predicate,
        int count,
        TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        _log.WaitForDeliveredAsync(predicate, count, timeout, cancellationToken);

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

        await _server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops <paramref name="dependent"/> (e.g. the proxy in front of the stand-in) when the stand-in stops.</summary>
    internal void StopWith(IAsyncDisposable dependent)
    {
        lock (_gate)
        {
            _dependents.Add(dependent);
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var request = await SlackHttpRequest.ReadAsync(context.Request, stopping).ConfigureAwait(false);
        var answer = Answer(request);
        await answer.WriteToAsync(context.Response, stopping).ConfigureAwait(false);
    }

    private SlackAnswer Answer(SlackHttpRequest request)
    {
        // The JSON body is read before taking the lock, which only decides and records.
        var apiCall = request.ApiMethod is { } apiMethod ? SlackApiCall.Parse(request, apiMethod) : null;
        lock (_gate)
        {
            var now = _clock.Elapsed;
            var (answer, record) = apiCall is null ? _webhooks.Respond(request, now) : _webApi.Respond(apiCall, now);
            _log.Add(record);
            return answer;
        }
    }
}
