using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>How a role's webhook stands in the stack's configuration.</summary>
public enum WebhookState
{
    /// <summary>Not set: <c>pulumi up</c> cannot create the Secret until it is.</summary>
    Missing,

    /// <summary>Set as a secret; read from a stack file, where its value is encrypted and unknown here.</summary>
    Encrypted,

    /// <summary>
    /// Set as a secret and decrypted (the Pulumi engine gave its value), or given by the program as a value known when
    /// it deploys (a <see cref="SecretText.IsPending"/> secret, e.g. another resource's output, checked once known).
    /// </summary>
    Provided,
}

/// <summary>One role's webhook. <see cref="Value"/> is present only when <see cref="State"/> is <see cref="WebhookState.Provided"/>.</summary>
public sealed record SlackWebhook(ChannelRole Role, WebhookState State, SecretText? Value);

/// <summary>The webhooks of the three roles.</summary>
public sealed record SlackWebhooks(IReadOnlyDictionary<ChannelRole, SlackWebhook> ByRole)
{
    public IEnumerable<ChannelRole> Missing => ChannelRoles.Every.Where(r => ByRole[r].State == WebhookState.Missing);

    /// <summary>The exact command that sets a role's webhook.</summary>
    public static string SetCommand(ChannelRole role, string stack) =>
        $"pulumi config set --secret --path slackWebhooks.{role.Key()} 'https://hooks.slack.com/services/T.../B.../...' --stack {stack}";
}
