using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// The guide's alertmanager.yml (alerting-guide.md, step 3), verbatim but for <c>slack_api_url</c>, which points at one
/// stand-in webhook: the guide gives one webhook to all three receivers and tells them apart only by <c>channel</c>.
/// </summary>
internal static class GuideConfiguration
{
    public const string Webhook = "shared";
    private const string Placeholder = "<slack_webhook_url>";

    public static StormConfiguration Create() => new(
        "guide",
        "alerting-guide.md step 3 verbatim, `slack_api_url` = one stand-in webhook for all three receivers; group_by [alertname, severity], group_wait 10s, group_interval 10s, repeat_interval 12h",
        TimeSpan.FromSeconds(10),
        WriteAsync,
        TimeSpan.FromSeconds(10));

    private static async Task<string> WriteAsync(SlackStandIn slack, string directory)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "guide-alertmanager.yml"));
        if (!template.Contains(Placeholder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"guide-alertmanager.yml no longer holds the guide's placeholder {Placeholder}");
        }

        var path = Path.Combine(directory, "alertmanager.yml");
        await File.WriteAllTextAsync(path, template.Replace(Placeholder, slack.WebhookUrl(Webhook).ToString(), StringComparison.Ordinal));
        return path;
    }
}
