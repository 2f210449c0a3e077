using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// The prod stack as <see cref="AlertmanagerConfigRenderer"/> renders it, with one webhook file per channel, and
/// group_wait and group_interval set to the guide's 10s so that both run on the same clock.
/// </summary>
internal static class OurConfiguration
{
    public static StormConfiguration Create(string repositoryRoot)
    {
        var prod = SettingsBinder.Bind(StackFileReader.Read(repositoryRoot, "prod"));
        var settings = StandInConfiguration.WithTimings(prod, "10s", "10s");
        var routing = settings.Routing;
        return new StormConfiguration(
            "ours",
            $"Pulumi.prod.yaml rendered by AlertmanagerConfigRenderer, three webhooks (all, critical, warning); group_by [{string.Join(", ", routing.GroupBy)}], "
                + $"group_wait {routing.GroupWait} (prod: {prod.Routing.GroupWait}), group_interval {routing.GroupInterval} (prod: {prod.Routing.GroupInterval}), repeat_interval {routing.RepeatInterval}",
            routing.GroupWait.Value,
            (slack, directory) => WriteAsync(settings, slack, directory));
    }

    /// <summary>
    /// The same in Slack app mode: one bot token, https://slack.com/api/chat.postMessage with update_message, reached
    /// through the loopback proxy of the stand-in's Web API (which allows one new message per second per channel).
    /// </summary>
    public static StormConfiguration CreateAppMode(string repositoryRoot)
    {
        var ours = Create(repositoryRoot);
        var prod = SettingsBinder.Bind(StackFileReader.Read(repositoryRoot, "prod"));
        var settings = StandInConfiguration.InAppMode(StandInConfiguration.WithTimings(prod, "10s", "10s"));
        return ours with
        {
            Name = "ours, app mode",
            Description = "the same in Slack app mode: one bot token through chat.postMessage with update_message (later notifications of a group edit its message; edits count as messages here)",
            Write = async (slack, directory) =>
            {
                slack.SetBotTokens(StandInConfiguration.LocalBotToken);
                var proxy = await SlackApiProxy.StartAsync(slack);
                return (await StandInConfiguration.WriteAsync(settings, slack, directory, CancellationToken.None, proxy)).ConfigFile;
            },
        };
    }

    private static async Task<string> WriteAsync(StackSettings settings, SlackStandIn slack, string directory) =>
        (await StandInConfiguration.WriteAsync(settings, slack, directory)).ConfigFile;
}
