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
        var settings = prod with
        {
            Routing = prod.Routing with { GroupWait = AlertmanagerDuration.Parse("10s"), GroupInterval = AlertmanagerDuration.Parse("10s") },
        };
        var routing = settings.Routing;
        return new StormConfiguration(
            "ours",
            $"Pulumi.prod.yaml rendered by AlertmanagerConfigRenderer, three webhooks (all, critical, warning); group_by [{string.Join(", ", routing.GroupBy)}], "
                + $"group_wait {routing.GroupWait} (prod: {prod.Routing.GroupWait}), group_interval {routing.GroupInterval} (prod: {prod.Routing.GroupInterval}), repeat_interval {routing.RepeatInterval}",
            routing.GroupWait.Value,
            (slack, directory) => WriteAsync(settings, slack, directory));
    }

    private static async Task<string> WriteAsync(StackSettings settings, SlackStandIn slack, string directory)
    {
        var webhooks = Directory.CreateDirectory(Path.Combine(directory, "slack"));
        foreach (var role in ChannelRoles.Every)
        {
            await File.WriteAllTextAsync(Path.Combine(webhooks.FullName, role.Key()), slack.WebhookUrl(role.Key()).ToString());
        }

        var configDirectory = Path.Combine(directory, "config");
        AlertmanagerConfigRenderer.Render(settings, webhooks.FullName).WriteTo(configDirectory);
        return Path.Combine(configDirectory, ConfigLayout.ConfigFileName);
    }
}
