using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// Slack's Web API as <see cref="SlackStandIn"/> plays it: <c>chat.postMessage</c> and <c>chat.update</c>, answering
/// <c>ok</c> with the channel's ID and the message's <c>ts</c>, or one of Slack's error codes. The scripted outage and
/// the per-channel rate limit apply as Slack applies them. Not thread-safe: the stand-in calls it under its lock.
/// </summary>
internal sealed class SlackWebApi(SlackWebApiOptions options, SlackFaults faults, SlackRateLimit rateLimit)
{
    private const string PostMessage = "chat.postMessage";
    private const string Update = "chat.update";
    private const string ContentType = "application/json; charset=utf-8";

    private HashSet<string> _botTokens = [.. options.BotTokens];

    /// <summary>The messages posted and updated so far.</summary>
    public SlackChannelMessages Messages { get; } = new();

    /// <summary>Replaces the bot tokens accepted.</summary>
    public void SetBotTokens(IEnumerable<string> tokens) => _botTokens = [.. tokens];

    /// <summary>The answer to <paramref name="call"/> at <paramref name="now"/>, and the request as the stand-in records it.</summary>
    public (SlackAnswer Answer, SlackRequest Record) Respond(SlackApiCall call, TimeSpan now)
    {
        var (request, apiMethod, channel) = (call.Request, call.ApiMethod, call.Channel);
        var known = Messages.Find(channel, call.Ts);

        // A post names the channel (#name); an update names it by the ID the post answered, so its name comes from the message.
        var channelName = channel.StartsWith('#') ? channel : known?.ChannelName ?? channel;
        var channelId = channel.StartsWith('#') ? SlackStandIn.ChannelIdOf(channel) : channel;
        var scheduled = faults.ScheduledAnswer(now);
        var error = request.Method != "POST" ? "invalid_method"
            : apiMethod is not (PostMessage or Update) ? "unknown_method"
            : call.Token is null ? "not_authed"
            : !_botTokens.Contains(call.Token) ? "invalid_auth"
            : !call.IsJsonObject ? "invalid_json"
            : channel.Length == 0 || options.UnknownChannels.Contains(channelName) ? "channel_not_found"
            : apiMethod == Update && channel.StartsWith('#') ? "channel_not_found"
            : options.ChannelsWithoutApp.Contains(channelName) ? "not_in_channel"
            : apiMethod == Update && known is null ? "message_not_found"
            : null;

        SlackAnswer answer;
        var ts = call.Ts;
        if (scheduled is { IsSuccess: false } outage)
        {
            error = outage.StatusCode == 429 ? "ratelimited" : "internal_error";
            answer = outage with { ContentType = ContentType, Body = Error(error) };
        }
        else if (error is not null)
        {
            answer = new SlackAnswer(200, null, Error(error), ContentType);
        }
        else if (apiMethod == PostMessage && rateLimit.Check(channelId, now) is { } limited)
        {
            error = "ratelimited";
            answer = limited with { Body = Error(error), ContentType = ContentType };
        }
        else if (apiMethod == PostMessage)
        {
            ts = Messages.Post(channelId, channelName, request.Message!);
            rateLimit.Accepted(channelId, now);
            answer = new SlackAnswer(200, null, new JsonObject { ["ok"] = true, ["channel"] = channelId, ["ts"] = ts }.ToJsonString(), ContentType);
        }
        else
        {
            known!.Versions.Add(request.Message!);
            answer = new SlackAnswer(200, null, new JsonObject { ["ok"] = true, ["channel"] = channelId, ["ts"] = ts, ["text"] = request.Message?.Text ?? string.Empty }.ToJsonString(), ContentType);
        }

        var record = new SlackRequest(
            channelName, now, DateTimeOffset.UtcNow, request.Method, request.Path, request.Body, request.Message, answer.StatusCode, answer.RetryAfterSeconds, apiMethod, channelId, ts, error);
        return (answer, record);
    }

    private static string Error(string error) => new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString();
}
