using System.Text.RegularExpressions;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>Which models a delivered Slack message names, read from what a person sees: title, text and field values.</summary>
internal static class SlackMessageModels
{
    public static bool Names(SlackRequest request, string model)
    {
        var visible = string.Join(
            '\n',
            request.Message?.Attachments.SelectMany(a => new[] { a.Title, a.Text }.Concat(a.Fields.Select(f => f.Value))) ?? []);
        return Regex.IsMatch(visible, $"(?<![\\w-]){Regex.Escape(model)}(?![\\w-])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The delivered messages on <paramref name="webhook"/> that name <paramref name="model"/>.</summary>
    public static IReadOnlyList<SlackRequest> Naming(IEnumerable<SlackRequest> delivered, string webhook, string model) =>
        delivered.Where(r => r.WebhookName == webhook && Names(r, model)).ToArray();
}
