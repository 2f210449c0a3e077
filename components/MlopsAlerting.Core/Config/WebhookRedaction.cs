using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>Masks Slack webhook URLs and Slack tokens (<c>xoxb-</c>, <c>xoxp-</c>, ...) in text that a user, a log or CI may see.</summary>
public static partial class WebhookRedaction
{
    public const string Mask = "https://hooks.slack.com/[redacted]";

    [GeneratedRegex("https?://hooks\\.slack\\.com/[^\\s'\"`]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WebhookPattern();

    public const string TokenMask = "xox?-[redacted]";

    [GeneratedRegex("xox[a-z]-[A-Za-z0-9-]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public static string Redact(string text) => TokenPattern().Replace(WebhookPattern().Replace(text, Mask), TokenMask);
}
