using MlopsAlerting.Core.Config;
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

    /// <summary>The temporary directory the files are in (deleted on dispose).</summary>
    public string Folder => _directory.FullName;

    public TimeSpan GroupWait => Settings.Routing.GroupWait.Value;

    public TimeSpan GroupInterval => Settings.Routing.GroupInterval.Value;

    /// <summary>
    /// Renders the prod stack (read from Pulumi.prod.yaml) with <paramref name="groupWait"/> and <paramref name="groupInterval"/>.
    /// With <paramref name="channelDefaults"/> each channel keeps the prod stack's own per-channel timings (the all and
    /// critical channels' group_interval is their group_wait, the warning channel's is <paramref name="groupInterval"/>);
    /// without, every channel uses <paramref name="groupInterval"/>.
    /// </summary>
    public static async Task<RenderedProdStack> WriteAsync(SlackStandIn slack, string groupWait, string groupInterval, bool channelDefaults = false)
    {
        var prod = SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, "prod"));
        var settings = StandInConfiguration.WithTimings(prod, groupWait, groupInterval);
        if (!channelDefaults)
        {
            var same = new ChannelTimingOverrides(null, AlertmanagerDuration.Parse(groupInterval), null);
            settings = settings with { Routing = settings.Routing with { Channels = ChannelRoles.Every.ToDictionary(r => r, _ => same) } };
        }

        var directory = Directory.CreateTempSubdirectory("mlops-resilience-");
        var local = await StandInConfiguration.WriteAsync(settings, slack, directory.FullName);
        return new RenderedProdStack(settings, directory, local.ConfigFile);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
