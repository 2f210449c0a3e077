using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>slackWebhooks</c>: each role's webhook must be a secret, since whoever reads it can post to the channel.</summary>
internal static class SlackWebhooksBinder
{
    public static SlackWebhooks Bind(BindingContext ctx, ConfigNode? node, string stack)
    {
        var byRole = ChannelRoles.Every.ToDictionary(r => r, r => new SlackWebhook(r, WebhookState.Missing, null));
        switch (node)
        {
            case null:
                return new SlackWebhooks(byRole);
            case SecretNode { Value: null }:
                // The whole object was set as one encrypted value; its roles are unknown until Pulumi decrypts it.
                return new SlackWebhooks(ChannelRoles.Every.ToDictionary(r => r, r => new SlackWebhook(r, WebhookState.Encrypted, null)));
            case MapNode map:
                foreach (var role in ChannelRoles.Every)
                {
                    var path = $"slackWebhooks.{role.Key()}";
                    var set = SlackWebhooks.SetCommand(role, stack);
                    switch (map[role.Key()])
                    {
                        case null:
                            break;
                        case SecretNode { Value: null } encrypted:
                            byRole[role] = new SlackWebhook(role, WebhookState.Encrypted, null);
                            break;
                        case SecretNode { Value.IsPending: true, Value: var pending }:
                            // Known when the program deploys; SettingsBinder.PendingSecretProblem checks it then.
                            byRole[role] = new SlackWebhook(role, WebhookState.Provided, pending);
                            break;
                        case SecretNode { Value: { } secret } provided:
                            if (Problem(secret.Reveal()) is { } problem)
                            {
                                ctx.Error(path, problem, $"copy the Incoming Webhook URL of the Slack app for this channel and run: {set}", provided);
                            }
                            else
                            {
                                byRole[role] = new SlackWebhook(role, WebhookState.Provided, secret);
                            }

                            break;
                        case ScalarNode plain:
                            ctx.Error(path, "is stored in plain text, so anyone who can read the stack file can post to the channel", $"run `pulumi config rm --path {path} --stack {stack}`, rotate the webhook in Slack, then run: {set}", plain);
                            break;
                        case var other:
                            ctx.Error(path, $"must be one secret URL, not {other.Shape}", $"run: {set}", other);
                            break;
                    }
                }

                return new SlackWebhooks(byRole);
            case ScalarNode plain:
                ctx.Error("slackWebhooks", "is stored in plain text", $"run `pulumi config rm slackWebhooks --stack {stack}`, then set each role as a secret: pulumi config set --secret --path slackWebhooks.<all|critical|warning> 'https://hooks.slack.com/services/...' --stack {stack}", plain);
                return new SlackWebhooks(byRole);
            default:
                ctx.Error("slackWebhooks", $"must be a map of the roles all, critical and warning, not {node.Shape}", $"set each role: pulumi config set --secret --path slackWebhooks.<role> 'https://hooks.slack.com/services/...' --stack {stack}", node);
                return new SlackWebhooks(byRole);
        }
    }

    /// <inheritdoc cref="SettingsBinder.WebhookProblem"/>
    public static string? Problem(string url)
    {
        if (!url.StartsWith(SettingsBinder.SlackWebhookPrefix, StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.AbsolutePath.Length <= 1)
        {
            return "is not a Slack webhook URL (it must start with https://hooks.slack.com/); the value is not shown because it is secret";
        }

        return url.Any(char.IsWhiteSpace) ? "contains spaces; the value is not shown because it is secret" : null;
    }
}
