namespace MlopsAlerting.Core.Settings;

/// <summary>How Alertmanager reaches Slack (<c>slack.mode</c>).</summary>
public enum SlackMode
{
    /// <summary>One Slack app incoming webhook per channel role; every notification is a new message.</summary>
    Webhooks,

    /// <summary>
    /// One Slack app bot token for every channel through the Web API (<c>chat.postMessage</c>), with
    /// <c>update_message</c>: a group's later notifications (resolved, changed) edit its first message in place.
    /// Needs Alertmanager 0.32 or newer.
    /// </summary>
    App,
}

/// <summary>Names of <see cref="SlackMode"/> as a stack file writes them.</summary>
public static class SlackModes
{
    /// <summary>The oldest Alertmanager whose Slack notifier knows <c>update_message</c>.</summary>
    public static readonly Version AppModeMinimumVersion = new(0, 32);

    /// <summary><c>webhooks</c> or <c>app</c>.</summary>
    public static string Key(this SlackMode mode) => mode switch
    {
        SlackMode.Webhooks => "webhooks",
        SlackMode.App => "app",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
