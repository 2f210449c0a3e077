using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// The prod stack in Slack app mode on loopback: the Web API stand-in, the CONNECT proxy answering TLS for slack.com
/// with a test CA, and the rendered configuration (timings shortened; the proxy and CA added, as only a local
/// rendering does) with the bot token in its file. Disposing stops the stand-in and the proxy and deletes the files.
/// </summary>
internal sealed class AppModeStack : IAsyncDisposable
{
    public const string Token = "xoxb-1000-2000-appmodetests";

    private readonly DirectoryInfo _directory;

    private AppModeStack(StackSettings settings, SlackStandIn slack, SlackApiProxy proxy, DirectoryInfo directory, StandInConfiguration local)
    {
        Settings = settings;
        Slack = slack;
        Proxy = proxy;
        _directory = directory;
        ConfigFile = local.ConfigFile;
        SecretsDirectory = local.WebhookDirectory;
    }

    public StackSettings Settings { get; }

    public SlackStandIn Slack { get; }

    public SlackApiProxy Proxy { get; }

    public string ConfigFile { get; }

    public string SecretsDirectory { get; }

    public TimeSpan GroupWait => Settings.Routing.GroupWait.Value;

    public TimeSpan GroupInterval => Settings.Routing.GroupInterval.Value;

    /// <summary>The channel of a role, e.g. <c>#ml-alerts-critical</c>.</summary>
    public string Channel(ChannelRole role) => Settings.Slack.Channels[role];

    /// <summary>Renders the prod stack (Pulumi.prod.yaml) in app mode with the given timings; the stand-in accepts <see cref="Token"/>.</summary>
    public static async Task<AppModeStack> StartAsync(string groupWait, string groupInterval, SlackStandInOptions? options = null, string token = Token)
    {
        var prod = SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, "prod"));
        var settings = StandInConfiguration.InAppMode(StandInConfiguration.WithTimings(prod, groupWait, groupInterval));
        var slack = await SlackStandIn.StartAsync((options ?? new SlackStandInOptions()) with
        {
            WebApi = (options?.WebApi ?? new SlackWebApiOptions()) with { BotTokens = [Token] },
        });
        var proxy = await SlackApiProxy.StartAsync(slack);
        var directory = Directory.CreateTempSubdirectory("mlops-app-mode-");
        var local = await StandInConfiguration.WriteAsync(settings, slack, directory.FullName, CancellationToken.None, proxy, token);
        return new AppModeStack(settings, slack, proxy, directory, local);
    }

    /// <summary>Replaces the token file in one step, as a Secret update does.</summary>
    public void RotateToken(string token) => StandInConfiguration.RotateBotToken(SecretsDirectory, token);

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Slack.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
