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

    private static async Task<string> WriteAsync(StackSettings settings, SlackStandIn slack, string directory) =>
        (await StandInConfiguration.WriteAsync(settings, slack, directory)).ConfigFile;
}
