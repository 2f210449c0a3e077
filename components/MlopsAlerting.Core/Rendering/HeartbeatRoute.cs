using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// The route and receiver of the always-firing <see cref="HeartbeatRule"/>, present only when <c>heartbeatUrl</c> is set.
/// The route is the root's first child and does not continue: the all channel's route below matches every alert, so the
/// heartbeat must be taken before it, and it then never reaches Slack. Inhibition targets only
/// <c>severity="warning"</c>, so a firing critical never mutes the heartbeat.
/// </summary>
public static class HeartbeatRoute
{
    /// <summary>The receiver's name.</summary>
    public const string Receiver = "heartbeat";

    /// <summary>The heartbeat's route, or nothing without a heartbeat URL.</summary>
    public static IEnumerable<RouteConfig> Routes(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.HeartbeatUrl.IsSet)
        {
            yield break;
        }

        yield return new RouteConfig(
            Receiver,
            Matchers: [$"alertname=\"{HeartbeatRule.AlertName}\"", $"severity=\"{HeartbeatRule.Severity}\""],
            GroupBy: ["alertname"],
            GroupWait: Text(HeartbeatTiming.GroupWait(settings)),
            GroupInterval: settings.Heartbeat.Interval.Text,
            RepeatInterval: Text(HeartbeatTiming.RepeatInterval(settings)));
    }

    /// <summary>The heartbeat's receiver: the URL is read from the mounted Secret on every ping; a resolved heartbeat is never sent.</summary>
    public static IEnumerable<ReceiverConfig> Receivers(StackSettings settings, string webhookDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(webhookDirectory);
        if (!settings.HeartbeatUrl.IsSet)
        {
            yield break;
        }

        yield return new ReceiverConfig(Receiver, [], [new WebhookConfig($"{webhookDirectory.TrimEnd('/')}/{HeartbeatUrl.FileName}", SendResolved: false)]);
    }

    /// <summary>A whole number of seconds as Alertmanager reads it.</summary>
    public static string Text(TimeSpan value) => $"{(long)Math.Ceiling(value.TotalSeconds)}s";
}
