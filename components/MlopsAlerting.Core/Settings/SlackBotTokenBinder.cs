using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>slackBotToken</c>: it must be a secret, since whoever reads it can post as the Slack app.</summary>
internal static class SlackBotTokenBinder
{
    public static SlackBotToken Bind(BindingContext ctx, ConfigNode? node, string stack)
    {
        const string path = SlackBotToken.Key;
        var set = SlackBotToken.SetCommand(stack);
        switch (node)
        {
            case null:
            case ScalarNode { Value: "" }:
                // Pulumi hands the program Pulumi.yaml's empty default when the token is not set.
                return SlackBotToken.Missing;
            case SecretNode { Value: null }:
                return new SlackBotToken(WebhookState.Encrypted, null);
            case SecretNode { Value: { } secret } provided:
                if (Problem(secret.Reveal()) is { } problem)
                {
                    ctx.Error(path, problem, $"copy the Bot User OAuth Token from the Slack app's OAuth & Permissions page and run: {set}", provided);
                    return SlackBotToken.Missing;
                }

                return new SlackBotToken(WebhookState.Provided, secret);
            case ScalarNode plain:
                ctx.Error(path, "is stored in plain text, so anyone who can read the stack file can post as the Slack app", $"run `pulumi config rm {path} --stack {stack}`, revoke the token in Slack (OAuth & Permissions), then run: {set}", plain);
                return SlackBotToken.Missing;
            default:
                ctx.Error(path, $"must be one secret token, not {node.Shape}", $"run: {set}", node);
                return SlackBotToken.Missing;
        }
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
