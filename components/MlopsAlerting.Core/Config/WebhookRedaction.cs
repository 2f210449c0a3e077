using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>Masks Slack webhook URLs in text that a user, a log or CI may see.</summary>
public static partial class WebhookRedaction
{
    public const string Mask = "https://hooks.slack.com/[redacted]";

    [GeneratedRegex("https?://hooks\\.slack\\.com/[^\\s'\"`]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WebhookPattern();

    public static string Redact(string text) => WebhookPattern().Replace(text, Mask);
}
