using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Review;

/// <summary>The review's words for what the Alertmanager image can do, shown beside the image.</summary>
public static class ImageCapabilities
{
    /// <summary>E.g. "Alertmanager 0.26.0 (declared by `alertmanager.imageVersion`): no receiver names in metrics (needs 0.27); ...".</summary>
    public static string Text(AlertmanagerCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var features = new[]
        {
            Feature(capabilities.ReceiverNameInMetrics, "receiver names in metrics", AlertmanagerCapabilities.ReceiverNameInMetricsSince),
            Feature(capabilities.DispatchStartDelay, "`--dispatch.start-delay`", AlertmanagerCapabilities.DispatchStartDelaySince),
            Feature(capabilities.HeartbeatUrlFile, "`heartbeatUrl`", AlertmanagerCapabilities.HeartbeatUrlFileSince),
            Feature(capabilities.SlackAppMode, "`slack.mode: app`", AlertmanagerCapabilities.SlackAppModeSince),
        };
        return $"Alertmanager {capabilities.VersionText} ({capabilities.Source}): {string.Join("; ", features)}";
    }

    private static string Feature(bool has, string name, Version since) => has ? name : $"no {name} (needs {since})";
}
