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
    /// <summary>Writes the webhook files into <c>DIR/secrets</c> and the rendered configuration into <c>DIR/config</c>.</summary>
    public static async Task<StandInConfiguration> WriteAsync(StackSettings settings, SlackStandIn slack, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var webhooks = Path.Combine(directory, "secrets");
        await WriteWebhooksAsync(slack, webhooks, cancellationToken);
        var configDirectory = Path.Combine(directory, "config");
        AlertmanagerConfigRenderer.Render(settings, webhooks).WriteTo(configDirectory);
        return new StandInConfiguration(Path.Combine(configDirectory, ConfigLayout.ConfigFileName), webhooks);
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
