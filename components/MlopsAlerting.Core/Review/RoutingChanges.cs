using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The "Routing" part of <see cref="StackChanges"/>: which alert kinds of <see cref="RoutingTable"/> reach other channels
/// than before, and a warning for each channel renamed without a new webhook.
/// </summary>
internal static class RoutingChanges
{
    /// <summary>The table of alerts whose channels changed, then one warning per renamed channel; empty when nothing changed.</summary>
    public static List<string> Lines(StackSettings before, StackSettings after)
    {
        var lines = new List<string>();
        foreach (var (was, now) in RoutingTable.Compute(before).Zip(RoutingTable.Compute(after)))
        {
            if (!was.Channels.SequenceEqual(now.Channels))
            {
                lines.Add($"| {now.Alert} | {string.Join(", ", was.Channels)} | {string.Join(", ", now.Channels)} |");
            }
        }

        if (lines.Count > 0)
        {
            lines = ["| alert | reached before | reaches now |", "|---|---|---|", .. lines];
        }

        // A Slack app's webhook posts only to the channel it was created for: renaming the channel is not enough.
        foreach (var role in ChannelRoles.Every.Where(r => before.Slack.Channels[r] != after.Slack.Channels[r]))
        {
            lines.Add(string.Empty);
            lines.Add($"{DeployNotes.Warning} `slackWebhooks.{role.Key()}` must be a webhook created for {after.Slack.Channels[role]}: a Slack app's webhook posts only to the channel it was created for, so with the old one these alerts keep arriving in {before.Slack.Channels[role]}. Set the new one with `{SlackWebhooks.SetCommand(role, after.Stack)}`.");
        }

        return lines;
    }
}
