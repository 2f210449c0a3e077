namespace MlopsAlerting.LocalRun;

/// <summary>
/// How the stand-in answers Slack's Web API (<c>/api/chat.postMessage</c>, <c>/api/chat.update</c>). Every channel
/// named <c>#name</c> exists and the app is a member, except those listed here.
/// </summary>
public sealed record SlackWebApiOptions
{
    /// <summary>Bot tokens Slack accepts (<c>Authorization: Bearer</c>); any other gets <c>invalid_auth</c>. Change them at run time with <see cref="SlackStandIn.SetBotTokens"/>.</summary>
    public IReadOnlyList<string> BotTokens { get; init; } = [];

    /// <summary>Channel names that do not exist: <c>channel_not_found</c>.</summary>
    public IReadOnlyList<string> UnknownChannels { get; init; } = [];

    /// <summary>Channel names the app was not invited to: <c>not_in_channel</c>.</summary>
    public IReadOnlyList<string> ChannelsWithoutApp { get; init; } = [];
}
