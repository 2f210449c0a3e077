using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// The Slack app's bot token (<c>slackBotToken</c>), used in app mode for every channel. <see cref="Value"/> is
/// present only when <see cref="State"/> is <see cref="WebhookState.Provided"/>; the states mean what they mean for a
/// webhook.
/// </summary>
public sealed record SlackBotToken(WebhookState State, SecretText? Value)
{
    /// <summary>The stack key.</summary>
    public const string Key = "slackBotToken";

    /// <summary>Every bot token Slack issues starts with this.</summary>
    public const string Prefix = "xoxb-";

    /// <summary>The file name of the token in the mounted Secret, beside the webhook files' folder.</summary>
    public const string FileName = "bot-token";

    /// <summary>No token set.</summary>
    public static SlackBotToken Missing { get; } = new(WebhookState.Missing, null);

    /// <summary>The exact command that sets the token.</summary>
    public static string SetCommand(string stack) =>
        $"pulumi config set --secret {Key} 'xoxb-...' --stack {stack}";
}
