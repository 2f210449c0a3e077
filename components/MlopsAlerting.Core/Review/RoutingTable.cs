using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>Which label sets reach which channels, computed from the rendered route tree.</summary>
public static class RoutingTable
{
    /// <summary>The alert kinds the review shows: each severity the routes know, another one, and none.</summary>
    public static readonly IReadOnlyList<(string Alert, IReadOnlyDictionary<string, string> Labels)> Samples =
    [
        ("critical model alert", new Dictionary<string, string> { ["alertname"] = "ModelPerformanceDegraded", ["severity"] = "critical", ["model_name"] = "california-housing" }),
        ("warning model alert", new Dictionary<string, string> { ["alertname"] = "ModelPerformanceDegraded", ["severity"] = "warning", ["model_name"] = "california-housing" }),
        ("the guide's test alert", new Dictionary<string, string> { ["alertname"] = "TestAlert", ["severity"] = "warning", ["model_name"] = "california-housing" }),
        ("info alert", new Dictionary<string, string> { ["alertname"] = "ModelRetrained", ["severity"] = "info", ["model_name"] = "california-housing" }),
        ("alert without severity", new Dictionary<string, string> { ["alertname"] = "Watchdog" }),
    ];

    public static IReadOnlyList<RoutingRow> Compute(StackSettings settings)
    {
        var config = AlertmanagerConfigBuilder.Build(settings, ConfigLayout.WebhookDirectory);
        var channelOf = ChannelRoles.Every.ToDictionary(r => r.Receiver(), r => settings.Slack.Channels[r]);
        return Samples
            .Select(s =>
            {
                var receivers = RouteEvaluator.Receivers(config.Route, s.Labels);
                return new RoutingRow(s.Alert, s.Labels, receivers, receivers.Select(r => channelOf[r]).ToList());
            })
            .ToList();
    }
}
