using System.Globalization;
using System.Text;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Review;

/// <summary>A Slack request printed the way its channel would show it.</summary>
internal static class SlackMessageText
{
    public static string Render(SlackRequest request, string channel)
    {
        var text = new StringBuilder();
        var how = request.ApiMethod is null ? $"webhook '{request.WebhookName}'" : $"{request.ApiMethod}, ts {request.Ts}";
        text.AppendLine(CultureInfo.InvariantCulture, $"   ┌ {channel} ({how}, +{request.Elapsed.TotalSeconds:0.0}s)");
        foreach (var attachment in request.Message?.Attachments ?? [])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   │ {attachment.Title}    [{attachment.Color}]");
            foreach (var line in (attachment.Text ?? string.Empty).Split('\n'))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   │ {line}");
            }

            var fields = attachment.Fields.Where(f => !string.IsNullOrEmpty(f.Title) || !string.IsNullOrEmpty(f.Value)).ToList();
            if (fields.Count > 0)
            {
                text.AppendLine("   │ " + string.Join("   ", fields.Select(f => $"{f.Title}: {f.Value}")));
            }

            // One button a line: the View in Grafana link is the dashboard at the alert (its models, from an hour before it started).
            foreach (var action in attachment.Actions)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   │ [{action.Text}] {action.Url}");
            }
        }

        return text.Append("   └").AppendLine().ToString();
    }
}
