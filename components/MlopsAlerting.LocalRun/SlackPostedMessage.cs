namespace MlopsAlerting.LocalRun;

/// <summary>A message as a Slack channel shows it after every <c>chat.postMessage</c> and <c>chat.update</c> it got.</summary>
/// <param name="ChannelId">The channel's ID, as <c>chat.postMessage</c> answered it.</param>
/// <param name="ChannelName">The channel's name, e.g. <c>#ml-alerts</c>.</param>
/// <param name="Ts">The message's timestamp, its ID within the channel.</param>
/// <param name="Current">What the message shows now.</param>
/// <param name="Versions">Every version in order: the post, then each update.</param>
public sealed record SlackPostedMessage(string ChannelId, string ChannelName, string Ts, SlackMessage Current, IReadOnlyList<SlackMessage> Versions)
{
    /// <summary>How many times the message was edited.</summary>
    public int Edits => Versions.Count - 1;
}
