using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>slackBotToken</c>: it must be a secret, since whoever reads it can post as the Slack app.</summary>
internal static class SlackBotTokenBinder
{
    private static readonly SingleSecretKey Key = new(
        SlackBotToken.Key,
        "token",
        "post as the Slack app",
        "copy the Bot User OAuth Token from the Slack app's OAuth & Permissions page",
        "revoke the token in Slack (OAuth & Permissions)",
        Problem);

    public static SlackBotToken Bind(BindingContext ctx, ConfigNode? node, string stack)
    {
        var (state, value) = SingleSecretBinder.Bind(ctx, node, SlackBotToken.SetCommand(stack), Key);
        return state == WebhookState.Missing ? SlackBotToken.Missing : new SlackBotToken(state, value);
    }

    /// <inheritdoc cref="SettingsBinder.BotTokenProblem"/>
    public static string? Problem(string token)
    {
        if (!token.StartsWith(SlackBotToken.Prefix, StringComparison.Ordinal) || token.Length <= SlackBotToken.Prefix.Length)
        {
            return $"is not a Slack bot token (it must start with {SlackBotToken.Prefix}; user tokens xoxp- and app-level tokens xapp- cannot post as the app); the value is not shown because it is secret";
        }

        return token.Any(char.IsWhiteSpace) ? "contains spaces; the value is not shown because it is secret" : null;
    }
}
