using System.Globalization;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// The messages posted through the stand-in's Web API, as the channels hold them: each with its channel, its
/// timestamp and every version (the post, then each update). Not thread-safe: <see cref="SlackStandIn"/> calls it
/// under its lock.
/// </summary>
internal sealed class SlackChannelMessages
{
    private readonly List<Entry> _messages = [];
    private long _lastTsMicros;

    /// <summary>The message <paramref name="ts"/> in the channel <paramref name="channelId"/>, or null when there is none.</summary>
    public Entry? Find(string channelId, string? ts) => _messages.Find(m => m.ChannelId == channelId && m.Ts == ts);

    /// <summary>Adds a new message and returns the timestamp Slack gives it.</summary>
    public string Post(string channelId, string channelName, SlackMessage message)
    {
        var ts = NextTs();
        _messages.Add(new Entry(channelId, channelName, ts, [message]));
        return ts;
    }

    /// <summary>The messages as the channels show them now, in the order they were posted (a snapshot).</summary>
    public SlackPostedMessage[] Snapshot() =>
        _messages.Select(m => new SlackPostedMessage(m.ChannelId, m.ChannelName, m.Ts, m.Versions[^1], m.Versions.ToArray())).ToArray();

    /// <summary>
    /// Forgets every message. The timestamps keep increasing: a message posted after this never gets the timestamp of
    /// one posted before.
    /// </summary>
    public void Clear() => _messages.Clear();

    /// <summary>A message timestamp as Slack writes it (seconds and microseconds), unique and increasing.</summary>
    private string NextTs()
    {
        var micros = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, _lastTsMicros + 1);
        _lastTsMicros = micros;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    /// <summary>One message: where it is, its ID in the channel, and every version so far (an update appends one).</summary>
    internal sealed record Entry(string ChannelId, string ChannelName, string Ts, List<SlackMessage> Versions);
}
