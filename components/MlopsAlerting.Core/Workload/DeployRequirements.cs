using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// What a deployment needs beyond valid settings. A review may show a stack with webhooks still
/// missing; <c>pulumi up</c> (and <c>pulumi preview</c>, for one predictable behaviour) may not,
/// because a Secret without a role's file leaves that channel silent.
/// </summary>
public static class DeployRequirements
{
    /// <summary>One error per role whose webhook is not set, each naming the exact command that sets it.</summary>
    public static IReadOnlyList<SettingsError> Check(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = StackConfig.FileNameOf(settings.Stack);
        var heartbeat = settings.HeartbeatUrl.State == WebhookState.Encrypted
            ? new[] { new SettingsError(file, HeartbeatUrl.Key, "is encrypted and was not decrypted by Pulumi", $"run: {HeartbeatUrl.SetCommand(settings.Stack)}") }
            : [];
        return [.. heartbeat, .. SlackRequirements(settings, file)];
    }

    private static IReadOnlyList<SettingsError> SlackRequirements(StackSettings settings, string file)
    {
        if (settings.Slack.Mode == SlackMode.App)
        {
            var token = settings.SlackBotToken;
            return token.State == WebhookState.Provided
                ? []
                : [new SettingsError(
                    file,
                    SlackBotToken.Key,
                    token.State == WebhookState.Missing
                        ? "is not set, so Alertmanager could post to no channel (slack.mode is app)"
                        : "is encrypted and was not decrypted by Pulumi",
                    $"run: {SlackBotToken.SetCommand(settings.Stack)}")];
        }

        return settings.SlackWebhooks.ByRole.Values
            .Where(w => w.State != WebhookState.Provided)
            .OrderBy(w => w.Role)
            .Select(w => new SettingsError(
                file,
                $"slackWebhooks.{w.Role.Key()}",
                w.State == WebhookState.Missing
                    ? $"is not set, so Alertmanager would have no webhook for {settings.Slack.Channels[w.Role]}"
                    : "is encrypted and was not decrypted by Pulumi",
                $"run: {SlackWebhooks.SetCommand(w.Role, settings.Stack)}"))
            .ToList();
    }
}
