using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A stack's configuration directory for a local Alertmanager: one webhook file per channel role
/// pointing at the Slack stand-in (what the mounted Secret holds in the pod), and the rendered
/// files reading them. Used by <c>review --try</c>, the tests and the storm benchmark.
/// </summary>
/// <param name="ConfigFile">The rendered <c>alertmanager.yml</c>.</param>
/// <param name="WebhookDirectory">The folder of the webhook files, one per role.</param>
public sealed record StandInConfiguration(string ConfigFile, string WebhookDirectory)
{
    /// <summary>The bot token local runs in app mode write into the token file (and the stand-in accepts) unless told another.</summary>
    public const string LocalBotToken = "xoxb-local-run-0000-standin";

    /// <summary>
    /// Writes the secret files into <c>DIR/secrets</c> and the rendered configuration into <c>DIR/config</c>. Webhook
    /// mode: one webhook file per role pointing at the stand-in. App mode (<paramref name="webApi"/> required): the bot
    /// token file, and the configuration reaches <c>https://slack.com/api/chat.postMessage</c> through the proxy.
    /// </summary>
    public static async Task<StandInConfiguration> WriteAsync(
        StackSettings settings,
        SlackStandIn slack,
        string directory,
        CancellationToken cancellationToken = default,
        SlackApiProxy? webApi = null,
        string botToken = LocalBotToken,
        Uri? heartbeat = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var secrets = Path.Combine(directory, "secrets");
        LocalSlackApi? local = null;
        if (settings.Slack.Mode == SlackMode.App)
        {
            ArgumentNullException.ThrowIfNull(webApi);
            Directory.CreateDirectory(secrets);
            await File.WriteAllTextAsync(Path.Combine(secrets, SlackBotToken.FileName), botToken, cancellationToken);
            local = new LocalSlackApi(webApi.ProxyUrl, webApi.CaFile);
        }
        else
        {
            await WriteWebhooksAsync(slack, secrets, cancellationToken);
        }

        // The heartbeat URL sits beside the webhooks, as in the mounted Secret; without a stand-in the settings' heartbeat
        // would post to nowhere, so a stack with one needs it.
        if (settings.HeartbeatUrl.IsSet)
        {
            ArgumentNullException.ThrowIfNull(heartbeat);
            Directory.CreateDirectory(secrets);
            await File.WriteAllTextAsync(Path.Combine(secrets, HeartbeatUrl.FileName), heartbeat.ToString(), cancellationToken);
        }

        var configDirectory = Path.Combine(directory, "config");
        AlertmanagerConfigRenderer.Render(settings, secrets, local).WriteTo(configDirectory);
        return new StandInConfiguration(Path.Combine(configDirectory, ConfigLayout.ConfigFileName), secrets);
    }

    /// <summary>Replaces the bot token file in one step, as a Secret update does (Alertmanager reads it on every notification).</summary>
    public static void RotateBotToken(string secretsDirectory, string botToken)
    {
        var target = Path.Combine(secretsDirectory, SlackBotToken.FileName);
        var next = target + ".next";
        File.WriteAllText(next, botToken);
        File.Move(next, target, overwrite: true);
    }

    /// <summary>The settings in app mode (a Slack app's bot token for every channel), keeping everything else.</summary>
    public static StackSettings InAppMode(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Slack = settings.Slack with { Mode = SlackMode.App } };
    }

    /// <summary>Writes one file per role into <paramref name="directory"/>, each holding the stand-in URL of that role's webhook.</summary>
    public static async Task WriteWebhooksAsync(SlackStandIn slack, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slack);
        Directory.CreateDirectory(directory);
        foreach (var role in ChannelRoles.Every)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, role.Key()), slack.WebhookUrl(role.Key()).ToString(), cancellationToken);
        }
    }

    /// <summary>The settings with a shorter group_wait and group_interval, so a local run takes seconds.</summary>
    public static StackSettings WithTimings(StackSettings settings, string groupWait, string groupInterval)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            Routing = settings.Routing with
            {
                GroupWait = AlertmanagerDuration.Parse(groupWait),
                GroupInterval = AlertmanagerDuration.Parse(groupInterval),
            },
        };
    }
}
