using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// The prod stack's Alertmanager configuration, rendered into a temporary directory with its routing
/// timings shortened, and its three webhook files (all, critical, warning) pointing at a Slack stand-in.
/// The directory is deleted on dispose.
/// </summary>
internal sealed class RenderedProdStack : IDisposable
{
    private readonly DirectoryInfo _directory;

    private RenderedProdStack(StackSettings settings, DirectoryInfo directory, string configFile)
    {
        Settings = settings;
        _directory = directory;
        ConfigFile = configFile;
    }

    /// <summary>The settings rendered: the prod stack's, with the shortened timings.</summary>
    public StackSettings Settings { get; }

    /// <summary>The rendered <c>alertmanager.yml</c>.</summary>
    public string ConfigFile { get; }

    public TimeSpan GroupWait => Settings.Routing.GroupWait.Value;

    public TimeSpan GroupInterval => Settings.Routing.GroupInterval.Value;

    /// <summary>Renders the prod stack (read from Pulumi.prod.yaml) with <paramref name="groupWait"/> and <paramref name="groupInterval"/>.</summary>
    public static async Task<RenderedProdStack> WriteAsync(SlackStandIn slack, string groupWait, string groupInterval)
    {
        var prod = SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, "prod"));
        var settings = prod with
        {
            Routing = prod.Routing with
            {
                GroupWait = AlertmanagerDuration.Parse(groupWait),
                GroupInterval = AlertmanagerDuration.Parse(groupInterval),
            },
        };
        var directory = Directory.CreateTempSubdirectory("mlops-resilience-");
        var webhooks = directory.CreateSubdirectory("slack");
        foreach (var role in ChannelRoles.Every)
        {
            await File.WriteAllTextAsync(Path.Combine(webhooks.FullName, role.Key()), slack.WebhookUrl(role.Key()).ToString());
        }

        var configDirectory = Path.Combine(directory.FullName, "config");
        AlertmanagerConfigRenderer.Render(settings, webhooks.FullName).WriteTo(configDirectory);
        return new RenderedProdStack(settings, directory, Path.Combine(configDirectory, ConfigLayout.ConfigFileName));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
