using System.Globalization;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// The prod stack as <see cref="Core.Rendering.AlertmanagerConfigRenderer"/> renders it, with one webhook file per
/// channel, every timing divided by <see cref="Scale"/> (group_wait 30s → 3s, the warning channel's group_interval
/// 5m → 30s; the all and critical channels keep their group_interval equal to their group_wait), on one replica or on
/// a three-replica cluster with the prod peer timeout divided likewise.
/// </summary>
internal static class OurConfiguration
{
    /// <summary>Prod durations are divided by this, so a run takes seconds; the README states what each number means in prod.</summary>
    public const int Scale = 10;

    public static StormConfiguration Create(string repositoryRoot, int replicas = 1)
    {
        var prod = SettingsBinder.Bind(StackFileReader.Read(repositoryRoot, "prod"));
        var settings = StandInConfiguration.WithTimings(prod, Scaled(prod.Routing.GroupWait), Scaled(prod.Routing.GroupInterval));
        var routing = settings.Routing;
        var critical = routing.TimingOf(ChannelRole.Critical);
        var warning = routing.TimingOf(ChannelRole.Warning);
        var peerTimeout = ClusterTiming.PeerTimeout.Value / Scale;
        var cluster = replicas > 1 ? string.Create(CultureInfo.InvariantCulture, $", {replicas} clustered replicas with peer timeout {peerTimeout.TotalSeconds:0.0#}s (prod: {ClusterTiming.PeerTimeout})") : ", one replica";
        return new StormConfiguration(
            replicas > 1 ? $"ours ×{replicas}" : "ours",
            $"Pulumi.prod.yaml rendered by AlertmanagerConfigRenderer, three webhooks (all, critical, warning); group_by [{string.Join(", ", routing.GroupBy)}]; prod timings / {Scale}: "
                + $"group_wait {critical.GroupWait} (prod {prod.Routing.TimingOf(ChannelRole.Critical).GroupWait}), all and critical group_interval {critical.GroupInterval} (prod {prod.Routing.TimingOf(ChannelRole.Critical).GroupInterval}), "
                + $"warning group_interval {warning.GroupInterval} (prod {prod.Routing.TimingOf(ChannelRole.Warning).GroupInterval}){cluster}",
            critical.GroupWait.Value,
            (slack, directory) => WriteAsync(settings, slack, directory),
            critical.GroupInterval.Value,
            replicas,
            peerTimeout);
    }

    private static string Scaled(AlertmanagerDuration prod)
    {
        var milliseconds = (long)prod.Value.TotalMilliseconds / Scale;
        return milliseconds % 1000 == 0
            ? (milliseconds / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    /// <summary>
    /// The same in Slack app mode: one bot token, https://slack.com/api/chat.postMessage with update_message, reached
    /// through the loopback proxy of the stand-in's Web API (which allows one new message per second per channel).
    /// </summary>
    public static StormConfiguration CreateAppMode(string repositoryRoot)
    {
        var ours = Create(repositoryRoot);
        var prod = SettingsBinder.Bind(StackFileReader.Read(repositoryRoot, "prod"));
        var settings = StandInConfiguration.InAppMode(StandInConfiguration.WithTimings(prod, Scaled(prod.Routing.GroupWait), Scaled(prod.Routing.GroupInterval)));
        return ours with
        {
            Name = "ours, app mode",
            Description = "the same timings in Slack app mode: one bot token through chat.postMessage with update_message (later notifications of a group edit its message; edits count as messages here)",
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
